package org.lvyue.core.internal;

import java.io.Reader;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.lvyue.api.assessment.MonthlyAttainment;
import org.lvyue.api.assessment.QuarterlyAssessment;
import org.lvyue.api.baseline.BaselineResult;
import org.lvyue.api.baseline.CollectorRun;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.LintItem;
import org.lvyue.api.dashboard.Dashboard;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.fact.FactKindCount;
import org.lvyue.api.fact.FactPage;
import org.lvyue.api.finding.FindingQuery;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.integrity.IntegrityReport;
import org.lvyue.api.ledger.Ledger;
import org.lvyue.api.service.Accounts;
import org.lvyue.api.service.Assessments;
import org.lvyue.api.service.ComplianceService;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.Dashboards;
import org.lvyue.api.service.EvidenceIntegrity;
import org.lvyue.api.service.FactIntake;
import org.lvyue.api.service.FactQueries;
import org.lvyue.api.service.FactsDigest;
import org.lvyue.api.service.Findings;
import org.lvyue.api.service.ImportCheck;
import org.lvyue.api.service.IngestResult;
import org.lvyue.api.service.WhatIf;
import org.lvyue.api.waiver.Waiver;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * TRANSITIONAL: the deprecated {@link ComplianceService} aggregate, for the consumers (REST, shell, reports,
 * PKI, demo) that still ask for it; every call is handed to the room that serves it, nothing else happens
 * here. Removed when the consumers depend on the use-case interfaces.
 */
@SuppressWarnings("deprecation")
@Component(service = ComplianceService.class)
public final class TransitionalComplianceService implements ComplianceService {
    private final Contracts contracts;
    private final FactIntake intake;
    private final FactQueries facts;
    private final Findings findings;
    private final Assessments assessments;
    private final Accounts accounts;
    private final Dashboards dashboards;
    private final EvidenceIntegrity integrity;

    @Activate
    public TransitionalComplianceService(@Reference Contracts contracts, @Reference FactIntake intake,
                                         @Reference FactQueries facts, @Reference Findings findings,
                                         @Reference Assessments assessments, @Reference Accounts accounts,
                                         @Reference Dashboards dashboards, @Reference EvidenceIntegrity integrity) {
        this.contracts = contracts;
        this.intake = intake;
        this.facts = facts;
        this.findings = findings;
        this.assessments = assessments;
        this.accounts = accounts;
        this.dashboards = dashboards;
        this.integrity = integrity;
    }

    // Contracts

    @Override
    public List<Contract> contracts() {
        return contracts.contracts();
    }

    @Override
    public Contract contract(String id) {
        return contracts.contract(id);
    }

    @Override
    public String contractDefinition(String id) {
        return contracts.contractDefinition(id);
    }

    @Override
    public Contract defineContract(String definitionJson, String user) {
        return contracts.defineContract(definitionJson, user);
    }

    @Override
    public List<LintItem> lint(String contractId) {
        return contracts.lint(contractId);
    }

    @Override
    public Optional<String> clauseText(String contractId, String clause) {
        return contracts.clauseText(contractId, clause);
    }

    @Override
    public LocalDate today() {
        return contracts.today();
    }

    // FactIntake

    @Override
    public IngestResult ingest(String contractId, List<Map<String, Object>> raw, String user) {
        return intake.ingest(contractId, raw, user);
    }

    @Override
    public IngestResult ingestCsv(String contractId, String format, Reader csv, String user) {
        return intake.ingestCsv(contractId, format, csv, user);
    }

    @Override
    public ImportCheck checkFacts(String contractId, List<Map<String, Object>> raw, String user) {
        return intake.checkFacts(contractId, raw, user);
    }

    @Override
    public ImportCheck checkCsv(String contractId, String format, Reader csv, String user) {
        return intake.checkCsv(contractId, format, csv, user);
    }

    // FactQueries (its default methods too, so that the room answers them as it chooses)

    @Override
    public List<Fact> facts(String contractId, String kind, LocalDate from, LocalDate to) {
        return facts.facts(contractId, kind, from, to);
    }

    @Override
    public List<Fact> facts(String contractId, String kind) {
        return facts.facts(contractId, kind);
    }

    @Override
    public FactPage latestFacts(String contractId, String kind, int limit, int offset) {
        return facts.latestFacts(contractId, kind, limit, offset);
    }

    @Override
    public List<FactKindCount> factKinds(String contractId) {
        return facts.factKinds(contractId);
    }

    @Override
    public List<Fact> factsWithIds(String contractId, Collection<String> ids) {
        return facts.factsWithIds(contractId, ids);
    }

    @Override
    public FactsDigest factsDigest(String contractId, LocalDate asOf) {
        return facts.factsDigest(contractId, asOf);
    }

    @Override
    public List<CollectorRun> collectorRuns(String contractId) {
        return facts.collectorRuns(contractId);
    }

    // Findings

    @Override
    public List<FindingRecord> findings(String contractId, FindingQuery query) {
        return findings.findings(contractId, query);
    }

    @Override
    public FindingRecord finding(String contractId, String key) {
        return findings.finding(contractId, key);
    }

    @Override
    public long findingsRuleSetVersion(String contractId) {
        return findings.findingsRuleSetVersion(contractId);
    }

    @Override
    public Evaluation evaluate(String contractId, LocalDate asOf) {
        return findings.evaluate(contractId, asOf);
    }

    @Override
    public List<BaselineResult> baselines(String contractId, String domain, BaselineResult.Result result) {
        return findings.baselines(contractId, domain, result);
    }

    // Assessments

    @Override
    public MonthlyAttainment monthlyAttainment(String contractId, String month) {
        return assessments.monthlyAttainment(contractId, month);
    }

    @Override
    public QuarterlyAssessment assessment(String contractId, String quarter) {
        return assessments.assessment(contractId, quarter);
    }

    // Accounts

    @Override
    public Ledger ledger(String contractId, LocalDate asOf) {
        return accounts.ledger(contractId, asOf);
    }

    @Override
    public WhatIf whatIf(String contractId, List<Map<String, Object>> raw, LocalDate asOf, String user) {
        return accounts.whatIf(contractId, raw, asOf, user);
    }

    @Override
    public Waiver waive(String contractId, Waiver.Target target, String key, String justification, LocalDate expiresOn,
                        String user) {
        return accounts.waive(contractId, target, key, justification, expiresOn, user);
    }

    @Override
    public Waiver withdrawWaiver(String contractId, long waiverId, String reason, String user) {
        return accounts.withdrawWaiver(contractId, waiverId, reason, user);
    }

    @Override
    public List<Waiver> waivers(String contractId) {
        return accounts.waivers(contractId);
    }

    // Dashboards

    @Override
    public Dashboard dashboard(String contractId, LocalDate asOf) {
        return dashboards.dashboard(contractId, asOf);
    }

    // EvidenceIntegrity

    @Override
    public IntegrityReport verifyIntegrity(String contractId) {
        return integrity.verifyIntegrity(contractId);
    }

    @Override
    public Optional<IntegrityReport> lastIntegrity(String contractId) {
        return integrity.lastIntegrity(contractId);
    }

    @Override
    public long recordIssuedReport(String contractId, String reportId, String pdfSha256, String factsDigest) {
        return integrity.recordIssuedReport(contractId, reportId, pdfSha256, factsDigest);
    }
}
