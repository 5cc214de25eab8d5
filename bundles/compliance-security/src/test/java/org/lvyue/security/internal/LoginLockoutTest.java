package org.lvyue.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.activity.ActivityEntry;
import org.lvyue.api.activity.ActivityLog;
import org.lvyue.api.security.LoginAttempts;
import org.lvyue.store.JdbcStore;
import org.lvyue.testing.SettableClock;
import org.lvyue.testing.AnnotationConfigs;

/** The lockout against the real activity trail (an H2 file), on a clock the test moves. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LoginLockoutTest {
    @TempDir
    Path dir;
    private JdbcStore store;
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-07T01:00:00Z"), ZoneOffset.UTC);
    private LoginLockout lockout;

    @BeforeEach
    void open() {
        store = new JdbcStore("jdbc:h2:file:" + dir.resolve("lvyue"));
        lockout = new LoginLockout(store, store, config(5, 15, 30, 3, 60), clock, false);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void five_failures_in_the_window_lock_the_account_even_for_the_right_password_until_the_lock_ends() {
        for (int i = 0; i < 4; i++) {
            lockout.failed("zhang", "10.0.0." + i); // from several addresses: the account counts them all
            clock.advance(Duration.ofMinutes(2));
        }
        assertNull(lockout.refusal("zhang", "10.0.0.9"), "four failures do not lock");
        lockout.failed("zhang", "10.0.0.4");

        LoginAttempts.Wait wait = lockout.refusal("zhang", "10.0.0.9");
        assertNotNull(wait, "the fifth failure within 15 minutes locks");
        // locked at 01:08 for 30 minutes: until 01:38 UTC = 09:38 Beijing time; 1,800 s to wait
        assertEquals(1800, wait.retryAfterSeconds());
        assertTrue(wait.message().contains("已被锁定") && wait.message().contains("2026-12-07 09:38:00"), wait.message());
        assertEquals(List.of("zhang"), lockout.locks().stream().map(LoginAttempts.Lock::user).toList());
        lockout.succeeded("zhang", "10.0.0.9"); // a login that got through before the lock does not lift it
        assertNotNull(lockout.refusal("zhang", "10.0.0.9"));

        clock.advance(Duration.ofMinutes(30));
        assertNull(lockout.refusal("zhang", "10.0.0.9"), "the lock ends after 30 minutes");
        lockout.sweep();
        assertEquals(List.of(ActivityLog.ACCOUNT_UNLOCK, ActivityLog.ACCOUNT_LOCK), actions("zhang"),
                "the lock and its release are in the trail, newest first");
        ActivityEntry lock = trail("zhang").get(1);
        assertEquals("10.0.0.4", lock.address());
        assertTrue(lock.detail().contains("连续 5 次登录失败"), lock.detail());
    }

    @Test
    void new_limits_apply_to_the_next_failure_and_the_counts_and_locks_so_far_stay() {
        lockout.failed("zhao", null);
        lockout.failed("zhao", null);
        for (int i = 0; i < 5; i++) {
            lockout.failed("qian", null);
        }
        assertNotNull(lockout.refusal("qian", null));

        lockout.modified(config(3, 15, 30, 3, 60)); // three failures lock now

        assertNotNull(lockout.refusal("qian", null), "the lock made under the old limits stays");
        assertNull(lockout.refusal("zhao", null));
        lockout.failed("zhao", null);
        assertNotNull(lockout.refusal("zhao", null), "two failures before the change and one after: three, locked");
    }

    @Test
    void failures_older_than_the_window_do_not_count() {
        for (int i = 0; i < 4; i++) {
            lockout.failed("li", null);
        }
        clock.advance(Duration.ofMinutes(16));
        lockout.failed("li", null);
        assertNull(lockout.refusal("li", null), "four failures 16 minutes ago and one now: no lock");
    }

    @Test
    void a_successful_login_forgets_the_accounts_failures() {
        for (int i = 0; i < 4; i++) {
            lockout.failed("wang", null);
        }
        lockout.succeeded("wang", null);
        lockout.failed("wang", null);
        assertNull(lockout.refusal("wang", null));
    }

    @Test
    void an_address_past_its_free_failures_waits_twice_as_long_after_each_further_failure() {
        // three free failures, then 1 s, 2 s, 4 s... up to 60 s; names differ, so no account locks
        for (int i = 0; i < 3; i++) {
            lockout.failed("u" + i, "192.0.2.7");
        }
        assertNull(lockout.refusal("anyone", "192.0.2.7"));
        lockout.failed("u3", "192.0.2.7");
        assertEquals(1, lockout.refusal("anyone", "192.0.2.7").retryAfterSeconds());
        lockout.failed("u4", "192.0.2.7");
        assertEquals(2, lockout.refusal("anyone", "192.0.2.7").retryAfterSeconds());
        lockout.failed("u5", "192.0.2.7");
        assertEquals(4, lockout.refusal("anyone", "192.0.2.7").retryAfterSeconds());
        for (int i = 6; i < 20; i++) {
            lockout.failed("u" + i, "192.0.2.7");
        }
        assertEquals(60, lockout.refusal("anyone", "192.0.2.7").retryAfterSeconds(), "never more than the maximum");
        assertNull(lockout.refusal("anyone", "198.51.100.1"), "another address is not slowed");
        clock.advance(Duration.ofSeconds(60));
        assertNull(lockout.refusal("anyone", "192.0.2.7"), "after the wait the address may try again");
    }

    @Test
    void an_administrator_releases_a_lock_early_and_the_trail_names_both() {
        for (int i = 0; i < 5; i++) {
            lockout.failed("zhao", null);
        }
        assertTrue(lockout.unlock("zhao", "secadmin"));
        assertNull(lockout.refusal("zhao", null));
        assertFalse(lockout.unlock("zhao", "secadmin"), "not locked any more");
        ActivityEntry release = trail("secadmin").get(0);
        assertEquals(ActivityLog.ACCOUNT_UNLOCK, release.action());
        assertEquals("zhao", release.target());
        assertTrue(release.detail().contains("提前解除"), release.detail());
    }

    @Test
    void made_up_addresses_beyond_the_tracked_limit_are_not_slowed_down_and_the_sweep_makes_room_again() {
        for (int i = 0; i < LoginLockout.MAX_TRACKED + 100; i++) {
            lockout.failed(null, "addr-" + i);
        }
        for (int i = 0; i < 10; i++) {
            lockout.failed(null, "192.0.2.99");
        }
        assertNull(lockout.refusal(null, "192.0.2.99"), "no room: counted nowhere, the heap stays bounded");
        clock.advance(Duration.ofMinutes(16));
        lockout.sweep();
        for (int i = 0; i < 10; i++) {
            lockout.failed(null, "192.0.2.99");
        }
        assertNotNull(lockout.refusal(null, "192.0.2.99"), "the sweep made room again");
    }

    @Test
    void a_name_too_long_for_any_account_is_counted_and_locked_by_its_digest() {
        String longName = "x".repeat(5000);
        for (int i = 0; i < 5; i++) {
            lockout.failed(longName, null);
        }
        assertNotNull(lockout.refusal(longName, null));
        assertEquals(List.of(LoginLockout.account(longName)), lockout.locks().stream().map(LoginAttempts.Lock::user).toList());
        assertTrue(LoginLockout.account(longName).startsWith("sha256:"));
    }

    @Test
    void nodes_on_one_database_count_an_accounts_failures_together_and_a_restart_keeps_the_lock() {
        try (JdbcStore otherNodesStore = new JdbcStore("jdbc:h2:file:" + dir.resolve("lvyue"))) {
            LoginLockout otherNode = new LoginLockout(otherNodesStore, otherNodesStore, config(5, 15, 30, 3, 60), clock, false);
            for (int i = 0; i < 3; i++) {
                lockout.failed("sun", "10.0.0.1");
                if (i < 2) {
                    otherNode.failed("sun", "10.0.0.2");
                }
            }
            assertNotNull(otherNode.refusal("sun", "10.0.0.3"), "three failures here and two there: five, locked everywhere");
            assertNotNull(lockout.refusal("sun", "10.0.0.3"));
            assertEquals(1, actions("sun").size(), "one lock recorded, by the node whose failure made it");
        }
        LoginLockout restarted = new LoginLockout(store, store, config(5, 15, 30, 3, 60), clock, false);
        assertNotNull(restarted.refusal("sun", null), "a restart releases nothing early");
        clock.advance(Duration.ofMinutes(30));
        restarted.sweep();
        lockout.sweep();
        assertEquals(List.of(ActivityLog.ACCOUNT_UNLOCK, ActivityLog.ACCOUNT_LOCK), actions("sun"), "released once");
    }

    @Test
    void the_question_every_request_asks_reads_the_locks_once_not_per_request_and_a_lock_made_here_shows_at_once() {
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        org.lvyue.api.store.AccountLocks counted = new org.lvyue.api.store.AccountLocks() {
            public int failed(String user, Instant at, Instant windowStart) { return store.failed(user, at, windowStart); }
            public void forgetFailures(String user) { store.forgetFailures(user); }
            public boolean lock(LoginAttempts.Lock lock) { return store.lock(lock); }
            public java.util.Optional<LoginAttempts.Lock> lock(String user) { reads.incrementAndGet(); return store.lock(user); }
            public List<LoginAttempts.Lock> locks() { reads.incrementAndGet(); return store.locks(); }
            public java.util.Optional<LoginAttempts.Lock> unlock(String user) { return store.unlock(user); }
            public List<LoginAttempts.Lock> sweep(Instant now, Instant from) { return store.sweep(now, from); }
        };
        LoginLockout node = new LoginLockout(store, counted, config(5, 15, 30, 3, 60), clock, false);
        for (int i = 0; i < 200; i++) {
            assertNull(node.refusal("zhou", "10.0.0.1"));
        }
        assertTrue(reads.get() <= 2, "200 requests, " + reads.get() + " reads of the database's locks");

        for (int i = 0; i < 5; i++) {
            node.failed("zhou", null);
        }
        assertNotNull(node.refusal("zhou", "10.0.0.1"), "the lock made here is read again at once");
    }

    private List<ActivityEntry> trail(String user) {
        return store.list(new ActivityLog.Query(user, null, 10, 0));
    }

    private List<String> actions(String user) {
        return trail(user).stream().map(ActivityEntry::action).toList();
    }

    static SecurityConfig config(int failures, int windowMinutes, int lockMinutes, int freeFailures, int maxDelaySeconds) {
        return AnnotationConfigs.of(SecurityConfig.class, Map.of("lockoutFailures", failures, "lockoutWindowMinutes", windowMinutes, "lockoutMinutes",
                lockMinutes, "addressFreeFailures", freeFailures, "addressMaxDelaySeconds", maxDelaySeconds));
    }
}
