package org.lvyue.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.lvyue.api.access.Membership;
import org.lvyue.api.security.FieldCipher;
import org.lvyue.api.security.SecurityAlarms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The integrity of the access-control rows (GB/T 39786-2021 访问控制信息完整性): each membership, each collector
 * token's contract, secret hash and revocation, and each account's login certificate carries an HMAC-SM3 ({@link FieldCipher#mac}) under a key kept outside
 * the database. A row whose seal does not verify was written or altered around the product (a role granted, a token
 * forged or revoked no more, straight in the database) and grants nothing; the log names it. Without a cipher
 * (compliance-security absent) nothing is sealed and every row is taken as it is.
 *
 * <p>Rows stored before their table was sealed are sealed once, at the first start with a cipher, as they stand then;
 * from then on a row without a seal is one written around the product.
 */
final class AccessSeals {
    private static final Logger LOG = LoggerFactory.getLogger(AccessSeals.class);
    static final String MEMBERSHIP = "membership";
    static final String API_TOKEN = "api_token";
    static final String LOGIN_CERTIFICATE = "login_certificate";

    private final FieldCipher cipher;
    private final Dialect dialect;
    /** Told of each row that fails its seal; null while there are none to tell. */
    private final java.util.concurrent.atomic.AtomicReference<SecurityAlarms> alarms =
            new java.util.concurrent.atomic.AtomicReference<>();

    AccessSeals(FieldCipher cipher, Dialect dialect) {
        this.cipher = cipher;
        this.dialect = dialect;
    }

    /** Who is told of a row that fails its seal, besides the log. */
    void alarms(SecurityAlarms told) {
        alarms.set(told);
    }

    /** {@code told} is gone: unless another took its place already, the log only. */
    void alarmsGone(SecurityAlarms told) {
        alarms.compareAndSet(told, null);
    }

    /** The seal of a membership row, or null without a cipher. */
    String of(Membership m) {
        return cipher == null ? null : cipher.mac(membershipText(m), MEMBERSHIP);
    }

    /** Whether the row may be honoured: its seal verifies, or nothing is sealed. */
    boolean intact(Membership m, String seal) {
        if (cipher == null || cipher.verifyMac(membershipText(m), MEMBERSHIP, seal)) {
            return true;
        }
        LOG.error("访问控制信息完整性校验失败，成员关系不予采用 (the seal of a membership does not verify: it was written or altered"
                + " outside the product and grants nothing): {}", m);
        broken(m.user(), "成员关系（用户 " + m.user() + "，机构 " + m.organisation() + "，角色 " + m.role() + "）的完整性校验值不符，不予采用");
        return false;
    }

    /** The seal of a token row, or null without a cipher. */
    String ofToken(long id, String contract, String secretHash, boolean revoked) {
        return cipher == null ? null : cipher.mac(tokenText(id, contract, secretHash, revoked), API_TOKEN);
    }

    /** Whether the token row may be honoured: its seal verifies, or nothing is sealed. */
    boolean intactToken(long id, String contract, String secretHash, boolean revoked, String seal) {
        if (cipher == null || cipher.verifyMac(tokenText(id, contract, secretHash, revoked), API_TOKEN, seal)) {
            return true;
        }
        LOG.error("访问控制信息完整性校验失败，采集令牌 #{}（合同 {}）不予采用 (the seal of the token does not verify: it was written or"
                + " altered outside the product and is refused)", id, contract);
        broken("采集令牌 #" + id, "合同 " + contract + " 的采集令牌 #" + id + " 的完整性校验值不符，不予采用");
        return false;
    }

    /** The seal of an account's login certificate (Base64 DER), or null without a cipher. */
    String ofCertificate(String user, String certificate) {
        return cipher == null ? null : cipher.mac(user + "\n" + certificate, LOGIN_CERTIFICATE);
    }

    /** Whether the account's login certificate may be honoured: its seal verifies, or nothing is sealed. */
    boolean intactCertificate(String user, String certificate, String seal) {
        if (cipher == null || cipher.verifyMac(user + "\n" + certificate, LOGIN_CERTIFICATE, seal)) {
            return true;
        }
        LOG.error("访问控制信息完整性校验失败，用户 {} 的登录证书不予采用 (the seal of the account's login certificate does not verify:"
                + " it was written or altered outside the product and is refused)", user);
        broken(user, "用户 " + user + " 的登录证书（SM2）的完整性校验值不符，不予采用");
        return false;
    }

    private void broken(String who, String detail) {
        SecurityAlarms told = alarms.get();
        if (told != null) {
            told.raise(SecurityAlarms.SEAL_BROKEN, who, "数据库", detail);
        }
    }

    /**
     * Seals the rows of each table never sealed before, once: the table's mark and the seals in one transaction, the
     * mark first, so that of several nodes starting together one seals. Nothing without a cipher.
     *
     * @return the rows sealed now
     */
    int sealOnce(Connection c) throws SQLException {
        if (cipher == null) {
            return 0;
        }
        int sealed = 0;
        if (mark(c, MEMBERSHIP)) {
            List<Membership> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT user_name, organisation_id, role FROM membership WHERE seal IS NULL");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Membership(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE membership SET seal = ? WHERE user_name = ? AND organisation_id = ?"
                    + " AND role = ?")) {
                for (Membership m : rows) {
                    ps.setString(1, of(m));
                    ps.setString(2, m.user());
                    ps.setString(3, m.organisation());
                    ps.setString(4, m.role());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            sealed += rows.size();
        }
        if (mark(c, API_TOKEN)) {
            record Token(long id, String contract, String hash, boolean revoked) {
            }
            List<Token> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, contract_id, secret_hash, revoked_at FROM api_token"
                    + " WHERE seal IS NULL"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Token(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4) != null));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE api_token SET seal = ? WHERE id = ?")) {
                for (Token t : rows) {
                    ps.setString(1, ofToken(t.id(), t.contract(), t.hash(), t.revoked()));
                    ps.setLong(2, t.id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            sealed += rows.size();
        }
        if (sealed > 0) {
            LOG.info("访问控制信息完整性：首次启用，已为 {} 行成员关系与令牌加上 HMAC-SM3 校验值 (sealed {} access-control rows stored"
                    + " before, as they stand)", sealed, sealed);
        }
        return sealed;
    }

    /** Marks the table sealed; false when it was already (by this node before, or another one now). */
    private boolean mark(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect.insertUnlessPresent("access_seal", Columns.of("table_name"),
                "table_name"))) {
            ps.setString(1, table);
            ps.setString(2, table);
            return ps.executeUpdate() == 1;
        }
    }

    private static String membershipText(Membership m) {
        return m.user() + "\n" + m.organisation() + "\n" + m.role();
    }

    private static String tokenText(long id, String contract, String secretHash, boolean revoked) {
        return id + "\n" + contract + "\n" + secretHash + "\n" + (revoked ? "revoked" : "valid");
    }
}
