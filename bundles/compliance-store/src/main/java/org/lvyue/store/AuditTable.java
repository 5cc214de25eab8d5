package org.lvyue.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.lvyue.api.audit.AuditCount;
import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.audit.AuditLog;
import org.lvyue.api.audit.AuditQuery;
import org.lvyue.api.audit.AuditSelection;
import org.lvyue.api.store.ConflictingFactException;

/**
 * The business systems' audit log ({@code audit_event}, migrations V7, V9): about a million entries a
 * contract year. A batch has no row of its own: each entry carries the position of the evidence entry
 * that covers it.
 */
final class AuditTable {
    /** An entry with what the chain needs besides it: when it was received and the position of its evidence entry. */
    record Row(AuditEvent event, Instant receivedAt, Long evidencePosition) {
    }

    /** The entry's own columns, in the order of {@link AuditEvent}'s components and {@link #event}. */
    private static final Columns EVENT = Columns.of("id", "at", "user_name", "address", "action", "resource", "classified",
            "request_id", "system_name");
    /**
     * {@link #EVENT} and then what {@link Row} adds, in the order {@link #row} reads them; last the
     * remainder of the chained receipt time (migration V12, see {@link Sql#micros(Instant)}).
     */
    static final Columns COLUMNS = EVENT.and(Columns.of("received_at", "evidence_position", "received_at_ns"));
    private static final int RECEIVED_AT_NS = COLUMNS.index("received_at_ns");
    private static final int INSERT_CHUNK = 1000;

    private final Dialect dialect;

    AuditTable(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Inserts the new entries of a batch and their evidence entry; an id stored with the same content
     * is skipped, with other content the whole batch is refused.
     *
     * @return how many were new
     * @throws ConflictingFactException when an id is reused with other content
     */
    int append(Connection c, String contractId, List<AuditEvent> events, Instant now, EvidenceTable chain)
            throws SQLException {
        // compared and chained as the column gives them back, so a retry of sub-microsecond times is a duplicate
        events = events.stream().map(this::asStored).toList();
        Savepoint savepoint = c.setSavepoint();
        try {
            insert(c, contractId, events, now, chain);
            return events.size();
        } catch (SQLException e) {
            if (!dialect.uniqueViolation(e)) {
                throw e;
            }
            c.rollback(savepoint);
        }
        // a retry or a reused id: look each one up
        Map<String, AuditEvent> stored = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + EVENT.list() + " FROM audit_event WHERE contract_id = ? AND id = ?")) {
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
        insert(c, contractId, fresh, now, chain);
        return fresh.size();
    }

    /**
     * Inserts the entries, each marked with the position of the evidence entry that covers them,
     * then that entry: its row digests in id order, the order verification reads them back in.
     */
    private void insert(Connection c, String contractId, List<AuditEvent> events, Instant now, EvidenceTable chain)
            throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        List<AuditEvent> byId = new ArrayList<>(events);
        byId.sort(Comparator.comparing(AuditEvent::id));
        long position = chain.nextPosition(c, contractId);
        ChainDigest digest = chain.digest();
        byte[] rowDigests = new byte[byId.size() * ChainDigest.ROW_DIGEST_BYTES];
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_event (contract_id, " + COLUMNS.list()
                + ") VALUES (?, " + COLUMNS.parameters() + ")")) {
            int pending = 0;
            int n = 0;
            for (AuditEvent e : byId) {
                Row row = new Row(e, now, position);
                ps.setString(1, contractId);
                bind(ps, 2, row);
                ps.addBatch();
                System.arraycopy(digest(digest, row), 0, rowDigests, n++ * ChainDigest.ROW_DIGEST_BYTES,
                        ChainDigest.ROW_DIGEST_BYTES);
                if (++pending == INSERT_CHUNK) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
        chain.append(c, contractId, new EvidenceTable.Draft(EvidenceTable.Kind.AUDIT,
                byId.get(0).id() + " … " + byId.get(byId.size() - 1).id(), null, rowDigests), now);
    }

    /** The entry as its {@code at} column gives it back. */
    private AuditEvent asStored(AuditEvent e) {
        LocalDateTime at = dialect.storedTimestamp(e.at());
        return at == null || at.equals(e.at()) ? e : new AuditEvent(e.id(), at, e.user(), e.address(), e.action(),
                e.resource(), e.classified(), e.requestId(), e.system());
    }

    List<AuditEvent> query(Connection c, String contractId, AuditQuery q) throws SQLException {
        Where w = where(contractId, q);
        try (PreparedStatement ps = c.prepareStatement("SELECT " + EVENT.list() + " FROM audit_event" + w.sql
                + " ORDER BY at DESC, id DESC" + dialect.page())) {
            int i = w.bind(ps);
            dialect.bindPage(ps, i, q.offset(), q.limit());
            try (ResultSet rs = ps.executeQuery()) {
                List<AuditEvent> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(event(rs));
                }
                return out;
            }
        }
    }

    long count(Connection c, String contractId, AuditQuery q) throws SQLException {
        Where w = where(contractId, q);
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM audit_event" + w.sql)) {
            w.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The most frequent values of {@code by} among the entries the query selects, with their counts. */
    List<AuditCount> countBy(Connection c, String contractId, AuditQuery q, AuditLog.GroupBy by, int limit)
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
                + " GROUP BY k ORDER BY n DESC, k" + dialect.limit())) {
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
    void forEach(Connection c, String contractId, Consumer<AuditEvent> sink) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + EVENT.list() + " FROM audit_event WHERE contract_id = ?"
                + " ORDER BY at, id")) {
            ps.setString(1, contractId);
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(event(rs));
                }
            }
        }
    }

    /**
     * The entries of the contract that {@code selection} reads, in time order (then id), streamed: the engine's read.
     * One query per action, each a range of the index of the actions (V14) on both its columns, so the rows no rule
     * reads (three quarters of a year's log) are not visited: with one {@code action IN (...)} list H2 uses only the
     * index's first column and looks up every row of the contract (1.1 million for the demo year instead of 277,000).
     * The entries are put in time order here rather than by the database, which would spill a quarter of a million
     * rows to a temporary table to sort them. The columns' repeated values are one instance each
     * ({@link SharedValues}) and so are the days and seconds, so the entries the engine holds cost it little more
     * than their ids.
     */
    void forEach(Connection c, String contractId, AuditSelection selection, Consumer<AuditEvent> sink) throws SQLException {
        if (selection.isEmpty()) {
            return;
        }
        String query = "SELECT " + EVENT.list() + " FROM audit_event WHERE contract_id = ? AND action = ?";
        List<AuditEvent> read = new ArrayList<>();
        SharedValues shared = new SharedValues();
        java.time.LocalTime[] seconds = new java.time.LocalTime[24 * 3600];
        try (PreparedStatement whole = c.prepareStatement(query);
             PreparedStatement classified = c.prepareStatement(query + " AND classified = ?")) {
            for (String action : new java.util.TreeSet<>(selection.actions())) {
                whole.setString(1, contractId);
                whole.setString(2, action);
                readEvents(whole, shared, seconds, read);
            }
            for (String action : new java.util.TreeSet<>(selection.classifiedActions())) {
                classified.setString(1, contractId);
                classified.setString(2, action);
                classified.setBoolean(3, true);
                readEvents(classified, shared, seconds, read);
            }
        }
        // the order of the whole read's ORDER BY at, id (ids compared as Java compares them, as H2 does)
        read.sort(java.util.Comparator.comparing(AuditEvent::at).thenComparing(AuditEvent::id));
        read.forEach(sink);
    }

    private static void readEvents(PreparedStatement ps, SharedValues shared, java.time.LocalTime[] seconds,
                                   List<AuditEvent> read) throws SQLException {
        ps.setFetchSize(5000);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                LocalDateTime stored = rs.getObject(2, LocalDateTime.class); // not through java.sql.Timestamp's calendar
                java.time.LocalTime time = stored.toLocalTime();
                if (time.getNano() == 0) { // most entries are logged to the second: one instance per second of the day
                    int second = time.toSecondOfDay();
                    if (seconds[second] == null) {
                        seconds[second] = time;
                    }
                    time = seconds[second];
                }
                LocalDateTime at = LocalDateTime.of(shared.of(stored.toLocalDate()), time);
                read.add(new AuditEvent(rs.getString(1), at, shared.of(rs.getString(3)), shared.of(rs.getString(4)),
                        shared.of(rs.getString(5)), shared.of(rs.getString(6)), rs.getBoolean(7), rs.getString(8),
                        shared.of(rs.getString(9))));
            }
        }
    }

    /** Every row of the contract in id order, the order of a batch's row digests: the evidence chain's view. */
    void forEachRow(Connection c, String contractId, Sql.RowSink<Row> sink) throws SQLException {
        rows(c, "SELECT " + COLUMNS.list() + " FROM audit_event WHERE contract_id = ? ORDER BY id", contractId, sink);
    }

    /** The rows no evidence entry covers yet, in id order. */
    void forEachUnchained(Connection c, String contractId, Sql.RowSink<Row> sink) throws SQLException {
        rows(c, "SELECT " + COLUMNS.list() + " FROM audit_event WHERE contract_id = ? AND evidence_position IS NULL"
                + " ORDER BY id", contractId, sink);
    }

    /** Marks the uncovered rows with ids in {@code [first, last]} as covered by the entry at {@code position}. */
    void markChained(Connection c, String contractId, String first, String last, long position) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE audit_event SET evidence_position = ?"
                + " WHERE contract_id = ? AND id >= ? AND id <= ? AND evidence_position IS NULL")) {
            ps.setLong(1, position);
            ps.setString(2, contractId);
            ps.setString(3, first);
            ps.setString(4, last);
            ps.executeUpdate();
        }
    }

    private static void rows(Connection c, String sql, String contractId, Sql.RowSink<Row> sink) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, contractId);
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(row(rs));
                }
            }
        }
    }

    /** The digest of an entry's row in its batch's evidence entry; the position is not part of it. */
    static byte[] digest(ChainDigest d, Row r) {
        AuditEvent e = r.event();
        return d.text("audit").text(e.id()).time(e.at()).text(e.user()).text(e.address()).text(e.action())
                .text(e.resource()).text(Boolean.toString(e.classified())).text(e.requestId()).text(e.system())
                .instant(r.receivedAt()).finishRow();
    }

    private static void bind(PreparedStatement ps, int i, Row r) throws SQLException {
        AuditEvent e = r.event();
        ps.setString(i++, e.id());
        ps.setTimestamp(i++, Timestamp.valueOf(e.at()));
        ps.setString(i++, e.user());
        ps.setString(i++, e.address());
        ps.setString(i++, e.action());
        ps.setString(i++, e.resource());
        ps.setBoolean(i++, e.classified());
        ps.setString(i++, e.requestId());
        ps.setString(i++, e.system());
        ps.setObject(i++, Sql.micros(r.receivedAt()));
        ps.setObject(i++, r.evidencePosition());
        ps.setObject(i, Sql.nanos(r.receivedAt()), Types.SMALLINT);
    }

    private static AuditEvent event(ResultSet rs) throws SQLException {
        int i = 1;
        return new AuditEvent(rs.getString(i++), rs.getTimestamp(i++).toLocalDateTime(), rs.getString(i++), rs.getString(i++),
                rs.getString(i++), rs.getString(i++), rs.getBoolean(i++), rs.getString(i++), rs.getString(i));
    }

    private static Row row(ResultSet rs) throws SQLException {
        int i = EVENT.size() + 1;
        Instant receivedAt = Sql.instant(rs, i++, RECEIVED_AT_NS);
        long position = rs.getLong(i);
        Long evidencePosition = rs.wasNull() ? null : position;
        return new Row(event(rs), receivedAt, evidencePosition);
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
