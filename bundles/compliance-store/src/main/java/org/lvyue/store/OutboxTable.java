package org.lvyue.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.lvyue.api.finding.Severity;
import org.lvyue.api.notify.Channel;
import org.lvyue.api.notify.NotificationKind;
import org.lvyue.api.notify.NotificationOutbox;
import org.lvyue.api.notify.OutboxMessage;

/**
 * The notification outbox ({@code notify_outbox}, migration V13): one row per message and recipient, written in
 * the transaction of the change that caused it; sent when {@code sent_at} is set; given up when it is not and
 * {@code next_attempt_at} is null.
 */
final class OutboxTable {
    static final Columns COLUMNS = Columns.of("id", "message_id", "contract_id", "subscription_id", "channel", "target",
            "secret", "kind", "ref_key", "severity", "title", "detail", "clause", "amount", "created_at", "attempts",
            "next_attempt_at", "sent_at", "last_error");
    private static final Columns WRITTEN = COLUMNS.without("id", "sent_at", "last_error");
    private static final int MAX_ERROR = 2000;

    private final Dialect dialect;

    /** 钉钉's signing secret, copied from the subscription, stored encrypted. */
    private final SealedColumn secret;

    OutboxTable(Dialect dialect, SealedColumn secret) {
        this.secret = secret;
        this.dialect = dialect;
    }

    /**
     * Writes the messages (their id, attempts and sending state ignored): new, due at their creation. A message whose
     * {@code message_id} the outbox has already (the same notice offered again) is not written again.
     *
     * @return how many were written
     */
    int insert(Connection c, List<OutboxMessage> messages) throws SQLException {
        if (messages.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement(dialect.insertUnlessPresent("notify_outbox", WRITTEN, "message_id"))) {
            for (OutboxMessage m : messages) {
                int i = 1;
                ps.setString(i++, m.messageId());
                ps.setString(i++, m.contract());
                ps.setLong(i++, m.subscription());
                ps.setString(i++, m.channel().name());
                ps.setString(i++, m.target());
                ps.setString(i++, secret.seal(m.secret()));
                ps.setString(i++, m.kind().name());
                ps.setString(i++, m.ref());
                ps.setString(i++, m.severity() == null ? null : m.severity().name());
                ps.setString(i++, m.title());
                ps.setString(i++, m.detail());
                ps.setString(i++, m.clause());
                ps.setBigDecimal(i++, m.amount());
                ps.setObject(i++, Sql.timestamp(m.createdAt()));
                ps.setInt(i++, 0);
                ps.setObject(i++, Sql.timestamp(m.createdAt()));
                ps.setString(i, m.messageId());
                ps.addBatch();
            }
            int written = 0;
            for (int n : ps.executeBatch()) {
                written += n == java.sql.Statement.SUCCESS_NO_INFO ? 1 : Math.max(0, n);
            }
            return written;
        }
    }

    /** Whether the lease on {@code task} was taken or kept by {@code holder}: free, lapsed at {@code now}, or its own. */
    boolean lease(Connection c, String task, String holder, Instant now, Instant until) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE notify_lease SET holder = ?, held_until = ? WHERE task = ?"
                + " AND (holder = ? OR held_until < ?)")) {
            ps.setString(1, holder);
            ps.setObject(2, Sql.timestamp(until));
            ps.setString(3, task);
            ps.setString(4, holder);
            ps.setObject(5, Sql.timestamp(now));
            if (ps.executeUpdate() > 0) {
                return true;
            }
        }
        // no row yet: the first to insert it holds it; a concurrent first insert loses on the key and holds nothing
        try (PreparedStatement ps = c.prepareStatement(dialect.insertUnlessPresent("notify_lease",
                Columns.of("task", "holder", "held_until"), "task"))) {
            ps.setString(1, task);
            ps.setString(2, holder);
            ps.setObject(3, Sql.timestamp(until));
            ps.setString(4, task);
            return ps.executeUpdate() > 0;
        }
    }

    List<OutboxMessage> due(Connection c, Channel channel, Instant now, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS.list() + " FROM notify_outbox WHERE channel = ?"
                + " AND sent_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at, id" + dialect.page())) {
            ps.setString(1, channel.name());
            ps.setObject(2, Sql.timestamp(now));
            dialect.bindPage(ps, 3, 0, limit);
            return list(ps);
        }
    }

    /** The contract's messages, newest first, at most {@code limit}. */
    List<OutboxMessage> ofContract(Connection c, String contract, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS.list() + " FROM notify_outbox WHERE contract_id = ?"
                + " ORDER BY id DESC" + dialect.page())) {
            ps.setString(1, contract);
            dialect.bindPage(ps, 2, 0, limit);
            return list(ps);
        }
    }

    boolean claim(Connection c, long id, Instant due, Instant until) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE notify_outbox SET next_attempt_at = ? WHERE id = ?"
                + " AND sent_at IS NULL AND next_attempt_at = ?")) {
            ps.setObject(1, Sql.timestamp(until));
            ps.setLong(2, id);
            ps.setObject(3, Sql.timestamp(due));
            return ps.executeUpdate() > 0;
        }
    }

    boolean markSent(Connection c, long id, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE notify_outbox SET sent_at = ?, next_attempt_at = NULL"
                + " WHERE id = ? AND sent_at IS NULL")) {
            ps.setObject(1, Sql.timestamp(at));
            ps.setLong(2, id);
            return ps.executeUpdate() > 0;
        }
    }

    void markFailed(Connection c, long id, String error, Instant retryAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE notify_outbox SET attempts = attempts + 1, last_error = ?,"
                + " next_attempt_at = ? WHERE id = ? AND sent_at IS NULL")) {
            String e = error == null ? "" : error;
            ps.setString(1, e.length() > MAX_ERROR ? e.substring(0, MAX_ERROR) : e);
            ps.setObject(2, Sql.timestamp(retryAt));
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    void postpone(Connection c, long id, Instant until) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE notify_outbox SET next_attempt_at = ? WHERE id = ?"
                + " AND sent_at IS NULL AND next_attempt_at IS NOT NULL AND next_attempt_at < ?")) {
            ps.setObject(1, Sql.timestamp(until));
            ps.setLong(2, id);
            ps.setObject(3, Sql.timestamp(until));
            ps.executeUpdate();
        }
    }

    NotificationOutbox.Depth depth(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT"
                + " SUM(CASE WHEN next_attempt_at IS NOT NULL THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN next_attempt_at IS NOT NULL AND attempts > 0 THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN next_attempt_at IS NULL THEN 1 ELSE 0 END)"
                + " FROM notify_outbox WHERE sent_at IS NULL");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new NotificationOutbox.Depth(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
    }

    java.util.Map<Channel, NotificationOutbox.Depth> depths(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT channel,"
                + " SUM(CASE WHEN next_attempt_at IS NOT NULL THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN next_attempt_at IS NOT NULL AND attempts > 0 THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN next_attempt_at IS NULL THEN 1 ELSE 0 END)"
                + " FROM notify_outbox WHERE sent_at IS NULL GROUP BY channel");
             ResultSet rs = ps.executeQuery()) {
            java.util.Map<Channel, NotificationOutbox.Depth> out = new java.util.EnumMap<>(Channel.class);
            while (rs.next()) {
                out.put(Channel.valueOf(rs.getString(1)), new NotificationOutbox.Depth(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
            }
            return out;
        }
    }

    /**
     * Deletes one batch of messages sent before {@code sentBefore} (the oldest first, by the index of V16) and of
     * messages given up and written before {@code givenUpBefore}.
     */
    int purge(Connection c, Instant sentBefore, Instant givenUpBefore, int limit) throws SQLException {
        int deleted;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM notify_outbox WHERE id IN (SELECT id FROM notify_outbox"
                + " WHERE sent_at < ? ORDER BY sent_at" + dialect.page() + ")")) {
            ps.setObject(1, Sql.timestamp(sentBefore));
            dialect.bindPage(ps, 2, 0, limit);
            deleted = ps.executeUpdate();
        }
        if (deleted >= limit) {
            return deleted;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM notify_outbox WHERE id IN (SELECT id FROM notify_outbox"
                + " WHERE sent_at IS NULL AND next_attempt_at IS NULL AND created_at < ? ORDER BY id" + dialect.page() + ")")) {
            ps.setObject(1, Sql.timestamp(givenUpBefore));
            dialect.bindPage(ps, 2, 0, limit - deleted);
            deleted += ps.executeUpdate();
        }
        return deleted;
    }

    private List<OutboxMessage> list(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<OutboxMessage> out = new ArrayList<>();
            while (rs.next()) {
                int i = 1;
                long id = rs.getLong(i++);
                String messageId = rs.getString(i++);
                String contract = rs.getString(i++);
                long subscription = rs.getLong(i++);
                Channel channel = Channel.valueOf(rs.getString(i++));
                String target = rs.getString(i++);
                String secret = this.secret.open(rs.getString(i++));
                NotificationKind kind = NotificationKind.valueOf(rs.getString(i++));
                String ref = rs.getString(i++);
                String severity = rs.getString(i++);
                String title = rs.getString(i++);
                String detail = rs.getString(i++);
                String clause = rs.getString(i++);
                java.math.BigDecimal amount = rs.getBigDecimal(i++);
                Instant created = Sql.instant(rs, i++);
                int attempts = rs.getInt(i++);
                Instant next = Sql.instant(rs, i++);
                Instant sent = Sql.instant(rs, i++);
                String error = rs.getString(i);
                out.add(new OutboxMessage(id, messageId, contract, subscription, channel, target, secret, kind, ref,
                        severity == null ? null : Severity.valueOf(severity), title, detail, clause, amount, created,
                        attempts, next, sent, error));
            }
            return out;
        }
    }
}
