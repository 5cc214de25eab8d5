package org.lvyue.core.internal;

import java.time.LocalDate;
import java.util.List;

import org.lvyue.api.assessment.MonthlyAttainment;
import org.lvyue.api.assessment.QuarterlyAssessment;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.finding.FindingQuery;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.service.Assessments;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.store.ComplianceStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The contract's periodic measures as of today, computed by {@link QuarterlyAssessor} from the recorded
 * findings and the facts of the period: what fell due and was met in a month, and a quarter's assessment.
 */
@Component(service = Assessments.class)
public final class PeriodAssessments implements Assessments {
    private final ComplianceStore store;
    private final ComplianceEngine engine;
    private final Contracts contracts;

    @Activate
    public PeriodAssessments(@Reference ComplianceStore store, @Reference ComplianceEngine engine,
                             @Reference Contracts contracts) {
        this.store = store;
        this.engine = engine;
        this.contracts = contracts;
    }

    @Override
    public QuarterlyAssessment assessment(String contractId, String quarter) {
        Contract c = contracts.contract(contractId);
        LocalDate[] range = within(c, QuarterlyAssessor.range(c, quarter), "quarter", "季度", quarter, "yyyy-Qn（如 2022-Q3）");
        LocalDate today = contracts.today();
        return QuarterlyAssessor.assess(c, quarter, range[0], range[1], today, engine.catalogues(c), findingsIn(contractId, range, today),
                (kind, from, to) -> store.facts(contractId, kind, from, to), engine.ruleSetVersion());
    }

    @Override
    public MonthlyAttainment monthlyAttainment(String contractId, String month) {
        Contract c = contracts.contract(contractId);
        LocalDate[] range = within(c, QuarterlyAssessor.monthRange(c, month), "month", "月份", month, "yyyy-MM（如 2022-07）");
        LocalDate today = contracts.today();
        return QuarterlyAssessor.month(c, month, range[0], range[1], today, engine.catalogues(c), findingsIn(contractId, range, today),
                (kind, from, to) -> store.facts(contractId, kind, from, to), engine.ruleSetVersion());
    }

    /** The period's days, or a 400 naming the field when it was malformed or outside the service period (null range). */
    private static LocalDate[] within(Contract c, LocalDate[] range, String field, String what, String value, String format) {
        if (range == null) {
            throw new InvalidInputException(what + "有误：" + value, List.of(new FactProblem(-1, field,
                    "应为 " + format + "，且在服务期 " + c.periodStart() + " 至 " + c.periodEnd() + " 之内")));
        }
        return range;
    }

    private List<FindingRecord> findingsIn(String contractId, LocalDate[] range, LocalDate asOf) {
        return store.findings(contractId, new FindingQuery(null, range[0], range[1], null, Integer.MAX_VALUE, 0), asOf);
    }
}
