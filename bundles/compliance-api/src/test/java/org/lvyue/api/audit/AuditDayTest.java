package org.lvyue.api.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AuditDayTest {
    private static final LocalDate DAY = LocalDate.of(2022, 3, 1);

    private static AuditEvent entry(String id, int hour, String action) {
        return new AuditEvent(id, DAY.atTime(hour, 0), "zhang", "10.12.0.1", action, null, false, null, "社保");
    }

    private static List<String> ids(List<AuditEvent> entries) {
        return entries.stream().map(AuditEvent::id).toList();
    }

    @Test
    void a_day_gives_its_entries_by_action_in_arrival_order() {
        AuditDay d = new AuditDay(DAY, List.of(entry("a", 9, "login"), entry("b", 8, "login-failed"), entry("c", 7, "login")));
        assertEquals(List.of("a", "b", "c"), ids(d.entries()));
        assertEquals(List.of("a", "c"), ids(d.of("login")));
        assertEquals(List.of("a", "c", "b"), ids(d.of("login", "login-failed")), "the first action's entries, then the second's");
        assertEquals(List.of("b"), ids(d.of("logout", "login-failed")));
        assertEquals(List.of(), d.of("logout"));
        assertTrue(d.has("login-failed"));
        assertFalse(d.has("logout"));
    }

    @Test
    void more_entries_make_a_new_day_holding_them_after_the_others() {
        AuditDay d = new AuditDay(DAY, List.of(entry("a", 9, "login")));
        AuditDay more = d.with(List.of(entry("b", 10, "logout")));
        assertEquals(List.of("a", "b"), ids(more.entries()));
        assertEquals(List.of("a"), ids(d.entries()), "a day does not change");
        assertTrue(more.has("logout"));
    }

    @Test
    void an_entry_of_another_day_is_refused_with_its_id_and_day() {
        AuditEvent late = new AuditEvent("x", LocalDateTime.of(2022, 3, 2, 0, 0), "zhang", null, "login", null, false, null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AuditDay(DAY, List.of(late)));
        assertTrue(e.getMessage().contains("x") && e.getMessage().contains("2022-03-02"), e.getMessage());
    }

    @Test
    void the_lists_a_rule_reads_cannot_be_changed() {
        AuditDay d = new AuditDay(DAY, List.of(entry("a", 9, "login")));
        assertThrows(UnsupportedOperationException.class, () -> d.entries().clear());
        assertThrows(UnsupportedOperationException.class, () -> d.of("login").clear());
    }
}
