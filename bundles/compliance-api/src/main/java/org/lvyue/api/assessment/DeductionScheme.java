package org.lvyue.api.assessment;

import org.lvyue.api.contract.Term;
import org.lvyue.api.finding.Severity;

/**
 * The default quarterly scoring (interpretation {@code assessment.scheme=deduction-score}): 100 points
 * less, for each finding of the quarter, the points its severity costs in the contract's
 * {@code quarterlyAssessment} term. Shared by the rules that charge a failed quarter and by the
 * assessment report, so both always score alike.
 */
public final class DeductionScheme {
    public static final int FULL_MARKS = 100;

    private DeductionScheme() {
    }

    public static int deduction(Term scheme, Severity severity) {
        return switch (severity) {
            case CRITICAL -> scheme.integer("deductCritical");
            case HIGH -> scheme.integer("deductHigh");
            case MEDIUM -> scheme.integer("deductMedium");
            case LOW -> scheme.integer("deductLow");
            default -> 0;
        };
    }
}
