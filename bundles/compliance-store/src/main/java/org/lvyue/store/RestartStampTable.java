package org.lvyue.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.lvyue.api.store.RestartStamp;

/** The {@code restart_stamp} table (V19): one row per contract at most, written at a clean stop, taken at the next start. */
final class RestartStampTable {
    static final Columns COLUMNS = Columns.of("contract_id", "rule_set", "contract_version", "as_of", "facts", "audit_events",
            "stamped_at");
    private final Dialect dialect;

    RestartStampTable(Dialect dialect) {
        this.dialect = dialect;
    }

    void save(Connection c, String contractId, RestartStamp stamp) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect.upsert("restart_stamp", COLUMNS, Columns.of("contract_id")))) {
            ps.setString(1, contractId);
            ps.setString(2, stamp.ruleSet());
            ps.setInt(3, stamp.contractVersion());
            ps.setObject(4, stamp.asOf());
            ps.setLong(5, stamp.facts());
            ps.setLong(6, stamp.auditEvents());
            ps.setObject(7, Sql.timestamp(stamp.stampedAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS)));
            ps.executeUpdate();
        }
    }

    /** The contract's row, deleted in the same transaction. */
    Optional<RestartStamp> take(Connection c, String contractId) throws SQLException {
        Optional<RestartStamp> read;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS.list() + " FROM restart_stamp WHERE contract_id = ?")) {
            ps.setString(1, contractId);
            try (ResultSet rs = ps.executeQuery()) {
                read = rs.next() ? Optional.of(new RestartStamp(rs.getString(2), rs.getInt(3), rs.getObject(4, LocalDate.class),
                        rs.getLong(5), rs.getLong(6), rs.getObject(7, OffsetDateTime.class).toInstant())) : Optional.empty();
            }
        }
        if (read.isPresent()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM restart_stamp WHERE contract_id = ?")) {
                ps.setString(1, contractId);
                ps.executeUpdate();
            }
        }
        return read;
    }
}
