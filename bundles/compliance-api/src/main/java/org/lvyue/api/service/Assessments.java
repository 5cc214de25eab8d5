package org.lvyue.api.service;

import org.lvyue.api.assessment.MonthlyAttainment;
import org.lvyue.api.assessment.QuarterlyAssessment;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The contract's periodic measures: what fell due and was met in a month, and the quarterly assessment.
 */
@ProviderType
public interface Assessments {

    /**
     * What fell due, was met, missed and waived in {@code month} ({@code 2022-07}) as of today.
     *
     * @throws InvalidInputException when the month is malformed or outside the service period
     */
    MonthlyAttainment monthlyAttainment(String contractId, String month);

    /**
     * The quarterly assessment of {@code quarter} ({@code 2022-Q3}) as of today.
     *
     * @throws InvalidInputException when the quarter is malformed or outside the service period
     */
    QuarterlyAssessment assessment(String contractId, String quarter);
}
