package org.lvyue.rules.obligations;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.lvyue.api.calendar.CalendarYearMissingException;
import org.lvyue.api.calendar.WorkingCalendar;
import org.lvyue.api.spi.Obligation;
import org.lvyue.api.spi.Obligation.DueRule;

/** Deadlines and small formatting the standard rules share, kept out of the DRL to be tested on their own. */
public final class Dues {
    private Dues() {
    }

    /** When an obligation falls due after {@code from} (its period's end, or its anchor's date). */
    public static LocalDate after(Obligation o, LocalDate from) {
        DueRule due = o.due();
        if (due.offsetDays() == 0 || due.before()) {
            return from;
        }
        return due.workingDays() ? WorkingCalendar.china().plusWorkingDays(from, due.offsetDays())
                : from.plusDays(due.offsetDays());
    }

    /**
     * The working day before a holiday, and the one after it: when 重大节假日前后 checks are due. A
     * day the calendar cannot name (it falls in a year without data, e.g. before 2022-01-01's 元旦)
     * is left out rather than guessed; the service period rarely reaches it anyway.
     */
    public static List<LocalDate> aroundHoliday(LocalDate start, LocalDate end) {
        WorkingCalendar calendar = WorkingCalendar.china();
        List<LocalDate> days = new ArrayList<>(2);
        try {
            days.add(calendar.previousWorkingDay(start));
        } catch (CalendarYearMissingException e) {
            // before the calendar's first year
        }
        try {
            days.add(calendar.nextWorkingDay(end));
        } catch (CalendarYearMissingException e) {
            // after the calendar's last year
        }
        return days;
    }

    /** Days as {@code 03-01、03-02}: short enough for a finding's title. */
    public static String days(Collection<?> missed) {
        return missed.stream().map(m -> ((Missed) m).day()).sorted()
                .map(d -> d.toString().substring(5)).collect(Collectors.joining("、"));
    }

    /** What a finding tells the reader about the obligation. */
    public static String describe(Obligation o) {
        return o.id() + "「" + o.title() + "」（" + o.clause() + "）";
    }
}
