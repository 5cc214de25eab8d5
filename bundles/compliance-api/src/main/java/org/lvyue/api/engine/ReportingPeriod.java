package org.lvyue.api.engine;

import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.spi.Frequency;

/**
 * A calendar period of the service term (a year, quarter or month), clipped to the contract's
 * service period. The engine inserts one for each such period, so a rule for "once a year" joins
 * the year's period with the facts inside it instead of computing dates itself.
 *
 * @param frequency YEARLY, QUARTERLY or MONTHLY
 * @param start     first day (inclusive)
 * @param end       last day (inclusive)
 * @param label     {@code 2022}, {@code 2022-Q1}, {@code 2022-03}
 */
public record ReportingPeriod(Frequency frequency, LocalDate start, LocalDate end, String label) {

    public boolean contains(LocalDate date) {
        return date != null && !date.isBefore(start) && !date.isAfter(end);
    }

    /** The years, quarters and months that overlap the contract's service period. */
    public static List<ReportingPeriod> of(Contract contract) {
        List<ReportingPeriod> out = new ArrayList<>();
        LocalDate from = contract.periodStart();
        LocalDate to = contract.periodEnd();
        for (LocalDate y = from.withDayOfYear(1); !y.isAfter(to); y = y.plusYears(1)) {
            out.add(clip(Frequency.YEARLY, y, y.with(TemporalAdjusters.lastDayOfYear()), String.valueOf(y.getYear()), from, to));
        }
        for (LocalDate q = from.withDayOfMonth(1).withMonth(((from.getMonthValue() - 1) / 3) * 3 + 1); !q.isAfter(to);
             q = q.plusMonths(3)) {
            out.add(clip(Frequency.QUARTERLY, q, q.plusMonths(3).minusDays(1),
                    q.getYear() + "-Q" + ((q.getMonthValue() - 1) / 3 + 1), from, to));
        }
        for (LocalDate m = from.withDayOfMonth(1); !m.isAfter(to); m = m.plusMonths(1)) {
            out.add(clip(Frequency.MONTHLY, m, m.with(TemporalAdjusters.lastDayOfMonth()),
                    String.format("%d-%02d", m.getYear(), m.getMonthValue()), from, to));
        }
        return out;
    }

    private static ReportingPeriod clip(Frequency f, LocalDate s, LocalDate e, String label, LocalDate from, LocalDate to) {
        return new ReportingPeriod(f, s.isBefore(from) ? from : s, e.isAfter(to) ? to : e, label);
    }
}
