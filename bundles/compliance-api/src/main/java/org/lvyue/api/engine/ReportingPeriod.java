package org.lvyue.api.engine;

import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

import org.lvyue.api.calendar.WorkingCalendar;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.spi.Frequency;
import org.lvyue.api.spi.PeriodLabels;

/**
 * A calendar period of the service term (a day, ISO week, month, quarter or year), clipped to the
 * contract's service period. The engine inserts one for each week, month, quarter and year
 * ({@link #inWorkingMemory}), so a rule for "once a week" joins the week's period with the facts of the
 * same week label ({@code Fact.week}) instead of computing dates itself. Days are not inserted: a year
 * holds 365 of them and most contracts' rules never look at one; a rule that works day by day takes its
 * days with {@code from} (e.g. {@code WorkingCalendar.workingDaysWithin}).
 *
 * @param frequency   DAILY, WEEKLY, MONTHLY, QUARTERLY or YEARLY
 * @param start       first day (inclusive)
 * @param end         last day (inclusive)
 * @param label       {@code 2022-03-07}, {@code 2022-W09}, {@code 2022-03}, {@code 2022-Q1}, {@code 2022}
 * @param workingDays the working days in the period by the official calendar, or -1 when the calendar
 *                    does not cover it
 */
public record ReportingPeriod(Frequency frequency, LocalDate start, LocalDate end, String label, int workingDays) {

    public ReportingPeriod(Frequency frequency, LocalDate start, LocalDate end, String label) {
        this(frequency, start, end, label, -1);
    }

    public boolean contains(LocalDate date) {
        return date != null && !date.isBefore(start) && !date.isAfter(end);
    }

    /** Whether the period holds at least one working day (unknown counts as yes). */
    public boolean hasWorkingDays() {
        return workingDays != 0;
    }

    /** The days, ISO weeks, months, quarters and years that overlap the contract's service period. */
    public static List<ReportingPeriod> of(Contract contract) {
        List<ReportingPeriod> out = new ArrayList<>();
        LocalDate from = contract.periodStart();
        LocalDate to = contract.periodEnd();
        for (LocalDate y = from.withDayOfYear(1); !y.isAfter(to); y = y.plusYears(1)) {
            out.add(clip(Frequency.YEARLY, y, y.with(TemporalAdjusters.lastDayOfYear()), PeriodLabels.year(y), from, to));
        }
        for (LocalDate q = from.withDayOfMonth(1).withMonth(((from.getMonthValue() - 1) / 3) * 3 + 1); !q.isAfter(to);
             q = q.plusMonths(3)) {
            out.add(clip(Frequency.QUARTERLY, q, q.plusMonths(3).minusDays(1), PeriodLabels.quarter(q), from, to));
        }
        for (LocalDate m = from.withDayOfMonth(1); !m.isAfter(to); m = m.plusMonths(1)) {
            out.add(clip(Frequency.MONTHLY, m, m.with(TemporalAdjusters.lastDayOfMonth()), PeriodLabels.month(m), from, to));
        }
        for (LocalDate w = from.minusDays(from.getDayOfWeek().getValue() - 1); !w.isAfter(to); w = w.plusWeeks(1)) {
            out.add(clip(Frequency.WEEKLY, w, w.plusDays(6), PeriodLabels.week(w), from, to));
        }
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            out.add(clip(Frequency.DAILY, d, d, PeriodLabels.day(d), from, to));
        }
        return out;
    }

    /** The periods the engine inserts in a contract's working memory: {@link #of} without the days. */
    public static List<ReportingPeriod> inWorkingMemory(Contract contract) {
        return of(contract).stream().filter(p -> p.frequency() != Frequency.DAILY).toList();
    }

    private static ReportingPeriod clip(Frequency f, LocalDate s, LocalDate e, String label, LocalDate from, LocalDate to) {
        LocalDate start = s.isBefore(from) ? from : s;
        LocalDate end = e.isAfter(to) ? to : e;
        return new ReportingPeriod(f, start, end, label, workingDays(start, end));
    }

    private static int workingDays(LocalDate start, LocalDate end) {
        WorkingCalendar calendar = WorkingCalendar.china();
        for (int y = start.getYear(); y <= end.getYear(); y++) {
            if (!calendar.years().contains(y)) {
                return -1;
            }
        }
        int n = 0;
        for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
            if (calendar.isWorkingDay(d)) {
                n++;
            }
        }
        return n;
    }
}
