package org.lvyue.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.lvyue.api.activity.ActivityEntry;
import org.lvyue.api.activity.ActivityLog;

/** The SQL of the activity table (V8): inserts and filtered reads, newest first. */
final class ActivityTable {
    /** Longer details are cut to this many characters, so a huge one cannot refuse the record. */
    static final int MAX_DETAIL = 4000;

    private ActivityTable() {
    }

    static ActivityEntry insert(Connection c, Instant at, String user, String address, String action, String target,
                                String detail) throws SQLException {
        String d = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO activity (at, user_name, address, action, target, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.setString(2, user);
            ps.setString(3, address);
            ps.setString(4, action);
            ps.setString(5, target);
            ps.setString(6, d);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new ActivityEntry(keys.getLong(1), at, user, address, action, target, d);
            }
        }
    }

    static List<ActivityEntry> list(Connection c, ActivityLog.Query q) throws SQLException {
        List<Object> params = new ArrayList<>();
        String where = where(q, params);
        params.add((long) q.offset());
        params.add((long) q.limit());
        try (PreparedStatement ps = c.prepareStatement("SELECT id, at, user_name, address, action, target, detail FROM activity"
                + where + " ORDER BY id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<ActivityEntry> out = new ArrayList<>();
                while (rs.next()) {
                    OffsetDateTime at = rs.getObject(2, OffsetDateTime.class);
                    out.add(new ActivityEntry(rs.getLong(1), at.toInstant(), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7)));
                }
                return out;
            }
        }
    }

    static long count(Connection c, ActivityLog.Query q) throws SQLException {
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

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }
}
