package org.lvyue.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.lvyue.api.waiver.Waiver;

/**
 * The waivers ({@code waiver}, migration V3). A waiver is never deleted: withdrawing it records who,
 * when and why, and each state is an entry of the contract's chain.
 */
final class WaiverTable implements StateTable<Waiver> {
    /**
     * In the order of {@link Waiver}'s components, {@link #read} reads them; last the remainders of the
     * two chained times (migration V12, see {@link Sql#micros(Instant)}).
     */
    static final Columns COLUMNS = Columns.of("id", "contract_id", "target", "target_key", "justification",
            "expires_on", "created_by", "created_at", "withdrawn_by", "withdrawn_at", "withdraw_reason", "created_at_ns",
            "withdrawn_at_ns");
    private static final int CREATED_AT_NS = COLUMNS.index("created_at_ns");
    private static final int WITHDRAWN_AT_NS = COLUMNS.index("withdrawn_at_ns");
    /** What granting writes: the id is generated, the withdrawal comes later. */
    private static final Columns GRANTED = COLUMNS.without("id", "withdrawn_by", "withdrawn_at", "withdraw_reason",
            "withdrawn_at_ns");
    private static final Columns WITHDRAWN = Columns.of("withdrawn_by", "withdrawn_at", "withdraw_reason",
            "withdrawn_at_ns");

    private final Dialect dialect;

    WaiverTable(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Records a waiver and its entry in the contract's chain, recorded at {@code now}. */
    Waiver add(Connection c, String contractId, Waiver.Target target, String key, String justification,
               LocalDate expiresOn, String by, Instant at, EvidenceTable chain, Instant now) throws SQLException {
        long id;
        try (PreparedStatement ps = dialect.insertReturningKey(c, "INSERT INTO waiver (" + GRANTED.list() + ") VALUES ("
                + GRANTED.parameters() + ")", "id")) {
            int i = 1;
            ps.setString(i++, contractId);
            ps.setString(i++, target.name());
            ps.setString(i++, key);
            ps.setString(i++, justification);
            ps.setObject(i++, expiresOn);
            ps.setString(i++, by);
            ps.setObject(i++, Sql.micros(at));
            ps.setObject(i, Sql.nanos(at), Types.SMALLINT);
            ps.executeUpdate();
            id = Sql.generatedKey(ps);
        }
        Waiver w = new Waiver(id, contractId, target, key, justification, expiresOn, by, at, null, null, null);
        chained(c, w, chain, now);
        return w;
    }

    /**
     * Withdraws a waiver and appends its new state to the contract's chain.
     *
     * @return the withdrawn waiver, or empty when the contract has none with that id
     * @throws IllegalStateException when it was already withdrawn
     */
    Optional<Waiver> withdraw(Connection c, String contractId, long id, String by, String reason, Instant at,
                              EvidenceTable chain, Instant now) throws SQLException {
        Optional<Waiver> current = find(c, contractId, id);
        if (current.isEmpty()) {
            return current;
        }
        if (current.get().withdrawnAt() != null) {
            throw new IllegalStateException("waiver " + id + " was already withdrawn by "
                    + current.get().withdrawnBy() + " at " + current.get().withdrawnAt());
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE waiver SET " + WITHDRAWN.assignments()
                + " WHERE id = ? AND contract_id = ?")) {
            int i = 1;
            ps.setString(i++, by);
            ps.setObject(i++, Sql.micros(at));
            ps.setString(i++, reason);
            ps.setObject(i++, Sql.nanos(at), Types.SMALLINT);
            ps.setLong(i++, id);
            ps.setString(i, contractId);
            ps.executeUpdate();
        }
        Waiver after = find(c, contractId, id).orElseThrow();
        chained(c, after, chain, now);
        return Optional.of(after);
    }

    private void chained(Connection c, Waiver w, EvidenceTable chain, Instant now) throws SQLException {
        chain.append(c, w.contractId(), new EvidenceTable.Draft(kind(), key(w), digest(chain.digest(), w), null), now);
    }

    /** Every waiver of the contract, withdrawn ones included, newest first. */
    List<Waiver> all(Connection c, String contractId) throws SQLException {
        return list(c, contractId, " ORDER BY id DESC");
    }

    Optional<Waiver> find(Connection c, String contractId, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS.list() + " FROM waiver WHERE id = ? AND contract_id = ?")) {
            ps.setLong(1, id);
            ps.setString(2, contractId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** The keys of {@code target} with a waiver in force on {@code day}. */
    Set<String> keysInForce(Connection c, String contractId, Waiver.Target target, LocalDate day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT target_key FROM waiver WHERE contract_id = ?"
                + " AND target = ? AND withdrawn_at IS NULL AND (expires_on IS NULL OR expires_on >= ?)")) {
            ps.setString(1, contractId);
            ps.setString(2, target.name());
            ps.setObject(3, day);
            try (ResultSet rs = ps.executeQuery()) {
                Set<String> keys = new HashSet<>();
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
                return keys;
            }
        }
    }

    @Override
    public String name() {
        return "waiver";
    }

    @Override
    public EvidenceTable.Kind kind() {
        return EvidenceTable.Kind.WAIVER;
    }

    @Override
    public String key(Waiver row) {
        return Long.toString(row.id());
    }

    @Override
    public void forEach(Connection c, String contractId, Sql.RowSink<Waiver> sink) throws SQLException {
        for (Waiver w : list(c, contractId, " ORDER BY id")) {
            sink.accept(w);
        }
    }

    @Override
    public String digest(ChainDigest d, Waiver w) {
        return d.text("waiver").number(w.id()).text(w.target().name()).text(w.key()).text(w.justification())
                .time(w.expiresOn()).text(w.createdBy()).instant(w.createdAt()).text(w.withdrawnBy())
                .instant(w.withdrawnAt()).text(w.withdrawReason()).finishHex();
    }

    private List<Waiver> list(Connection c, String contractId, String order) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS.list() + " FROM waiver WHERE contract_id = ?" + order)) {
            ps.setString(1, contractId);
            try (ResultSet rs = ps.executeQuery()) {
                List<Waiver> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(read(rs));
                }
                return out;
            }
        }
    }

    private static Waiver read(ResultSet rs) throws SQLException {
        int i = 1;
        return new Waiver(rs.getLong(i++), rs.getString(i++), Waiver.Target.valueOf(rs.getString(i++)), rs.getString(i++),
                rs.getString(i++), rs.getObject(i++, LocalDate.class), rs.getString(i++), Sql.instant(rs, i++, CREATED_AT_NS),
                rs.getString(i++), Sql.instant(rs, i++, WITHDRAWN_AT_NS), rs.getString(i));
    }
}
