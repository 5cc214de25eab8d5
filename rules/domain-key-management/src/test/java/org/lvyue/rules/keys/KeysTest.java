package org.lvyue.rules.keys;

import static java.time.LocalDate.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.engine.ReportingPeriod;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.spi.Frequency;
import org.lvyue.api.spi.Obligation;

/** The key register read the way the baseline rules read it. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class KeysTest {
    private static Fact record(String factId, String key, String system, String purpose, String fingerprint, String generated,
                               String retiredOn) {
        Map<String, String> attrs = new HashMap<>(Map.of("system", system, "purpose", purpose, "fingerprint", fingerprint));
        if (retiredOn != null) {
            attrs.put("retiredOn", retiredOn);
        }
        return Fact.builder().id(factId).contractId("c").domain("key-management").kind("key.record").subject(key)
                .date(parse(generated)).attributes(attrs).build();
    }

    private static Key key(String id, String system, String purpose, String fingerprint, String generated, String retiredOn) {
        return new Key(id, system, purpose, fingerprint, null, parse(generated), retiredOn == null ? null : parse(retiredOn),
                List.of("f-" + id));
    }

    @Test
    void a_key_retired_by_a_second_record_of_the_same_id_is_one_key_retired_on_that_day() {
        List<Key> keys = Keys.of(List.of(
                record("f1", "K1", "社保卡", "加密", "AA", "2022-01-05", null),
                record("f2", "K1", "社保卡", "加密", "AA", "2022-01-05", "2022-04-30"),
                record("f3", "K2", "就业", "签名", "BB", "2022-02-01", null)));
        assertEquals(2, keys.size());
        Key k1 = keys.get(0);
        assertEquals("K1", k1.id());
        assertEquals(parse("2022-01-05"), k1.generated());
        assertEquals(parse("2022-04-30"), k1.retiredOn());
        assertEquals(List.of("f1", "f2"), k1.factIds());
        assertNull(keys.get(1).retiredOn());
    }

    @Test
    void a_key_is_in_use_from_its_generation_day_through_its_retirement_day() {
        Key k = key("K1", "社保卡", "加密", "AA", "2022-01-05", "2022-04-30");
        assertFalse(k.inUseOn(parse("2022-01-04")));
        assertTrue(k.inUseOn(parse("2022-01-05")));
        assertTrue(k.inUseOn(parse("2022-04-30")));
        assertFalse(k.inUseOn(parse("2022-05-01")));
    }

    @Test
    void a_key_exists_in_a_month_when_generated_by_its_end_and_not_retired_before_its_start() {
        Key k = key("K1", "社保卡", "加密", "AA", "2022-01-31", "2022-04-01");
        assertTrue(Keys.existedIn(k, month("2022-01-01", "2022-01-31")));   // generated on the last day
        assertTrue(Keys.existedIn(k, month("2022-04-01", "2022-04-30")));   // retired on the first day
        assertFalse(Keys.existedIn(k, month("2022-05-01", "2022-05-31")));
        assertFalse(Keys.existedIn(key("K2", "社保卡", "加密", "AA", "2022-02-01", null), month("2022-01-01", "2022-01-31")));
    }

    @Test
    void the_newest_key_in_use_counts_per_system_and_purpose() {
        List<Key> newest = Keys.newestInUse(List.of(
                key("K1", "社保卡", "加密", "AA", "2021-03-01", null),
                key("K2", "社保卡", "加密", "BB", "2022-03-01", null),
                key("K3", "社保卡", "签名", "CC", "2021-03-01", null),
                key("K4", "社保卡", "签名", "DD", "2022-05-01", "2022-06-01")), // newer but retired: not in use
                parse("2022-07-15"));
        assertEquals(List.of("K2", "K3"), newest.stream().map(Key::id).toList());
    }

    @Test
    void a_fingerprint_shared_by_two_systems_is_one_shared_key_and_within_one_system_is_not() {
        List<SharedKey> shared = Keys.shared(List.of(
                key("K1", "社保卡", "加密", "AA", "2022-01-05", null),
                key("K2", "就业", "加密", "AA", "2022-03-01", null),
                key("K3", "医保", "签名", "BB", "2022-01-05", null),
                key("K4", "医保", "加密", "BB", "2022-01-05", null),
                key("K5", "工伤", "加密", "CC", "2022-01-05", "2022-02-01"),
                key("K6", "失业", "加密", "CC", "2022-01-05", null)),  // K5 retired: CC is no longer shared
                parse("2022-07-15"));
        assertEquals(1, shared.size());
        assertEquals("AA", shared.get(0).fingerprint());
        assertEquals(List.of("就业", "社保卡"), shared.get(0).systems());
        assertEquals(parse("2022-03-01"), shared.get(0).since());
        assertEquals(List.of("f-K1", "f-K2"), shared.get(0).factIds());
    }

    @Test
    void a_register_sent_twice_lists_the_system_once_by_its_first_fact() {
        Fact first = Fact.builder().id("s1").contractId("c").domain("key-management").kind("key.system").subject("社保卡")
                .date(parse("2022-01-01")).build();
        Fact again = first.toBuilder().id("s2").date(parse("2022-02-01")).build();
        assertEquals(List.of(first), Keys.firstPerSubject(List.of(again, first)));
    }

    @Test
    void a_threshold_is_read_from_the_checks_params() {
        Obligation check = new Obligation("km.key-not-renewed", "key-management", "密钥超过一年未更新", "附件二 2",
                Frequency.PER_EVENT, 1, "key.record", null, Severity.HIGH, null, Obligation.Category.BASELINE, null, null,
                Map.of("maxAgeDays", " 400 "));
        assertEquals(400, Keys.param(check, "maxAgeDays"));
        assertThrows(IllegalArgumentException.class, () -> Keys.param(check, "warnDays"));
    }

    private static ReportingPeriod month(String start, String end) {
        return new ReportingPeriod(Frequency.MONTHLY, parse(start), parse(end), start.substring(0, 7));
    }
}
