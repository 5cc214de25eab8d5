package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.audit.AuditCount;
import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.audit.AuditLog.GroupBy;
import org.lvyue.api.audit.AuditQuery;
import org.lvyue.api.audit.AuditSelection;
import org.lvyue.api.store.ConflictingFactException;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StoreAuditTest extends StoreTest {
    private static final LocalDateTime NINE = LocalDateTime.of(2022, 3, 1, 9, 0);

    private static AuditEvent event(String id, LocalDateTime at, String user, String address, String action, String resource) {
        return new AuditEvent(id, at, user, address, action, resource, false, null, "社保业务系统");
    }

    private static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null, null, 100, 0);
    }

    private List<AuditEvent> day() {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(event("e" + i, NINE.plusMinutes(i), i % 2 == 0 ? "zhang" : "li", "10.12.0." + i,
                    i < 3 ? "login" : "operation", "参保登记"));
        }
        return events;
    }

    @Test
    void a_batch_is_stored_once_and_a_retry_adds_nothing() {
        assertEquals(10, store.appendAuditEvents(TestData.CONTRACT, day()));
        assertEquals(0, store.appendAuditEvents(TestData.CONTRACT, day()));
        List<AuditEvent> mixed = new ArrayList<>(day());
        mixed.add(event("e10", NINE.plusHours(1), "wang", "10.12.0.99", "logout", null));
        assertEquals(1, store.appendAuditEvents(TestData.CONTRACT, mixed));
        assertEquals(11, store.auditEventCount(TestData.CONTRACT, all()));
    }

    @Test
    void a_reused_id_with_other_content_refuses_the_whole_batch() {
        store.appendAuditEvents(TestData.CONTRACT, day());
        List<AuditEvent> batch = List.of(event("new", NINE, "zhao", "10.12.1.1", "login", null),
                event("e3", NINE, "someone-else", "10.12.0.3", "operation", "参保登记"));
        ConflictingFactException e = assertThrows(ConflictingFactException.class,
                () -> store.appendAuditEvents(TestData.CONTRACT, batch));
        assertEquals(List.of("e3"), e.ids());
        assertEquals(10, store.auditEventCount(TestData.CONTRACT, all()), "nothing of the refused batch is stored");
    }

    @Test
    void entries_are_found_by_time_user_address_prefix_resource_and_action_newest_first() {
        store.appendAuditEvents(TestData.CONTRACT, day());
        store.appendAuditEvents(TestData.CONTRACT, List.of(event("x", NINE.plusDays(1), "zhang", "192.168.1.5", "login", null)));
        List<AuditEvent> zhang = store.auditEvents(TestData.CONTRACT, new AuditQuery(null, null, "zhang", null, null, null, null, 100, 0));
        assertEquals(List.of("x", "e8", "e6", "e4", "e2", "e0"), zhang.stream().map(AuditEvent::id).toList());
        assertEquals(10, store.auditEventCount(TestData.CONTRACT, new AuditQuery(null, null, null, "10.12.", null, null, null, 100, 0)));
        assertEquals(1, store.auditEventCount(TestData.CONTRACT, new AuditQuery(null, null, null, "10.12.0.7", null, null, null, 100, 0)));
        assertEquals(4, store.auditEventCount(TestData.CONTRACT, new AuditQuery(null, null, null, null, null, "login", null, 100, 0)));
        assertEquals(7, store.auditEventCount(TestData.CONTRACT, new AuditQuery(null, null, null, null, "参保登记", "operation", null, 100, 0)));
        // from inclusive, to exclusive
        assertEquals(5, store.auditEventCount(TestData.CONTRACT,
                new AuditQuery(NINE.plusMinutes(2), NINE.plusMinutes(7), null, null, null, null, null, 100, 0)));
        List<AuditEvent> page = store.auditEvents(TestData.CONTRACT, new AuditQuery(null, null, null, null, null, null, null, 3, 2));
        assertEquals(List.of("e8", "e7", "e6"), page.stream().map(AuditEvent::id).toList());
        assertEquals(event("e5", NINE.plusMinutes(5), "li", "10.12.0.5", "operation", "参保登记"),
                store.auditEvents(TestData.CONTRACT, new AuditQuery(null, null, null, "10.12.0.5", null, null, null, 1, 0)).get(0),
                "every field comes back as stored");
    }

    @Test
    void entries_are_counted_by_day_hour_user_and_action() {
        store.appendAuditEvents(TestData.CONTRACT, day());
        store.appendAuditEvents(TestData.CONTRACT, List.of(event("x", NINE.plusDays(1).plusHours(12), "zhang", "10.12.9.9", "login", null)));
        assertEquals(List.of(new AuditCount("2022-03-01", 10), new AuditCount("2022-03-02", 1)),
                store.auditEventCounts(TestData.CONTRACT, all(), GroupBy.DAY, 10));
        assertEquals(List.of(new AuditCount("09", 10), new AuditCount("21", 1)),
                store.auditEventCounts(TestData.CONTRACT, all(), GroupBy.HOUR, 10));
        assertEquals(List.of(new AuditCount("zhang", 6), new AuditCount("li", 5)),
                store.auditEventCounts(TestData.CONTRACT, all(), GroupBy.USER, 10));
        assertEquals(List.of(new AuditCount("operation", 7)),
                store.auditEventCounts(TestData.CONTRACT, all(), GroupBy.ACTION, 1));
    }

    @Test
    void a_selection_hands_over_exactly_the_entries_it_reads_in_time_order_equal_to_those_read_whole() {
        List<AuditEvent> events = new ArrayList<>(day());
        events.add(new AuditEvent("d1", NINE.plusHours(2).plusNanos(123_000), "li", "10.12.0.1", "file-download",
                "/files/涉密-1.xlsx", true, null, "社保业务系统"));
        events.add(new AuditEvent("d2", NINE.plusHours(2), "li", "10.12.0.1", "file-download", "/files/1.xlsx", false, null, null));
        events.add(new AuditEvent("g1", NINE.minusHours(1), "admin", "10.12.0.9", "permission-grant", "授予 li 角色「审计员」",
                false, "REQ-1", "权限管理系统"));
        java.util.Collections.reverse(events);
        store.appendAuditEvents(TestData.CONTRACT, events);
        List<AuditEvent> whole = new ArrayList<>();
        store.forEachAuditEvent(TestData.CONTRACT, whole::add);
        AuditSelection selection = new AuditSelection(Set.of("login", "permission-grant"), Set.of("file-download"));

        List<AuditEvent> selected = new ArrayList<>();
        store.forEachAuditEvent(TestData.CONTRACT, selection, selected::add);

        assertEquals(List.of("g1", "e0", "e1", "e2", "d1"), selected.stream().map(AuditEvent::id).toList());
        assertEquals(whole.stream().filter(selection::reads).toList(), selected, "every field as the whole read gives it");
        assertTrue(selected.get(1).user() == selected.get(3).user(), "a user read twice is one string");
        List<AuditEvent> none = new ArrayList<>();
        store.forEachAuditEvent(TestData.CONTRACT, AuditSelection.NONE, none::add);
        store.forEachAuditEvent("another-contract", selection, none::add);
        assertEquals(List.of(), none);
    }

    @Test
    void every_entry_is_handed_over_in_time_order_and_survives_reopening() {
        List<AuditEvent> events = new ArrayList<>(day());
        java.util.Collections.reverse(events);
        store.appendAuditEvents(TestData.CONTRACT, events);
        store.close();
        store = newStore();
        List<String> ids = new ArrayList<>();
        store.forEachAuditEvent(TestData.CONTRACT, e -> ids.add(e.id()));
        assertEquals(List.of("e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9"), ids);
        assertTrue(store.auditEvents("another-contract", all()).isEmpty());
    }

    @Test
    void a_log_longer_than_the_database_keeps_in_memory_is_streamed_whole_and_the_connections_then_write_as_before() {
        // 45,000 entries: more than H2 gathers in memory (40,000 rows) and than PostgreSQL's driver fetches at once (5,000)
        int n = 45_000;
        List<AuditEvent> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(event(String.format("L%05d", i), NINE.plusSeconds(i), "user" + i % 7, "10.12.0." + i % 11,
                    i % 3 == 0 ? "operation" : "login", "参保登记"));
            if (batch.size() == 5_000) {
                store.appendAuditEvents(TestData.CONTRACT, batch);
                batch.clear();
            }
        }
        List<String> whole = new ArrayList<>();
        store.forEachAuditEvent(TestData.CONTRACT, e -> whole.add(e.id()));
        List<String> logins = new ArrayList<>();
        store.forEachAuditEvent(TestData.CONTRACT, new AuditSelection(Set.of("login"), Set.of()), e -> logins.add(e.id()));
        assertEquals(n, whole.size());
        assertEquals(whole.stream().sorted().toList(), whole, "in time order");
        assertEquals(whole.stream().filter(id -> Integer.parseInt(id.substring(1)) % 3 != 0).toList(), logins);

        // every pooled connection, the streaming ones among them, commits what it writes afterwards
        for (int i = 0; i < 4; i++) {
            store.appendAuditEvents(TestData.CONTRACT, List.of(event("after" + i, NINE.minusDays(1).plusMinutes(i), "li",
                    "10.12.0.1", "login", "参保登记")));
        }
        store.close();
        store = newStore();
        List<String> reread = new ArrayList<>();
        store.forEachAuditEvent(TestData.CONTRACT, new AuditSelection(Set.of("login"), Set.of()), e -> reread.add(e.id()));
        assertEquals(List.of("after0", "after1", "after2", "after3"), reread.subList(0, 4));
        assertEquals(logins.size() + 4, reread.size());
    }
}
