package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.activity.ActivityEntry;
import org.lvyue.api.activity.ActivityLog;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StoreActivityTest extends StoreTest {
    private static final Instant NOW = Instant.parse("2023-03-01T02:00:00Z");

    @Override
    JdbcStore newStore() {
        return new JdbcStore(url(), "sa", "", 2, Clock.fixed(NOW, ZoneOffset.UTC));
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
        assertEquals(new ActivityEntry(all.get(1).id(), NOW, "collector", "10.0.0.9", "facts-import", "bj-hrss-2022",
                "批次 7：存储 30 条"), all.get(1));
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
}
