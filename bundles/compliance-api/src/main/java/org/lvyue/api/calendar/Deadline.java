package org.lvyue.api.calendar;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A period the contract grants ("7 日内", "20 个工作日内") and the last day of it, counted as
 * 《中华人民共和国民法典》第二百零一条至第二百零四条 count periods:
 * <ul>
 * <li>第二百零一条: the day the period starts from is not counted; counting begins the next day;</li>
 * <li>第二百零三条: when the last day is a 法定休假日, the period ends on the day after the rest ends; the
 * period ends at 24:00 of its last day.</li>
 * </ul>
 * A 法定休假日 is read as every rest day of the State Council calendar ({@link WorkingCalendar}): the weekly rest
 * days and the public holidays, a weekend day worked in exchange (调休) being a working day. A period in working days
 * ends on a working day by construction, so it is never extended. Made by {@link WorkingCalendar#days} and
 * {@link WorkingCalendar#workingDays}; every rule that grants a period counts it through these, so a finding can say
 * which last day it used and why.
 *
 * @param from       the day the period is counted from (a request, a notice, the signing); itself not counted
 * @param length     how many days or working days the contract grants
 * @param unit       calendar days or working days
 * @param nominalEnd the {@code length}-th day after {@code from}
 * @param end        the last day of the period: {@code nominalEnd}, or the day after the rest it falls in
 * @param rest       the rest that moved the end, as the calendar names it (e.g. 劳动节); null when not moved
 */
public record Deadline(LocalDate from, int length, Unit unit, LocalDate nominalEnd, LocalDate end, String rest) {

    /** How a period is measured. */
    public enum Unit {
        CALENDAR_DAYS("日"),
        WORKING_DAYS("个工作日");

        private final String label;

        Unit(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Deadline {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(nominalEnd, "nominalEnd");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(nominalEnd)) {
            throw new IllegalArgumentException("end " + end + " before nominal end " + nominalEnd);
        }
    }

    /** Whether the last day was moved past a rest (第二百零三条). */
    public boolean extended() {
        return !end.equals(nominalEnd);
    }

    /** Whether something done on {@code day} is in time: on or before the last day (the period ends at 24:00). */
    public boolean metBy(LocalDate day) {
        return !day.isAfter(end);
    }

    /** Whether the period has run out by the start of {@code day}: its last day is before it. */
    public boolean passedBy(LocalDate day) {
        return end.isBefore(day);
    }

    /** The first day after the period: when a consequence of its passing takes effect (e.g. a deemed approval). */
    public LocalDate dayAfter() {
        return end.plusDays(1);
    }

    /** Calendar days from the last day to {@code day}: how late something done that day is (0 when in time). */
    public long daysLate(LocalDate day) {
        return Math.max(0, ChronoUnit.DAYS.between(end, day));
    }

    /**
     * How the last day was found, in Chinese, for a finding or a ledger line: e.g. "自 2022-04-27 次日起算 7 日，第 7 日
     * 2022-05-04 为法定休假日（劳动节），依民法典第二百零三条顺延至 2022-05-05".
     */
    public String describe() {
        StringBuilder s = new StringBuilder("自 ").append(from).append(" 次日起算 ").append(length).append(' ')
                .append(unit.label());
        if (unit == Unit.WORKING_DAYS) {
            s.append("（国务院办公厅节假日安排）");
        }
        s.append("，第 ").append(length).append(' ').append(unit.label()).append("为 ").append(nominalEnd);
        if (extended()) {
            s.append("，为法定休假日（").append(rest).append("），依民法典第二百零三条顺延至 ").append(end);
        }
        return s.append("，期限至 ").append(end).append(" 24 时止").toString();
    }

    /** The last day and how it was found, e.g. "2022-05-05（自 2022-04-27 次日起算 7 日……）". */
    @Override
    public String toString() {
        return end + "（" + describe() + "）";
    }
}
