package org.lvyue.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.karaf.jaas.modules.Encryption;
import org.apache.karaf.jaas.modules.EncryptionService;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.security.AccessPolicy;
import org.lvyue.testing.AnnotationConfigs;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SecurityPolicyTest {
    private static final int FAST = 1_000;
    @TempDir
    Path dir;

    private Path users(String... lines) throws IOException {
        return UsersFiles.write(dir, lines);
    }

    private static String hashed(String password) {
        return "{CRYPT}" + Pbkdf2.hash(password.toCharArray(), FAST) + "{CRYPT}";
    }

    private SecurityPolicy policy(boolean production, Path usersFile) {
        SecurityPolicy p = new SecurityPolicy();
        p.apply(new SecurityPolicy.Settings(production, false, FAST, 12, usersFile));
        return p;
    }

    @Test
    void the_demo_profile_refuses_nothing_the_realm_accepts() throws Exception {
        SecurityPolicy p = policy(false, users("admin = admin,admin"));
        assertEquals(AccessPolicy.DEMO, p.profile());
        assertNull(p.refusal("admin", "admin".toCharArray()));
        assertNull(p.lastCheck());
        Encryption realm = p.createEncryption(Map.of(EncryptionService.ALGORITHM, "PBKDF2WithHmacSHA256"));
        assertTrue(realm.checkPassword("admin", Pbkdf2.hash("admin".toCharArray(), FAST)));
    }

    @Test
    void the_production_profile_refuses_demo_credentials_with_a_reason() throws Exception {
        SecurityPolicy p = policy(true, users("admin = " + hashed("admin") + ",admin", "zhang = " + hashed("zhang") + ",evaluator"));
        assertEquals(AccessPolicy.PRODUCTION, p.profile());
        AccessPolicy.Refusal demo = p.refusal("admin", "admin".toCharArray());
        assertNotNull(demo);
        assertTrue(demo.message().startsWith("生产模式拒绝演示口令"), demo.message());
        assertTrue(demo.messageEn().contains("demo credentials"), demo.messageEn());
        // any shipped demo password, for any user, and a password equal to the user's own name
        assertNotNull(p.refusal("zhang", "Collector".toCharArray()));
        assertNotNull(p.refusal("zhang", "ZHANG".toCharArray()));
        assertNull(p.refusal("zhang", "a real password 2024".toCharArray()));
    }

    @Test
    void the_production_profile_refuses_a_user_whose_password_is_stored_in_clear() throws Exception {
        SecurityPolicy p = policy(true, users("li = a long clear password,collector", "wang = " + hashed("wang's real pw 1")
                + ",collector"));
        AccessPolicy.Refusal clear = p.refusal("li", "a long clear password".toCharArray());
        assertNotNull(clear);
        assertTrue(clear.message().contains("未哈希"), clear.message());
        assertNull(p.refusal("wang", "wang's real pw 1".toCharArray()));
        // an unknown user is for the realm to refuse, as any wrong login
        assertNull(p.refusal("nobody", "whatever password".toCharArray()));
    }

    @Test
    void at_start_the_production_profile_names_each_user_it_will_refuse() throws Exception {
        Path file = users("# comment", "admin = " + hashed("admin") + ",admin,manager", "engineer = " + hashed("evaluator")
                + ",engineer", "li = in clear text,collector", "wang = " + hashed("wang's real pw 1") + ",collector",
                "_g_\\:admingroup = group,admin");
        SecurityPolicy.Settings production = new SecurityPolicy.Settings(true, false, FAST, 12, file);
        assertEquals(List.of("admin (demo password)", "engineer (demo password)",
                "li (password not stored as a salted hash)"), SecurityPolicy.refusedUsers(production, false));
    }

    @Test
    void the_start_check_runs_in_the_background_and_finds_a_clean_file_clean() throws Exception {
        SecurityPolicy p = policy(true, users("wang = " + hashed("wang's real pw 1") + ",collector"));
        assertEquals(List.of(), p.lastCheck().get(30, java.util.concurrent.TimeUnit.SECONDS));
    }

    @Test
    void the_realm_stores_salted_hashes_and_refuses_demo_passwords_only_in_production() throws Exception {
        Path file = users("admin = x,admin");
        Encryption demo = policy(false, file).createEncryption(Map.of(EncryptionService.ALGORITHM, "PBKDF2WithHmacSHA256",
                "encoding", "hexadecimal"));
        String stored = demo.encryptPassword("evaluator");
        assertTrue(Pbkdf2.isHash(stored), stored);
        assertTrue(demo.checkPassword("evaluator", stored));
        Encryption production = policy(true, file).createEncryption(Map.of(EncryptionService.ALGORITHM, "PBKDF2WithHmacSHA256"));
        assertFalse(production.checkPassword("evaluator", stored));
        String real = production.encryptPassword("a real password 2024");
        assertTrue(production.checkPassword("a real password 2024", real));
        assertFalse(production.checkPassword("a real password 2023", real));
        // Karaf's unsalted digests are another service's business
        assertNull(policy(false, file).createEncryption(Map.of(EncryptionService.ALGORITHM, "SHA-256")));
    }

    @Test
    void a_new_password_needs_three_of_the_four_character_classes() throws Exception {
        SecurityPolicy p = policy(false, users());
        // lower-case and digits only: 2 classes
        AccessPolicy.Refusal two = p.weakness("zhang", "abcdefgh12345".toCharArray());
        assertNotNull(two);
        assertTrue(two.message().contains("至少 3 类，现只有 2 类"), two.message());
        assertNull(p.weakness("zhang", "Abcdefgh12345".toCharArray()), "upper, lower, digits");
        assertNull(p.weakness("zhang", "abcdefgh 12345".toCharArray()), "a space counts as another character");
        assertEquals(4, SecurityPolicy.characterClasses("Ab1-".toCharArray()));
        assertEquals(1, SecurityPolicy.characterClasses("履约系统口令".toCharArray()), "Chinese characters are others");
    }

    @Test
    void a_new_password_may_not_be_the_current_one_nor_one_of_the_last_five() throws Exception {
        Path file = users("zhang = " + hashed("Current-pass-2026") + ",evaluator");
        SecurityPolicy p = policy(false, file);
        PasswordHistory history = new PasswordHistory(file);
        java.time.Instant t = java.time.Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 1; i <= 6; i++) {
            history.record("zhang", "{CRYPT}" + Pbkdf2.hash(("Old-pass-2026-" + i).toCharArray(), FAST) + "{CRYPT}", t.plusSeconds(i));
        }
        assertNotNull(p.weakness("zhang", "Current-pass-2026".toCharArray()), "the current password");
        // newest first: 6, 5, 4, 3, 2 are the last five; 1 is older
        assertTrue(p.weakness("zhang", "Old-pass-2026-2".toCharArray()).message().contains("最近 5 次"));
        assertNull(p.weakness("zhang", "Old-pass-2026-1".toCharArray()));
        assertNull(p.weakness("li", "Old-pass-2026-6".toCharArray()), "another user's history is not this user's");
    }

    @Test
    void under_the_production_profile_a_password_older_than_ninety_days_is_refused_at_login() throws Exception {
        String hash = hashed("Real-pass-of-wang-1");
        Path file = users("wang = " + hash + ",collector", "li = " + hashed("Real-pass-of-li-12") + ",collector");
        SecurityPolicy p = policy(true, file);
        PasswordHistory history = new PasswordHistory(file);
        java.time.Instant now = java.time.Instant.now();
        history.record("wang", hash, now.minus(java.time.Duration.ofDays(91)));
        AccessPolicy.Refusal expired = p.refusal("wang", "Real-pass-of-wang-1".toCharArray());
        assertNotNull(expired);
        assertTrue(expired.message().contains("已超过 90 天未更换，已过期"), expired.message());
        // li's hash is not in the history: first seen now, so its 90 days start now
        assertNull(p.refusal("li", "Real-pass-of-li-12".toCharArray()));
        assertEquals(1, history.of("li").size());
        // a new hash for wang (set with jaas:user-add, say) starts a new 90 days
        Files.writeString(file, "wang = " + hashed("Another-pass-wang-2") + ",collector\n", StandardCharsets.ISO_8859_1);
        assertNull(p.refusal("wang", "Another-pass-wang-2".toCharArray()));
        // the demo profile never expires a password
        assertNull(policy(false, file).refusal("wang", "whatever".toCharArray()));
    }

    @Test
    void a_new_password_must_be_long_and_neither_the_user_name_nor_a_demo_password() throws Exception {
        SecurityPolicy p = policy(false, users());
        assertTrue(p.weakness("zhang", "short".toCharArray()).message().contains("至少需要 12 个字符"));
        assertNotNull(p.weakness("administrator", "Administrator".toCharArray()));
        assertNotNull(p.weakness("zhangsanfeng", "ZhangSanFeng".toCharArray()));
        assertNull(p.weakness("zhang", "履约 long enough 1".toCharArray()));
    }

    @Test
    void an_unknown_profile_word_is_read_as_production_and_weak_iteration_counts_are_raised() {
        SecurityPolicy.Settings s = SecurityPolicy.Settings.of(config("prod", 10));
        assertTrue(s.production());
        assertEquals(SecurityPolicy.MIN_ITERATIONS, s.iterations());
        assertFalse(SecurityPolicy.Settings.of(config(" Demo ", 600_000)).production());
    }

    private static SecurityConfig config(String profile, int iterations) {
        return AnnotationConfigs.of(SecurityConfig.class, Map.of("profile", profile, "hashIterations", iterations));
    }
}
