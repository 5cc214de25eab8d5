package org.lvyue.core.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.lvyue.api.baseline.BaselineResult;
import org.lvyue.api.baseline.BaselineResult.Result;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.spi.DomainCatalogue;
import org.lvyue.api.spi.Obligation;

/**
 * The result of every baseline check from what the rules recorded: a check fails when it has open
 * findings, is not applicable when nothing of its evidence kind was collected, and passes otherwise.
 */
final class BaselineResults {
    private BaselineResults() {
    }

    static List<BaselineResult> compute(List<DomainCatalogue> catalogues, Map<String, Long> factsByKind,
                                        List<FindingRecord> openFindings, String domain, Result only) {
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
                long checked = factsByKind.getOrDefault(o.evidenceKind(), 0L);
                Result r = !failed.isEmpty() ? Result.FAIL : checked == 0 ? Result.NOT_APPLICABLE : Result.PASS;
                if (only != null && only != r) {
                    continue;
                }
                Map<String, String> parameters = new TreeMap<>(o.params());
                parameters.keySet().removeAll(List.of("rationale", "remediation", "references"));
                out.add(new BaselineResult(o.id(), o.domain(), o.title(), o.severity(), o.params().get("rationale"),
                        o.params().get("remediation"), o.params().get("references"), parameters, r, checked, failed.size(),
                        failed.stream().map(f -> f.finding().getKey() + " — " + f.finding().getTitle()).toList()));
            }
        }
        return out;
    }
}
