package org.lvyue.testing;

import org.lvyue.api.assessment.MonthlyAttainment;
import org.lvyue.api.assessment.QuarterlyAssessment;
import org.lvyue.api.service.Assessments;

/** The month and the quarter a test sets up, whatever month or quarter is asked; counts the months asked for. */
public class FakeAssessments implements Assessments {
    public QuarterlyAssessment quarter;
    public MonthlyAttainment month;
    public int monthlyCalls;

    @Override
    public MonthlyAttainment monthlyAttainment(String contractId, String month) {
        monthlyCalls++;
        return setUp(this.month);
    }

    @Override
    public QuarterlyAssessment assessment(String contractId, String quarter) {
        return setUp(this.quarter);
    }

    private static <T> T setUp(T value) {
        if (value == null) {
            throw new IllegalStateException("the test did not set this up");
        }
        return value;
    }
}
