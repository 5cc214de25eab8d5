package org.lvyue.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.lvyue.api.audit.AuditCount;
import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.audit.AuditLog;
import org.lvyue.api.audit.AuditQuery;
import org.lvyue.api.store.ConflictingFactException;

/** The SQL of the audit log ({@code audit_event}, migration V7), on a connection the store manages. */
final class AuditTable {
    private static final String COLUMNS = "id, at, user_name, address, action, resource, classified, request_id, system_name";

    private AuditTable() {
    }

    /** Inserts the new entries of a batch; an id stored with the same content is skipped, with other content refused. */
    static int append(Connection c, String contractId, List<AuditEvent> events, Instant now, Evidence evidence)
            throws SQLException {
        // compared and chained as the column gives them back, so a retry of sub-microsecond times is a duplicate
        events = events.stream().map(AuditTable::stored).toList();
        Savepoint savepoint = c.setSavepoint();
        try {
            insert(c, contractId, events, now, evidence);
            return events.size();
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
            c.rollback(savepoint);
        }
        // a retry or a reused id: look each one up
        Map<String, AuditEvent> stored = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_event WHERE contract_id = ? AND id = ?")) {
            for (AuditEvent e : events) {
                ps.setString(1, contractId);
                ps.setString(2, e.id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        stored.put(e.id(), event(rs));
                    }
                }
            }
        }
        List<AuditEvent> fresh = new ArrayList<>();
        List<Integer> conflictIndexes = new ArrayList<>();
        List<String> conflictIds = new ArrayList<>();
        Map<String, AuditEvent> seen = new HashMap<>(stored);
        for (int i = 0; i < events.size(); i++) {
            AuditEvent e = events.get(i);
            AuditEvent earlier = seen.putIfAbsent(e.id(), e);
            if (earlier == null) {
                fresh.add(e);
            } else if (!earlier.equals(e)) {
                conflictIndexes.add(i);
                conflictIds.add(e.id());
            }
        }
        if (!conflictIds.isEmpty()) {
            throw new ConflictingFactException(conflictIndexes, conflictIds);
        }
        insert(c, contractId, fresh, now, evidence);
        return fresh.size();
    }

    /**
     * Inserts the entries, each marked with the position of the evidence entry that covers them,
     * then that entry: its row digests in id order, the order verification reads them back in.
     */
    private static void insert(Connection c, String contractId, List<AuditEvent> events, Instant now, Evidence evidence)
            throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        List<AuditEvent> byId = new ArrayList<>(events);
        byId.sort(java.util.Comparator.comparing(AuditEvent::id));
        long position = evidence.nextPosition(c, contractId);
        ChainDigest digest = evidence.digest();
        byte[] rowDigests = new byte[byId.size() * ChainDigest.ROW_DIGEST_BYTES];
        int row = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_event (contract_id, " + COLUMNS
                + ", received_at, evidence_position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            OffsetDateTime received = now.atOffset(ZoneOffset.UTC);
            int pending = 0;
            for (AuditEvent e : byId) {
                ps.setString(1, contractId);
                ps.setString(2, e.id());
                ps.setTimestamp(3, Timestamp.valueOf(e.at()));
                ps.setString(4, e.user());
                ps.setString(5, e.address());
                ps.setString(6, e.action());
                ps.setString(7, e.resource());
                ps.setBoolean(8, e.classified());
                ps.setString(9, e.requestId());
                ps.setString(10, e.system());
                ps.setObject(11, received);
                ps.setLong(12, position);
                ps.addBatch();
                System.arraycopy(Evidence.auditRow(digest, stored(e), now), 0, rowDigests,
                        row++ * ChainDigest.ROW_DIGEST_BYTES, ChainDigest.ROW_DIGEST_BYTES);
                if (++pending == 1000) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        } catch (java.sql.BatchUpdateException e) {
            // H2 reports the duplicate key on the batch exception's cause
            SQLException cause = e.getNextException() != null ? e.getNextException() : e;
            if ("23505".equals(cause.getSQLState()) || String.valueOf(e.getMessage()).contains("23505")) {
                throw new SQLException(e.getMessage(), "23505", e);
            }
            throw e;
        }
        evidence.append(c, contractId, new Evidence.Draft(Evidence.Kind.AUDIT,
                byId.get(0).id() + " … " + byId.get(byId.size() - 1).id(), null, rowDigests), now);
    }

    /** The entry as the TIMESTAMP column gives it back: to the microsecond, rounded half up like H2. */
    static AuditEvent stored(AuditEvent e) {
        java.time.LocalDateTime at = e.at();
        if (at == null || at.getNano() % 1000 == 0) {
            return e;
        }
        java.time.LocalDateTime micros = at.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        if (at.getNano() % 1000 >= 500) {
            micros = micros.plusNanos(1000);
        }
        return new AuditEvent(e.id(), micros, e.user(), e.address(), e.action(), e.resource(), e.classified(),
                e.requestId(), e.system());
    }

    static List<AuditEvent> query(Connection c, String contractId, AuditQuery q) throws SQLException {
        Where w = where(contractId, q);
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_event" + w.sql
                + " ORDER BY at DESC, id DESC LIMIT ? OFFSET ?")) {
            int i = w.bind(ps);
            ps.setInt(i++, q.limit());
            ps.setInt(i, q.offset());
            try (ResultSet rs = ps.executeQuery()) {
                List<AuditEvent> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(event(rs));
                }
                return out;
            }
        }
    }

    static long count(Connection c, String contractId, AuditQuery q) throws SQLException {
        Where w = where(contractId, q);
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM audit_event" + w.sql)) {
            w.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static List<AuditCount> countBy(Connection c, String contractId, AuditQuery q, AuditLog.GroupBy by, int limit)
            throws SQLException {
        String key = switch (by) {
            case DAY -> "CAST(CAST(at AS DATE) AS VARCHAR)";
            case HOUR -> "LPAD(CAST(EXTRACT(HOUR FROM at) AS VARCHAR), 2, '0')";
            case USER -> "user_name";
            case ADDRESS -> "address";
            case RESOURCE -> "resource";
            case ACTION -> "action";
        };
        Where w = where(contractId, q);
        try (PreparedStatement ps = c.prepareStatement("SELECT " + key + " AS k, COUNT(*) AS n FROM audit_event" + w.sql
                + " GROUP BY k ORDER BY n DESC, k LIMIT ?")) {
            int i = w.bind(ps);
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<AuditCount> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new AuditCount(rs.getString(1), rs.getLong(2)));
                }
                return out;
            }
        }
    }

    /** Every entry of the contract in time order, streamed (a year is about a million). */
    static void forEach(Connection c, String contractId, Consumer<AuditEvent> sink) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_event WHERE contract_id = ? ORDER BY at, id")) {
            ps.setString(1, contractId);
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(event(rs));
                }
            }
        }
    }

    private static AuditEvent event(ResultSet rs) throws SQLException {
        return new AuditEvent(rs.getString(1), rs.getTimestamp(2).toLocalDateTime(), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getString(8), rs.getString(9));
    }

    private record Where(String sql, List<Object> values) {
        int bind(PreparedStatement ps) throws SQLException {
            int i = 1;
            for (Object v : values) {
                ps.setObject(i++, v);
            }
            return i;
        }
    }

    private static Where where(String contractId, AuditQuery q) {
        StringBuilder sql = new StringBuilder(" WHERE contract_id = ?");
        List<Object> values = new ArrayList<>();
        values.add(contractId);
        if (q.from() != null) {
            sql.append(" AND at >= ?");
            values.add(Timestamp.valueOf(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND at < ?");
            values.add(Timestamp.valueOf(q.to()));
        }
        if (q.user() != null) {
            sql.append(" AND user_name = ?");
            values.add(q.user());
        }
        if (q.address() != null) {
            if (q.address().endsWith(".")) {
                sql.append(" AND address LIKE ?");
                values.add(q.address().replace("%", "").replace("_", "") + "%");
            } else {
                sql.append(" AND address = ?");
                values.add(q.address());
            }
        }
        if (q.resource() != null) {
            sql.append(" AND resource = ?");
            values.add(q.resource());
        }
        if (q.action() != null) {
            sql.append(" AND action = ?");
            values.add(q.action());
        }
        if (q.classified() != null) {
            sql.append(" AND classified = ?");
            values.add(q.classified());
        }
        return new Where(sql.toString(), values);
    }
}
