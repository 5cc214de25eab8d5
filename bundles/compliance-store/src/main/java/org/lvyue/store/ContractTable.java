package org.lvyue.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.lvyue.api.store.StoredContract;

/** The contract definitions ({@code contract}, migration V1): one row per contract, its latest version. */
final class ContractTable implements StateTable<StoredContract> {
    /**
     * In the order {@link #bind} and {@link #read} take them; last the remainder of the chained time
     * (migration V12, see {@link Sql#micros(Instant)}).
     */
    static final Columns COLUMNS = Columns.of("id", "version", "definition", "stored_at", "stored_by", "stored_at_ns");
    private static final int STORED_AT_NS = COLUMNS.index("stored_at_ns");
    private static final Columns KEY = Columns.of("id");

    private final Dialect dialect;

    ContractTable(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Stores the definition, replacing the stored one unless that has a higher version, and appends
     * its entry to the contract's chain.
     *
     * @param now the time of the chain entry, and of the definition when it has none
     * @throws IllegalArgumentException when the stored version is higher
     */
    StoredContract save(Connection c, StoredContract contract, EvidenceTable chain, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM contract WHERE id = ? FOR UPDATE")) {
            ps.setString(1, contract.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getInt(1) > contract.version()) {
                    throw new IllegalArgumentException("contract " + contract.id() + ": version " + contract.version()
                            + " is older than the stored version " + rs.getInt(1) + " and does not replace it");
                }
            }
        }
        StoredContract stored = contract.storedAt() != null ? contract : new StoredContract(contract.id(),
                contract.version(), contract.definition(), now, contract.storedBy());
        try (PreparedStatement ps = c.prepareStatement(dialect.upsert("contract", COLUMNS, KEY))) {
            bind(ps, 1, stored);
            ps.executeUpdate();
        }
        chain.append(c, stored.id(), new EvidenceTable.Draft(kind(), stored.id(), digest(chain.digest(), stored), null), now);
        return stored;
    }

    List<StoredContract> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS.list() + " FROM contract ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            List<StoredContract> all = new ArrayList<>();
            while (rs.next()) {
                all.add(read(rs));
            }
            return all;
        }
    }

    java.util.Map<String, Integer> versions(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, version FROM contract ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            java.util.Map<String, Integer> versions = new java.util.TreeMap<>();
            while (rs.next()) {
                versions.put(rs.getString(1), rs.getInt(2));
            }
            return versions;
        }
    }

    Optional<StoredContract> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS.list() + " FROM contract WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    @Override
    public String name() {
        return "contract";
    }

    @Override
    public EvidenceTable.Kind kind() {
        return EvidenceTable.Kind.CONTRACT;
    }

    @Override
    public String key(StoredContract row) {
        return row.id();
    }

    /** {@inheritDoc} The contract's own row: its id is the contract's. */
    @Override
    public void forEach(Connection c, String contractId, Sql.RowSink<StoredContract> sink) throws SQLException {
        Optional<StoredContract> row = find(c, contractId);
        if (row.isPresent()) {
            sink.accept(row.get());
        }
    }

    @Override
    public String digest(ChainDigest d, StoredContract row) {
        return d.text("contract").text(row.id()).number(row.version()).text(row.definition()).instant(row.storedAt())
                .text(row.storedBy()).finishHex();
    }

    private static void bind(PreparedStatement ps, int i, StoredContract row) throws SQLException {
        ps.setString(i++, row.id());
        ps.setInt(i++, row.version());
        ps.setString(i++, row.definition());
        ps.setObject(i++, Sql.micros(row.storedAt()));
        ps.setString(i++, row.storedBy());
        ps.setObject(i, Sql.nanos(row.storedAt()), Types.SMALLINT);
    }

    private static StoredContract read(ResultSet rs) throws SQLException {
        int i = 1;
        return new StoredContract(rs.getString(i++), rs.getInt(i++), rs.getString(i++), Sql.instant(rs, i++, STORED_AT_NS),
                rs.getString(i));
    }
}
