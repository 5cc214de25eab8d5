package org.lvyue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.assessment.QuarterlyAssessment;
import org.lvyue.api.assessment.QuarterlyAssessment.Result;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.spi.DomainCatalogue;
import org.lvyue.api.spi.Frequency;
import org.lvyue.api.spi.Obligation;
import org.lvyue.api.spi.Obligation.Category;

/**
 * The assessment reads the findings and never recomputes them. Q1 2022 of the demo contract has 60
 * working days (January 31 − 10 weekend days − 元旦 01-03 and 春节 01-31 + Saturday/Sunday 01-29/30
 * worked = 21; February 28 − 8 − 春节 02-01..04 = 16; March 31 − 8 = 23) and 13 ISO weeks that end in
 * it: 2021-W52 (clipped to 01-01..02) and 2022-W01..W12; W52 and W05, the Spring Festival week, have no
 * working day but their weekly checks are due all the same (checks.weeklyInRestWeek); W13 ends on 04-03.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class QuarterlyAssessorTest {
    private static final LocalDate FROM = LocalDate.of(2022, 1, 1);
    private static final LocalDate TO = LocalDate.of(2022, 3, 31);
    private static final LocalDate AS_OF = LocalDate.of(2022, 4, 20);

    private static final Obligation DAILY = obligation("x.d01", Frequency.DAILY);
    private static final Obligation WEEKLY = obligation("x.w01", Frequency.WEEKLY);
    private static final DomainCatalogue CATALOGUE = new DomainCatalogue("x", "测试领域", "", "附件三", List.of(),
            List.of(DAILY, WEEKLY));

    /** A CHECK of domain {@code x} (shared with {@link MonthlyAttainmentTest}). */
    static Obligation obligation(String id, Frequency f) {
        return new Obligation(id, "x", id, "附件三", f, 1, "x.inspection", id, Severity.MEDIUM, null, Category.CHECK,
                null, null, Map.of());
    }

    static FindingRecord finding(Obligation o, String label, LocalDate start, LocalDate end, int occurrences,
                                         FindingStatus status, Severity severity) {
        Finding f = Finding.builder().contractId("bj-hrss-2022").domain("x").obligation(o.id()).rule("r").clause("附件三")
                .severity(severity).period(start, end, label).title("t").occurrences(occurrences).build();
        return new FindingRecord(f, status, Instant.EPOCH, Instant.EPOCH, null, null, null);
    }

    private static Contract contract(String scheme) throws Exception {
        var d = ContractDefinitionTest.demo();
        ((com.fasterxml.jackson.databind.node.ObjectNode) d.get("interpretations")).put("assessment.scheme", scheme);
        return ContractDefinitionReader.read(d.toString());
    }

    @Test
    void due_met_missed_and_waived_come_from_the_catalogue_and_the_findings_occurrences() throws Exception {
        List<FindingRecord> findings = List.of(
                finding(DAILY, "2022-03", LocalDate.of(2022, 3, 1), TO, 2, FindingStatus.OPEN, Severity.MEDIUM),
                finding(DAILY, "2022-02", LocalDate.of(2022, 2, 1), LocalDate.of(2022, 2, 28), 1, FindingStatus.WAIVED, Severity.MEDIUM),
                finding(WEEKLY, "2022-W11", LocalDate.of(2022, 3, 14), LocalDate.of(2022, 3, 20), 1, FindingStatus.OPEN, Severity.MEDIUM),
                // an abnormal check without a fault record is a violation, not a missed period
                finding(DAILY, "2022-03-15", LocalDate.of(2022, 3, 15), LocalDate.of(2022, 3, 15), 1, FindingStatus.OPEN, Severity.MEDIUM),
                finding(WEEKLY, "2022-W12", LocalDate.of(2022, 3, 21), LocalDate.of(2022, 3, 27), 1, FindingStatus.RESOLVED, Severity.MEDIUM));
        QuarterlyAssessment a = QuarterlyAssessor.assess(contract("evaluator-verdict"), "2022-Q1", FROM, TO, AS_OF,
                List.of(CATALOGUE), findings, List.of(), List.of(), 7);
        var line = a.domains().get(0);
        assertEquals(60 + 13, line.due());
        assertEquals(2 + 1, line.missed());
        assertEquals(1, line.waived());
        assertEquals(60 + 13 - 4, line.met());
        assertEquals(4, line.findings().size(), "open and waived findings of the quarter, not resolved ones");
        assertEquals(Result.PENDING, a.result(), "no verdict yet");
        assertEquals(100.0, a.support().attainment());
    }

    @Test
    void the_evaluators_verdict_decides_under_the_default_scheme() throws Exception {
        Fact verdict = Fact.builder().id("v1").contractId("bj-hrss-2022").domain("general-terms").kind("assessment.quarterly")
                .subject("2022-Q1").date(LocalDate.of(2022, 4, 8)).status("fail").source("t").build();
        QuarterlyAssessment a = QuarterlyAssessor.assess(contract("evaluator-verdict"), "2022-Q1", FROM, TO, AS_OF,
                List.of(CATALOGUE), List.of(), List.of(), List.of(verdict), 7);
        assertEquals(Result.FAIL, a.result());
        assertEquals("v1", a.verdictFactId());
        assertNull(a.score());
    }

    @Test
    void under_the_deduction_scheme_five_high_findings_fail_a_quarter_and_four_pass_it() throws Exception {
        // 100 − 5 per HIGH: four → 80 (the pass mark), five → 75
        List<FindingRecord> four = java.util.stream.IntStream.range(0, 4).mapToObj(i -> finding(WEEKLY, "2022-W1" + i,
                LocalDate.of(2022, 3, 7 + i), LocalDate.of(2022, 3, 7 + i), 1, FindingStatus.OPEN, Severity.HIGH)).toList();
        QuarterlyAssessment pass = QuarterlyAssessor.assess(contract("deduction-score"), "2022-Q1", FROM, TO, AS_OF,
                List.of(CATALOGUE), four, List.of(), List.of(), 7);
        assertEquals(80, pass.score());
        assertEquals(Result.PASS, pass.result());
        List<FindingRecord> five = new java.util.ArrayList<>(four);
        five.add(finding(WEEKLY, "2022-W09", LocalDate.of(2022, 3, 1), LocalDate.of(2022, 3, 1), 1, FindingStatus.OPEN, Severity.HIGH));
        assertEquals(Result.FAIL, QuarterlyAssessor.assess(contract("deduction-score"), "2022-Q1", FROM, TO, AS_OF,
                List.of(CATALOGUE), five, List.of(), List.of(), 7).result());
    }

    @Test
    void support_attainment_is_the_share_of_requests_that_met_every_target() throws Exception {
        List<Fact> requests = java.util.stream.IntStream.range(0, 4).mapToObj(i -> Fact.builder().id("r" + i)
                .contractId("bj-hrss-2022").domain("support").kind("support.request").subject("T" + i)
                .date(LocalDate.of(2022, 3, 1)).source("t").build()).toList();
        Finding late = Finding.builder().contractId("bj-hrss-2022").domain("support").obligation("support.onsite").rule("r")
                .clause("附件三").severity(Severity.HIGH).period(LocalDate.of(2022, 3, 1), LocalDate.of(2022, 3, 1), "2022-03-01")
                .title("t").facts("r2").build();
        QuarterlyAssessment a = QuarterlyAssessor.assess(contract("evaluator-verdict"), "2022-Q1", FROM, TO, AS_OF,
                List.of(DashboardsTest.SUPPORT),
                List.of(new FindingRecord(late, FindingStatus.OPEN, Instant.EPOCH, Instant.EPOCH, null, null, null)),
                (kind, from, to) -> kind.equals("support.request") ? requests : List.of(), 7);
        assertEquals(4, a.support().requests());
        assertEquals(1, a.support().onsiteLate());
        assertEquals(75.0, a.support().attainment());
    }

    @Test
    void the_requests_and_the_verdict_are_read_from_the_kinds_the_catalogues_declare() throws Exception {
        Fact verdict = Fact.builder().id("v1").contractId("bj-hrss-2022").domain("terms").kind("terms.verdict")
                .subject("2022-Q1").date(LocalDate.of(2022, 4, 8)).status("pass").source("t").build();
        DomainCatalogue terms = new DomainCatalogue("terms", "一般条款", "", "一般条款", List.of(), List.of(), Set.of(),
                new org.lvyue.api.spi.AssessmentInputs(false, "terms.verdict", null), null);
        List<String> asked = new java.util.ArrayList<>();
        QuarterlyAssessment a = QuarterlyAssessor.assess(contract("evaluator-verdict"), "2022-Q1", FROM, TO, AS_OF,
                List.of(CATALOGUE, terms), List.of(), (kind, from, to) -> {
                    asked.add(kind + " " + from + ".." + to);
                    return kind.equals("terms.verdict") ? List.of(verdict) : List.of();
                }, 7);
        assertEquals(Result.PASS, a.result());
        assertEquals(List.of("terms.verdict 2022-01-01..2022-06-30"), asked, "no domain declares requests: none are read");
        assertEquals(0, a.support().requests());
    }

    @Test
    void under_the_deduction_scheme_a_domain_declared_unscored_costs_no_points() throws Exception {
        DomainCatalogue unscored = new DomainCatalogue("x", "测试领域", "", "附件三", List.of(), List.of(DAILY, WEEKLY), Set.of(),
                new org.lvyue.api.spi.AssessmentInputs(false, null, null), null);
        List<FindingRecord> high = List.of(finding(WEEKLY, "2022-W10", LocalDate.of(2022, 3, 7), LocalDate.of(2022, 3, 7), 1,
                FindingStatus.OPEN, Severity.HIGH));
        assertEquals(95, QuarterlyAssessor.assess(contract("deduction-score"), "2022-Q1", FROM, TO, AS_OF, List.of(CATALOGUE),
                high, (kind, from, to) -> List.of(), 7).score());
        assertEquals(100, QuarterlyAssessor.assess(contract("deduction-score"), "2022-Q1", FROM, TO, AS_OF, List.of(unscored),
                high, (kind, from, to) -> List.of(), 7).score());
    }
}
