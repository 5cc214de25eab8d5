package org.lvyue.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.access.IssuedToken;
import org.lvyue.api.access.Membership;
import org.lvyue.api.access.Organisation;
import org.lvyue.store.JdbcStore;
import org.lvyue.testing.PostgresServer;

/**
 * 访问控制信息完整性 (GB/T 39786-2021): memberships and collector tokens written or altered straight in the database,
 * around the product, grant nothing; on a real H2 file and a real PostgreSQL database, with the real SM4 key file.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AccessControlIntegrityTest {
    private static final String CONTRACT = "HT-2022-001";
    /** A collector secret of the database administrator's own, in the product's format. */
    private static final String FORGED = "lvy_forged-by-the-database-administrator-0123456789";
    @TempDir
    Path dir;

    @Test
    void on_h2_rows_granted_or_altered_around_the_product_grant_nothing() throws Exception {
        check("jdbc:h2:file:" + dir.resolve("lvyue"), "sa", "");
    }

    @Test
    void on_postgresql_rows_granted_or_altered_around_the_product_grant_nothing() throws Exception {
        PostgresServer.Database db = PostgresServer.shared().freshDatabase("access-integrity");
        check(db.plainUrl(), db.user(), db.password());
    }

    @Test
    void rows_stored_before_the_seals_are_sealed_once_as_they_stand_and_a_row_added_later_without_one_is_refused() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("before");
        // a store of the version before: no cipher, so no seals
        try (JdbcStore store = new JdbcStore(url)) {
            store.saveOrganisation(new Organisation("gxbf", "广西博飞", Organisation.SUPPLIER), "secadmin", "127.0.0.1");
            store.addMember(new Membership("li", "gxbf", Membership.ENGINEER), "secadmin", "127.0.0.1");
        }
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("DELETE FROM access_seal"); // as the upgrade finds it: its tables never sealed
        }
        try (JdbcStore store = open(url, "sa", "")) {
            assertEquals(List.of(new Membership("li", "gxbf", Membership.ENGINEER)), store.membershipsOf("li"));
        }
        execute(url, "sa", "", "INSERT INTO membership (user_name, organisation_id, role) VALUES ('wu', 'gxbf', 'admin')");
        try (JdbcStore store = open(url, "sa", "")) {
            assertEquals(List.of(), store.membershipsOf("wu"), "sealed once: a row without a seal now is one written around it");
            assertEquals(1, store.members("gxbf").size());
        }
    }

    private void check(String url, String user, String password) throws Exception {
        IssuedToken kept;
        IssuedToken revoked;
        try (JdbcStore store = open(url, user, password)) {
            store.saveOrganisation(new Organisation("gxbf", "广西博飞", Organisation.SUPPLIER), "secadmin", "127.0.0.1");
            store.addMember(new Membership("li", "gxbf", Membership.ENGINEER), "secadmin", "127.0.0.1");
            kept = store.issueToken(CONTRACT, "采集器一", "wang", "127.0.0.1");
            revoked = store.issueToken(CONTRACT, "采集器二", "wang", "127.0.0.1");
            store.revokeToken(CONTRACT, revoked.token().id(), "wang", "127.0.0.1");
            assertTrue(store.authenticate(kept.secret()).isPresent());
        }
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT seal FROM membership")) {
            assertTrue(rs.next());
            assertTrue(rs.getString(1).startsWith("hmac-sm3:k1:"), rs.getString(1));
        }
        // a database administrator's edits: a role raised, a role granted, a revoked token valid again, a token forged
        execute(url, user, password, "UPDATE membership SET role = 'admin' WHERE user_name = 'li'",
                "INSERT INTO membership (user_name, organisation_id, role, seal) SELECT 'zhao', organisation_id, role, seal"
                        + " FROM membership WHERE user_name = 'li'",
                "UPDATE api_token SET revoked_at = NULL WHERE id = " + revoked.token().id(),
                "INSERT INTO api_token (contract_id, name, secret_hash, created_at, created_by, seal) SELECT contract_id,"
                        + " 'forged', '" + sha256(FORGED) + "', created_at, created_by, seal FROM api_token WHERE id = "
                        + kept.token().id());
        try (JdbcStore store = open(url, user, password)) {
            store.alarms(new MailedAlarms(store, org.lvyue.testing.AnnotationConfigs.of(SecurityConfig.class,
                    java.util.Map.of("alarmMailTo", "sec@bureau.example")), Clock.systemUTC(), Runnable::run));
            assertEquals(List.of(), store.membershipsOf("li"), "the raised role is not honoured");
            assertEquals(List.of(), store.membershipsOf("zhao"), "a seal copied from another row does not fit this one");
            assertEquals(List.of(), store.members("gxbf"));
            assertTrue(store.authenticate(revoked.secret()).isEmpty(), "revoked in the product, revoked it stays");
            assertTrue(store.authenticate(FORGED).isEmpty(), "a token of one's own, with another row's seal");
            assertEquals(List.of(kept.token().id()), store.tokens(CONTRACT).stream().map(t -> t.id()).toList());
            assertTrue(store.authenticate(kept.secret()).isPresent(), "untouched rows still grant");
            // each broken row told to the security administrators, once
            List<String> alarms = store.due(org.lvyue.api.notify.Channel.EMAIL, java.time.Instant.now().plusSeconds(60), 100)
                    .stream().map(m -> m.title()).sorted().toList();
            assertEquals(List.of("访问控制信息完整性校验失败：li 的记录在产品之外被写入或改动，已不予采用",
                    "访问控制信息完整性校验失败：zhao 的记录在产品之外被写入或改动，已不予采用",
                    "访问控制信息完整性校验失败：采集令牌 #" + revoked.token().id() + " 的记录在产品之外被写入或改动，已不予采用",
                    "访问控制信息完整性校验失败：采集令牌 #" + (revoked.token().id() + 1) + " 的记录在产品之外被写入或改动，已不予采用"),
                    alarms);
            // granted again through the product, the role is sealed anew
            assertTrue(store.addMember(new Membership("li", "gxbf", Membership.ENGINEER), "secadmin", "127.0.0.1"));
            assertEquals(List.of(new Membership("li", "gxbf", Membership.ENGINEER)), store.membershipsOf("li"));
        }
    }

    private JdbcStore open(String url, String user, String password) {
        Sm4FieldCipher cipher = new Sm4FieldCipher(FieldKeys.load(dir.resolve("keys.properties"), new SecureRandom()),
                new SecureRandom());
        return new JdbcStore(url, user, password, 2, Clock.systemUTC(), JdbcStore.DEFAULT_CHAIN_ALGORITHM, cipher);
    }

    private static String sha256(String secret) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static void execute(String url, String user, String password, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
