package org.lvyue.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.lvyue.api.store.SharedFiles.File;

/** The {@code shared_file} table: the files every node of a cluster keeps the same, one row per path. */
final class SharedFileTable {

    List<File> files(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT path, digest, removed, changed_at, node_id FROM shared_file ORDER BY path")) {
            List<File> files = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    files.add(new File(rs.getString(1), rs.getString(2), rs.getBoolean(3), Sql.instant(rs, 4), rs.getString(5)));
                }
            }
            return files;
        }
    }

    Optional<byte[]> content(Connection c, String name, String digest) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT content FROM shared_file WHERE path = ? AND digest = ? AND NOT removed")) {
            ps.setString(1, name);
            ps.setString(2, digest);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getBytes(1)) : Optional.empty();
            }
        }
    }

    void written(Connection c, String name, String digest, byte[] content, String nodeId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE shared_file SET digest = ?, content = ?, removed = FALSE,"
                + " changed_at = ?, node_id = ? WHERE path = ?")) {
            ps.setString(1, digest);
            ps.setBytes(2, content);
            ps.setObject(3, Sql.timestamp(at));
            ps.setString(4, nodeId);
            ps.setString(5, name);
            if (ps.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO shared_file (path, digest, content, removed, changed_at,"
                + " node_id) VALUES (?, ?, ?, FALSE, ?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, digest);
            ps.setBytes(3, content);
            ps.setObject(4, Sql.timestamp(at));
            ps.setString(5, nodeId);
            ps.executeUpdate();
        }
    }

    void removed(Connection c, String name, String digest, String nodeId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE shared_file SET content = NULL, removed = TRUE,"
                + " changed_at = ?, node_id = ? WHERE path = ? AND digest = ? AND NOT removed")) {
            ps.setObject(1, Sql.timestamp(at));
            ps.setString(2, nodeId);
            ps.setString(3, name);
            ps.setString(4, digest);
            ps.executeUpdate();
        }
    }
}
