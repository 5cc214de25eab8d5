package org.lvyue.api.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.lvyue.api.assessment.QuarterlyAssessment;
import org.lvyue.api.baseline.BaselineResult;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.LintItem;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.finding.FindingQuery;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.ledger.Ledger;
import org.lvyue.api.waiver.Waiver;

/**
 * What the product does for its users, independent of how they reach it (REST, shell, console):
 * contracts, fact intake with validation, and findings kept in step with the facts and the rules.
 */
public interface ComplianceService {

    List<Contract> contracts();

    /** @throws NotFoundException when there is no such contract */
    Contract contract(String id);

    /**
     * The rule-set version of the contract's last recorded evaluation (0 before the first): when it
     * equals the engine's, the recorded findings are current with the active rules.
     */
    long findingsRuleSetVersion(String contractId);

    /** The contract's definition document as stored (JSON). */
    String contractDefinition(String id);

    /**
     * Validates a batch of submitted facts (as parsed JSON objects) against the fact kinds of the
     * active domains, and stores all of them or none; then re-evaluates the contract and records
     * the findings. Returns only once the facts are on disk.
     *
     * @throws InvalidInputException with every problem of every fact when any fact is invalid
     * @throws NotFoundException when there is no such contract
     * @throws org.lvyue.api.store.ConflictingFactException when an id is reused with other content
     */
    IngestResult ingest(String contractId, List<Map<String, Object>> facts, String user);

    /**
     * Imports a sheet engineers keep (CSV, UTF-8, header row): {@code inspection} (巡检记录单),
     * {@code support} (技术支持工单) or {@code attendance} (考勤表). All rows or none, like a batch; every
     * problem is reported with its CSV line number as the index.
     */
    IngestResult ingestCsv(String contractId, String format, java.io.Reader csv, String user);

    /** The contract's findings as recorded, filtered. */
    List<FindingRecord> findings(String contractId, FindingQuery query);

    /** Evaluates the contract now, as of a day, without recording anything. */
    Evaluation evaluate(String contractId, LocalDate asOf);

    /** The day the product stands on (today in Beijing, unless configured otherwise). */
    LocalDate today();

    /**
     * Validates and stores a contract definition (JSON), then loads it: a new id is added; an
     * existing id is replaced only by a higher version, and its facts are held against the new terms.
     *
     * @throws InvalidInputException with every problem of the definition
     * @throws org.lvyue.api.store.StoreException never for bad input
     * @throws ConflictException when the version is not higher than the stored one
     */
    Contract defineContract(String definitionJson, String user);

    /** The contradictions and gaps of the contract definition itself. */
    List<LintItem> lint(String contractId);

    /** Every amount owed either way on {@code asOf}, with the waivers in force. */
    Ledger ledger(String contractId, LocalDate asOf);

    /**
     * The findings and the ledger with extra or changed facts (validated like a batch, never stored).
     *
     * @throws InvalidInputException when a fact is invalid
     */
    WhatIf whatIf(String contractId, List<Map<String, Object>> facts, LocalDate asOf, String user);

    /**
     * Waives a finding or a ledger amount that exists now.
     *
     * @throws InvalidInputException when the justification is blank, the expiry is past or the key unknown
     * @throws ConflictException when a waiver for the same key is already in force
     */
    Waiver waive(String contractId, Waiver.Target target, String key, String justification, LocalDate expiresOn,
                 String user);

    /** @throws NotFoundException when the contract has no such waiver */
    Waiver withdrawWaiver(String contractId, long waiverId, String reason, String user);

    List<Waiver> waivers(String contractId);

    /**
     * The stored facts of one kind dated from {@code from} to {@code to} (inclusive), in date order.
     *
     * @throws NotFoundException when the contract does not exist
     */
    List<org.lvyue.api.fact.Fact> facts(String contractId, String kind, LocalDate from, LocalDate to);

    /**
     * The fingerprint of the contract's facts dated on or before {@code asOf}.
     *
     * @throws NotFoundException when the contract does not exist
     */
    FactsDigest factsDigest(String contractId, LocalDate asOf);

    /** Every stored fact of one kind, whatever its date, in date order. */
    default List<org.lvyue.api.fact.Fact> facts(String contractId, String kind) {
        return facts(contractId, kind, LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31));
    }

    /** The latest run of each collector target of the contract (see {@link org.lvyue.api.baseline.CollectorRun}). */
    default List<org.lvyue.api.baseline.CollectorRun> collectorRuns(String contractId) {
        return org.lvyue.api.baseline.CollectorRun.latestPerTarget(facts(contractId, org.lvyue.api.baseline.CollectorRun.KIND)
                .stream().map(org.lvyue.api.baseline.CollectorRun::of).toList());
    }

    /**
     * Every baseline check of the active domains with its result now, optionally of one domain or
     * one result.
     */
    List<BaselineResult> baselines(String contractId, String domain, BaselineResult.Result result);

    /**
     * The quarterly assessment of {@code quarter} ({@code 2022-Q3}) as of today.
     *
     * @throws InvalidInputException when the quarter is malformed or outside the service period
     */
    QuarterlyAssessment assessment(String contractId, String quarter);

    /**
     * What fell due, was met, missed and waived in {@code month} ({@code 2022-07}) as of today.
     *
     * @throws InvalidInputException when the month is malformed or outside the service period
     */
    org.lvyue.api.assessment.MonthlyAttainment monthlyAttainment(String contractId, String month);

    /**
     * Where the contract stands on {@code asOf}: attainment by domain and by month over the service
     * period up to that day, open findings by severity, the ledger's totals, the support SLA and the
     * deadlines of the following seven days.
     *
     * @throws NotFoundException when there is no such contract
     */
    default org.lvyue.api.dashboard.Dashboard dashboard(String contractId, LocalDate asOf) {
        throw new UnsupportedOperationException("dashboard");
    }

    /**
     * One recorded finding by its key, with its status today.
     *
     * @throws NotFoundException when the contract or the finding does not exist
     */
    default FindingRecord finding(String contractId, String key) {
        return findings(contractId, FindingQuery.all()).stream().filter(r -> r.finding().getKey().equals(key)).findFirst()
                .orElseThrow(() -> new NotFoundException("合同 '" + contractId + "' 没有这条发现：" + key));
    }

    /**
     * The contract's own words for a clause id as findings and obligations cite it ({@code 一般条款 七.1},
     * {@code 附件三 1.1.1(一) 5)}; several ids joined by {@code ;}), or empty when the contract's text is
     * not on record for it.
     */
    default java.util.Optional<String> clauseText(String contractId, String clause) {
        return java.util.Optional.empty();
    }

    /**
     * A page of the contract's stored facts, newest first (date, then id).
     *
     * @param kind only this kind, or null for all
     * @throws NotFoundException when there is no such contract
     */
    default org.lvyue.api.fact.FactPage latestFacts(String contractId, String kind, int limit, int offset) {
        throw new UnsupportedOperationException("latestFacts");
    }

    /** How many facts of each kind the contract holds, with the kind's domain. */
    default List<org.lvyue.api.fact.FactKindCount> factKinds(String contractId) {
        throw new UnsupportedOperationException("factKinds");
    }

    /** The stored facts with these ids (any order); unknown ids are left out. */
    default List<org.lvyue.api.fact.Fact> factsWithIds(String contractId, java.util.Collection<String> ids) {
        throw new UnsupportedOperationException("factsWithIds");
    }

    /**
     * Checks a batch like {@link #ingest} would, and stores nothing: every problem of every fact, and the
     * ids already stored (with the same content: duplicates; with another: a problem of that fact).
     *
     * @throws NotFoundException when there is no such contract
     */
    default ImportCheck checkFacts(String contractId, List<Map<String, Object>> facts, String user) {
        throw new UnsupportedOperationException("checkFacts");
    }

    /**
     * Checks a sheet like {@link #ingestCsv} would, and stores nothing; problems carry their CSV line.
     *
     * @throws InvalidInputException when the format is unknown
     */
    default ImportCheck checkCsv(String contractId, String format, java.io.Reader csv, String user) {
        throw new UnsupportedOperationException("checkCsv");
    }

    /**
     * Verifies the contract's evidence chain now: every entry and every row it covers (see
     * {@link org.lvyue.api.integrity.EvidenceChain}).
     *
     * @throws NotFoundException when there is no such contract
     */
    default org.lvyue.api.integrity.IntegrityReport verifyIntegrity(String contractId) {
        throw new UnsupportedOperationException("verifyIntegrity");
    }

    /** The last verification of the contract's evidence chain, at start or on demand, if one ran. */
    default java.util.Optional<org.lvyue.api.integrity.IntegrityReport> lastIntegrity(String contractId) {
        return java.util.Optional.empty();
    }

    /**
     * Records an issued report's digests in the contract's evidence chain (once per distinct document).
     *
     * @return the chain position of its entry, or -1 where no chain is kept
     */
    default long recordIssuedReport(String contractId, String reportId, String pdfSha256, String factsDigest) {
        return -1;
    }
}
