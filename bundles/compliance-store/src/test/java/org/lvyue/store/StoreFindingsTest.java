package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvyue.store.TestData.CONTRACT;
import static org.lvyue.store.TestData.domain;
import static org.lvyue.store.TestData.evaluation;
import static org.lvyue.store.TestData.finding;
import static org.lvyue.store.TestData.yearly;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.FindingQuery;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.waiver.Waiver;
import org.lvyue.api.store.ComplianceStore.FindingChanges;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StoreFindingsTest extends StoreTest {
    private static final Instant T1 = Instant.parse("2023-01-10T02:00:00Z");
    private static final Instant T2 = Instant.parse("2023-01-11T02:00:00Z");
    private static final Instant T3 = Instant.parse("2023-01-12T02:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2023, 1, 10);

    @Test
    void a_finding_opens_resolves_and_reopens() {
        Finding drill = yearly("emergency-drill", "drill-yearly", 2022);
        Finding inspection = yearly("inspection", "inspection-monthly", 2022);

        assertEquals(new FindingChanges(2, 0, 2), store.reconcileFindings(evaluation(List.of(drill, inspection)), T1));
        FindingRecord opened = only(drill.getKey());
        assertEquals(FindingStatus.OPEN, opened.status());
        assertEquals(T1, opened.firstSeenAt());
        assertEquals(T1, opened.changedAt());
        assertNull(opened.resolvedAt());

        assertEquals(new FindingChanges(0, 1, 1), store.reconcileFindings(evaluation(List.of(inspection)), T2));
        FindingRecord resolved = only(drill.getKey());
        assertEquals(FindingStatus.RESOLVED, resolved.status());
        assertEquals(T2, resolved.resolvedAt());
        assertEquals(T2, resolved.changedAt());
        assertEquals(T1, only(inspection.getKey()).changedAt(), "a finding produced again unchanged is not rewritten");

        assertEquals(new FindingChanges(1, 0, 2), store.reconcileFindings(evaluation(List.of(drill, inspection)), T3));
        FindingRecord reopened = only(drill.getKey());
        assertEquals(FindingStatus.OPEN, reopened.status());
        assertEquals(T1, reopened.firstSeenAt(), "first seen is kept");
        assertEquals(T3, reopened.changedAt());
        assertNull(reopened.resolvedAt());
    }

    @Test
    void a_page_selected_from_the_kept_findings_is_what_a_store_reading_the_database_afresh_answers() {
        List<Finding> findings = new java.util.ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            LocalDate start = LocalDate.of(2022, m, 1);
            for (String domain : List.of("inspection", "emergency-drill", "a-b", "ab")) {
                findings.add(Finding.builder().contractId(CONTRACT).domain(domain).obligation("monthly-" + m % 3)
                        .rule("monthly missing").clause(m % 2 == 0 ? "附件二 5" : "附件三 1.6").severity(m % 3 == 0
                                ? Severity.LOW : Severity.HIGH).period(start, start.plusMonths(1).minusDays(1), "2022-" + m)
                        .title("未按期巡检 " + m).detail("应巡检 1 次，实际 0 次").facts(List.of("F-" + m, "F-" + (m + 1)))
                        .build());
            }
        }
        store.reconcileFindings(evaluation(findings), T1);
        store.reconcileFindings(evaluation(findings.subList(0, 40)), T2); // the last eight resolved
        store.addWaiver(CONTRACT, Waiver.Target.FINDING, findings.get(5).getKey(), "甲方同意", null, "admin", T2);
        store.addWaiver(CONTRACT, Waiver.Target.FINDING, findings.get(9).getKey(), "已过期", LocalDate.of(2023, 1, 5), "admin", T2);

        List<FindingQuery> queries = List.of(FindingQuery.all(),
                new FindingQuery(null, null, null, FindingStatus.OPEN, 50, 0),
                new FindingQuery(null, null, null, FindingStatus.OPEN, 7, 14),
                new FindingQuery(null, null, null, FindingStatus.WAIVED, 50, 0),
                new FindingQuery(null, null, null, FindingStatus.RESOLVED, 3, 2),
                new FindingQuery("a-b", LocalDate.of(2022, 3, 15), LocalDate.of(2022, 6, 1), null, 50, 0),
                new FindingQuery(null, null, null, null, 10, 0, Severity.LOW, "附件二 5"));
        try (JdbcStore afresh = new JdbcStore(url())) {
            for (FindingQuery q : queries) {
                assertEquals(afresh.findings(CONTRACT, q, DAY), store.findings(CONTRACT, q, DAY), q.toString());
            }
        }
        assertEquals(40 - 1, store.findings(CONTRACT, new FindingQuery(null, null, null, FindingStatus.OPEN, 100, 0), DAY)
                .size(), "one of the forty open is waived on the day; the other waiver ended before it");
        List<FindingRecord> all = store.findings(CONTRACT, FindingQuery.all(), DAY);
        for (int i = 1; i < all.size(); i++) {
            assertTrue(FindingPage.ORDER.compare(all.get(i - 1), all.get(i)) < 0, "by period start, domain and key: " + i);
        }
    }

    @Test
    void the_findings_kept_in_memory_stay_within_their_budget_and_a_contract_let_go_answers_from_the_database() {
        store.keepFindings(10);
        List<String> contracts = List.of("HT-A", "HT-B", "HT-C");
        for (String id : contracts) {
            List<Finding> five = new java.util.ArrayList<>();
            for (int m = 1; m <= 5; m++) {
                LocalDate start = LocalDate.of(2022, m, 1);
                five.add(Finding.builder().contractId(id).domain("inspection").obligation("monthly").rule("monthly missing")
                        .clause("附件二 5").severity(Severity.HIGH).period(start, start.plusMonths(1).minusDays(1), "2022-" + m)
                        .title("未按期巡检 " + id).detail("应巡检 1 次，实际 0 次").facts(List.of()).build());
            }
            store.reconcileFindings(new org.lvyue.api.engine.Evaluation(id, DAY, 1, List.of(), 0, five, List.of(),
                    java.time.Duration.ZERO), T1);
        }

        // fifteen findings of three contracts, ten kept: the least recently used contract let go
        assertArrayEquals(new long[] {10, 2}, store.keptFindings());
        for (String id : contracts) {
            List<FindingRecord> page = store.findings(id, FindingQuery.all(), DAY);
            assertEquals(5, page.size(), id);
            assertTrue(page.stream().allMatch(r -> r.finding().getTitle().equals("未按期巡检 " + id)), id);
            assertTrue(store.keptFindings()[0] <= 10, java.util.Arrays.toString(store.keptFindings()));
        }
        // a contract read again after being let go reconciles against what the database recorded: nothing new
        assertEquals(new FindingChanges(0, 5, 0), store.reconcileFindings(new org.lvyue.api.engine.Evaluation("HT-A", DAY,
                1, List.of(), 0, List.of(), List.of(), java.time.Duration.ZERO), T2));
    }

    @Test
    void a_repeated_query_is_answered_from_memory_until_an_evaluation_or_a_waiver_changes_the_findings() {
        Finding drill = yearly("emergency-drill", "drill-yearly", 2022);
        Finding inspection = yearly("inspection", "inspection-monthly", 2022);
        store.reconcileFindings(evaluation(List.of(drill)), T1);
        FindingQuery open = new FindingQuery(null, null, null, FindingStatus.OPEN, 100, 0);
        List<FindingRecord> first = store.findings(CONTRACT, open, DAY);

        assertSame(first, store.findings(CONTRACT, open, DAY));
        store.reconcileFindings(evaluation(List.of(drill)), T2);
        assertSame(first, store.findings(CONTRACT, open, DAY), "an evaluation that changed nothing keeps the answer");

        store.reconcileFindings(evaluation(List.of(drill, inspection)), T3);
        assertEquals(List.of(drill.getKey(), inspection.getKey()).stream().sorted().toList(),
                keys(open).stream().sorted().toList());

        store.addWaiver(CONTRACT, Waiver.Target.FINDING, drill.getKey(), "甲方同意", null, "admin", T3);
        assertEquals(List.of(inspection.getKey()), keys(open));
        assertThrows(UnsupportedOperationException.class, () -> store.findings(CONTRACT, open, DAY).clear(),
                "a shared answer cannot be changed by one reader");
    }

    @Test
    void a_waived_finding_reads_waived_while_the_waiver_is_in_force_and_open_again_when_withdrawn() {
        Finding drill = yearly("emergency-drill", "drill-yearly", 2022);
        store.reconcileFindings(evaluation(List.of(drill)), T1);
        Waiver w = store.addWaiver(CONTRACT, Waiver.Target.FINDING, drill.getKey(), "甲方同意 2022 年演练并入 2023 年",
                LocalDate.of(2023, 1, 31), "admin", T2);

        assertEquals(FindingStatus.WAIVED, only(drill.getKey()).status());
        assertEquals(List.of(drill.getKey()), keys(new FindingQuery(null, null, null, FindingStatus.WAIVED, 100, 0)));
        assertEquals(List.of(), keys(new FindingQuery(null, null, null, FindingStatus.OPEN, 100, 0)));
        assertEquals(new FindingChanges(0, 0, 0), store.reconcileFindings(evaluation(List.of(drill)), T3),
                "a waived finding is not counted open");
        assertEquals(FindingStatus.OPEN, store.findings(CONTRACT, FindingQuery.all(), LocalDate.of(2023, 2, 1)).get(0).status(),
                "the day after the expiry it is open again");

        Waiver withdrawn = store.withdrawWaiver(CONTRACT, w.id(), "admin2", "理由不成立", T3).orElseThrow();
        assertEquals("admin2", withdrawn.withdrawnBy());
        assertEquals(T3, withdrawn.withdrawnAt());
        assertEquals("理由不成立", withdrawn.withdrawReason());
        assertEquals(FindingStatus.OPEN, only(drill.getKey()).status());
        assertEquals(List.of(withdrawn), store.waivers(CONTRACT), "a withdrawn waiver stays on record");
        assertThrows(IllegalStateException.class, () -> store.withdrawWaiver(CONTRACT, w.id(), "admin", "再次", T3));
        assertTrue(store.withdrawWaiver("another contract", w.id(), "admin", "x", T3).isEmpty());
    }

    @Test
    void waivers_survive_a_restart_and_resolution_does_not_depend_on_them() {
        Finding drill = yearly("emergency-drill", "drill-yearly", 2022);
        store.reconcileFindings(evaluation(List.of(drill)), T1);
        store.addWaiver(CONTRACT, Waiver.Target.FINDING, drill.getKey(), "理由", null, "admin", T2);
        store.close();
        store = newStore();
        assertEquals(FindingStatus.WAIVED, only(drill.getKey()).status());
        assertEquals(new FindingChanges(0, 1, 0), store.reconcileFindings(evaluation(List.of()), T3));
        assertEquals(FindingStatus.RESOLVED, only(drill.getKey()).status(), "a resolved finding is resolved, waived or not");
    }

    @Test
    void a_finding_whose_content_changes_is_rewritten_and_one_that_does_not_is_left_alone() {
        Finding drill = yearly("emergency-drill", "drill-yearly", 2022);
        store.reconcileFindings(evaluation(List.of(drill)), T1);
        Finding later = Finding.builder().contractId(CONTRACT).domain("emergency-drill").obligation("drill-yearly")
                .rule(drill.getRuleName()).clause(drill.getClause()).severity(drill.getSeverity())
                .period(drill.getPeriodStart(), drill.getPeriodEnd(), "2022").title(drill.getTitle())
                .detail("截至 2023-01-11 仍未见演练记录").build();

        assertEquals(new FindingChanges(0, 0, 1), store.reconcileFindings(evaluation(List.of(later)), T2));
        FindingRecord rewritten = only(drill.getKey());
        assertEquals("截至 2023-01-11 仍未见演练记录", rewritten.finding().getDetail());
        assertEquals(T1, rewritten.firstSeenAt());
        assertEquals(T2, rewritten.changedAt());

        store.reconcileFindings(evaluation(List.of(later)), T3);
        assertEquals(T2, only(drill.getKey()).changedAt());
        store.close();
        store = newStore();
        assertEquals(new FindingChanges(0, 0, 1), store.reconcileFindings(evaluation(List.of(later)), T3),
                "a store opened afresh knows what was recorded");
        assertEquals(T2, only(drill.getKey()).changedAt());
    }

    @Test
    void the_rule_bundle_comes_from_the_evaluation_s_domain() {
        Finding drill = yearly("emergency-drill", "drill-yearly", 2022);
        Finding orphan = yearly("unknown-domain", "x", 2022);
        store.reconcileFindings(evaluation(List.of(drill, orphan),
                domain("emergency-drill", "org.lvyue.rules.drill", "1.2.0")), T1);
        FindingRecord record = only(drill.getKey());
        assertEquals("org.lvyue.rules.drill", record.ruleBundle());
        assertEquals("1.2.0", record.ruleBundleVersion());
        assertNull(only(orphan.getKey()).ruleBundle());
    }

    @Test
    void a_finding_comes_back_exactly_as_it_was_recorded() {
        Finding f = Finding.builder().contractId(CONTRACT).domain("payment").obligation(null).rule("late payment")
                .clause("第七条 2").severity(Severity.MEDIUM).period(LocalDate.of(2022, 7, 1), LocalDate.of(2022, 9, 30), "2022-Q3")
                .title("付款逾期").detail(null).facts("P-1").discriminator("INV-7").build();
        store.reconcileFindings(evaluation(List.of(f)), T1);
        Finding read = only(f.getKey()).finding();
        assertEquals(f, read);
        assertEquals("payment/late payment/-/2022-Q3/INV-7", read.getKey());
        assertNull(read.getObligationId());
        assertNull(read.getDetail());
        assertEquals(LocalDate.of(2022, 7, 1), read.getPeriodStart());
        assertEquals("2022-Q3", read.getPeriodLabel());
        assertEquals("第七条 2", read.getClause());
        assertEquals("late payment", read.getRuleName());
    }

    @Test
    void findings_filter_by_domain_status_and_period_in_a_stable_order() {
        Finding d2021 = yearly("emergency-drill", "drill-yearly", 2021);
        Finding d2022 = yearly("emergency-drill", "drill-yearly", 2022);
        Finding march = finding("inspection", "monthly", LocalDate.of(2022, 3, 1), LocalDate.of(2022, 3, 31), "2022-03");
        Finding april = finding("inspection", "monthly", LocalDate.of(2022, 4, 1), LocalDate.of(2022, 4, 30), "2022-04");
        store.reconcileFindings(evaluation(List.of(d2021, d2022, march, april)), T1);
        store.reconcileFindings(evaluation(List.of(d2022, march, april)), T2); // d2021 resolved

        assertEquals(List.of(d2021.getKey(), d2022.getKey(), march.getKey(), april.getKey()), keys(FindingQuery.all()));
        assertEquals(List.of(march.getKey(), april.getKey()), keys(query("inspection", null, null, null)));
        assertEquals(List.of(d2021.getKey()), keys(query(null, null, null, FindingStatus.RESOLVED)));
        assertEquals(List.of(d2022.getKey(), march.getKey(), april.getKey()),
                keys(query(null, null, null, FindingStatus.OPEN)));
        // overlap with [2022-03-15, 2022-03-20]: the 2022 drill and March
        assertEquals(List.of(d2022.getKey(), march.getKey()),
                keys(query(null, LocalDate.of(2022, 3, 15), LocalDate.of(2022, 3, 20), null)));
        // boundaries are inclusive: to = 2022-04-01 touches April, from = 2021-12-31 touches 2021
        assertEquals(List.of(d2021.getKey(), d2022.getKey(), march.getKey(), april.getKey()),
                keys(query(null, LocalDate.of(2021, 12, 31), LocalDate.of(2022, 4, 1), null)));
        assertEquals(List.of(april.getKey()), keys(query("inspection", LocalDate.of(2022, 4, 30), null, FindingStatus.OPEN)));
        assertEquals(List.of(d2021.getKey()), keys(query(null, null, LocalDate.of(2021, 12, 31), null)));
        // paging
        assertEquals(List.of(d2022.getKey(), march.getKey()), keys(new FindingQuery(null, null, null, null, 2, 1)));
        assertEquals(List.of(), keys(new FindingQuery(null, null, null, null, 10, 4)));
        assertEquals(List.of(), store.findings("another contract", FindingQuery.all(), DAY));
    }

    @Test
    void a_finding_of_another_contract_is_refused() {
        Finding foreign = Finding.builder().contractId("HT-2023-007").domain("d").rule("r").clause("c")
                .severity(Severity.LOW).period(LocalDate.of(2022, 1, 1), LocalDate.of(2022, 1, 31), null).title("t").build();
        assertThrows(IllegalArgumentException.class, () -> store.reconcileFindings(evaluation(List.of(foreign)), T1));
        assertEquals(List.of(), store.findings(CONTRACT, FindingQuery.all(), DAY));
    }

    private static FindingQuery query(String domain, LocalDate from, LocalDate to, FindingStatus status) {
        return new FindingQuery(domain, from, to, status, Integer.MAX_VALUE, 0);
    }

    private List<String> keys(FindingQuery q) {
        return store.findings(CONTRACT, q, DAY).stream().map(r -> r.finding().getKey()).toList();
    }

    private FindingRecord only(String key) {
        List<FindingRecord> matching = store.findings(CONTRACT, FindingQuery.all(), DAY).stream()
                .filter(r -> r.finding().getKey().equals(key)).toList();
        assertEquals(1, matching.size(), key);
        return matching.get(0);
    }
}
