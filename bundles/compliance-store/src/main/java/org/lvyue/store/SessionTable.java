package org.lvyue.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.lvyue.api.store.SharedSessions.Session;

/** The {@code console_session} table: a cluster's console sessions, by the SHA-256 of their ids. */
final class SessionTable {

    void opened(Connection c, Session s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO console_session (id_hash, user_name, roles, profile,"
                + " csrf, created_at, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, s.idHash());
            ps.setString(2, s.user());
            ps.setString(3, String.join(",", new TreeSet<>(s.roles())));
            ps.setString(4, s.profile());
            ps.setString(5, s.csrf());
            ps.setObject(6, Sql.timestamp(s.created()));
            ps.setObject(7, Sql.timestamp(s.seen()));
            ps.executeUpdate();
        }
    }

    Optional<Session> session(Connection c, String idHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT user_name, roles, profile, csrf, created_at, seen_at"
                + " FROM console_session WHERE id_hash = ?")) {
            ps.setString(1, idHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String roles = rs.getString(2);
                Set<String> set = roles.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(roles.split(",")));
                return Optional.of(new Session(idHash, rs.getString(1), set, rs.getString(3), rs.getString(4),
                        Sql.instant(rs, 5), Sql.instant(rs, 6)));
            }
        }
    }

    void seen(Connection c, String idHash, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE console_session SET seen_at = ? WHERE id_hash = ? AND seen_at < ?")) {
            ps.setObject(1, Sql.timestamp(at));
            ps.setString(2, idHash);
            ps.setObject(3, Sql.timestamp(at));
            ps.executeUpdate();
        }
    }

    void ended(Connection c, String idHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM console_session WHERE id_hash = ?")) {
            ps.setString(1, idHash);
            ps.executeUpdate();
        }
    }

    int expire(Connection c, Instant seenBefore, Instant createdBefore) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM console_session WHERE seen_at < ? OR created_at < ?")) {
            ps.setObject(1, Sql.timestamp(seenBefore));
            ps.setObject(2, Sql.timestamp(createdBefore));
            return ps.executeUpdate();
        }
    }
}
