package org.lvyue.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lvyue.api.assessment.MonthlyAttainment;
import org.lvyue.api.assessment.QuarterlyAssessment;
import org.lvyue.api.assessment.QuarterlyAssessment.DomainLine;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.Party;
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
 * A month measured like a quarter. March 2022 has 23 working days (31 − 8 weekend days, no public
 * holiday) and four ISO weeks that end in it, each with working days: 2022-W09 (ends 03-06), W10,
 * W11, W12 (ends 03-27); W13 ends on 04-03. January 15–31, 2022 has 12 working days: 17–21, 24–28
 * and the Saturday/Sunday 29/30 worked for the Spring Festival; 01-31 is a holiday.
 */
class MonthlyAttainmentTest {
    private static final LocalDate MARCH_1 = LocalDate.of(2022, 3, 1);
    private static final LocalDate MARCH_31 = LocalDate.of(2022, 3, 31);
    private static final LocalDate AS_OF = LocalDate.of(2022, 4, 20);

    private static final Obligation DAILY = obligation("x.d01", Frequency.DAILY);
    private static final Obligation WEEKLY = obligation("x.w01", Frequency.WEEKLY);
    private static final Obligation MONTHLY = obligation("x.m01", Frequency.MONTHLY);
    private static final DomainCatalogue CATALOGUE = new DomainCatalogue("x", "测试领域", "", "附件三", List.of(),
            List.of(DAILY, WEEKLY, MONTHLY));

    private static Obligation obligation(String id, Frequency f) {
        return QuarterlyAssessorTest.obligation(id, f);
    }

    private static FindingRecord finding(Obligation o, String label, LocalDate start, LocalDate end, int occurrences,
                                         FindingStatus status) {
        return QuarterlyAssessorTest.finding(o, label, start, end, occurrences, status, Severity.MEDIUM);
    }

    private static Contract demo() throws Exception {
        return ContractDefinitionReader.read(ContractDefinitionTest.demo().toString());
    }

    /** Service from January 15 to November 20, 2022. */
    private static Contract midMonth() {
        return new Contract("mid", 1, "安全应用维护服务", "", "", new Party("甲方", "甲", ""), new Party("乙方", "乙", ""),
                new BigDecimal("100000.00"), LocalDate.of(2022, 1, 15), LocalDate.of(2022, 11, 20), LocalDate.of(2022, 1, 10));
    }

    @Test
    void aMalformedMonthIsRefused() throws Exception {
        Contract c = demo();
        for (String month : new String[] {"2022-13", "2022-00", "2022-7", "22-07", "2022/07", "2022-07-01", "abc", "", null}) {
            assertNull(QuarterlyAssessor.monthRange(c, month), "accepted: " + month);
        }
    }

    @Test
    void aMonthOutsideTheServicePeriodIsRefused() throws Exception {
        Contract c = demo(); // 2022-01-01 .. 2022-12-31
        assertNull(QuarterlyAssessor.monthRange(c, "2021-12"));
        assertNull(QuarterlyAssessor.monthRange(c, "2023-01"));
        assertNull(QuarterlyAssessor.monthRange(midMonth(), "2022-12"));
        assertArrayEquals(new LocalDate[] {LocalDate.of(2022, 12, 1), LocalDate.of(2022, 12, 31)},
                QuarterlyAssessor.monthRange(c, "2022-12"));
        assertArrayEquals(new LocalDate[] {LocalDate.of(2022, 2, 1), LocalDate.of(2022, 2, 28)},
                QuarterlyAssessor.monthRange(c, "2022-02"));
    }

    @Test
    void aMonthThatStraddlesThePeriodsStartOrEndIsClippedToIt() {
        Contract c = midMonth();
        assertArrayEquals(new LocalDate[] {LocalDate.of(2022, 1, 15), LocalDate.of(2022, 1, 31)},
                QuarterlyAssessor.monthRange(c, "2022-01"));
        assertArrayEquals(new LocalDate[] {LocalDate.of(2022, 11, 1), LocalDate.of(2022, 11, 20)},
                QuarterlyAssessor.monthRange(c, "2022-11"));
    }

    private static final List<FindingRecord> MARCH_FINDINGS = List.of(
            finding(DAILY, "2022-03", MARCH_1, MARCH_31, 2, FindingStatus.OPEN),
            finding(WEEKLY, "2022-W11", LocalDate.of(2022, 3, 14), LocalDate.of(2022, 3, 20), 1, FindingStatus.OPEN),
            finding(WEEKLY, "2022-W10", LocalDate.of(2022, 3, 7), LocalDate.of(2022, 3, 13), 1, FindingStatus.WAIVED),
            // an abnormal check without a fault record is a violation, not a missed period
            finding(DAILY, "2022-03-15", LocalDate.of(2022, 3, 15), LocalDate.of(2022, 3, 15), 1, FindingStatus.OPEN),
            finding(WEEKLY, "2022-W12", LocalDate.of(2022, 3, 21), LocalDate.of(2022, 3, 27), 1, FindingStatus.RESOLVED),
            // February's: another month
            finding(DAILY, "2022-02", LocalDate.of(2022, 2, 1), LocalDate.of(2022, 2, 28), 3, FindingStatus.OPEN));

    @Test
    void aMonthCountsDueMetMissedAndWaivedFromTheCatalogueAndTheFindings() throws Exception {
        MonthlyAttainment m = QuarterlyAssessor.month(demo(), "2022-03", MARCH_1, MARCH_31, AS_OF, List.of(CATALOGUE),
                MARCH_FINDINGS, List.of(), 7);
        assertEquals("2022-03", m.month());
        assertEquals(MARCH_1, m.from());
        assertEquals(MARCH_31, m.to());
        assertEquals(7, m.ruleSetVersion());
        DomainLine line = m.domains().get(0);
        assertEquals(3, line.obligations());
        assertEquals(23 + 4 + 1, line.due());
        assertEquals(2 + 1, line.missed());
        assertEquals(1, line.waived());
        assertEquals(23 + 4 + 1 - 4, line.met());
        assertEquals(4, line.findings().size(), "open and waived findings of the month, not resolved ones or February's");
    }

    @Test
    void aMonthIsCountedExactlyAsAQuarterOverTheSameDaysWouldBe() throws Exception {
        Contract c = demo();
        MonthlyAttainment m = QuarterlyAssessor.month(c, "2022-03", MARCH_1, MARCH_31, AS_OF, List.of(CATALOGUE),
                MARCH_FINDINGS, List.of(), 7);
        QuarterlyAssessment q = QuarterlyAssessor.assess(c, "2022-Q1", MARCH_1, MARCH_31, AS_OF, List.of(CATALOGUE),
                MARCH_FINDINGS, List.of(), List.of(), 7);
        assertEquals(q.domains(), m.domains());
        assertEquals(q.support(), m.support());
    }

    @Test
    void periodsNotOverOnTheDayAreNotYetDue() throws Exception {
        // on March 16, the days March 1–15 are over (11 working days), and the weeks W09 and W10; the month is not
        MonthlyAttainment m = QuarterlyAssessor.month(demo(), "2022-03", MARCH_1, MARCH_31, LocalDate.of(2022, 3, 16),
                List.of(CATALOGUE), List.of(), List.of(), 7);
        assertEquals(11 + 2, m.domains().get(0).due());
        assertEquals(11 + 2, m.domains().get(0).met());
    }

    @Test
    void aClippedMonthCountsOnlyTheDaysOfTheService() {
        Contract c = midMonth();
        LocalDate[] range = QuarterlyAssessor.monthRange(c, "2022-01");
        MonthlyAttainment m = QuarterlyAssessor.month(c, "2022-01", range[0], range[1], AS_OF,
                List.of(new DomainCatalogue("x", "测试领域", "", "附件三", List.of(), List.of(DAILY))),
                List.of(finding(DAILY, "2022-01", range[0], range[1], 2, FindingStatus.OPEN)), List.of(), 7);
        assertEquals(LocalDate.of(2022, 1, 15), m.from());
        DomainLine line = m.domains().get(0);
        assertEquals(12, line.due());
        assertEquals(2, line.missed());
        assertEquals(10, line.met());
    }

    @Test
    void theMonthsSupportAttainmentIsTheShareOfItsRequestsThatMetEveryTarget() throws Exception {
        List<Fact> requests = java.util.stream.IntStream.range(0, 8).mapToObj(i -> Fact.builder().id("r" + i)
                .contractId("bj-hrss-2022").domain("support").kind("support.request").subject("T" + i)
                .date(LocalDate.of(2022, 3, 2 + i)).source("t").build()).toList();
        Finding phone = Finding.builder().contractId("bj-hrss-2022").domain("support").obligation("support.phone").rule("r")
                .clause("附件三").severity(Severity.HIGH).period(LocalDate.of(2022, 3, 3), LocalDate.of(2022, 3, 3), "2022-03-03")
                .title("t").facts("r1").build();
        Finding onsite = Finding.builder().contractId("bj-hrss-2022").domain("support").obligation("support.onsite").rule("r")
                .clause("附件三").severity(Severity.HIGH).period(LocalDate.of(2022, 3, 3), LocalDate.of(2022, 3, 3), "2022-03-03")
                .title("t").facts("r1").build();
        Finding april = Finding.builder().contractId("bj-hrss-2022").domain("support").obligation("support.phone").rule("r")
                .clause("附件三").severity(Severity.HIGH).period(LocalDate.of(2022, 4, 1), LocalDate.of(2022, 4, 1), "2022-04-01")
                .title("t").facts("r9").build();
        List<FindingRecord> findings = List.of(phone, onsite, april).stream()
                .map(f -> new FindingRecord(f, FindingStatus.OPEN, Instant.EPOCH, Instant.EPOCH, null, null, null)).toList();
        MonthlyAttainment m = QuarterlyAssessor.month(demo(), "2022-03", MARCH_1, MARCH_31, AS_OF,
                List.of(DashboardsTest.SUPPORT), findings, requests, 7);
        assertEquals(8, m.support().requests());
        assertEquals(1, m.support().phoneLate());
        assertEquals(1, m.support().onsiteLate());
        assertEquals(87.5, m.support().attainment(), "one request of eight late, counted once");
    }
}
