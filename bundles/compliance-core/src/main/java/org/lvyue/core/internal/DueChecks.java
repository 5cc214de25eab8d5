package org.lvyue.core.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.lvyue.api.calendar.CalendarYearMissingException;
import org.lvyue.api.calendar.Holiday;
import org.lvyue.api.calendar.WorkingCalendar;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.Interpretation;
import org.lvyue.api.engine.ReportingPeriod;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.spi.DomainCatalogue;
import org.lvyue.api.spi.Frequency;
import org.lvyue.api.spi.Obligation;
import org.lvyue.api.spi.Obligation.Category;

/**
 * Which check items (catalogue obligations of category CHECK, with the contract's overrides and without those it
 * drops) fall due on a day, read as the standard rules of {@code obligations-standard} read them, so that the
 * engineers' checklist asks for exactly what the rules will hold against the contract:
 * <ul>
 * <li>DAILY: on each day of the service period that is a working day by the official calendar, or on every day
 * when the contract reads {@code checks.dailyOn=every-day} (「附件三 每日检查：当日未执行」); a contract without that
 * interpretation has no daily item, as the rule then never fires;</li>
 * <li>WEEKLY: on every day of its ISO week (clipped to the service period) when the week has a working day or the
 * contract reads {@code checks.weeklyInRestWeek=in-the-week}; a week without a working day read as
 * {@code next-working-day} is due up to the first working day after it, and its records are those from its first
 * day to that one (「无工作日的一周，顺延至其后第一个工作日」);</li>
 * <li>MONTHLY, QUARTERLY, YEARLY: on every day of the period;</li>
 * <li>PER_EVENT with trigger {@code holiday}: on the last working day before and the first after each official
 * holiday overlapping the service period ({@link WorkingCalendar#aroundHoliday}, as the rule does);</li>
 * <li>PER_EVENT with trigger {@code special-period}: on each day from a declared {@code special-period} fact's date
 * through its {@code until}.</li>
 * </ul>
 * The calendar and the periods are the API's ({@link WorkingCalendar}, {@link ReportingPeriod}), the ones the engine
 * inserts for the rules; nothing here counts days itself.
 */
final class DueChecks {
    /** The fact kind a client's declaration of a special period is recorded as (the standard rules' own kind). */
    static final String SPECIAL_PERIOD = "special-period";

    private DueChecks() {
    }

    /**
     * One check item due on the day.
     *
     * @param obligation the item as the contract holds it
     * @param period     the period it is due in: the day, the ISO week, the month...
     * @param from       the first day whose records count for it
     * @param to         the last day whose records count for it
     */
    record Due(Obligation obligation, String period, LocalDate from, LocalDate to) {
    }

    /**
     * Every CHECK of the catalogues due on {@code day}, catalogue by catalogue in their order, each catalogue's items in
     * its order; an item due for two periods on the day (a rest week's weekly check on the first working day after it,
     * and that week's) is listed once per period.
     *
     * @param specialPeriods the contract's {@value #SPECIAL_PERIOD} facts
     */
    static List<Due> on(Contract c, List<DomainCatalogue> catalogues, List<Fact> specialPeriods, LocalDate day) {
        List<ReportingPeriod> periods = ReportingPeriod.of(c);
        List<ReportingPeriod> containing = periods.stream().filter(p -> p.contains(day)).toList();
        String dailyOn = c.interpretation("checks.dailyOn").map(Interpretation::value).orElse(null);
        String restWeek = c.interpretation("checks.weeklyInRestWeek").map(Interpretation::value).orElse(null);
        Set<LocalDate> aroundHolidays = aroundHolidays(c);
        List<Due> out = new ArrayList<>();
        for (DomainCatalogue cat : catalogues) {
            for (Obligation o : cat.obligations()) {
                if (o.category() != Category.CHECK) {
                    continue;
                }
                switch (o.frequency()) {
                    case DAILY -> containing.stream().filter(p -> p.frequency() == Frequency.DAILY)
                            .filter(p -> dailyOn != null && (p.workingDays() > 0 || dailyOn.equals("every-day")))
                            .forEach(p -> out.add(new Due(o, p.label(), p.start(), p.end())));
                    case WEEKLY -> weekly(o, periods, day, restWeek, out);
                    case MONTHLY, QUARTERLY, YEARLY -> containing.stream().filter(p -> p.frequency() == o.frequency())
                            .forEach(p -> out.add(new Due(o, p.label(), p.start(), p.end())));
                    case PER_EVENT -> perEvent(o, c, specialPeriods, aroundHolidays, day, out);
                    default -> {
                        // no other shape of check exists in the standard rules
                    }
                }
            }
        }
        return out;
    }

    private static void weekly(Obligation o, List<ReportingPeriod> periods, LocalDate day, String restWeek, List<Due> out) {
        if (restWeek == null) {
            return; // neither weekly rule fires without the interpretation
        }
        for (ReportingPeriod p : periods) {
            if (p.frequency() != Frequency.WEEKLY || p.start().isAfter(day)) {
                continue;
            }
            if (p.contains(day) && (p.workingDays() != 0 || restWeek.equals("in-the-week"))) {
                out.add(new Due(o, p.label(), p.start(), p.end()));
            } else if (p.workingDays() == 0 && restWeek.equals("next-working-day")) {
                LocalDate by = movedDeadline(p);
                if (by != null && !day.isAfter(by)) {
                    out.add(new Due(o, p.label(), p.start(), by));
                }
            }
        }
    }

    /** The first working day after a week without one, as the rule computes it; null when the calendar cannot say. */
    private static LocalDate movedDeadline(ReportingPeriod week) {
        try {
            return WorkingCalendar.china().workingDays(week.end(), 1).end();
        } catch (CalendarYearMissingException e) {
            return null;
        }
    }

    private static void perEvent(Obligation o, Contract c, List<Fact> specialPeriods, Set<LocalDate> aroundHolidays,
                                 LocalDate day, List<Due> out) {
        String label = day.toString();
        if ("holiday".equals(o.trigger()) && aroundHolidays.contains(day)) {
            out.add(new Due(o, label, day, day));
        } else if ("special-period".equals(o.trigger()) && !day.isBefore(c.periodStart()) && !day.isAfter(c.periodEnd())
                && specialPeriods.stream().anyMatch(s -> declares(s, day))) {
            out.add(new Due(o, label, day, day));
        }
    }

    /** Whether a declared special period covers the day: from its date through its {@code until}. */
    private static boolean declares(Fact special, LocalDate day) {
        String until = special.attr("until");
        if (!SPECIAL_PERIOD.equals(special.getKind()) || until == null || day.isBefore(special.getDate())) {
            return false;
        }
        try {
            return !day.isAfter(LocalDate.parse(until));
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    /**
     * The days before and after each official holiday inside the service period, as the engine inserts the holidays
     * for the rule (none when the calendar lacks a year of the period).
     */
    private static Set<LocalDate> aroundHolidays(Contract c) {
        WorkingCalendar calendar = WorkingCalendar.china();
        for (int y = c.periodStart().getYear(); y <= c.periodEnd().getYear(); y++) {
            if (!calendar.years().contains(y)) {
                return Set.of();
            }
        }
        Set<LocalDate> days = new LinkedHashSet<>();
        for (Holiday h : calendar.holidays(c.periodStart(), c.periodEnd())) {
            for (LocalDate d : calendar.aroundHoliday(h.start(), h.end())) {
                if (!d.isBefore(c.periodStart()) && !d.isAfter(c.periodEnd())) {
                    days.add(d);
                }
            }
        }
        return days;
    }
}
