package org.lvyue.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.lvyue.api.access.Membership;

/**
 * Users' roles in organisations ({@code membership}, migrations V11, V22): a row is a role held, when its seal verifies
 * ({@link AccessSeals}).
 */
final class MembershipTable {
    /** In the order of {@link Membership}'s components. */
    static final Columns COLUMNS = Columns.of("user_name", "organisation_id", "role");

    private final Dialect dialect;
    private final AccessSeals seals;

    MembershipTable(Dialect dialect, AccessSeals seals) {
        this.dialect = dialect;
        this.seals = seals;
    }

    /** True when the row was new. */
    boolean add(Connection c, Membership m) throws SQLException {
        String seal = sealOf(c, m);
        if (seal != null && seals.intact(m, seal)) {
            return false;
        }
        if (seal != null) {
            remove(c, m); // there, but not honoured: granted again by the product, it is sealed anew
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO membership (" + COLUMNS.list() + ", seal) VALUES ("
                + COLUMNS.parameters() + ", ?)")) {
            bind(ps, m);
            ps.setString(4, seals.of(m));
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

    /** The row's seal ("" when it has none), or null when there is no such row. */
    private static String sealOf(Connection c, Membership m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seal FROM membership WHERE user_name = ? AND organisation_id = ?"
                + " AND role = ?")) {
            bind(ps, m);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String seal = rs.getString(1);
                return seal == null ? "" : seal;
            }
        }
    }

    /** The rows whose seals verify. */
    private List<Membership> select(Connection c, String where, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS.list() + ", seal FROM membership WHERE " + where)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                List<Membership> out = new ArrayList<>();
                while (rs.next()) {
                    Membership m = new Membership(rs.getString(1), rs.getString(2), rs.getString(3));
                    if (seals.intact(m, rs.getString(4))) {
                        out.add(m);
                    }
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
