package org.lvyue.reports.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvyue.reports.internal.Fixtures.entry;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lvyue.api.assessment.QuarterlyAssessment.DomainLine;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.ledger.Ledger;
import org.lvyue.api.ledger.LedgerEntry;
import org.lvyue.api.ledger.Payer;
import org.lvyue.api.waiver.Waiver;

class SectionsTest {
    private static final LocalDate DAY = LocalDate.of(2023, 3, 15);

    private static Waiver waiver(Waiver.Target target, String key) {
        return new Waiver(1, Fixtures.CONTRACT_ID, target, key, "甲方书面同意免除", null, "admin", Instant.EPOCH, null, null, null);
    }

    /** The amount cells of the four total rows: supplier, client, waived, net. */
    private static List<String> totals(Section s) {
        return s.rows().subList(s.rows().size() - 4, s.rows().size()).stream().map(r -> (String) r.get("amount")).toList();
    }

    @Test
    void ledgerTotalsAddTheRoundedEntriesAndAWaivedLineCountsOnlyAsWaived() {
        // each entry is rounded half-up to the fen when built: 100.005 → 100.01, 0.015 → 0.02, 33.334 → 33.33
        LedgerEntry penalty = entry("七.1 服务失误", "a", Payer.SUPPLIER, "100.005", "服务失误违约金");
        LedgerEntry refund = entry("十四.2 返还", "b", Payer.SUPPLIER, "0.015", "按日返还合同款");
        LedgerEntry interest = entry("七.2 逾期付款", "c", Payer.CLIENT, "33.334", "逾期付款违约金");
        LedgerEntry waived = entry("七.1 服务失误", "d", Payer.SUPPLIER, "50.00", "已豁免的违约金");
        Ledger ledger = Ledger.of(Fixtures.CONTRACT_ID, DAY, 7, List.of(), List.of(penalty, refund, interest, waived),
                List.of(waiver(Waiver.Target.LEDGER, waived.getKey())));

        Section s = Sections.ledger("款项明细", null, ledger.lines());

        assertEquals(4 + 4, s.rows().size(), "one row per entry and four totals");
        assertEquals(List.of("¥100.03", "¥33.33", "¥50.00", "¥66.70"), totals(s));
        // the section's totals are the ledger's own
        assertEquals(new BigDecimal("100.03"), ledger.supplierOwes());
        assertEquals(List.of("¥100.03", "¥33.33", "¥50.00", "¥66.70"), List.of(
                org.lvyue.api.ledger.Money.yuan(ledger.supplierOwes()), org.lvyue.api.ledger.Money.yuan(ledger.clientOwes()),
                org.lvyue.api.ledger.Money.yuan(ledger.waived()), org.lvyue.api.ledger.Money.yuan(ledger.net())));
        Map<String, ?> waivedRow = s.rows().get(3);
        assertEquals("（¥50.00）", waivedRow.get("amount"));
        assertTrue(((String) waivedRow.get("item")).contains("已豁免（甲方书面同意免除）"), waivedRow.toString());
        assertEquals("乙方", s.rows().get(0).get("payer"));
        assertEquals("甲方", s.rows().get(2).get("payer"));
    }

    @Test
    void theNewServiceProvidersFeeIsListedWithItsPayerAndTotalledApartOutsideTheNet() {
        LedgerEntry penalty = entry("七.1 服务失误", "a", Payer.SUPPLIER, "182571.00", "服务失误违约金");
        LedgerEntry interest = entry("七.2 逾期付款", "c", Payer.CLIENT, "152142.50", "逾期付款违约金");
        LedgerEntry afterExpiry = entry("十六 期满后继续服务", "e", Payer.NEW_SUPPLIER, "983715.89", "期满后继续服务的服务费");
        Ledger ledger = Ledger.of(Fixtures.CONTRACT_ID, DAY, 7, List.of(), List.of(penalty, interest, afterExpiry), List.of());

        Section s = Sections.ledger("款项明细", null, ledger.lines());

        assertEquals(3 + 5, s.rows().size(), "one row per entry, four totals and the new provider's apart");
        assertEquals("新服务商", s.rows().get(2).get("payer"));
        assertEquals("¥983,715.89", s.rows().get(2).get("amount"));
        // 182,571.00 − 152,142.50 = 30,428.50: the net is between 甲方 and 乙方 only
        List<String> totals = s.rows().subList(3, 7).stream().map(r -> (String) r.get("amount")).toList();
        assertEquals(List.of("¥182,571.00", "¥152,142.50", "¥0.00", "¥30,428.50"), totals);
        Map<String, ?> apart = s.rows().get(7);
        assertEquals("¥983,715.89", apart.get("amount"));
        assertTrue(((String) apart.get("item")).startsWith(Sections.NEW_SUPPLIER_TOTAL + "\n"), apart.toString());
        assertTrue(((String) apart.get("item")).contains("「由新服务商提供」"), apart.toString());
        assertEquals(List.of("¥182,571.00", "¥152,142.50", "¥30,428.50", "¥983,715.89"), List.of(
                org.lvyue.api.ledger.Money.yuan(ledger.supplierOwes()), org.lvyue.api.ledger.Money.yuan(ledger.clientOwes()),
                org.lvyue.api.ledger.Money.yuan(ledger.net()), org.lvyue.api.ledger.Money.yuan(ledger.newSupplierOwes())),
                "the section's totals are the ledger's own");
    }

    @Test
    void aSectionWithoutTheNewServiceProviderHasNoRowForIt() {
        Section s = Sections.ledger("款项", null, Ledger.of(Fixtures.CONTRACT_ID, DAY, 7, List.of(),
                List.of(entry("七.2 逾期付款", "c", Payer.CLIENT, "91285.50", "逾期付款违约金")), List.of()).lines());
        assertEquals(1 + 4, s.rows().size());
        assertTrue(s.rows().stream().noneMatch(r -> String.valueOf(r.get("item")).contains("新服务商")), s.rows().toString());
    }

    @Test
    void waivingAFindingWaivesTheAmountThatFollowsFromIt() {
        LedgerEntry penalty = LedgerEntry.builder().contractId(Fixtures.CONTRACT_ID).rule("七.1 服务失误").clause("七.1")
                .payer(Payer.SUPPLIER).kind("违约金").amount(new BigDecimal("182571")).title("服务失误违约金").formula("A × 3%")
                .finding("identity/daily/1").build();
        Ledger ledger = Ledger.of(Fixtures.CONTRACT_ID, DAY, 7, List.of(), List.of(penalty),
                List.of(waiver(Waiver.Target.FINDING, "identity/daily/1")));
        assertEquals(List.of("¥0.00", "¥0.00", "¥182,571.00", "¥0.00"), totals(Sections.ledger("款项", null, ledger.lines())));
    }

    @Test
    void aLedgerRowShowsTheFormulaInputsInterpretationsAndFacts() {
        Section s = Sections.ledger("款项", null, Ledger.of(Fixtures.CONTRACT_ID, DAY, 7, List.of(),
                List.of(entry("七.2 逾期付款", "c", Payer.CLIENT, "91285.50", "逾期付款违约金")), List.of()).lines());
        String computation = (String) s.rows().get(0).get("computation");
        assertEquals("A × 0.5% × 天数\nA = 6085700.00\n天数 = 3\n解释：latePayment.dayCount=calendar（默认）\n事实：pay-2022-03",
                computation);
        assertEquals("七.2", s.rows().get(0).get("clause"));
        assertEquals("¥91,285.50", s.rows().get(0).get("amount"));
    }

    @Test
    void rateIsADashWhenNothingFellDueAndOneDecimalHalfUpOtherwise() {
        assertEquals("—", Sections.rate(0, 0));
        assertEquals("66.7%", Sections.rate(2, 3));
        assertEquals("33.3%", Sections.rate(1, 3));
        assertEquals("6.3%", Sections.rate(1, 16), "6.25 rounds half-up, not to even");
        assertEquals("100.0%", Sections.rate(60, 60));
        assertEquals("0.0%", Sections.rate(0, 7));
    }

    @Test
    void attainmentEndsWithATotalRowOverAllDomains() {
        Section s = Sections.attainment("履约", null, List.of(
                new DomainLine("identity", "身份认证", 3, 64, 60, 3, 1, List.of()),
                new DomainLine("backup", null, 1, 3, 1, 2, 0, List.of())));
        Map<String, ?> total = s.rows().get(2);
        assertEquals("合计", total.get("name"));
        assertEquals(67, total.get("due"));
        assertEquals(61, total.get("met"));
        assertEquals(5, total.get("missed"));
        assertEquals(1, total.get("waived"));
        assertEquals("91.0%", total.get("rate"));
        assertEquals("backup", s.rows().get(1).get("name"), "a domain without a title shows its id");
    }

    @Test
    void findingsRowsCarryClauseSeverityLabelAndTheFactIdsAsEvidence() {
        FindingRecord withFacts = Fixtures.finding("k1", "identity", "附件三 1.1.1(一) 5)", Severity.HIGH, LocalDate.of(2022, 7, 1),
                LocalDate.of(2022, 7, 31), "2022-07", "每日巡检未执行", List.of("insp-1", "insp-2"));
        Finding missing = Finding.builder().contractId(Fixtures.CONTRACT_ID).domain("drill").rule("附件二 5 应急演练")
                .clause("附件二 5").severity(Severity.CRITICAL).period(LocalDate.of(2022, 1, 1), LocalDate.of(2022, 12, 31), "2022")
                .title("全年未进行应急演练").occurrences(3)
                .deadline(LocalDate.of(2022, 12, 31), "每年 1 次，须在 2022 年度内开展").build();
        FindingRecord withoutFacts = new FindingRecord(missing, FindingStatus.WAIVED, Instant.EPOCH, Instant.EPOCH, null, null, null);

        Section s = Sections.findings("违约事项", List.of(withFacts, withoutFacts));

        assertEquals(Section.Template.FINDINGS, s.template());
        assertEquals("共 2 项，按期间与条款排列；证据为事实编号。", s.note());
        Map<String, ?> first = s.rows().get(0);
        assertEquals(1, first.get("no"));
        assertEquals("附件三 1.1.1(一) 5)", first.get("clause"));
        assertEquals("高", first.get("severity"));
        assertEquals("2022-07", first.get("period"));
        String text = (String) first.get("text");
        assertTrue(text.startsWith("每日巡检未执行\n应于每个工作日完成。\n"), text);
        assertTrue(text.contains("\n证据：insp-1，insp-2\n"), text);
        assertFalse(text.contains("状态："), "an open finding shows no status line");
        Map<String, ?> second = s.rows().get(1);
        assertEquals(2, second.get("no"));
        assertEquals("严重", second.get("severity"));
        String text2 = (String) second.get("text");
        assertTrue(text2.contains("证据：（缺少应有的记录）"), text2);
        assertTrue(text2.contains("\n期限：2022-12-31（每年 1 次，须在 2022 年度内开展）\n"), "the deadline the rule used: " + text2);
        assertFalse(text.contains("期限："), "a finding without a deadline states none");
        assertTrue(text2.contains("计 3 次"), text2);
        assertTrue(text2.contains("状态：已豁免"), text2);
        assertTrue(text2.contains("规则：附件二 5 应急演练"), text2);
    }

    @Test
    void anEmptyFindingsListGivesNoRowsAndSaysSo() {
        Section s = Sections.findings("违约事项", List.of());
        assertTrue(s.rows().isEmpty());
        assertEquals("本期间没有违约事项。", s.note());
    }

    @Test
    void bundlesAreListedInSymbolicNameOrderWithTheirVersions() {
        Section s = Sections.bundles("规则包", "规则集版本 9", List.of(Fixtures.bundle("org.lvyue.domain.support", "1.2.0", "support", "技术支持"),
                Fixtures.bundle("org.lvyue.domain.backup", "1.0.3", "backup", null)));
        assertEquals(List.of("org.lvyue.domain.backup", "org.lvyue.domain.support"), s.rows().stream().map(r -> r.get("c1")).toList());
        assertEquals("1.0.3", s.rows().get(0).get("c2"));
        assertEquals("backup", s.rows().get(0).get("c3"), "no title: the domain id");
        assertEquals("技术支持", s.rows().get(1).get("c3"));
        assertTrue(s.note().startsWith("规则集版本 9；"), s.note());
    }
}
