package org.lvyue.core.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.lvyue.api.baseline.BaselineResult;
import org.lvyue.api.baseline.BaselineResult.Result;
import org.lvyue.api.baseline.CollectorRun;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.spi.DomainCatalogue;
import org.lvyue.api.spi.Obligation;

/**
 * The result of every baseline check from what the rules recorded and what the collectors reported.
 * In order of precedence:
 * <ol>
 *   <li>NOT_CHECKED when the recorded findings may not reflect the facts and rules now (the latest
 *       evaluation failed, or one under a new rule set has not finished);</li>
 *   <li>FAIL when the check has open findings;</li>
 *   <li>ERROR when the latest run of a collector feeding the check's evidence failed: a failure to
 *       collect is never a pass;</li>
 *   <li>NOT_APPLICABLE when nothing of the check's evidence kind was collected;</li>
 *   <li>PASS otherwise.</li>
 * </ol>
 */
final class BaselineResults {
    private BaselineResults() {
    }

    static List<BaselineResult> compute(List<DomainCatalogue> catalogues, Map<String, Long> factsByKind,
                                        List<FindingRecord> openFindings, List<CollectorRun> latestRuns,
                                        String notCheckedBecause, String domain, Result only) {
        Map<String, List<FindingRecord>> failing = new HashMap<>();
        for (FindingRecord r : openFindings) {
            if (r.finding().getObligationId() != null) {
                failing.computeIfAbsent(r.finding().getObligationId(), k -> new ArrayList<>()).add(r);
            }
        }
        List<BaselineResult> out = new ArrayList<>();
        for (DomainCatalogue catalogue : catalogues) {
            if (domain != null && !domain.equals(catalogue.domain())) {
                continue;
            }
            for (Obligation o : catalogue.obligations()) {
                if (o.category() != Obligation.Category.BASELINE) {
                    continue;
                }
                List<FindingRecord> failed = failing.getOrDefault(o.id(), List.of());
                List<CollectorRun> errors = latestRuns.stream()
                        .filter(r -> !r.ok() && r.feeds().contains(o.evidenceKind())).toList();
                long checked = factsByKind.getOrDefault(o.evidenceKind(), 0L);
                Result r = notCheckedBecause != null ? Result.NOT_CHECKED
                        : !failed.isEmpty() ? Result.FAIL
                        : !errors.isEmpty() ? Result.ERROR
                        : checked == 0 ? Result.NOT_APPLICABLE : Result.PASS;
                if (only != null && only != r) {
                    continue;
                }
                List<String> evidence = new ArrayList<>();
                if (notCheckedBecause != null) {
                    evidence.add(notCheckedBecause);
                }
                errors.forEach(e -> evidence.add("采集失败 " + e.collector() + " " + e.target() + "（" + e.at() + "）：" + e.message()));
                failed.forEach(f -> evidence.add(f.finding().getKey() + " — " + f.finding().getTitle()));
                Map<String, String> parameters = new TreeMap<>(o.params());
                parameters.keySet().removeAll(List.of("rationale", "remediation", "references"));
                out.add(new BaselineResult(o.id(), o.domain(), o.title(), o.severity(), o.params().get("rationale"),
                        o.params().get("remediation"), o.params().get("references"), parameters, r, checked, failed.size(),
                        evidence));
            }
        }
        return out;
    }
}
