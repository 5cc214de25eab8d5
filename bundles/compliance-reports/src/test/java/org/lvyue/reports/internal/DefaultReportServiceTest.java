package org.lvyue.reports.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvyue.reports.internal.Fixtures.CONTRACT_ID;
import static org.lvyue.reports.internal.Fixtures.squeeze;
import static org.lvyue.reports.internal.Fixtures.text;

import java.io.IOException;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.lvyue.api.assessment.MonthlyAttainment;
import org.lvyue.api.assessment.QuarterlyAssessment;
import org.lvyue.api.assessment.QuarterlyAssessment.DomainLine;
import org.lvyue.api.assessment.QuarterlyAssessment.SupportLine;
import org.lvyue.api.contract.Interpretation;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.fact.FactKind;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.ledger.LedgerEntry;
import org.lvyue.api.ledger.Payer;
import org.lvyue.api.report.Report;
import org.lvyue.api.service.BusyException;
import org.lvyue.api.service.NotFoundException;
import org.lvyue.api.signing.DocumentSigner;
import org.lvyue.api.signing.SignatureCheck;
import org.lvyue.api.signing.SignerIdentity;
import org.lvyue.api.spi.DomainCatalogue;
import org.lvyue.api.spi.MonthlyReportSections;
import org.lvyue.api.spi.ReportSection;
import org.lvyue.api.spi.Frequency;
import org.lvyue.api.spi.Obligation;
import org.lvyue.api.waiver.Waiver;
import org.lvyue.testing.FakeAccounts;
import org.lvyue.testing.FakeAssessments;
import org.lvyue.testing.FakeContracts;
import org.lvyue.testing.FakeEngine;
import org.lvyue.testing.FakeEvidenceIntegrity;
import org.lvyue.testing.FakeFactQueries;
import org.lvyue.testing.FakeFindings;
import org.lvyue.rules.keys.KeyUsageReport;
import org.lvyue.rules.pki.CertificateUsageReport;
import org.lvyue.rules.support.SupportReport;
import org.lvyue.rules.terms.TerminationSettlement;

/**
 * The report service over in-memory collaborators (compliance-test-fixtures): the use-case services holding a
 * contract, its findings, facts and ledger entries; an engine with a few domain bundles; and a
 * signer whose "signature" is the SHA-256 of the document (signing has its own tests in
 * compliance-signing). Rendering is the real one.
 */
class DefaultReportServiceTest {
    private static final LocalDate TODAY = LocalDate.of(2022, 10, 10);
    private static final String DIGEST = "0123456789abcdef".repeat(4);
    private static final LocalDate Q3_FROM = LocalDate.of(2022, 7, 1);
    private static final LocalDate Q3_TO = LocalDate.of(2022, 9, 30);

    private final FakeContracts contracts = new FakeContracts(TODAY, Fixtures.contract());
    private final FakeFactQueries queries = new FakeFactQueries(contracts);
    private final FakeFindings findings = new FakeFindings(contracts);
    private final FakeAssessments assessments = new FakeAssessments();
    private final FakeAccounts accounts = new FakeAccounts(contracts);
    private final FakeEvidenceIntegrity integrity = new FakeEvidenceIntegrity(contracts);
    private final FakeEngine engine = new FakeEngine();
    private final FakeSigner signer = new FakeSigner();
    private final DefaultReportService reports = new DefaultReportService(contracts, queries, findings, assessments, accounts,
            integrity, engine, signer, Fixtures.RENDERER);

    /** 42 facts with one digest; three bundles seen, two active; the catalogues of support and key management. */
    DefaultReportServiceTest() {
        queries.digestCount = 42;
        queries.digestSha256 = DIGEST;
        engine.domains.addAll(List.of(Fixtures.bundle("org.lvyue.domain.identity", "1.0.0", "identity", "身份认证"),
                new DomainStatus("org.lvyue.domain.broken", "0.9.0", 9, "broken", null, DomainState.REFUSED, 0, List.of(),
                        Instant.EPOCH),
                Fixtures.bundle("org.lvyue.domain.support", "1.2.0", "support", "技术支持")));
        engine.catalogues.addAll(List.of(
                new DomainCatalogue("support", "技术支持", "Support", "附件三 2.1.6",
                        List.of(kind("support.request", "support", "技术支持工单"), kind("support.contact", "support", "电话响应"),
                                kind("support.onsite", "support", "现场到达")),
                        List.of(new Obligation("support.phone", "support", "1 小时内电话响应", "附件三 2.1.6", Frequency.PER_EVENT, 1,
                                "support.contact", null, Severity.HIGH, null))),
                new DomainCatalogue("key-management", "密钥管理", "Key management", "附件三 4.1",
                        List.of(kind("key.record", "key-management", "密钥记录"), kind("key.backup", "key-management", "密钥备份")),
                        List.of(new Obligation("km.backup", "key-management", "每月备份密钥", "附件三 4.1.2", Frequency.MONTHLY, 1,
                                "key.backup", null, Severity.MEDIUM, null)))));
    }

    {
        // as DS binds them when the domain bundles run
        SupportReport support = new SupportReport();
        reports.addSections(support, Map.of(MonthlyReportSections.DOMAINS, "support"));
        reports.addQuarterlySections(support, Map.of(MonthlyReportSections.DOMAINS, "support"));
        reports.addSections(new KeyUsageReport(), Map.of(MonthlyReportSections.DOMAINS, "key-management"));
        reports.addSections(new CertificateUsageReport(), Map.of(MonthlyReportSections.DOMAINS, new String[] {"pki", "certificates"}));
    }

    // --- quarterly ---

    private void quarterWithFindings() {
        assessments.quarter = new QuarterlyAssessment(CONTRACT_ID, "2022-Q3", Q3_FROM, Q3_TO, TODAY,
                new Interpretation("assessment.scheme", "附件二 6", "季度考核以何为准", "evaluator-verdict", "evaluator-verdict",
                        List.of("evaluator-verdict", "deduction-score")),
                QuarterlyAssessment.Result.FAIL, null, null, "verdict-2022-Q3",
                List.of(new DomainLine("identity", "身份认证", 3, 64, 61, 2, 1, List.of("identity/daily/2022-07")),
                        new DomainLine("support", "技术支持", 2, 10, 9, 1, 0, List.of("support/phone/T-0801"))),
                new SupportLine(4, 1, 0, 75.0), 7);
        findings.records.add(record("identity/daily/2022-07", "identity", "附件三 1.1.1(一) 5)", "每日巡检未执行：身份认证服务器",
                LocalDate.of(2022, 7, 1), LocalDate.of(2022, 7, 31), "2022-07", FindingStatus.OPEN));
        findings.records.add(record("support/phone/T-0801", "support", "附件三 2.1.6 电话响应", "工单 T-0801 电话响应超时",
                LocalDate.of(2022, 8, 3), LocalDate.of(2022, 8, 3), "2022-08-03", FindingStatus.WAIVED));
        findings.records.add(record("backup/weekly/2022-W31", "backup", "附件三 9.9 已恢复", "第 31 周备份检查未执行",
                LocalDate.of(2022, 8, 1), LocalDate.of(2022, 8, 7), "2022-W31", FindingStatus.RESOLVED));
        findings.records.add(record("drill/2022-Q2", "drill", "附件二 5 第二季度", "第二季度未演练",
                LocalDate.of(2022, 4, 1), LocalDate.of(2022, 6, 30), "2022-Q2", FindingStatus.OPEN));
        accounts.entries.add(LedgerEntry.builder().contractId(CONTRACT_ID).rule("七.1 服务失误").discriminator("q3").clause("七.1")
                .payer(Payer.SUPPLIER).kind("违约金").amount(new BigDecimal("182571.00")).title("身份认证巡检缺失的违约金")
                .formula("A × 3%").input("A", "6085700.00").finding("identity/daily/2022-07").build());
        accounts.entries.add(LedgerEntry.builder().contractId(CONTRACT_ID).rule("七.2 逾期付款").discriminator("p2").clause("七.2")
                .payer(Payer.CLIENT).kind("逾期付款违约金").amount(new BigDecimal("30428.50")).title("第二期款逾期付款违约金")
                .formula("A × 0.5% × 天数").dueOn(LocalDate.of(2022, 9, 15)).build());
        accounts.entries.add(LedgerEntry.builder().contractId(CONTRACT_ID).rule("七.2 逾期付款").discriminator("p1").clause("七.2")
                .payer(Payer.CLIENT).kind("逾期付款违约金").amount(new BigDecimal("1.00")).title("第一期款逾期付款违约金")
                .formula("A × 0.5% × 天数").dueOn(LocalDate.of(2022, 5, 15)).build());
    }

    @Test
    void aPendingVerdictNamesTheFactKindTheCataloguesDeclareForIt() throws IOException {
        quarterWithFindings();
        QuarterlyAssessment q = assessments.quarter;
        assessments.quarter = new QuarterlyAssessment(q.contractId(), q.quarter(), q.from(), q.to(), q.asOf(), q.scheme(),
                QuarterlyAssessment.Result.PENDING, null, null, null, q.domains(), q.support(), q.ruleSetVersion());

        String undeclared = text(reports.quarterly(CONTRACT_ID, "2022-Q3").pdf());
        engine.catalogues.add(new DomainCatalogue("terms", "一般条款", "General terms", "一般条款", List.of(), List.of(),
                java.util.Set.of(), new org.lvyue.api.spi.AssessmentInputs(false, "verdict.kind", null), null));
        String declared = text(reports.quarterly(CONTRACT_ID, "2022-Q3").pdf());

        assertTrue(undeclared.contains(squeeze("尚无（评估方录入考核结论事实后生效）")), undeclared);
        assertTrue(declared.contains(squeeze("尚无（评估方录入 verdict.kind 事实后生效）")), declared);
    }

    @Test
    void theQuarterlyReportShowsVerdictDomainsFindingsDigestAndBundles() throws IOException {
        quarterWithFindings();

        Report r = reports.quarterly(CONTRACT_ID, "2022-Q3");

        String text = text(r.pdf());
        for (String expected : List.of("季度运维服务质量考核报告", "2022年第3季度", "不合格", "身份认证", "技术支持",
                "附件三1.1.1(一)5)", "附件三2.1.6电话响应", "每日巡检未执行：身份认证服务器", "状态：已豁免", DIGEST,
                "org.lvyue.domain.identity", "1.0.0", "org.lvyue.domain.support", "1.2.0", "规则集版本7",
                "身份认证巡检缺失的违约金", "第二期款逾期付款违约金", "依据事实verdict-2022-Q3", "75.0%（工单4张）")) {
            assertTrue(text.contains(squeeze(expected)), "missing from the quarterly report: " + expected);
        }
        assertFalse(text.contains("附件三9.9已恢复"), "a resolved finding is no violation");
        assertFalse(text.contains("附件二5第二季度"), "a finding of another quarter");
        assertFalse(text.contains("第一期款逾期付款违约金"), "an amount neither of the quarter's findings nor due in it");
        assertFalse(text.contains("org.lvyue.domain.broken"), "a refused bundle made nothing");

        assertEquals("bj-hrss-2022/quarterly/2022-Q3", r.id());
        assertEquals("bj-hrss-2022-季度考核-2022-Q3.pdf", r.fileName());
        assertEquals("季度运维服务质量考核报告", r.title());
        assertEquals(TODAY, r.asOf());
        assertEquals(DIGEST, r.factsDigest());
        assertEquals(42, r.factCount());
        assertEquals(List.of("org.lvyue.domain.identity 1.0.0", "org.lvyue.domain.support 1.2.0"), r.ruleBundles());
        assertEquals(Fixtures.sha256(r.pdf()), r.pdfSha256());
        assertArrayEquals(FakeSigner.digest(r.pdf()), r.signature(), "the signature is the signer's, over these bytes");
        assertEquals(1, signer.signed);
        try (PDDocument doc = Loader.loadPDF(r.pdf())) {
            assertEquals(doc.getNumberOfPages(), r.pages());
        }
    }

    @Test
    void theQuarterlyReportQuotesTheContractsWordsForEachClauseItsFindingsCite() throws IOException {
        quarterWithFindings();
        contracts.clauseTexts.put("附件三 1.1.1(一) 5)", "5) 检查证书黑名单列表每日晚上更新是否成功；");

        String text = text(reports.quarterly(CONTRACT_ID, "2022-Q3").pdf());

        assertTrue(text.contains(squeeze("引用条款原文")), text);
        assertTrue(text.contains(squeeze("5) 检查证书黑名单列表每日晚上更新是否成功；")), text);
        assertTrue(text.contains(squeeze("附件三 2.1.6 电话响应")) && text.contains(squeeze("（合同定义未载明该条款原文）")),
                "a cited clause without a text on record says so: " + text);
    }

    @Test
    void theSameQuarterTwiceGivesTheSameBytes() {
        quarterWithFindings();
        Report first = reports.quarterly(CONTRACT_ID, "2022-Q3");
        Report second = reports.quarterly(CONTRACT_ID, "2022-Q3");
        assertArrayEquals(first.pdf(), second.pdf());
        assertEquals(first.pdfSha256(), second.pdfSha256());
    }

    @Test
    void aReportNamesItsRuleSetByItsContentsSoANodeNumberingTheSameRulesOtherwiseGivesTheSameBytes() throws IOException {
        quarterWithFindings();
        engine.ruleSetDigest = "9c1e54d0a7b3f2e8" + "0".repeat(48);
        Report here = reports.quarterly(CONTRACT_ID, "2022-Q3");
        // another node of the cluster, started after the last bundle change: the same rules, a lower version number
        engine.ruleSetVersion = 2;
        findings.ruleSetVersion = 2;
        accounts.ruleSetVersion = 2;
        Report there = reports.quarterly(CONTRACT_ID, "2022-Q3");

        assertArrayEquals(here.pdf(), there.pdf());
        String text = text(here.pdf());
        assertTrue(text.contains(squeeze("规则集（摘要 9c1e54d0a7b3f2e8）")), text);
        assertFalse(text.contains(squeeze("规则集版本")), "no node-local number in the report");
    }

    @Test
    void everyIssuedReportIsRecordedInTheContractsEvidenceChainWithItsDigests() {
        quarterWithFindings();
        Report r = reports.quarterly(CONTRACT_ID, "2022-Q3");
        assertEquals(List.of(CONTRACT_ID + " " + r.id() + " " + r.pdfSha256() + " " + r.factsDigest()), integrity.issued);
    }

    @Test
    void aNewWaiverChangesTheReportAndIsNamedInItsProvenance() throws Exception {
        quarterWithFindings();
        Report before = reports.quarterly(CONTRACT_ID, "2022-Q3");
        accounts.waivers.add(new Waiver(1, CONTRACT_ID, Waiver.Target.FINDING, "k", "甲方书面同意", null, "admin",
                java.time.Instant.EPOCH, null, null, null));
        Report after = reports.quarterly(CONTRACT_ID, "2022-Q3");
        assertEquals(before.factsDigest(), after.factsDigest(), "a waiver is not a fact");
        assertFalse(java.util.Arrays.equals(before.pdf(), after.pdf()), "the same facts with another waiver give another PDF");
        assertTrue(Fixtures.text(before.pdf()).contains("0条豁免记录"), Fixtures.text(before.pdf()));
        assertTrue(Fixtures.text(after.pdf()).contains("1条豁免记录"), Fixtures.text(after.pdf()));
    }

    @Test
    void findingsStillBeingReevaluatedPastTheWaitAnswerNotReadyWithRetryAfterBeforeRendering() {
        quarterWithFindings();
        assessments.month = monthOf("support", new SupportLine(0, 0, 0, 100.0));
        findings.notCurrent = new BusyException(BusyException.Reason.NOT_READY, "违约事项正在重新评估", java.time.Duration.ofSeconds(5));
        BusyException e = assertThrows(BusyException.class, () -> reports.quarterly(CONTRACT_ID, "2022-Q3"));
        assertEquals(503, e.httpStatus());
        assertEquals(java.time.Duration.ofSeconds(5), e.retryAfter());
        assertThrows(BusyException.class, () -> reports.monthly(CONTRACT_ID, "support", "2022-07"));
        assertThrows(BusyException.class, () -> reports.ledger(CONTRACT_ID, TODAY));
        assertEquals(0, signer.signed + signer.identities, "nothing rendered, nothing signed");
        assertEquals(3, findings.awaited, "every report waited for the contract's findings first");
    }

    // --- monthly ---

    private static MonthlyAttainment monthOf(String domain, SupportLine support) {
        return new MonthlyAttainment(CONTRACT_ID, "2022-07", LocalDate.of(2022, 7, 1), LocalDate.of(2022, 7, 31), TODAY,
                List.of(new DomainLine(domain, "x", 1, 21, 20, 1, 0, List.of())), support, 7);
    }

    @Test
    void anUnknownDomainIsRefusedNamingTheValidOnesBeforeAnythingIsRendered() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> reports.monthly(CONTRACT_ID, "firewall", "2022-07"));
        assertTrue(e.getMessage().contains("firewall"), e.getMessage());
        assertTrue(e.getMessage().contains("key-management, support"), e.getMessage());
        assertEquals(0, assessments.monthlyCalls, "the month was not even computed");
        assertEquals(0, signer.signed + signer.identities, "nothing rendered, nothing signed");
    }

    @Test
    void theSupportMonthlyReportListsEachTicketWithItsContactAndOnsiteTimes() {
        assessments.month = monthOf("support", new SupportLine(2, 1, 0, 50.0));
        queries.facts.add(fact("r1", "support", "support.request", "T-0701", LocalDateTime.of(2022, 7, 5, 10, 0), Map.of("site", "朝阳分中心")));
        queries.facts.add(fact("c1", "support", "support.contact", "T-0701", LocalDateTime.of(2022, 7, 5, 10, 20), Map.of()));
        queries.facts.add(fact("o1", "support", "support.onsite", "T-0701", LocalDateTime.of(2022, 7, 5, 11, 30), Map.of()));
        queries.facts.add(fact("r2", "support", "support.request", "T-0702", LocalDateTime.of(2022, 7, 20, 23, 5), Map.of("site", "通州分中心")));
        queries.facts.add(fact("r3", "support", "support.request", "T-0801", LocalDateTime.of(2022, 8, 1, 9, 0), Map.of("site", "八月")));
        findings.records.add(record("support/phone/T-0702", "support", "附件三 2.1.6 电话响应", "工单 T-0702 电话响应超时",
                LocalDate.of(2022, 7, 20), LocalDate.of(2022, 7, 20), "2022-07-20", FindingStatus.OPEN));

        Report r = reports.monthly(CONTRACT_ID, "support", "2022-07");

        String text = text(r.pdf());
        for (String expected : List.of("技术支持月度服务报告", "2022年7月", "技术支持工单明细", "T-0701", "朝阳分中心",
                "2022-07-0510:00", "2022-07-0510:20（20分钟）", "2022-07-0511:30（1小时30分钟）", "T-0702", "通州分中心",
                "无记录", "工单T-0702电话响应超时", "全部目标达成率", "50.0%", "support.request", "1小时内电话响应")) {
            assertTrue(text.contains(squeeze(expected)), "missing from the support report: " + expected);
        }
        assertFalse(text.contains("T-0801"), "a ticket of August");
        assertEquals("bj-hrss-2022/monthly/support/2022-07", r.id());
        assertEquals("技术支持月度服务报告", r.title());
        assertEquals(1, assessments.monthlyCalls);
    }

    @Test
    void theKeyManagementMonthlyReportListsTheKeyRecordsWithTheirLastBackup() {
        assessments.month = monthOf("key-management", new SupportLine(0, 0, 0, 100.0));
        queries.facts.add(fact("k1", "key-management", "key.record", "K-SBK-SIGN-01", LocalDate.of(2022, 3, 1),
                Map.of("system", "社保卡业务系统", "purpose", "签名", "algorithm", "SM2")));
        queries.facts.add(fact("k2", "key-management", "key.record", "K-EXAM-ENC-02", LocalDate.of(2022, 2, 10),
                Map.of("system", "人事考试系统", "purpose", "加密", "algorithm", "SM4", "retiredOn", "2022-06-30")));
        queries.facts.add(fact("k3", "key-management", "key.record", "K-LATE-03", LocalDate.of(2022, 8, 5),
                Map.of("system", "八月新系统", "purpose", "签名", "algorithm", "RSA")));
        queries.facts.add(fact("b1", "key-management", "key.backup", "K-SBK-SIGN-01", LocalDate.of(2022, 6, 15), Map.of()));
        queries.facts.add(fact("b2", "key-management", "key.backup", "K-SBK-SIGN-01", LocalDate.of(2022, 7, 12), Map.of()));
        queries.facts.add(fact("b3", "key-management", "key.backup", "K-SBK-SIGN-01", LocalDate.of(2022, 8, 2), Map.of()));

        Report r = reports.monthly(CONTRACT_ID, "key-management", "2022-07");

        String text = text(r.pdf());
        for (String expected : List.of("密钥管理月度服务报告", "密钥使用情况", "社保卡业务系统", "签名SM2", "K-SBK-SIGN-01",
                "2022-03-01", "2022-07-12", "人事考试系统", "K-EXAM-ENC-02（2022-06-30停用）")) {
            assertTrue(text.contains(squeeze(expected)), "missing from the key report: " + expected);
        }
        assertFalse(text.contains("K-LATE-03"), "a key recorded after the month");
        assertFalse(text.contains("2022-08-02"), "a backup after the month");
    }

    @Test
    void theQuarterlyReportShowsTheSupportResponseOnlyWhileTheSupportBundleContributesIt() {
        quarterWithFindings();
        String with = text(reports.quarterly(CONTRACT_ID, "2022-Q3").pdf());
        assertTrue(with.contains(squeeze("技术支持响应达标率75.0%（工单4张）")), with);
        assertTrue(with.contains(squeeze("技术支持服务响应（附件三 x.x.6）")), with);

        reports.removeQuarterlySections((SupportReport) reports.contributedFor("support").get(0));
        String without = text(reports.quarterly(CONTRACT_ID, "2022-Q3").pdf());
        assertFalse(without.contains(squeeze("技术支持响应达标率")), without);
        assertFalse(without.contains(squeeze("技术支持服务响应")), without);
        assertTrue(without.contains(squeeze("四、违约事项")), "the sections after it move up\n" + without);
    }

    /** A domain's own section, as a domain bundle would register it. */
    private static final MonthlyReportSections DRILL_LOG = month -> List.of(ReportSection.table("演练记录", "本月 " + month.from()
            + " 起", List.of("演练", "日期"), List.of(ReportSection.row("桌面推演", "2022-07-18"))));

    @Test
    void aMonthlyReportShowsTheSectionsItsDomainContributesAndNoneOnceTheContributionIsGone() {
        assessments.month = monthOf("support", new SupportLine(0, 0, 0, 100.0));
        reports.addSections(DRILL_LOG, Map.of(MonthlyReportSections.DOMAINS, "support"));

        String with = text(reports.monthly(CONTRACT_ID, "support", "2022-07").pdf());
        assertTrue(with.contains(squeeze("演练记录")) && with.contains(squeeze("桌面推演")), with);
        assertTrue(with.contains(squeeze("技术支持工单明细")), "the support bundle's own sections stay");

        reports.removeSections(DRILL_LOG);
        reports.removeSections(reports.contributedFor("support").get(0));
        String without = text(reports.monthly(CONTRACT_ID, "support", "2022-07").pdf());
        for (String gone : List.of("演练记录", "桌面推演", "技术支持服务响应", "技术支持工单明细")) {
            assertFalse(without.contains(squeeze(gone)), "still there after its contribution went: " + gone);
        }
        assertTrue(without.contains(squeeze("本月记录")), "what every monthly report shows stays");
    }

    @Test
    void aContributionAddsOnlyToTheReportsOfTheDomainsItNames() {
        assessments.month = monthOf("key-management", new SupportLine(0, 0, 0, 100.0));
        reports.addSections(DRILL_LOG, Map.of(MonthlyReportSections.DOMAINS, "support"));

        String text = text(reports.monthly(CONTRACT_ID, "key-management", "2022-07").pdf());

        assertFalse(text.contains(squeeze("演练记录")), text);
        assertFalse(text.contains(squeeze("技术支持工单明细")), text);
        assertTrue(text.contains(squeeze("密钥使用情况")), text);
    }

    @Test
    void aContributedTableLaysOutLikeTheSharedOnesPaddingShortRowsWithEmptyCells() {
        Section s = ContributedSections.section(ReportSection.table("证书算法分布", null, List.of("密钥 / 签名算法", "数量"),
                List.of(ReportSection.row("RSA 2048 / SHA256withRSA", "3 张"), ReportSection.row("SM2", null))));
        assertEquals(Sections.table("证书算法分布", null, new String[] {"密钥 / 签名算法", "数量", "", "", ""},
                List.of(Sections.tableRow("RSA 2048 / SHA256withRSA", "3 张", "", "", ""), Sections.tableRow("SM2", null, "", "", ""))), s);
        Map<String, String> lines = new java.util.LinkedHashMap<>();
        lines.put("受理工单", "2");
        lines.put("全部目标达成率", "50.0%");
        assertEquals(Sections.keyValue("技术支持服务响应", "附件三", lines),
                ContributedSections.section(ReportSection.keyValue("技术支持服务响应", "附件三", lines)));
    }

    // --- ledger ---

    /** 一般条款 十六: 2023-01-01..02-28 = 59 days; 6,085,700.00 × 59 ÷ 365 = 983,715.890… → 983,715.89, 「由新服务商提供」. */
    private static LedgerEntry afterExpiryFee() {
        return LedgerEntry.builder().contractId(CONTRACT_ID).rule("一般条款十六 期满后继续服务").clause("一般条款 十六")
                .payer(Payer.NEW_SUPPLIER).kind("服务费").amount(new BigDecimal("983715.89"))
                .title("合同期满后继续服务 59 天（2023-01-01 至 2023-02-28）的服务费，由新服务商提供")
                .formula("A × 服务天数 ÷ 当年天数").input("A（合同款）", "¥6,085,700.00").input("服务天数", 59)
                .input("当年天数", 365).facts("after-expiry:2023-02").build();
    }

    @Test
    void theLedgerShowsTheNewServiceProvidersFeeApartAndTheNetBetweenClientAndSupplierWithoutIt() {
        accounts.entries.add(LedgerEntry.builder().contractId(CONTRACT_ID).rule("七.1 服务失误").discriminator("q3").clause("七.1")
                .payer(Payer.SUPPLIER).kind("违约金").amount(new BigDecimal("182571.00")).title("服务不合格违约金")
                .formula("A × 3%").build());
        accounts.entries.add(LedgerEntry.builder().contractId(CONTRACT_ID).rule("七.2 逾期付款").clause("七.2")
                .payer(Payer.CLIENT).kind("逾期付款违约金").amount(new BigDecimal("152142.50")).title("合同款逾期付款违约金")
                .formula("A × 0.5% × 天数").build());
        accounts.entries.add(afterExpiryFee());

        String text = text(reports.ledger(CONTRACT_ID, LocalDate.of(2023, 3, 1)).pdf());

        // the entry with its clause, payer, formula, inputs and fact
        for (String expected : List.of("一般条款十六", "由新服务商提供", "新服务商", "¥983,715.89", "A×服务天数÷当年天数", "服务天数=59",
                "after-expiry:2023-02")) {
            assertTrue(text.contains(squeeze(expected)), "missing from the ledger: " + expected + "\n" + text);
        }
        // 甲方 owes only the interest; the net is 182,571.00 − 152,142.50 = 30,428.50, the supplier's
        assertTrue(text.contains(squeeze("甲方应付（逾期付款违约金等）¥152,142.50")), text);
        assertTrue(text.contains(squeeze("净额（乙方应付 − 甲方应付）¥30,428.50 新服务商应付（单列，不计入净额）¥983,715.89")), text);
        assertTrue(text.contains(squeeze(Sections.NEW_SUPPLIER_TOTAL)), text);
        assertTrue(text.contains(squeeze("「由新服务商提供」，不由甲方支付，不计入甲乙双方的应付与净额")), text);
        assertFalse(text.contains("1,135,858.39"), "the fee is not in what 甲方 owes");
        assertFalse(text.contains("-953,287.39"), "nor in the net");
    }

    // --- settlement ---

    /** The general-terms bundle running: its catalogue in the engine, its settlement terms registered. */
    private void generalTermsActive() {
        engine.catalogues.add(new DomainCatalogue("general-terms", "合同一般条款", "General terms", "一般条款",
                List.of(kind("termination.effective", "general-terms", "合同解除生效")), List.of()));
        reports.addSettlementTerms(new TerminationSettlement(), Map.of(MonthlyReportSections.DOMAINS, "general-terms"));
    }

    @Test
    void aSettlementWithoutTerminationIsNotFoundAndNothingIsSigned() {
        generalTermsActive();
        NotFoundException e = assertThrows(NotFoundException.class, () -> reports.settlement(CONTRACT_ID));
        assertTrue(e.getMessage().contains("未解除") && e.getMessage().contains("termination.effective"), e.getMessage());
        assertEquals(0, signer.signed + signer.identities);
    }

    @Test
    void aSettlementNeedsTheDomainOfTheTerminationClausesToBeRunning() {
        reports.addSettlementTerms(new TerminationSettlement(), Map.of(MonthlyReportSections.DOMAINS, "general-terms"));
        queries.facts.add(fact("t1", "general-terms", "termination.effective", "client", LocalDate.of(2022, 9, 30),
                Map.of("noticeDate", "2022-09-01")));

        NotFoundException e = assertThrows(NotFoundException.class, () -> reports.settlement(CONTRACT_ID));

        assertTrue(e.getMessage().contains("没有运行中的服务领域登记合同解除条款"), e.getMessage());
        assertEquals(0, signer.signed + signer.identities);
    }

    @Test
    void aSettlementShowsTheTerminationAndTheDailyRefund() {
        generalTermsActive();
        queries.facts.add(fact("t1", "general-terms", "termination.effective", "client", LocalDate.of(2022, 9, 30),
                Map.of("noticeDate", "2022-09-01")));
        queries.facts.add(Fact.builder().id("pay1").contractId(CONTRACT_ID).domain("general-terms").kind("payment.received")
                .date(LocalDate.of(2022, 3, 15)).amount(new BigDecimal("3042850.00")).build());
        accounts.entries.add(LedgerEntry.builder().contractId(CONTRACT_ID).rule("十四.2 按日返还").clause("十四.2")
                .payer(Payer.SUPPLIER).kind("退款").category(LedgerEntry.Category.TERMINATION_REFUND)
                .amount(new BigDecimal("1533929.80")).title("解除之日以后的合同款")
                .formula("A ÷ 365 × 92").build());

        Report r = reports.settlement(CONTRACT_ID);

        String text = text(r.pdf());
        for (String expected : List.of("合同解除结算单", "甲方解除", "2022-09-30", "2022-09-01", "t1", "¥3,042,850.00",
                "按日返还的合同款", "解除之日以后的合同款", "¥1,533,929.80")) {
            assertTrue(text.contains(squeeze(expected)), "missing from the settlement: " + expected);
        }
        assertEquals("bj-hrss-2022/settlement/2022-09-30", r.id());
        assertFalse(text.contains("新服务商"), "no amount of a new provider, nothing said about one");
    }

    @Test
    void aSettlementFindsTheRefundByItsLedgerCategoryWhateverItsRuleIsCalled() {
        generalTermsActive();
        queries.facts.add(fact("t1", "general-terms", "termination.effective", "client", LocalDate.of(2022, 9, 30),
                Map.of("noticeDate", "2022-09-01")));
        accounts.entries.add(LedgerEntry.builder().contractId(CONTRACT_ID).rule("解除后按日返还（改名后的规则）").clause("一般条款 十四.2")
                .payer(Payer.SUPPLIER).kind("退款").category(LedgerEntry.Category.TERMINATION_REFUND)
                .amount(new BigDecimal("1533929.80")).title("解除之日以后的合同款").formula("A ÷ 365 × 92").build());
        // named after 十四.2 but not the day-by-day refund: the other open amounts
        accounts.entries.add(LedgerEntry.builder().contractId(CONTRACT_ID).rule("一般条款十四.2 另一条规则").clause("一般条款 十.2")
                .payer(Payer.SUPPLIER).kind("退款").category(LedgerEntry.Category.REFUND)
                .amount(new BigDecimal("100.00")).title("泄密退回已收取的合同款").formula("Σ 已收款").build());

        String text = text(reports.settlement(CONTRACT_ID).pdf());

        int refunds = text.indexOf(squeeze("按日返还的合同款"));
        int others = text.indexOf(squeeze("其他未结款项"));
        int refund = text.indexOf(squeeze("解除之日以后的合同款"), refunds + 1);
        int other = text.indexOf(squeeze("泄密退回已收取的合同款"));
        assertTrue(refunds < refund && refund < others, "the renamed rule's refund is the settlement's refund\n" + text);
        assertTrue(others < other, "an entry merely named after 十四.2 is among the others\n" + text);
        assertFalse(text.contains(squeeze("无需返还")), text);
    }

    @Test
    void aSettlementShowsAnAmountOfTheNewServiceProviderApartFromWhatTheClientAndSupplierOwe() {
        generalTermsActive();
        queries.facts.add(fact("t1", "general-terms", "termination.effective", "supplier", LocalDate.of(2022, 9, 30),
                Map.of("noticeDate", "2022-09-01")));
        accounts.entries.add(LedgerEntry.builder().contractId(CONTRACT_ID).rule("七.2 逾期付款").clause("七.2")
                .payer(Payer.CLIENT).kind("逾期付款违约金").amount(new BigDecimal("152142.50")).title("合同款逾期付款违约金")
                .formula("A × 0.5% × 天数").build());
        accounts.entries.add(afterExpiryFee());

        String text = text(reports.settlement(CONTRACT_ID).pdf());

        for (String expected : List.of("其他未结款项", "新服务商", "¥983,715.89", "「由新服务商提供」", Sections.NEW_SUPPLIER_TOTAL,
                "甲方应付（逾期付款违约金等）¥152,142.50", "净额（乙方应付 − 甲方应付）¥-152,142.50")) {
            assertTrue(text.contains(squeeze(expected)), "missing from the settlement: " + expected + "\n" + text);
        }
        assertFalse(text.contains("1,135,858.39"), "the fee is not in what 甲方 owes");
    }

    // --- fixtures ---

    private static FindingRecord record(String key, String domain, String clause, String title, LocalDate start, LocalDate end,
                                        String label, FindingStatus status) {
        Finding f = Finding.builder().key(key).contractId(CONTRACT_ID).domain(domain).obligation(domain + ".x").rule(clause + " 规则")
                .clause(clause).severity(Severity.HIGH).period(start, end, label).title(title).facts("fact-" + key.hashCode()).build();
        return new FindingRecord(f, status, Instant.EPOCH, Instant.EPOCH, null, domain, "1.0.0");
    }

    private static Fact fact(String id, String domain, String kind, String subject, LocalDate date, Map<String, String> attributes) {
        return Fact.builder().id(id).contractId(CONTRACT_ID).domain(domain).kind(kind).subject(subject).date(date)
                .attributes(attributes).build();
    }

    private static Fact fact(String id, String domain, String kind, String subject, LocalDateTime time, Map<String, String> attributes) {
        return Fact.builder().id(id).contractId(CONTRACT_ID).domain(domain).kind(kind).subject(subject).date(time.toLocalDate())
                .time(time).attributes(attributes).build();
    }

    private static FactKind kind(String name, String domain, String title) {
        return new FactKind(name, domain, title, true, null, null, false, false, List.of());
    }

    /** "Signs" with the document's SHA-256 and counts its calls. */
    static final class FakeSigner implements DocumentSigner {
        int signed;
        int identities;

        static byte[] digest(byte[] document) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(document);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public byte[] sign(byte[] document) {
            signed++;
            return digest(document);
        }

        @Override
        public SignerIdentity signer() {
            identities++;
            return new SignerIdentity("CN=履约 Lvyue 演示", "SHA256withRSA", HexFormat.of().formatHex(digest(new byte[] {1})),
                    LocalDate.of(2032, 1, 1), true, "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
        }

        @Override
        public SignatureCheck verify(byte[] document, byte[] signature) {
            throw new UnsupportedOperationException();
        }
    }
}
