package org.lvyue.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A clock a test sets and moves, so that what depends on the time of day (a support request's warning point, a
 * digest's hour, a deadline's day) is driven by the test instead of waited for. Thread-safe: the product's threads
 * read it while the test moves it.
 */
public final class SettableClock extends Clock {
    private final ZoneId zone;
    private volatile Instant now;

    public SettableClock(Instant now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** The clock at a local date-time of its zone ({@code 2023-09-27T10:00}). */
    public static SettableClock at(String localDateTime, ZoneId zone) {
        return new SettableClock(java.time.LocalDateTime.parse(localDateTime).atZone(zone).toInstant(), zone);
    }

    public void set(Instant instant) {
        now = instant;
    }

    /** Sets it to a local date-time of its zone. */
    public void set(String localDateTime) {
        now = java.time.LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same time seen in another zone, moving with this one. */
    @Override
    public Clock withZone(ZoneId other) {
        SettableClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return other;
            }

            @Override
            public Clock withZone(ZoneId z) {
                return self.withZone(z);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return now;
    }
}
