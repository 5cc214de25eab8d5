package org.lvyue.rules.obligations;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The days of one month on which a daily obligation fell due and has no record. Made per obligation and month from the
 * month's records in one accumulate, and kept as one bit per day of the month: a contract with few records then holds
 * one small value per month and obligation, not a derived fact with its truth-maintenance set for every missed day.
 *
 * @param month the month's first day
 * @param days  bit {@code n - 1} set for day {@code n} of the month
 */
public record MissedDays(LocalDate month, int days) {

    public MissedDays {
        month = month.withDayOfMonth(1);
    }

    /** The empty value for {@code month}, to which {@link #with} adds days. */
    public static MissedDays none(LocalDate month) {
        return new MissedDays(month, 0);
    }

    /** This value with {@code day} (a day of the same month) added. */
    public MissedDays with(LocalDate day) {
        return new MissedDays(month, days | 1 << (day.getDayOfMonth() - 1));
    }

    public int count() {
        return Integer.bitCount(days);
    }

    /** The missed days, oldest first. */
    public List<LocalDate> list() {
        List<LocalDate> out = new ArrayList<>(count());
        for (int rest = days; rest != 0; rest &= rest - 1) {
            out.add(month.plusDays(Integer.numberOfTrailingZeros(rest)));
        }
        return out;
    }

    /** The last missed day: the deadline the finding names. */
    public LocalDate last() {
        return month.plusDays(31 - Integer.numberOfLeadingZeros(days));
    }

    /** The days as {@code 03-01、03-02}: short enough for a finding's title. */
    public String shortDays() {
        return list().stream().map(d -> d.toString().substring(5)).collect(Collectors.joining("、"));
    }
}
