package org.lvyue.core.internal;

import java.time.LocalDate;
import java.util.List;

import org.lvyue.api.baseline.BaselineResult;
import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.finding.FindingQuery;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.FactQueries;
import org.lvyue.api.service.Findings;
import org.lvyue.api.service.NotFoundException;
import org.lvyue.api.store.ComplianceStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * What the rules found, as recorded ({@link Reevaluator} records it): the findings with their status today,
 * the rule set they stand on, an evaluation as of any day that records nothing, and the baseline checks
 * of the active domains.
 */
@Component(service = Findings.class)
public final class RecordedFindings implements Findings {
    private final ComplianceStore store;
    private final ComplianceEngine engine;
    private final Contracts contracts;
    private final FactQueries facts;
    private final Reevaluator reevaluator;
    private final BusinessClock days;

    @Activate
    public RecordedFindings(@Reference ComplianceStore store, @Reference ComplianceEngine engine,
                            @Reference Contracts contracts, @Reference FactQueries facts, @Reference Reevaluator reevaluator,
                            @Reference BusinessClock days) {
        this.store = store;
        this.engine = engine;
        this.contracts = contracts;
        this.facts = facts;
        this.reevaluator = reevaluator;
        this.days = days;
    }

    @Override
    public List<FindingRecord> findings(String contractId, FindingQuery query) {
        contracts.contract(contractId);
        return store.findings(contractId, query, days.today());
    }

    /** Read by key from the store rather than by filtering every finding, as the interface's default does. */
    @Override
    public FindingRecord finding(String contractId, String key) {
        contracts.contract(contractId);
        return store.finding(contractId, key, days.today())
                .orElseThrow(() -> new NotFoundException("合同 '" + contractId + "' 没有这条发现：" + key));
    }

    @Override
    public long findingsRuleSetVersion(String contractId) {
        contracts.contract(contractId);
        return reevaluator.recordedVersion(contractId);
    }

    @Override
    public void awaitCurrentFindings(String contractId) {
        contracts.contract(contractId);
        reevaluator.requireCurrent(contractId);
    }

    @Override
    public Evaluation evaluate(String contractId, LocalDate asOf) {
        contracts.contract(contractId);
        return engine.evaluate(contractId, asOf, days.evaluationClock(asOf));
    }

    @Override
    public List<BaselineResult> baselines(String contractId, String domain, BaselineResult.Result result) {
        return BaselineResults.compute(engine.catalogues(contracts.contract(contractId)), store.factCountsByKind(contractId),
                store.findings(contractId, new FindingQuery(domain, null, null, FindingStatus.OPEN, Integer.MAX_VALUE, 0),
                        days.today()),
                facts.collectorRuns(contractId), reevaluator.notCheckedBecause(contractId), domain, result);
    }
}
