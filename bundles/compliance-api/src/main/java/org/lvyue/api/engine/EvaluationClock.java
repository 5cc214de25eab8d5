package org.lvyue.api.engine;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The moment of an evaluation, for rules that count hours (support response times). Kept apart from
 * {@link EvaluationContext}, which changes once a day, so that the minute-by-minute clock re-fires
 * only the rules that join it. Evaluating as of today uses the current time; as of another day, the
 * end of that day.
 */
public record EvaluationClock(LocalDateTime now) {
    public static EvaluationClock of(LocalDate asOf) {
        LocalDate today = LocalDate.now();
        return new EvaluationClock(asOf.equals(today) ? LocalDateTime.now() : asOf.plusDays(1).atStartOfDay());
    }
}
