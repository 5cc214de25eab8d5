package org.lvyue.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.notify.Channel;
import org.lvyue.api.notify.Notice;
import org.lvyue.api.notify.NotificationKind;
import org.lvyue.api.notify.OutboxMessage;
import org.lvyue.api.notify.Subscription;
import org.lvyue.api.store.StoreException;
import org.lvyue.store.JdbcStore;
import org.lvyue.testing.PostgresServer;

/**
 * 钉钉's signing secrets at rest (GB/T 39786-2021 数据机密性): the store, on a real H2 file and a real PostgreSQL
 * database, keeps them SM4-encrypted in both columns that hold them, and hands them back in clear to the sender.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SecretsAtRestTest {
    private static final String SECRET = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd";
    private static final String CONTRACT = "HT-2022-001";
    @TempDir
    Path dir;

    @Test
    void on_h2_the_signing_secret_is_stored_encrypted_and_read_back_in_clear() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("lvyue");
        check(url, "sa", "");
    }

    @Test
    void on_postgresql_the_signing_secret_is_stored_encrypted_and_read_back_in_clear() throws Exception {
        PostgresServer.Database db = PostgresServer.shared().freshDatabase("secrets-at-rest");
        check(db.plainUrl(), db.user(), db.password());
    }

    private void check(String url, String user, String password) throws Exception {
        Sm4FieldCipher cipher = new Sm4FieldCipher(FieldKeys.load(dir.resolve("keys.properties"), new SecureRandom()),
                new SecureRandom());
        try (JdbcStore store = new JdbcStore(url, user, password, 2, Clock.systemUTC(), JdbcStore.DEFAULT_CHAIN_ALGORITHM, cipher)) {
            Subscription added = store.addSubscription(new Subscription(0, CONTRACT, "gxbf", "值班群", Channel.DINGTALK,
                    "https://oapi.dingtalk.com/robot/send?access_token=t", SECRET, Set.of(NotificationKind.DEADLINE),
                    Severity.HIGH, null, null), "admin", "127.0.0.1");
            assertEquals(SECRET, store.subscriptions(CONTRACT).get(0).secret());
            store.writeNotice(new Notice(CONTRACT, NotificationKind.DEADLINE, "deadline/report/2023-10-09/lead 3",
                    "terms.monthly", Severity.HIGH, "月度报告 3 个工作日后到期", "2023-10-09 到期", "八.3"), Instant.now());
            List<OutboxMessage> due = store.due(Channel.DINGTALK, Instant.now().plusSeconds(60), 10);
            assertEquals(1, due.size());
            assertEquals(SECRET, due.get(0).secret(), "the sender signs with the secret in clear");

            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                for (String table : List.of("notify_subscription", "notify_outbox")) {
                    try (ResultSet rs = s.executeQuery("SELECT secret FROM " + table)) {
                        assertTrue(rs.next());
                        String stored = rs.getString(1);
                        assertTrue(stored.startsWith("sm4:k1:"), table + ": " + stored);
                        assertFalse(stored.contains(SECRET.substring(3, 20)), table + " holds no part of the secret");
                    }
                }
            }
            assertEquals(added.id(), store.subscriptions(CONTRACT).get(0).id());
        }
        // opened without the cipher (a tool), the encrypted secret is refused by name, not handed out as it is stored
        try (JdbcStore plain = new JdbcStore(url, user, password, 2, Clock.systemUTC())) {
            StoreException e = assertThrows(StoreException.class, () -> plain.subscriptions(CONTRACT));
            assertTrue(e.getMessage().contains("notify_subscription.secret"), e.getMessage());
        }
    }
}
