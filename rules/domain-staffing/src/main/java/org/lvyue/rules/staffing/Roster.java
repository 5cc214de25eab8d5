package org.lvyue.rules.staffing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.lvyue.api.calendar.WorkingCalendar;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.fact.Fact;

/** Reading the roster facts: the working days someone is due, who is on it on a day, the days of a month as a short list. */
public final class Roster {
    private Roster() {
    }

    /**
     * The working days of the contract's service period by the State Council calendar: the days someone must be on
     * the roster and on site. Days of a year the calendar does not cover are left out, not guessed.
     */
    public static List<LocalDate> workingDays(Contract c) {
        return WorkingCalendar.china().workingDaysWithin(c.periodStart(), c.periodEnd());
    }

    /** Whether a staff.member fact is on the roster on {@code day}: joined on or before it, not left before it. */
    public static boolean onRoster(Fact member, LocalDate day) {
        String left = member.getAttributes().get("left");
        return !member.getDate().isAfter(day) && (left == null || !LocalDate.parse(left).isBefore(day));
    }

    public static boolean experienced(Fact member, String minYears) {
        return minYears == null || new BigDecimal(member.getAttributes().get("years")).compareTo(new BigDecimal(minYears)) >= 0;
    }

    public static String days(Collection<?> unstaffed) {
        return unstaffed.stream().map(u -> ((UnstaffedDay) u).day()).sorted().map(d -> d.toString().substring(5))
                .collect(Collectors.joining("、"));
    }

    /** Short days as {@code 03-21（1 人）、03-22（1 人）}, in date order. */
    public static String shortDays(Collection<?> shortDays) {
        return shortDays.stream().map(s -> (ShortDay) s).sorted(java.util.Comparator.comparing(ShortDay::day))
                .map(s -> s.day().toString().substring(5) + "（" + s.present() + " 人）").collect(Collectors.joining("、"));
    }
}
