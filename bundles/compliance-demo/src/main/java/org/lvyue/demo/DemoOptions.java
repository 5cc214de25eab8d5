package org.lvyue.demo;

import java.time.LocalDate;

/**
 * What to generate: the seed every choice follows, the scale of the bulky volumes (support requests,
 * user certificates, audit events; 1.0 is the contract's own size) and the days covered.
 *
 * <p>The scale never removes an injected violation: those are added on top of the scaled volumes.
 * Register facts (keys generated, people and devices taken on) may date before {@code from}, as the
 * state the year starts with; nothing dates after {@code to}.
 *
 * @param seed  every random choice follows from it: the same seed gives the same bytes
 * @param scale multiplies support requests, user certificates, revoked entries and audit events (&gt; 0)
 * @param from  first day of activity (not before 2021-01-01: intake refuses facts a year before the period)
 * @param to    last day of activity; the product's today must be on or after it when the facts are posted
 */
public record DemoOptions(long seed, double scale, LocalDate from, LocalDate to) {
    public static final LocalDate EARLIEST = LocalDate.of(2021, 1, 1);

    public DemoOptions {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be a positive number, got " + scale);
        }
        if (from == null || to == null || to.isBefore(from)) {
            throw new IllegalArgumentException("need from <= to, got " + from + " .. " + to);
        }
        if (from.isBefore(EARLIEST)) {
            throw new IllegalArgumentException("from must not be before " + EARLIEST + ", got " + from);
        }
    }

    /** Seed 20220101, scale 1, the contract year 2022 and January-February 2023 (service after expiry). */
    public static DemoOptions standard() {
        return new DemoOptions(20220101L, 1.0, LocalDate.of(2022, 1, 1), LocalDate.of(2023, 2, 28));
    }

    public DemoOptions withSeed(long newSeed) {
        return new DemoOptions(newSeed, scale, from, to);
    }

    public DemoOptions withScale(double newScale) {
        return new DemoOptions(seed, newScale, from, to);
    }
}
