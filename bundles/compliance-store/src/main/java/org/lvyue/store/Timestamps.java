package org.lvyue.store;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The precision every supported database keeps: microseconds. H2 keeps nanoseconds in a
 * {@code TIMESTAMP(9)}, PostgreSQL at most microseconds; the store writes and chains only values
 * both give back unchanged, so the same records make the same evidence chain on either.
 */
final class Timestamps {
    private Timestamps() {
    }

    /** {@code clock} ticking in whole microseconds (truncating), for the instants the store sets itself. */
    static Clock micros(Clock clock) {
        return Clock.tick(clock, Duration.ofNanos(1000));
    }

    /** {@code value} rounded to microseconds, half up, as H2 rounds a {@code TIMESTAMP(6)}. */
    static LocalDateTime micros(LocalDateTime value) {
        if (value == null || value.getNano() % 1000 == 0) {
            return value;
        }
        LocalDateTime micros = value.truncatedTo(ChronoUnit.MICROS);
        return value.getNano() % 1000 >= 500 ? micros.plusNanos(1000) : micros;
    }
}
