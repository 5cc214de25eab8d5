package org.lvyue.api.spi;

import java.time.LocalDate;
import java.time.temporal.IsoFields;

/**
 * The labels of calendar periods, shared by facts and reporting periods so that rules can join them
 * by equality (which Drools indexes) instead of by date ranges: {@code 2022-03-07}, {@code 2022-W09}
 * (ISO week), {@code 2022-03}, {@code 2022-Q1}, {@code 2022}.
 */
public final class PeriodLabels {
    private PeriodLabels() {
    }

    public static String day(LocalDate d) {
        return d.toString();
    }

    public static String week(LocalDate d) {
        return d.get(IsoFields.WEEK_BASED_YEAR) + "-W" + twoDigits(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    public static String month(LocalDate d) {
        return d.getYear() + "-" + twoDigits(d.getMonthValue());
    }

    public static String quarter(LocalDate d) {
        return d.getYear() + "-Q" + ((d.getMonthValue() - 1) / 3 + 1);
    }

    public static String year(LocalDate d) {
        return Integer.toString(d.getYear());
    }

    /** Zero-padded, without {@code String.format}: rules index facts by these labels, millions of calls a year. */
    private static String twoDigits(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    /** The label of the period of that frequency containing {@code d}. */
    public static String of(Frequency f, LocalDate d) {
        return switch (f) {
            case DAILY -> day(d);
            case WEEKLY -> week(d);
            case MONTHLY -> month(d);
            case QUARTERLY -> quarter(d);
            case YEARLY -> year(d);
            case PER_EVENT -> throw new IllegalArgumentException("a per-event obligation has no calendar period");
        };
    }
}
