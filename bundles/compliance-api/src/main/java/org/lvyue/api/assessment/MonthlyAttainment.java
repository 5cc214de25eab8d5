package org.lvyue.api.assessment;

import java.time.LocalDate;
import java.util.List;

/**
 * One month of the service measured like a quarter: per domain the obligation-periods due, met,
 * missed and waived, and the support-response attainment; what the monthly reports show.
 *
 * @param contractId     the contract
 * @param month          {@code 2022-07}
 * @param from           first day (clipped to the service period)
 * @param to             last day
 * @param asOf           the day it was computed; periods not over by then are not counted as due
 * @param domains        one line per domain
 * @param support        response-time attainment of the support service
 * @param ruleSetVersion the rule set the findings come from
 */
public record MonthlyAttainment(String contractId, String month, LocalDate from, LocalDate to, LocalDate asOf,
                                List<QuarterlyAssessment.DomainLine> domains, QuarterlyAssessment.SupportLine support,
                                long ruleSetVersion) {
    public MonthlyAttainment {
        domains = List.copyOf(domains);
    }
}
