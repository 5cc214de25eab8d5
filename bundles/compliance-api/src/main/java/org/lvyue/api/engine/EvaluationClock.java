package org.lvyue.api.engine;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The moment of an evaluation, for rules that count hours (support response times). Kept apart from
 * {@link EvaluationContext}, which changes once a day, so that the minute-by-minute clock re-fires
 * only the rules that join it. Evaluating as of today uses the current time; as of another day, the
 * end of that day. "Today" is read in the zone of the contract's calendar ({@link #ZONE}), not in the
 * zone the server happens to run in.
 */
public record EvaluationClock(LocalDateTime now) {
    /** Beijing time: the zone of the mainland-China working-day calendar the contracts follow. */
    public static final String ZONE = "Asia/Shanghai";

    /** The moment of an evaluation as of {@code asOf}, in {@link #ZONE}. */
    public static EvaluationClock of(LocalDate asOf) {
        return of(asOf, java.time.Clock.system(java.time.ZoneId.of(ZONE)));
    }

    /**
     * The current time of {@code clock} to the minute when {@code asOf} is its today, else the end of
     * {@code asOf}. To the minute because the contract counts response times in minutes, and so that
     * evaluations within one minute with nothing new are one evaluation.
     */
    public static EvaluationClock of(LocalDate asOf, java.time.Clock clock) {
        return new EvaluationClock(asOf.equals(LocalDate.now(clock))
                ? LocalDateTime.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MINUTES) : asOf.plusDays(1).atStartOfDay());
    }
}
