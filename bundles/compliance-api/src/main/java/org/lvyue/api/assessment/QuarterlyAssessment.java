package org.lvyue.api.assessment;

import java.time.LocalDate;
import java.util.List;

import org.lvyue.api.contract.Interpretation;

/**
 * 季度运维服务质量考核 for one quarter: per domain the obligations due, met, missed and waived, the
 * support-response attainment, and the result under the contract's assessment scheme (an
 * interpretation: the contract names the assessment but gives no scheme).
 *
 * @param contractId    the contract
 * @param quarter       {@code 2022-Q3}
 * @param from          first day (clipped to the service period)
 * @param to            last day
 * @param asOf          the day it was computed; periods not over by then are not counted as due
 * @param scheme        the interpretation {@code assessment.scheme} in force
 * @param result        PASS, FAIL, or PENDING (evaluator-verdict scheme without a verdict yet)
 * @param score         the score under {@code deduction-score}, or null
 * @param passMark      the pass mark under {@code deduction-score}, or null
 * @param verdictFactId the evaluator's verdict fact under {@code evaluator-verdict}, or null
 * @param domains       one line per domain
 * @param support       response-time attainment of the support service
 * @param ruleSetVersion the rule set the findings come from
 */
public record QuarterlyAssessment(String contractId, String quarter, LocalDate from, LocalDate to, LocalDate asOf,
                                  Interpretation scheme, Result result, Integer score, Integer passMark,
                                  String verdictFactId, List<DomainLine> domains, SupportLine support,
                                  long ruleSetVersion) {
    public enum Result {
        PASS("合格"), FAIL("不合格"), PENDING("待评估方结论");

        private final String label;

        Result(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * @param due      obligation-periods that fell due in the quarter (a daily check on 60 working days counts 60)
     * @param met      due and not missed
     * @param missed   missed and not waived
     * @param waived   missed but waived
     * @param findings open findings of the domain in the quarter, by key
     */
    public record DomainLine(String domain, String title, int obligations, int due, int met, int missed, int waived,
                             List<String> findings) {
    }

    /**
     * @param requests    support requests received in the quarter
     * @param phoneLate   requests not called back in time
     * @param onsiteLate  requests not attended on site in time
     * @param attainment  share of requests that met every target, in percent (100 when there were none)
     */
    public record SupportLine(int requests, int phoneLate, int onsiteLate, double attainment) {
    }
}
