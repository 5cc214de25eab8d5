package org.lvyue.core.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.lvyue.api.calendar.CalendarYearMissingException;
import org.lvyue.api.calendar.Holiday;
import org.lvyue.api.calendar.WorkingCalendar;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.dashboard.Dashboard.Deadline;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.notify.NotificationKind;
import org.lvyue.api.notify.Notice;
import org.lvyue.api.spi.DomainCatalogue;
import org.lvyue.api.spi.Obligation;

/**
 * The deadline notices due on a day: each deadline the dashboard computes ({@link Dashboards#deadlines}: reports,
 * yearly tasks, the drill, the quarterly assessment, certificate and key expiries), looked at further ahead than the
 * dashboard's week, and each running deadline of an open finding (甲方's 15-day review, a cure period), told from the
 * N-th working day before it (N per kind, {@link Leads}) until the day itself. Working days are the State Council's
 * calendar ({@link WorkingCalendar#china()}): a 调休 weekend day counts, a holiday does not.
 */
final class DeadlineNotices {
    /** The kind of a recorded finding's running deadline, beside the dashboard's kinds. */
    static final String FINDING = "finding";
    private static final Map<String, String> KIND_LABELS = Map.of("report", "报告提交", "certificate", "证书/密钥到期",
            "drill", "应急演练", "assessment", "季度考核", "other", "任务期限", FINDING, "进行中的期限");
    private static final String[] WEEKDAYS = {"星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};

    /**
     * How many working days ahead each kind of deadline is told.
     *
     * @param fallback the lead of a kind not named
     * @param byKind   the leads named ({@code certificate=10})
     */
    record Leads(int fallback, Map<String, Integer> byKind) {
        Leads {
            if (fallback < 0) {
                throw new IllegalArgumentException("deadlineLeadWorkingDays 不能为负数 (must not be negative): " + fallback);
            }
            byKind = Map.copyOf(byKind);
        }

        /** {@code report=3, certificate=10}: kinds and working days, comma-separated; blank names none. */
        static Leads parse(int fallback, String perKind) {
            Map<String, Integer> byKind = new HashMap<>();
            for (String part : perKind == null ? new String[0] : perKind.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                String[] kv = part.split("=", 2);
                int days;
                try {
                    days = kv.length == 2 ? Integer.parseInt(kv[1].trim()) : -1;
                } catch (NumberFormatException e) {
                    days = -1;
                }
                if (days < 0 || kv[0].isBlank()) {
                    throw new IllegalArgumentException("deadlineLeads 应为“类别=工作日数”，逗号分隔：'" + part.trim()
                            + "' (deadlineLeads is kind=working days, comma-separated)");
                }
                byKind.put(kv[0].trim().toLowerCase(Locale.ROOT), days);
            }
            return new Leads(fallback, byKind);
        }

        int of(String kind) {
            return byKind.getOrDefault(kind, fallback);
        }

        int longest() {
            return Math.max(fallback, byKind.values().stream().mapToInt(Integer::intValue).max().orElse(0));
        }
    }

    private final WorkingCalendar calendar;
    private final Leads leads;

    DeadlineNotices(WorkingCalendar calendar, Leads leads) {
        this.calendar = calendar;
        this.leads = leads;
    }

    /**
     * The day from which a deadline is told: the {@code lead}-th working day before it, counted back through the
     * calendar, never by subtracting days.
     *
     * <p>Worked example (the State Council's 2023 notice: 国庆节、中秋节 rest from Friday 29 September to Friday 6
     * October, Saturday 7 and Sunday 8 October worked in exchange): a report due Monday 2023-10-09, told 3 working days
     * ahead. Counting back from the 9th: Sunday the 8th (调休, a working day) is the first, Saturday the 7th (调休) the
     * second, the rest days of 6 back to 29 September do not count, Thursday 2023-09-28 is the third. So the notice is
     * written from Thursday 28 September; by calendar days it would have been Friday 6 October, in the middle of the
     * holiday.
     *
     * @throws CalendarYearMissingException when the calendar has no year the count passes through
     */
    LocalDate noticeDay(LocalDate deadline, int lead) {
        LocalDate day = deadline;
        for (int i = 0; i < lead; i++) {
            day = calendar.previousWorkingDay(day);
        }
        return day;
    }

    /** The last day a deadline told on {@code today} can fall on, for the longest lead: how far ahead to look. */
    LocalDate horizon(LocalDate today) {
        // the deadline may be a rest day after the lead's last working day: look one working day further
        try {
            return calendar.plusWorkingDays(today, leads.longest() + 1);
        } catch (CalendarYearMissingException e) {
            // the calendar ends before: deadlines after its last year cannot be counted, so are not told
            return LocalDate.of(calendar.years().stream().mapToInt(Integer::intValue).max().orElse(today.getYear()), 12, 31);
        }
    }

    /**
     * The notices due on {@code today}: every deadline from today to its horizon whose notice day has come.
     *
     * @param findings the contract's recorded findings (the open ones with a deadline ahead are running deadlines)
     */
    List<Notice> due(Contract contract, LocalDate today, List<DomainCatalogue> catalogues, List<FindingRecord> findings,
                     Function<String, List<Fact>> factsOfKind) {
        LocalDate until = horizon(today);
        Map<String, Obligation> obligations = new HashMap<>();
        catalogues.forEach(cat -> cat.obligations().forEach(o -> obligations.putIfAbsent(o.id(), o)));
        List<Notice> out = new ArrayList<>();
        Set<String> told = new HashSet<>();
        for (Deadline d : Dashboards.deadlines(contract, today, until, catalogues, factsOfKind)) {
            Obligation o = obligations.get(d.ref().split("/", 2)[0]);
            told.add(d.ref().split("/", 2)[0] + "@" + d.date());
            notice(contract.id(), today, d.kind(), d.ref(), d.date(), d.title(), o == null ? null : o.clause(), null, out);
        }
        for (FindingRecord r : findings) {
            Finding f = r.finding();
            LocalDate deadline = f.getDeadline();
            if (r.status() != FindingStatus.OPEN || deadline == null || deadline.isBefore(today) || deadline.isAfter(until)
                    || told.contains(f.getObligationId() + "@" + deadline)) {
                continue; // a breach (its deadline passed), or a deadline the dashboard's computation gave already
            }
            notice(contract.id(), today, FINDING, f.getKey(), deadline, f.getTitle(), f.getClause(), f.getDeadlineBasis(), out);
        }
        return out;
    }

    private void notice(String contract, LocalDate today, String kind, String ref, LocalDate deadline, String title,
                        String clause, String basis, List<Notice> out) {
        int lead = leads.of(kind);
        LocalDate from;
        try {
            from = noticeDay(deadline, lead);
        } catch (CalendarYearMissingException e) {
            return; // a day the working-day calendar cannot place is not told rather than guessed
        }
        if (today.isBefore(from) || today.isAfter(deadline)) {
            return;
        }
        StringBuilder detail = new StringBuilder();
        detail.append("到期日：").append(deadline).append("（").append(weekday(deadline)).append("）");
        int left = calendar.workingDaysBetween(today, deadline);
        detail.append(deadline.equals(today) ? "，今天到期" : "，距今 " + left + " 个工作日").append('\n');
        detail.append("类别：").append(KIND_LABELS.getOrDefault(kind, kind)).append('\n');
        detail.append("提醒方式：提前 ").append(lead).append(" 个工作日提醒，自 ").append(from).append("（").append(weekday(from))
                .append("）起；工作日按").append(source(from, deadline)).append("计算，调休上班日计为工作日");
        List<String> rests = calendar.holidays(from, deadline).stream().map(Holiday::name).distinct().toList();
        if (!rests.isEmpty()) {
            detail.append("，期间节假日：").append(String.join("、", rests));
        }
        detail.append('\n');
        if (basis != null && !basis.isBlank()) {
            detail.append("期限依据：").append(basis).append('\n');
        }
        out.add(new Notice(contract, NotificationKind.DEADLINE, "deadline/" + kind + "/" + ref + "/" + deadline + "/lead " + lead,
                ref, null, title + "（" + deadline + " 到期）", detail.toString().strip(), clause));
    }

    private String source(LocalDate from, LocalDate to) {
        List<String> sources = new ArrayList<>();
        for (int y = from.getYear(); y <= to.getYear(); y++) {
            String s = calendar.source(y);
            if (s != null && !sources.contains(s)) {
                sources.add(s);
            }
        }
        return sources.isEmpty() ? "国务院办公厅公布的节假日安排" : sources.stream().map(s -> "《" + s + "》").collect(Collectors.joining("、"));
    }

    static String weekday(LocalDate day) {
        DayOfWeek d = day.getDayOfWeek();
        return WEEKDAYS[d.getValue() - 1];
    }
}
