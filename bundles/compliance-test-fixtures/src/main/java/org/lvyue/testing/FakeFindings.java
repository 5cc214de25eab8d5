package org.lvyue.testing;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.lvyue.api.baseline.BaselineResult;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.finding.FindingQuery;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.ledger.LedgerEntry;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.Findings;

/**
 * The recorded findings of a test's contracts, filtered as the store filters them, and an evaluation that
 * answers with them. An evaluation records the day it was asked for.
 */
public class FakeFindings implements Findings {
    private final Contracts contracts;
    public final List<FindingRecord> records = new ArrayList<>();
    /** The rule set the recorded findings stand on, and the one an evaluation reports. */
    public long ruleSetVersion = 7;
    /** The domains an evaluation stands on (its summary lists each, with or without findings). */
    public final List<DomainStatus> domains = new ArrayList<>();
    /** The amounts an evaluation derives. */
    public final List<LedgerEntry> ledger = new ArrayList<>();
    public int factCount = 12;
    public Duration took = Duration.ofMillis(37);
    /** The day of the last evaluation asked for, null before one. */
    public LocalDate evaluatedOn;

    public FakeFindings(Contracts contracts) {
        this.contracts = contracts;
    }

    /** Adds a recorded finding; returns this fake for chaining. */
    public FakeFindings record(FindingRecord record) {
        records.add(record);
        return this;
    }

    /** Domain, status, severity and clause equal, the finding's period overlapping {@code [from, to]}, then offset and limit. */
    @Override
    public List<FindingRecord> findings(String contractId, FindingQuery q) {
        contracts.contract(contractId);
        return records.stream()
                .filter(r -> r.finding().getContractId() == null || r.finding().getContractId().equals(contractId))
                .filter(r -> q.domain() == null || q.domain().equals(r.finding().getDomain()))
                .filter(r -> q.status() == null || q.status() == r.status())
                .filter(r -> q.severity() == null || q.severity() == r.finding().getSeverity())
                .filter(r -> q.clause() == null || q.clause().equals(r.finding().getClause()))
                .filter(r -> q.from() == null || !r.finding().getPeriodEnd().isBefore(q.from()))
                .filter(r -> q.to() == null || !r.finding().getPeriodStart().isAfter(q.to()))
                .skip(q.offset()).limit(q.limit()).toList();
    }

    @Override
    public long findingsRuleSetVersion(String contractId) {
        return ruleSetVersion;
    }

    /** What waiting for current findings ends with: nothing (they are current), or this exception. */
    public RuntimeException notCurrent;
    /** How many times a caller waited for current findings. */
    public int awaited;

    @Override
    public void awaitCurrentFindings(String contractId) {
        contracts.contract(contractId);
        awaited++;
        if (notCurrent != null) {
            throw notCurrent;
        }
    }

    @Override
    public Evaluation evaluate(String contractId, LocalDate asOf) {
        contracts.contract(contractId);
        evaluatedOn = asOf;
        return new Evaluation(contractId, asOf, ruleSetVersion, domains, factCount,
                records.stream().map(FindingRecord::finding).toList(), ledger, took);
    }

    @Override
    public List<BaselineResult> baselines(String contractId, String domain, BaselineResult.Result result) {
        throw Unused.because("baselines", "no consumer test reads baseline checks");
    }
}
