package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.activity.ActivityEntry;
import org.lvyue.api.activity.ActivityLog;
import org.lvyue.testing.SettableClock;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StoreActivityTest extends StoreTest {
    private static final Instant NOW = Instant.parse("2023-03-01T02:00:00Z");
    private final SettableClock clock = new SettableClock(NOW, ZoneOffset.UTC);

    @Override
    JdbcStore newStore() {
        return new JdbcStore(url(), "sa", "", 2, clock);
    }

    @Test
    void recorded_actions_are_listed_newest_first_with_who_where_and_what() {
        store.record("admin", "10.0.0.5", ActivityLog.LOGIN, null, null);
        store.record("collector", "10.0.0.9", ActivityLog.FACTS_IMPORT, "bj-hrss-2022", "批次 7：存储 30 条");
        ActivityEntry waiver = store.record("admin", "10.0.0.5", ActivityLog.WAIVER_ADD, "bj-hrss-2022", "豁免 3");

        List<ActivityEntry> all = store.list(new ActivityLog.Query(null, null, 100, 0));
        assertEquals(List.of(ActivityLog.WAIVER_ADD, ActivityLog.FACTS_IMPORT, ActivityLog.LOGIN),
                all.stream().map(ActivityEntry::action).toList());
        assertEquals(waiver, all.get(0));
        ActivityEntry e = all.get(1);
        assertEquals(List.of(NOW, "collector", "10.0.0.9", "facts-import", "bj-hrss-2022", "批次 7：存储 30 条", ActivityLog.SUCCESS),
                List.of(e.at(), e.user(), e.address(), e.action(), e.target(), e.detail(), e.result()));
        assertEquals(3, store.count(new ActivityLog.Query(null, null, 1, 0)), "the count ignores the page");
    }

    @Test
    void the_record_is_filtered_by_user_and_action_and_paged() {
        for (int i = 0; i < 5; i++) {
            store.record("engineer", null, ActivityLog.BUNDLE_UPLOAD, "org.lvyue.domain-x", "v" + i);
        }
        store.record("admin", null, ActivityLog.LOGIN, null, null);
        store.record("engineer", null, ActivityLog.LOGIN, null, null);

        assertEquals(6, store.count(new ActivityLog.Query("engineer", null, 100, 0)));
        assertEquals(5, store.count(new ActivityLog.Query("engineer", ActivityLog.BUNDLE_UPLOAD, 100, 0)));
        assertEquals(2, store.count(new ActivityLog.Query(null, ActivityLog.LOGIN, 100, 0)));
        assertEquals(List.of("v3", "v2"), store.list(new ActivityLog.Query("engineer", ActivityLog.BUNDLE_UPLOAD, 2, 1))
                .stream().map(ActivityEntry::detail).toList());
        assertEquals(List.of(), store.list(new ActivityLog.Query("nobody", null, 100, 0)));
    }

    @Test
    void a_detail_too_long_is_cut_rather_than_losing_the_record() {
        ActivityEntry e = store.record("admin", null, ActivityLog.CONTRACT_DEFINE, "x", "长".repeat(10_000));
        assertEquals(ActivityTable.MAX_DETAIL, e.detail().length());
        assertEquals(e, store.list(new ActivityLog.Query(null, null, 1, 0)).get(0));
    }

    @Test
    void the_record_survives_reopening_the_store() throws SQLException {
        store.record("admin", "127.0.0.1", ActivityLog.LOGIN_FAILED, null, null);
        store.close();
        store = newStore();
        assertEquals(ActivityLog.LOGIN_FAILED, store.list(new ActivityLog.Query(null, null, 10, 0)).get(0).action());
        store.close();
        try (Connection c = jdbc(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT user_name, address, action FROM activity")) {
            assertTrue(rs.next());
            assertEquals("admin|127.0.0.1|login-failed", rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
            assertTrue(!rs.next(), "one action, one row");
        }
        store = newStore();
    }

    // ---------------------------------------------------------------- the security trail's chain (issue #25 item 3)

    @Test
    void each_entry_is_chained_to_the_one_before_by_sm3_and_says_its_result() {
        ActivityEntry first = store.record("admin", "10.0.0.5", ActivityLog.LOGIN, null, "REST 登录");
        ActivityEntry failed = store.record("li", "10.0.0.6", ActivityLog.LOGIN_FAILED, null, "口令错误");
        ActivityEntry refused = store.record("admin", "shell", ActivityLog.USER_CHANGE, "zhang", "授予角色 auditadmin：三权分立",
                ActivityLog.REFUSED);

        assertEquals(ActivityTable.GENESIS, first.previous());
        assertEquals(first.hash(), failed.previous());
        assertEquals(failed.hash(), refused.previous());
        assertEquals(List.of(first.id() + 1, first.id() + 2), List.of(failed.id(), refused.id()), "one id after the other");
        assertEquals(64, first.hash().length(), "SM3: 256 bits in hex");
        assertEquals(List.of(ActivityLog.SUCCESS, ActivityLog.REFUSED, ActivityLog.REFUSED),
                List.of(first.result(), failed.result(), refused.result()));
        assertEquals(List.of(refused, failed, first), store.list(new ActivityLog.Query(null, null, 10, 0)),
                "read back exactly as recorded, hashes included");

        ActivityLog.Verification v = store.verify();
        assertTrue(v.intact(), v.problem());
        assertEquals(3, v.entries());
        assertEquals(refused.id() + ":" + refused.hash(), v.headId() + ":" + v.headHash());
        assertThrows(IllegalArgumentException.class, () -> store.record("admin", null, ActivityLog.LOGIN, null, null, "maybe"));
    }

    @Test
    void an_entry_changed_behind_the_products_back_is_found_by_the_verification() throws SQLException {
        for (int i = 0; i < 5; i++) {
            store.record("engineer", "10.0.0.7", ActivityLog.BUNDLE_UPLOAD, "org.lvyue.domain-x", "v" + i);
        }
        long third = store.list(new ActivityLog.Query(null, null, 10, 0)).get(2).id();
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate("UPDATE activity SET user_name = 'someone-else' WHERE id = " + third));
        }
        ActivityLog.Verification v = store.verify();
        assertFalse(v.intact());
        assertEquals(third, v.firstBroken());
        assertTrue(v.problem().contains("被修改"), v.problem());
    }

    @Test
    void an_entry_deleted_or_a_failed_login_turned_into_a_success_is_found() throws SQLException {
        List<ActivityEntry> made = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            made.add(store.record("li", "10.0.0.8", ActivityLog.LOGIN_FAILED, null, "口令错误 " + i));
        }
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate("DELETE FROM activity WHERE id = " + made.get(1).id()));
        }
        ActivityLog.Verification deleted = store.verify();
        assertFalse(deleted.intact());
        assertEquals(made.get(2).id(), deleted.firstBroken(), "the entry after the one deleted no longer follows its hash");
        assertTrue(deleted.problem().contains("删除"), deleted.problem());

        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM activity");
        }
        ActivityEntry a = store.record("li", "10.0.0.8", ActivityLog.LOGIN_FAILED, null, "口令错误");
        store.record("li", "10.0.0.8", ActivityLog.LOGIN, null, "REST 登录");
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE activity SET result = 'success' WHERE id = " + a.id());
        }
        assertEquals(a.id(), store.verify().firstBroken(), "the result is part of what is hashed");
    }

    @Test
    void a_time_range_is_read_oldest_first_for_the_export() {
        clock.set(Instant.parse("2023-03-01T01:00:00Z"));
        store.record("admin", null, ActivityLog.LOGIN, null, "早");
        clock.set(Instant.parse("2023-03-02T01:00:00Z"));
        store.record("admin", null, ActivityLog.WAIVER_ADD, "c", "中");
        clock.set(Instant.parse("2023-03-03T01:00:00Z"));
        store.record("admin", null, ActivityLog.LOGOUT, null, "晚");
        List<ActivityEntry> range = store.between(Instant.parse("2023-03-01T01:00:00Z"), Instant.parse("2023-03-03T01:00:00Z"), 100);
        assertEquals(List.of("早", "中"), range.stream().map(ActivityEntry::detail).toList(), "from included, to excluded");
        assertEquals(List.of("早"), store.between(Instant.parse("2023-03-01T00:00:00Z"), Instant.parse("2023-03-04T00:00:00Z"), 1)
                .stream().map(ActivityEntry::detail).toList(), "at most the limit, the oldest first");
    }

    @Test
    void entries_written_before_the_chain_are_sealed_as_they_stand_at_the_next_start_and_the_chain_goes_on() throws SQLException {
        store.record("admin", null, ActivityLog.LOGIN, null, "链之前");
        store.record("admin", null, ActivityLog.LOGIN_FAILED, null, "链之前");
        store.close();
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            // as a store before V17 left them: no hash; and an id skipped, as a rolled-back insert of the identity did
            s.executeUpdate("UPDATE activity SET previous = NULL, entry_hash = NULL");
            s.executeUpdate("UPDATE activity SET id = id + 10 WHERE id = (SELECT MAX(id) FROM activity)");
        }
        store = newStore();
        ActivityLog.Verification sealed = store.verify();
        assertTrue(sealed.intact(), sealed.problem());
        assertEquals(2, sealed.entries());
        ActivityEntry next = store.record("admin", null, ActivityLog.LOGOUT, null, "链之后");
        assertEquals(sealed.headId() + 1, next.id());
        assertEquals(sealed.headHash(), next.previous());
        assertTrue(store.verify().intact());
    }

    @Test
    void appends_from_many_threads_make_one_unbroken_line() throws Exception {
        int threads = 4;
        int each = 25;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int n = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        store.record("user-" + n, null, ActivityLog.FACTS_IMPORT, "c", "批次 " + i);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        ActivityLog.Verification v = store.verify();
        assertTrue(v.intact(), v.problem());
        assertEquals(threads * each, v.entries());
    }
}
