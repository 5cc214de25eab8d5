package org.lvyue.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.lvyue.api.activity.ActivityEntry;
import org.lvyue.api.activity.ActivityLog;

/**
 * The product's own record of who did what ({@code activity}, migration V8). Append-only, and not
 * part of any contract's evidence chain: it records the users, not the contract.
 */
final class ActivityTable {
    /** Longer details are cut to this many characters, so a huge one cannot refuse the record. */
    static final int MAX_DETAIL = 4000;

    /** In the order of {@link ActivityEntry}'s components and {@link #read}. */
    static final Columns COLUMNS = Columns.of("id", "at", "user_name", "address", "action", "target", "detail");
    /** What recording writes: the id is generated. */
    private static final Columns RECORDED = COLUMNS.without("id");

    private final Dialect dialect;

    ActivityTable(Dialect dialect) {
        this.dialect = dialect;
    }

    ActivityEntry insert(Connection c, Instant at, String user, String address, String action, String target,
                         String detail) throws SQLException {
        String d = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
        try (PreparedStatement ps = dialect.insertReturningKey(c, "INSERT INTO activity (" + RECORDED.list() + ") VALUES ("
                + RECORDED.parameters() + ")", "id")) {
            int i = 1;
            ps.setObject(i++, Sql.timestamp(at));
            ps.setString(i++, user);
            ps.setString(i++, address);
            ps.setString(i++, action);
            ps.setString(i++, target);
            ps.setString(i, d);
            ps.executeUpdate();
            return new ActivityEntry(Sql.generatedKey(ps), at, user, address, action, target, d);
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
                rs.getString(i++), rs.getString(i++), rs.getString(i));
    }
}
