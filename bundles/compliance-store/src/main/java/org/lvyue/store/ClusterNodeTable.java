package org.lvyue.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.lvyue.api.store.ClusterNodes.Node;

/** The {@code cluster_node} table: one row per node that said it is alive, kept to the database's clock. */
final class ClusterNodeTable {
    /** Moves the node's row to {@code ttl} from now; a node without one, or whose row ran out, starts again now. */
    void heartbeat(Connection c, String nodeId, String url, Duration ttl) throws SQLException {
        Instant now = Sql.databaseNow(c).truncatedTo(ChronoUnit.MICROS);
        Instant until = now.plus(ttl).truncatedTo(ChronoUnit.MICROS);
        try (PreparedStatement ps = c.prepareStatement("UPDATE cluster_node SET url = ?, expires_at = ?,"
                + " started_at = CASE WHEN expires_at > ? THEN started_at ELSE ? END WHERE node_id = ?")) {
            ps.setString(1, url);
            ps.setObject(2, Sql.timestamp(until));
            ps.setObject(3, Sql.timestamp(now));
            ps.setObject(4, Sql.timestamp(now));
            ps.setString(5, nodeId);
            if (ps.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO cluster_node (node_id, url, started_at, expires_at)"
                + " VALUES (?, ?, ?, ?)")) {
            ps.setString(1, nodeId);
            ps.setString(2, url);
            ps.setObject(3, Sql.timestamp(now));
            ps.setObject(4, Sql.timestamp(until));
            ps.executeUpdate();
        }
    }

    /** The nodes whose rows run now, by id. */
    List<Node> alive(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT node_id, url, started_at, expires_at FROM cluster_node"
                + " WHERE expires_at > ? ORDER BY node_id")) {
            ps.setObject(1, Sql.timestamp(Sql.databaseNow(c)));
            List<Node> nodes = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    nodes.add(new Node(rs.getString(1), rs.getString(2), Sql.instant(rs, 3), Sql.instant(rs, 4)));
                }
            }
            return nodes;
        }
    }

    void remove(Connection c, String nodeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM cluster_node WHERE node_id = ?")) {
            ps.setString(1, nodeId);
            ps.executeUpdate();
        }
    }
}
