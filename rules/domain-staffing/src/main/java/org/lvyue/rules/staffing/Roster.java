package org.lvyue.rules.staffing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.stream.Collectors;

import org.lvyue.api.fact.Fact;

/** Reading the roster facts: who is on it on a day, and the days of a month as a short list. */
public final class Roster {
    private Roster() {
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
