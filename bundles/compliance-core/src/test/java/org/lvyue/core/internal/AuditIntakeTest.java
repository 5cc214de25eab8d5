package org.lvyue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.service.InvalidInputException;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AuditIntakeTest {
    private static final LocalDateTime EARLIEST = LocalDateTime.of(2021, 1, 1, 0, 0);
    private static final LocalDateTime LATEST = LocalDateTime.of(2023, 3, 1, 23, 59, 59);

    private static Map<String, Object> entry(String id, String at) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", id);
        m.put("at", at);
        m.put("user", "zhang");
        m.put("action", "login");
        return m;
    }

    @Test
    void entries_from_the_future_or_from_long_before_the_contract_are_refused_with_their_index() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AuditIntake.read(List.of(
                entry("ok", "2022-03-01T09:00:00"), entry("future", "2023-03-02T00:00:00"), entry("ancient", "0001-01-01T00:00:00"),
                entry("feb30", "2022-02-30T00:00:00")), EARLIEST, LATEST));
        assertEquals(List.of("1:at", "2:at", "3:at"), e.problems().stream().map(p -> p.index() + ":" + p.field()).toList());
        assertEquals(1, AuditIntake.read(List.of(entry("ok", "2022-03-01T09:00:00")), EARLIEST, LATEST).size());
    }

    @Test
    void a_control_character_in_a_text_field_is_refused_with_the_field() {
        Map<String, Object> m = entry("x", "2022-03-01T09:00:00");
        m.put("resource", "/a\u001b[2J");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AuditIntake.read(List.of(m), EARLIEST, LATEST));
        assertEquals("resource", e.problems().get(0).field());
    }
}
