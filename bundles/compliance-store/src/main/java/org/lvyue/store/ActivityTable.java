package org.lvyue.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.lvyue.api.activity.ActivityEntry;
import org.lvyue.api.activity.ActivityLog;

/**
 * The product's own record of who did what ({@code activity}, migration V8), its security trail. Append-only: this
 * class inserts and reads, and has no update or delete but the one-time sealing of entries written before the chain
 * existed (migration V17). Not part of any contract's evidence chain, it records the users, not the contract; it has
 * a chain of its own, built as the evidence chain is: each entry's hash is the SM3 ({@link ChainDigest}) of the hash
 * of the entry before and this entry's canonical fields, so a row changed, removed or inserted behind the product's
 * back is found by {@link #verify}.
 *
 * <p>Entries are appended one after another across every transaction and node: each append first updates the one row
 * of {@code activity_chain}, which holds the row lock until its transaction ends, then reads the last entry and
 * takes the id after it. A rolled-back append leaves no trace, so the chain needs no cached head.
 */
final class ActivityTable {
    /** Longer details are cut to this many characters, so a huge one cannot refuse the record. */
    static final int MAX_DETAIL = 4000;
    /** The chain's digest: SM3 (GB/T 32905), the hash 密评 expects, whatever the evidence chain's setting. */
    static final String ALGORITHM = ChainDigest.SM3;
    /** The {@code previous} of the first entry. */
    static final String GENESIS = EvidenceTable.GENESIS;
    private static final String DOMAIN_TAG = "lvyue-activity-v1";

    /** In the order of {@link ActivityEntry}'s components and {@link #read}. */
    static final Columns COLUMNS = Columns.of("id", "at", "user_name", "address", "action", "target", "detail", "result",
            "previous", "entry_hash");

    private final Dialect dialect;

    ActivityTable(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Records a successful action, or a refused login ({@link ActivityLog#LOGIN_FAILED}). */
    ActivityEntry insert(Connection c, Instant at, String user, String address, String action, String target,
                         String detail) throws SQLException {
        return insert(c, at, user, address, action, target, detail, defaultResult(action));
    }

    /** The result of an entry recorded without one: a failed login was refused, anything else was done. */
    static String defaultResult(String action) {
        return ActivityLog.LOGIN_FAILED.equals(action) ? ActivityLog.REFUSED : ActivityLog.SUCCESS;
    }

    /** Appends an entry to the chain, in the caller's transaction; the chain stays locked until it ends. */
    ActivityEntry insert(Connection c, Instant at, String user, String address, String action, String target,
                         String detail, String result) throws SQLException {
        if (!ActivityLog.SUCCESS.equals(result) && !ActivityLog.REFUSED.equals(result)) {
            throw new IllegalArgumentException("result must be " + ActivityLog.SUCCESS + " or " + ActivityLog.REFUSED + ": " + result);
        }
        String d = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
        // PostgreSQL keeps microseconds: what is hashed must be what is read back on either database
        Instant time = at.truncatedTo(ChronoUnit.MICROS);
        lockChain(c);
        Head head = head(c);
        ActivityEntry unsealed = new ActivityEntry(head.id() + 1, time, user, address, action, target, d, result, head.hash(),
                null);
        ActivityEntry e = sealed(unsealed);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO activity (" + COLUMNS.list() + ") VALUES ("
                + COLUMNS.parameters() + ")")) {
            int i = 1;
            ps.setLong(i++, e.id());
            ps.setObject(i++, Sql.timestamp(e.at()));
            ps.setString(i++, e.user());
            ps.setString(i++, e.address());
            ps.setString(i++, e.action());
            ps.setString(i++, e.target());
            ps.setString(i++, e.detail());
            ps.setString(i++, e.result());
            ps.setString(i++, e.previous());
            ps.setString(i, e.hash());
            ps.executeUpdate();
        }
        return e;
    }

    /** The last entry's id and hash: id 0 and {@link #GENESIS} when there is none. */
    record Head(long id, String hash) {
    }

    /** Takes the chain's lock, held until the transaction ends: appends wait for each other, reads do not. */
    private static void lockChain(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE activity_chain SET appends = appends + 1 WHERE id = 1")) {
            if (ps.executeUpdate() != 1) {
                throw new SQLException("the activity chain's lock row (activity_chain, migration V17) is missing");
            }
        }
    }

    Head head(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, entry_hash FROM activity ORDER BY id DESC" + dialect.limit())) {
            ps.setInt(1, 1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : new Head(0, GENESIS);
            }
        }
    }

    /** The entry with its hash computed from its fields and {@code previous}. */
    static ActivityEntry sealed(ActivityEntry e) {
        return new ActivityEntry(e.id(), e.at(), e.user(), e.address(), e.action(), e.target(), e.detail(), e.result(),
                e.previous(), hash(e));
    }

    /** SM3 over the domain tag, the hash before and every field of the entry, canonically encoded. */
    static String hash(ActivityEntry e) {
        return ChainDigest.of(ALGORITHM).text(DOMAIN_TAG).text(e.previous()).number(e.id())
                .instant(e.at() == null ? null : e.at().truncatedTo(ChronoUnit.MICROS)).text(e.user()).text(e.address())
                .text(e.action()).text(e.target()).text(e.detail()).text(e.result()).finishHex();
    }

    /**
     * Chains the entries written before the chain existed (no hash yet), in id order, as they stand: from then on a
     * change is seen, before then nothing can tell. Returns how many were sealed.
     */
    int sealUnchained(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM activity WHERE entry_hash IS NULL");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return 0;
            }
        }
        lockChain(c);
        List<ActivityEntry> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS.list() + " FROM activity ORDER BY id")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(read(rs));
                }
            }
        }
        String previous = GENESIS;
        int sealed = 0;
        try (PreparedStatement ps = c.prepareStatement("UPDATE activity SET previous = ?, entry_hash = ? WHERE id = ?"
                + " AND entry_hash IS NULL")) {
            for (ActivityEntry e : all) {
                if (e.hash() == null) {
                    ActivityEntry s = sealed(new ActivityEntry(e.id(), e.at(), e.user(), e.address(), e.action(), e.target(),
                            e.detail(), e.result(), previous, null));
                    ps.setString(1, s.previous());
                    ps.setString(2, s.hash());
                    ps.setLong(3, s.id());
                    ps.executeUpdate();
                    sealed++;
                    previous = s.hash();
                } else {
                    previous = e.hash();
                }
            }
        }
        return sealed;
    }

    /** Recomputes every entry in id order; stops at the first that does not match. */
    ActivityLog.Verification verify(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS.list() + " FROM activity ORDER BY id")) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                String previous = GENESIS;
                long entries = 0;
                long lastId = 0;
                while (rs.next()) {
                    ActivityEntry e = read(rs);
                    entries++;
                    String problem = null;
                    if (!previous.equals(e.previous())) {
                        problem = "第 " + e.id() + " 条记录的前一条摘要不符：之前的记录被删除、插入或修改 (the hash of the entry before"
                                + " does not match: an entry before it was removed, inserted or changed)";
                    } else if (e.hash() == null || !e.hash().equals(hash(e))) {
                        problem = "第 " + e.id() + " 条记录的内容与其摘要不符：被修改 (the entry does not match its hash: changed)";
                    }
                    if (problem != null) {
                        return new ActivityLog.Verification(false, entries, lastId, previous, e.id(), problem);
                    }
                    previous = e.hash();
                    lastId = e.id();
                }
                return new ActivityLog.Verification(true, entries, lastId, previous, 0, null);
            }
        }
    }

    /** The entries of {@code [from, to)}, oldest first, at most {@code limit}. */
    List<ActivityEntry> between(Connection c, Instant from, Instant to, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS.list() + " FROM activity WHERE at >= ? AND at < ?"
                + " ORDER BY id" + dialect.limit())) {
            ps.setObject(1, Sql.timestamp(from));
            ps.setObject(2, Sql.timestamp(to));
            ps.setInt(3, limit);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                List<ActivityEntry> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(read(rs));
                }
                return out;
            }
        }
    }

    /** The entries the query selects, newest first. */
    List<ActivityEntry> list(Connection c, ActivityLog.Query q) throws SQLException {
        List<Object> params = new ArrayList<>();
        String where = where(q, params);
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS.list() + " FROM activity" + where
                + " ORDER BY id DESC" + dialect.page())) {
            int i = bind(ps, params);
            dialect.bindPage(ps, i, q.offset(), q.limit());
            try (ResultSet rs = ps.executeQuery()) {
                List<ActivityEntry> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(read(rs));
                }
                return out;
            }
        }
    }

    long count(Connection c, ActivityLog.Query q) throws SQLException {
        List<Object> params = new ArrayList<>();
        String where = where(q, params);
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM activity" + where)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String where(ActivityLog.Query q, List<Object> params) {
        List<String> conditions = new ArrayList<>();
        if (q.user() != null) {
            conditions.add("user_name = ?");
            params.add(q.user());
        }
        if (q.action() != null) {
            conditions.add("action = ?");
            params.add(q.action());
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static int bind(PreparedStatement ps, List<Object> params) throws SQLException {
        int i = 1;
        for (Object p : params) {
            ps.setObject(i++, p);
        }
        return i;
    }

    private static ActivityEntry read(ResultSet rs) throws SQLException {
        int i = 1;
        return new ActivityEntry(rs.getLong(i++), Sql.instant(rs, i++), rs.getString(i++), rs.getString(i++),
                rs.getString(i++), rs.getString(i++), rs.getString(i++), rs.getString(i++), rs.getString(i++), rs.getString(i));
    }
}
