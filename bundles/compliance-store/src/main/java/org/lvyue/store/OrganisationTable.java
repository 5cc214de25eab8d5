package org.lvyue.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.lvyue.api.access.Organisation;

/** The organisations users act for ({@code organisation}, migration V11). */
final class OrganisationTable {
    /** In the order of {@link Organisation}'s components. */
    static final Columns COLUMNS = Columns.of("id", "name", "kind");

    private final Dialect dialect;

    OrganisationTable(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Inserts the organisation or replaces its name and kind. */
    void save(Connection c, Organisation o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect.upsert("organisation", COLUMNS, Columns.of("id")))) {
            ps.setString(1, o.id());
            ps.setString(2, o.name());
            ps.setString(3, o.kind());
            ps.executeUpdate();
        }
    }

    List<Organisation> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS.list() + " FROM organisation ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            List<Organisation> out = new ArrayList<>();
            while (rs.next()) {
                out.add(read(rs));
            }
            return out;
        }
    }

    Optional<Organisation> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS.list() + " FROM organisation WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static Organisation read(ResultSet rs) throws SQLException {
        return new Organisation(rs.getString(1), rs.getString(2), rs.getString(3));
    }
}
