package org.lvyue.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.lvyue.api.store.LoginCertificates.Registration;

/** The {@code login_certificate} and {@code login_challenge} tables: accounts' SM2 certificates, sealed, and challenges taken. */
final class LoginCertificateTable {
    static final Columns CHALLENGE = Columns.of("digest", "expires_at");
    private static final String COLUMNS = "user_name, certificate, registered_at, registered_by, seal";
    private final Dialect dialect;
    private final AccessSeals seals;

    LoginCertificateTable(Dialect dialect, AccessSeals seals) {
        this.dialect = dialect;
        this.seals = seals;
    }

    void register(Connection c, Registration r) throws SQLException {
        String certificate = Base64.getEncoder().encodeToString(r.certificate());
        unregister(c, r.user());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO login_certificate (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, r.user());
            ps.setString(2, certificate);
            ps.setObject(3, Sql.timestamp(r.registeredAt()));
            ps.setString(4, r.registeredBy());
            ps.setString(5, seals.ofCertificate(r.user(), certificate));
            ps.executeUpdate();
        }
    }

    Optional<Registration> certificate(Connection c, String user) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM login_certificate WHERE user_name = ?")) {
            ps.setString(1, user);
            return read(ps).stream().findFirst();
        }
    }

    List<Registration> certificates(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM login_certificate ORDER BY user_name")) {
            return read(ps);
        }
    }

    boolean unregister(Connection c, String user) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM login_certificate WHERE user_name = ?")) {
            ps.setString(1, user);
            return ps.executeUpdate() > 0;
        }
    }

    boolean spend(Connection c, String digest, Instant expires) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect.insertUnlessPresent("login_challenge", CHALLENGE, "digest"))) {
            ps.setString(1, digest);
            ps.setObject(2, Sql.timestamp(expires));
            ps.setString(3, digest);
            return ps.executeUpdate() == 1;
        }
    }

    int forgetChallenges(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM login_challenge WHERE expires_at <= ?")) {
            ps.setObject(1, Sql.timestamp(now));
            return ps.executeUpdate();
        }
    }

    /** The rows whose seals verify; one that does not is left out (and named by {@link AccessSeals}). */
    private List<Registration> read(PreparedStatement ps) throws SQLException {
        List<Registration> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String user = rs.getString(1);
                String certificate = rs.getString(2);
                if (seals.intactCertificate(user, certificate, rs.getString(5))) {
                    out.add(new Registration(user, Base64.getDecoder().decode(certificate), Sql.instant(rs, 3), rs.getString(4)));
                }
            }
        }
        return out;
    }
}
