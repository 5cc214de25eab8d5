package org.lvyue.api.engine;

import java.time.LocalDate;

/**
 * Inserted into every evaluation: the day the evaluation stands on. A period counts as over when it
 * ended before {@code asOf}; rules never read the wall clock, so an evaluation is reproducible.
 */
public record EvaluationContext(LocalDate asOf) {
    /** Whether the period ending on {@code end} is over on the evaluation day. */
    public boolean isOver(LocalDate end) {
        return end.isBefore(asOf);
    }
}
