package org.lvyue.pki.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PkiCollectorsTest {
    @Test
    void two_runs_of_one_target_in_the_same_second_are_two_facts() {
        LocalDateTime at = LocalDateTime.of(2023, 1, 10, 15, 5, 43);
        Map<String, Object> run = PkiCollectors.runFact("tls", "127.0.0.1:443", List.of("pki.certificate"), false, "无法连接", at, 3);
        Map<String, Object> removal = PkiCollectors.runFact("tls", "127.0.0.1:443", List.of("pki.certificate"), true, "移除", at, 0);
        assertNotEquals(run.get("id"), removal.get("id"));
        assertEquals("tls 127.0.0.1:443", run.get("subject"));
        assertEquals("error", ((Map<?, ?>) run.get("attributes")).get("outcome"));
    }

    @Test
    void configured_lists_are_comma_separated_and_blank_items_are_ignored() {
        assertEquals(List.of("a:443", "b:8443"), PkiCollectors.list(" a:443, ,b:8443 ,"));
        assertEquals(List.of(), PkiCollectors.list(""));
    }
}
