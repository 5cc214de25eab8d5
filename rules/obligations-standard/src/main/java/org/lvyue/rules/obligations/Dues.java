package org.lvyue.rules.obligations;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.lvyue.api.calendar.CalendarYearMissingException;
import org.lvyue.api.calendar.WorkingCalendar;
import org.lvyue.api.engine.ReportingPeriod;
import org.lvyue.api.spi.Obligation;

/** Deadlines and small formatting the standard rules share, kept out of the DRL to be tested on their own. */
public final class Dues {
    private Dues() {
    }

    /** What a finding says of the end of a period an obligation had to be met in. */
    public static String withinPeriod(Obligation o, ReportingPeriod p) {
        return "须在" + p.label() + "（" + p.start() + " 至 " + p.end() + "）内完成" + o.frequency().label()
                + (o.category() == Obligation.Category.CHECK ? "检查" : "工作") + "，期限至 " + p.end() + " 24 时止";
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

    /** The latest of the missed days. */
    public static LocalDate lastDay(Collection<?> missed) {
        return missed.stream().map(m -> ((Missed) m).day()).max(LocalDate::compareTo).orElseThrow();
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
