package org.lvyue.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.lvyue.api.access.Membership;

/** Users' roles in organisations ({@code membership}, migration V11): a row is a role held. */
final class MembershipTable {
    /** In the order of {@link Membership}'s components. */
    static final Columns COLUMNS = Columns.of("user_name", "organisation_id", "role");

    private final Dialect dialect;

    MembershipTable(Dialect dialect) {
        this.dialect = dialect;
    }

    /** True when the row was new. */
    boolean add(Connection c, Membership m) throws SQLException {
        if (exists(c, m)) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO membership (" + COLUMNS.list() + ") VALUES ("
                + COLUMNS.parameters() + ")")) {
            bind(ps, m);
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (dialect.uniqueViolation(e)) {
                return false; // added meanwhile
            }
            throw e;
        }
    }

    /** True when the row was there. */
    boolean remove(Connection c, Membership m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM membership WHERE user_name = ? AND organisation_id = ?"
                + " AND role = ?")) {
            bind(ps, m);
            return ps.executeUpdate() > 0;
        }
    }

    List<Membership> ofOrganisation(Connection c, String organisation) throws SQLException {
        return select(c, "organisation_id = ? ORDER BY user_name, role", organisation);
    }

    List<Membership> ofUser(Connection c, String user) throws SQLException {
        return select(c, "user_name = ? ORDER BY organisation_id, role", user);
    }

    private boolean exists(Connection c, Membership m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM membership WHERE user_name = ? AND organisation_id = ?"
                + " AND role = ?")) {
            bind(ps, m);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static List<Membership> select(Connection c, String where, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS.list() + " FROM membership WHERE " + where)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                List<Membership> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Membership(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
                return out;
            }
        }
    }

    private static void bind(PreparedStatement ps, Membership m) throws SQLException {
        ps.setString(1, m.user());
        ps.setString(2, m.organisation());
        ps.setString(3, m.role());
    }
}
