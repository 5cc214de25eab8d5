package org.lvyue.api.service;

import java.time.LocalDate;
import java.util.List;

import org.lvyue.api.baseline.BaselineResult;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.finding.FindingQuery;
import org.lvyue.api.finding.FindingRecord;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the rules found: the recorded findings and the rule set they stand on, one finding, an evaluation as of a
 * day that records nothing, and the baseline checks.
 */
@ProviderType
public interface Findings {

    /** The contract's findings as recorded, filtered. */
    List<FindingRecord> findings(String contractId, FindingQuery query);

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
     * The rule-set version of the contract's last recorded evaluation (0 before the first): when it
     * equals the engine's, the recorded findings are current with the active rules.
     */
    long findingsRuleSetVersion(String contractId);

    /**
     * Returns once the contract's recorded findings stand on the final, current rule set: at once when they
     * do, otherwise after waiting, up to a bound the product configures, for their re-evaluation (after a
     * start or a change of the domain bundles).
     *
     * @throws BusyException {@link BusyException.Reason#NOT_READY} when they do not within the bound
     * @throws NotFoundException when the contract does not exist
     */
    void awaitCurrentFindings(String contractId);

    /** Evaluates the contract now, as of a day, without recording anything. */
    Evaluation evaluate(String contractId, LocalDate asOf);

    /**
     * Every baseline check of the active domains with its result now, optionally of one domain or
     * one result.
     */
    List<BaselineResult> baselines(String contractId, String domain, BaselineResult.Result result);
}
