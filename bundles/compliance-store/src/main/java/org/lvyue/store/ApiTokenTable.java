package org.lvyue.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.lvyue.api.access.ApiToken;

/**
 * Collectors' per-contract API tokens ({@code api_token}, migrations V11, V22). The secret is never stored,
 * only its hash ({@link TokenSecrets}); a revoked token stays listed. A row whose seal does not verify
 * ({@link AccessSeals}) is neither listed nor accepted.
 */
final class ApiTokenTable {
    /** In the order of {@link ApiToken}'s components; {@code secret_hash} besides. */
    static final Columns COLUMNS = Columns.of("id", "contract_id", "name", "created_at", "created_by", "last_used",
            "revoked_at");
    /** {@link #COLUMNS}, then what the seal covers besides them and the seal. */
    private static final Columns SEALED = COLUMNS.and(Columns.of("secret_hash", "seal"));
    private static final Columns ISSUED = Columns.of("contract_id", "name", "secret_hash", "created_at", "created_by");

    private final Dialect dialect;
    private final AccessSeals seals;

    ApiTokenTable(Dialect dialect, AccessSeals seals) {
        this.dialect = dialect;
        this.seals = seals;
    }

    ApiToken insert(Connection c, String contract, String name, String secretHash, Instant at, String by)
            throws SQLException {
        try (PreparedStatement ps = dialect.insertReturningKey(c, "INSERT INTO api_token (" + ISSUED.list() + ") VALUES ("
                + ISSUED.parameters() + ")", "id")) {
            ps.setString(1, contract);
            ps.setString(2, name);
            ps.setString(3, secretHash);
            ps.setObject(4, Sql.timestamp(at));
            ps.setString(5, by);
            ps.executeUpdate();
            long id = Sql.generatedKey(ps);
            seal(c, id, seals.ofToken(id, contract, secretHash, false));
            return new ApiToken(id, contract, name, at, by, null, null);
        }
    }

    private static void seal(Connection c, long id, String seal) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE api_token SET seal = ? WHERE id = ?")) {
            ps.setString(1, seal);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    List<ApiToken> ofContract(Connection c, String contract) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + SEALED.list() + " FROM api_token WHERE contract_id = ?"
                + " ORDER BY id")) {
            ps.setString(1, contract);
            try (ResultSet rs = ps.executeQuery()) {
                List<ApiToken> out = new ArrayList<>();
                while (rs.next()) {
                    ApiToken t = read(rs);
                    if (intact(t, rs)) {
                        out.add(t);
                    }
                }
                return out;
            }
        }
    }

    Optional<ApiToken> bySecretHash(Connection c, String secretHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + SEALED.list() + " FROM api_token WHERE secret_hash = ?")) {
            ps.setString(1, secretHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                ApiToken t = read(rs);
                return intact(t, rs) ? Optional.of(t) : Optional.empty();
            }
        }
    }

    /** Revokes a valid token of the contract, sealed as revoked; false when there is none. */
    boolean revoke(Connection c, String contract, long id, Instant at) throws SQLException {
        String hash;
        try (PreparedStatement ps = c.prepareStatement("SELECT secret_hash FROM api_token WHERE contract_id = ? AND id = ?"
                + " AND revoked_at IS NULL")) {
            ps.setString(1, contract);
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                hash = rs.getString(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE api_token SET revoked_at = ?, seal = ? WHERE contract_id = ?"
                + " AND id = ? AND revoked_at IS NULL")) {
            ps.setObject(1, Sql.timestamp(at));
            ps.setString(2, seals.ofToken(id, contract, hash, true));
            ps.setString(3, contract);
            ps.setLong(4, id);
            return ps.executeUpdate() > 0;
        }
    }

    /**
     * Notes a use, to the minute: a token posting many batches a minute writes once a minute, not per
     * request. Returns the time noted, and whether this call noted it (the first use of that minute).
     */
    Use use(Connection c, long id, Instant at) throws SQLException {
        Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
        try (PreparedStatement ps = c.prepareStatement("UPDATE api_token SET last_used = ? WHERE id = ?"
                + " AND (last_used IS NULL OR last_used < ?)")) {
            ps.setObject(1, Sql.timestamp(minute));
            ps.setLong(2, id);
            ps.setObject(3, Sql.timestamp(minute));
            return new Use(minute, ps.executeUpdate() == 1);
        }
    }

    record Use(Instant at, boolean first) {
    }

    /** Whether the row read into {@code t} (by {@link #SEALED}) carries a seal that verifies. */
    private boolean intact(ApiToken t, ResultSet rs) throws SQLException {
        int i = COLUMNS.size() + 1;
        return seals.intactToken(t.id(), t.contract(), rs.getString(i), t.revoked(), rs.getString(i + 1));
    }

    private static ApiToken read(ResultSet rs) throws SQLException {
        int i = 1;
        return new ApiToken(rs.getLong(i++), rs.getString(i++), rs.getString(i++), Sql.instant(rs, i++), rs.getString(i++),
                Sql.instant(rs, i++), Sql.instant(rs, i));
    }
}
