package org.lvyue.core.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.lvyue.api.engine.EvaluationClock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The day the product stands on and the clocks derived from it: today in the configured zone (Beijing),
 * or the day {@code etc/org.lvyue.core.cfg} fixes; the support clock of an evaluation; the latest time a
 * submitted record may carry. Rooms read time only through it, so a fixed day fixes all of them.
 */
@Component(service = BusinessClock.class, configurationPid = "org.lvyue.core")
public final class BusinessClock {
    private final Clock clock;
    /** The configured day, or null for today. */
    private final LocalDate fixedToday;

    @Activate
    public BusinessClock(CoreConfig config) {
        this(Clock.system(ZoneId.of(config.zone())), config.today().isBlank() ? null : LocalDate.parse(config.today()));
    }

    BusinessClock(Clock clock, LocalDate fixedToday) {
        this.clock = clock;
        this.fixedToday = fixedToday;
    }

    /** The clock of the zone: the time of day (and today, unless the day is fixed). */
    Clock clock() {
        return clock;
    }

    /** Whether the day is fixed by configuration: then the support clock stands still at its end. */
    boolean fixedDay() {
        return fixedToday != null;
    }

    /** The day the product stands on (today in the zone, unless configured otherwise). */
    LocalDate today() {
        return fixedToday != null ? fixedToday : LocalDate.now(clock);
    }

    /**
     * The support clock of an evaluation as of {@code asOf}: as of today, the current time in the zone;
     * as of a fixed or another day, the end of that day.
     */
    EvaluationClock evaluationClock(LocalDate asOf) {
        return fixedToday != null ? new EvaluationClock(asOf.plusDays(1).atStartOfDay()) : EvaluationClock.of(asOf, clock);
    }

    /**
     * The latest time a submitted record may carry: now, with five minutes for a collector's clock
     * running ahead; on a fixed day, the end of it.
     */
    LocalDateTime latest() {
        return fixedToday != null ? FactValidator.endOf(fixedToday) : LocalDateTime.now(clock).plusMinutes(5);
    }
}
