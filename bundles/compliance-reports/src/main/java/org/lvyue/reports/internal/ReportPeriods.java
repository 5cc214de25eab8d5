package org.lvyue.reports.internal;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.IsoFields;
import java.util.List;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.InvalidInputException;

/**
 * The day, ISO week or month a check sheet covers, read from the request and held to the contract's service period and
 * to today: a refusal names the field and says why, Chinese first, before anything is rendered.
 */
final class ReportPeriods {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    private ReportPeriods() {
    }

    /** The days covered, clipped to the service period and to today. */
    record Days(LocalDate from, LocalDate to) {
    }

    /** A day of the service period, not after today. */
    static LocalDate day(Contract c, String value, LocalDate today) {
        LocalDate day;
        try {
            day = LocalDate.parse(value == null ? "" : value.trim(), DAY);
        } catch (DateTimeException e) {
            throw refused("day", "日期", value, "应为 yyyy-MM-dd 的日期（如 2022-07-05） (a day, yyyy-MM-dd)");
        }
        if (day.isBefore(c.periodStart()) || day.isAfter(c.periodEnd())) {
            throw refused("day", "日期", value, "不在合同服务期 " + c.periodStart() + " 至 " + c.periodEnd()
                    + " 之内 (outside the service period)");
        }
        if (day.isAfter(today)) {
            throw refused("day", "日期", value, "尚未到来（今天是 " + today + "），没有记录可出具 (a day still to come)");
        }
        return day;
    }

    /** The days of an ISO week ({@code 2022-W27}) within the service period, up to today. */
    static Days week(Contract c, String value, LocalDate today) {
        String v = value == null ? "" : value.trim();
        LocalDate monday;
        try {
            if (!v.matches("\\d{4}-W\\d{2}")) {
                throw new DateTimeException(v);
            }
            int year = Integer.parseInt(v.substring(0, 4));
            int week = Integer.parseInt(v.substring(6));
            LocalDate probe = LocalDate.of(year, 6, 1);
            if (week < 1 || week > probe.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
                throw new DateTimeException(v);
            }
            monday = probe.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(DayOfWeek.MONDAY);
        } catch (DateTimeException | NumberFormatException e) {
            throw refused("week", "周", value, "应为 ISO 周，如 2022-W27 (an ISO week, e.g. 2022-W27)");
        }
        return clip(c, "week", "周", value, monday, monday.plusDays(6), today);
    }

    /** The days of a month ({@code 2022-07}) within the service period, up to today. */
    static Days month(Contract c, String value, LocalDate today) {
        YearMonth m;
        try {
            String v = value == null ? "" : value.trim();
            if (!v.matches("\\d{4}-\\d{2}")) {
                throw new DateTimeException(v);
            }
            m = YearMonth.parse(v);
        } catch (DateTimeException e) {
            throw refused("month", "月份", value, "应为 yyyy-MM，如 2022-07 (a month, e.g. 2022-07)");
        }
        return clip(c, "month", "月份", value, m.atDay(1), m.atEndOfMonth(), today);
    }

    /** A month that is over: its last day of service is before today (a report of a month not ended is not complete). */
    static Days monthOver(Contract c, String value, LocalDate today) {
        Days days = month(c, value, today);
        LocalDate last = YearMonth.parse(value.trim()).atEndOfMonth();
        LocalDate end = last.isAfter(c.periodEnd()) ? c.periodEnd() : last;
        if (!end.isBefore(today)) {
            throw refused("month", "月份", value, "尚未结束（至 " + end + "），月份结束后才能提交巡检报告 (the month is not over yet)");
        }
        return days;
    }

    private static Days clip(Contract c, String field, String what, String value, LocalDate from, LocalDate to,
                             LocalDate today) {
        if (to.isBefore(c.periodStart()) || from.isAfter(c.periodEnd())) {
            throw refused(field, what, value, "不在合同服务期 " + c.periodStart() + " 至 " + c.periodEnd()
                    + " 之内 (outside the service period)");
        }
        if (from.isAfter(today)) {
            throw refused(field, what, value, "尚未到来（今天是 " + today + "），没有记录可出具 (still to come)");
        }
        LocalDate start = from.isBefore(c.periodStart()) ? c.periodStart() : from;
        LocalDate end = to.isAfter(c.periodEnd()) ? c.periodEnd() : to;
        return new Days(start, end.isAfter(today) ? today : end);
    }

    private static InvalidInputException refused(String field, String what, String value, String reason) {
        return new InvalidInputException(what + "有误 (" + field + ")：" + value + "，" + reason,
                List.of(new FactProblem(-1, field, reason)));
    }
}
