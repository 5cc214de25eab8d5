package org.lvyue.api.calendar;

import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * The working-day calendar was asked about a year it has no data for. Holidays are set each year by a State Council
 * notice, so the calendar refuses rather than guess from weekends; the fix is to add that year's file.
 */
public class CalendarYearMissingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int year;

    public CalendarYearMissingException(int year, Collection<Integer> available) {
        super("工作日历缺少 " + year + " 年的数据（国务院办公厅当年节假日安排通知）；已有年份：" + spans(available, "、", "无")
                + "。 / The working-day calendar has no data for " + year
                + " (the State Council's holiday notice for that year); years available: "
                + spans(available, ", ", "none") + ".");
        this.year = year;
    }

    /** The year that is missing. */
    public int year() {
        return year;
    }

    /** Runs of consecutive years, e.g. "2022–2024、2026". */
    private static String spans(Collection<Integer> years, String separator, String none) {
        List<Integer> sorted = List.copyOf(new TreeSet<>(years));
        StringJoiner out = new StringJoiner(separator).setEmptyValue(none);
        for (int i = 0; i < sorted.size();) {
            int first = sorted.get(i);
            int last = first;
            while (++i < sorted.size() && sorted.get(i) == last + 1) {
                last++;
            }
            out.add(first == last ? String.valueOf(first) : first + "–" + last);
        }
        return out.toString();
    }
}
