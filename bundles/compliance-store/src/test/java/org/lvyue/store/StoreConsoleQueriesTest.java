package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvyue.store.TestData.CONTRACT;
import static org.lvyue.store.TestData.evaluation;
import static org.lvyue.store.TestData.fact;
import static org.lvyue.store.TestData.finding;
import static org.lvyue.store.TestData.yearly;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.fact.FactKindCount;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.FindingQuery;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.waiver.Waiver;

/** The reads the web console needs: findings by severity, clause and key; facts newest first, by kind. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StoreConsoleQueriesTest extends StoreTest {
    private static final Instant T1 = Instant.parse("2023-01-10T02:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2023, 1, 10);

    @Test
    void findings_are_filtered_by_severity_and_by_exact_clause() {
        Finding high = yearly("emergency-drill", "drill.annual", 2022);
        Finding low = Finding.builder().contractId(CONTRACT).domain("general-terms").rule("七.2 逾期付款").clause("一般条款 七.2")
                .severity(Severity.LOW).period(LocalDate.of(2022, 3, 1), LocalDate.of(2022, 3, 31), "2022-03").title("逾期").build();
        Finding lowToo = Finding.builder().contractId(CONTRACT).domain("general-terms").rule("七.1").clause("一般条款 七.1")
                .severity(Severity.LOW).period(LocalDate.of(2022, 4, 1), LocalDate.of(2022, 4, 30), "2022-04").title("违约").build();
        store.reconcileFindings(evaluation(List.of(high, low, lowToo)), T1);

        assertEquals(List.of(low.getKey(), lowToo.getKey()), keys(query(Severity.LOW, null)));
        assertEquals(List.of(high.getKey()), keys(query(Severity.HIGH, null)));
        assertEquals(List.of(low.getKey()), keys(query(null, "一般条款 七.2")));
        assertEquals(List.of(), keys(query(null, "一般条款 七")), "a clause matches exactly, not by prefix");
        assertEquals(List.of(lowToo.getKey()), keys(query(Severity.LOW, "一般条款 七.1")));
    }

    @Test
    void one_finding_is_read_by_key_with_its_status_of_the_day() {
        Finding drill = yearly("emergency-drill", "drill.annual", 2022);
        store.reconcileFindings(evaluation(List.of(drill)), T1);
        assertEquals(FindingStatus.OPEN, store.finding(CONTRACT, drill.getKey(), DAY).orElseThrow().status());
        store.addWaiver(CONTRACT, Waiver.Target.FINDING, drill.getKey(), "甲方同意", LocalDate.of(2023, 1, 31), "admin", T1);
        assertEquals(FindingStatus.WAIVED, store.finding(CONTRACT, drill.getKey(), DAY).orElseThrow().status());
        assertEquals(FindingStatus.OPEN, store.finding(CONTRACT, drill.getKey(), LocalDate.of(2023, 2, 1)).orElseThrow().status());
        assertEquals(drill, store.finding(CONTRACT, drill.getKey(), DAY).orElseThrow().finding());
        assertTrue(store.finding(CONTRACT, "no/such/key", DAY).isEmpty());
        assertTrue(store.finding("other-contract", drill.getKey(), DAY).isEmpty());
    }

    @Test
    void facts_are_browsed_newest_first_by_date_then_id_and_counted_by_kind() {
        store.appendFacts(CONTRACT, List.of(
                fact("a").date(LocalDate.of(2022, 3, 7)).build(),
                fact("c").date(LocalDate.of(2022, 3, 8)).build(),
                fact("b").date(LocalDate.of(2022, 3, 8)).build(),
                fact("d1").domain("emergency-drill").kind("drill.performed").subject(null).date(LocalDate.of(2022, 1, 5)).build()),
                "collector");

        assertEquals(List.of("c", "b", "a", "d1"), ids(store.latestFacts(CONTRACT, null, 10, 0)));
        assertEquals(List.of("b", "a"), ids(store.latestFacts(CONTRACT, "inspection.performed", 2, 1)));
        assertEquals(List.of("d1"), ids(store.latestFacts(CONTRACT, "drill.performed", 10, 0)));
        assertEquals(List.of(), store.latestFacts(CONTRACT, "no.such.kind", 10, 0));
        assertEquals(4, store.factCount(CONTRACT, null));
        assertEquals(3, store.factCount(CONTRACT, "inspection.performed"));
        assertEquals(List.of(new FactKindCount("drill.performed", "emergency-drill", 1),
                new FactKindCount("inspection.performed", "inspection", 3)), store.factKinds(CONTRACT));
        Fact stored = store.latestFacts(CONTRACT, "drill.performed", 1, 0).get(0);
        assertEquals("collector", stored.getSource());

        store.appendFacts(CONTRACT, List.of(fact("a2").date(LocalDate.of(2022, 3, 8)).build(),
                fact("z").date(LocalDate.of(2022, 3, 1)).build()), "collector");
        assertEquals(List.of("c", "b", "a2", "a", "z"), ids(store.latestFacts(CONTRACT, "inspection.performed", 10, 0)),
                "a page read again after records came has them in place");
        assertEquals(List.of("z"), ids(store.latestFacts(CONTRACT, "inspection.performed", 10, 4)));
        assertEquals(List.of(), store.latestFacts(CONTRACT, "inspection.performed", 10, 5));
    }

    @Test
    void stored_facts_are_found_by_id_and_unknown_ids_left_out() {
        store.appendFacts(CONTRACT, List.of(fact("a").build(), fact("b").build()), "collector");
        assertEquals(Set.of("a"), Set.copyOf(ids(store.factsWithIds(CONTRACT, List.of("a", "x", "a")))));
        assertEquals(List.of(), store.factsWithIds(CONTRACT, List.of()));
        assertEquals(List.of(), store.factsWithIds("other", List.of("a")));
    }

    private static FindingQuery query(Severity severity, String clause) {
        return new FindingQuery(null, null, null, null, 100, 0, severity, clause);
    }

    private List<String> keys(FindingQuery q) {
        return store.findings(CONTRACT, q, DAY).stream().map(r -> r.finding().getKey()).toList();
    }

    private static List<String> ids(List<Fact> facts) {
        return facts.stream().map(Fact::getId).toList();
    }
}
