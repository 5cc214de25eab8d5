package org.lvyue.rules.terms;

import org.lvyue.api.contract.Term;
import org.lvyue.api.finding.Severity;

/** The default quarterly assessment scheme (interpretation {@code assessment.scheme=deduction-score}). */
public final class Scores {
    private Scores() {
    }

    /** Points a finding of this severity takes off the quarter's 100, from the contract's quarterlyAssessment term. */
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
