package org.lvyue.shell.internal;

import java.io.Reader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.lvyue.api.assessment.MonthlyAttainment;
import org.lvyue.api.assessment.QuarterlyAssessment;
import org.lvyue.api.baseline.BaselineResult;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.LintItem;
import org.lvyue.api.contract.Party;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.FindingQuery;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.ledger.Ledger;
import org.lvyue.api.ledger.LedgerEntry;
import org.lvyue.api.ledger.Payer;
import org.lvyue.api.service.ComplianceService;
import org.lvyue.api.service.FactsDigest;
import org.lvyue.api.service.IngestResult;
import org.lvyue.api.service.NotFoundException;
import org.lvyue.api.service.WhatIf;
import org.lvyue.api.waiver.Waiver;

/**
 * An in-memory {@link ComplianceService} holding one contract, its recorded findings and the amounts
 * its rules derive; it filters findings as the store does (domain, overlapping period, status,
 * limit). What the shell never calls is unsupported.
 */
class FakeCompliance implements ComplianceService {
    static final String ID = "bj-hrss-2022";
    static final LocalDate TODAY = LocalDate.of(2023, 1, 10);

    final List<Contract> contracts = new ArrayList<>(List.of(new Contract(ID, 4, "安全应用维护服务", "", "0733-22182237",
            new Party("甲方", "北京市人力资源和社会保障局", null), new Party("乙方", "北京国信博飞科技发展有限公司", null),
            new BigDecimal("6085700.00"), LocalDate.of(2022, 1, 1), LocalDate.of(2022, 12, 31), LocalDate.of(2022, 12, 13))));
    final List<FindingRecord> findings = new ArrayList<>();
    final List<LedgerEntry> ledger = new ArrayList<>();
    final List<Waiver> waivers = new ArrayList<>();
    final List<DomainStatus> domains = new ArrayList<>(List.of(domain("general-terms"), domain("support")));
    LocalDate evaluatedOn;

    static DomainStatus domain(String id) {
        return new DomainStatus("org.lvyue.domain-" + id, "0.1.0.SNAPSHOT", 42, id, "领域 " + id, DomainState.ACTIVE, 3,
                List.of(), Instant.parse("2023-01-10T00:00:00Z"));
    }

    static Finding finding(String domain, String rule, Severity severity, String period, LocalDate start, LocalDate end,
                           String title) {
        return Finding.builder().contractId(ID).domain(domain).rule(rule).clause("一般条款 七.1").severity(severity)
                .period(start, end, period).title(title).build();
    }

    FakeCompliance record(Finding f, FindingStatus status) {
        findings.add(new FindingRecord(f, status, Instant.parse("2022-08-11T01:00:00Z"), Instant.parse("2022-08-11T01:00:00Z"),
                null, "org.lvyue." + f.getDomain(), "0.1.0"));
        return this;
    }

    static LedgerEntry penalty(String factId) {
        return LedgerEntry.builder().contractId(ID).rule("一般条款七.1-服务不合格违约金").discriminator(factId).clause("一般条款 七.1")
                .payer(Payer.SUPPLIER).kind("违约金").amount(new BigDecimal("182571.00")).title("服务不合格违约金")
                .formula("A × 服务不合格违约金比例").input("A", "6085700.00").input("服务不合格违约金比例", "3%")
                .interpretations("serviceFailure.occurrence=confirmed-failure（默认）").facts(factId).build();
    }

    /** 一般条款 十六: 59 days after expiry, 6,085,700.00 × 59 ÷ 365 = 983,715.89, owed by the new service provider. */
    static LedgerEntry afterExpiryFee() {
        return LedgerEntry.builder().contractId(ID).rule("一般条款十六").clause("一般条款 十六").payer(Payer.NEW_SUPPLIER)
                .kind("服务费").amount(new BigDecimal("983715.89")).title("合同期满后继续服务 59 天的服务费，由新服务商提供")
                .formula("A × 服务天数 ÷ 当年天数").input("A（合同款）", "6085700.00").input("服务天数", 59).input("当年天数", 365)
                .facts("after-expiry:2023-02").build();
    }

    /** What {@link #verifyIntegrity} answers. */
    org.lvyue.api.integrity.IntegrityReport integrity;

    @Override
    public org.lvyue.api.integrity.IntegrityReport verifyIntegrity(String contractId) {
        contract(contractId);
        return integrity;
    }

    @Override
    public List<Contract> contracts() {
        return List.copyOf(contracts);
    }

    @Override
    public Contract contract(String id) {
        return contracts.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("合同 '" + id + "' 不存在"));
    }

    @Override
    public List<FindingRecord> findings(String contractId, FindingQuery q) {
        contract(contractId);
        return findings.stream()
                .filter(r -> q.domain() == null || r.finding().getDomain().equals(q.domain()))
                .filter(r -> q.status() == null || r.status() == q.status())
                .filter(r -> q.from() == null || !r.finding().getPeriodEnd().isBefore(q.from()))
                .filter(r -> q.to() == null || !r.finding().getPeriodStart().isAfter(q.to()))
                .skip(q.offset()).limit(q.limit()).toList();
    }

    @Override
    public Evaluation evaluate(String contractId, LocalDate asOf) {
        contract(contractId);
        evaluatedOn = asOf;
        return new Evaluation(contractId, asOf, 7, domains, 12, findings.stream().map(FindingRecord::finding).toList(), ledger,
                Duration.ofMillis(37));
    }

    @Override
    public LocalDate today() {
        return TODAY;
    }

    @Override
    public Ledger ledger(String contractId, LocalDate asOf) {
        Contract c = contract(contractId);
        return Ledger.of(contractId, asOf, 7, c.interpretations(), ledger, waivers);
    }

    @Override
    public long findingsRuleSetVersion(String contractId) {
        return 7;
    }

    @Override
    public String contractDefinition(String id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public IngestResult ingest(String contractId, List<Map<String, Object>> facts, String user) {
        throw new UnsupportedOperationException();
    }

    @Override
    public IngestResult ingestCsv(String contractId, String format, Reader csv, String user) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Contract defineContract(String definitionJson, String user) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<LintItem> lint(String contractId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public WhatIf whatIf(String contractId, List<Map<String, Object>> facts, LocalDate asOf, String user) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Waiver waive(String contractId, Waiver.Target target, String key, String justification, LocalDate expiresOn,
                        String user) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Waiver withdrawWaiver(String contractId, long waiverId, String reason, String user) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Waiver> waivers(String contractId) {
        return List.copyOf(waivers);
    }

    @Override
    public List<Fact> facts(String contractId, String kind, LocalDate from, LocalDate to) {
        throw new UnsupportedOperationException();
    }

    @Override
    public FactsDigest factsDigest(String contractId, LocalDate asOf) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<BaselineResult> baselines(String contractId, String domain, BaselineResult.Result result) {
        throw new UnsupportedOperationException();
    }

    @Override
    public QuarterlyAssessment assessment(String contractId, String quarter) {
        throw new UnsupportedOperationException();
    }

    @Override
    public MonthlyAttainment monthlyAttainment(String contractId, String month) {
        throw new UnsupportedOperationException();
    }

    // Not used by the shell's commands.
    @Override
    public java.util.Optional<String> clauseText(String contractId, String clause) {
        return java.util.Optional.empty();
    }

    @Override
    public org.lvyue.api.dashboard.Dashboard dashboard(String contractId, LocalDate asOf) {
        throw new UnsupportedOperationException("dashboard");
    }

    @Override
    public org.lvyue.api.fact.FactPage latestFacts(String contractId, String kind, int limit, int offset) {
        throw new UnsupportedOperationException("latestFacts");
    }

    @Override
    public List<org.lvyue.api.fact.FactKindCount> factKinds(String contractId) {
        throw new UnsupportedOperationException("factKinds");
    }

    @Override
    public List<Fact> factsWithIds(String contractId, java.util.Collection<String> ids) {
        throw new UnsupportedOperationException("factsWithIds");
    }

    @Override
    public org.lvyue.api.service.ImportCheck checkFacts(String contractId, List<Map<String, Object>> facts, String user) {
        throw new UnsupportedOperationException("checkFacts");
    }

    @Override
    public org.lvyue.api.service.ImportCheck checkCsv(String contractId, String format, Reader csv, String user) {
        throw new UnsupportedOperationException("checkCsv");
    }

    @Override
    public java.util.Optional<org.lvyue.api.integrity.IntegrityReport> lastIntegrity(String contractId) {
        return java.util.Optional.empty();
    }

    @Override
    public long recordIssuedReport(String contractId, String reportId, String pdfSha256, String factsDigest) {
        return -1;
    }
}
