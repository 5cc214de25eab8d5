package org.lvyue.rules.obligations;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.lvyue.api.calendar.WorkingCalendar;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.ReportingPeriod;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.spi.Obligation;

/** Deadlines and small formatting the standard rules share, kept out of the DRL to be tested on their own. */
public final class Dues {
    private Dues() {
    }

    /** What a finding says of the end of a period an obligation had to be met in. */
    /**
     * The anchor's fact kind when the obligation names no anchor subject (any fact of that kind anchors it), else
     * null: a rule compares a fact's kind with it, so that the test starts with the fact's own property.
     */
    public static String anyAnchorOfKind(Obligation o) {
        return o.due().anchorSubject() == null ? o.due().anchorKind() : null;
    }

    public static String withinPeriod(Obligation o, ReportingPeriod p) {
        return "须在" + p.label() + "（" + p.start() + " 至 " + p.end() + "）内完成" + o.frequency().label()
                + (o.category() == Obligation.Category.CHECK ? "检查" : "工作") + "，期限至 " + p.end() + " 24 时止";
    }

    /**
     * Every day from {@code first} to {@code until} (an ISO date), both included and clipped to the contract's service
     * period: the days of a special period the client declared. Empty when either is missing or unreadable, or until
     * is before first (nothing is due).
     */
    public static List<LocalDate> everyDay(LocalDate first, String until, Contract c) {
        LocalDate last;
        try {
            last = until == null ? null : LocalDate.parse(until);
        } catch (DateTimeParseException e) {
            last = null;
        }
        if (first == null || last == null) {
            return List.of();
        }
        LocalDate from = first.isBefore(c.periodStart()) ? c.periodStart() : first;
        LocalDate to = last.isAfter(c.periodEnd()) ? c.periodEnd() : last;
        return from.isAfter(to) ? List.of() : from.datesUntil(to.plusDays(1)).toList();
    }

    /**
     * The working day before a holiday, and the one after it: when 重大节假日前后 checks are due. A
     * day the calendar cannot name (it falls in a year without data, e.g. before 2022-01-01's 元旦)
     * is left out rather than guessed; the service period rarely reaches it anyway.
     */
    public static List<LocalDate> aroundHoliday(LocalDate start, LocalDate end) {
        return WorkingCalendar.china().aroundHoliday(start, end);
    }

    /**
     * The days of {@code month} before {@code asOf} on which a daily obligation fell due and {@code done} (the days
     * with a record) lacks. A day falls due when it is a working day by the State Council calendar, or every day
     * when the contract reads {@code checks.dailyOn} as {@code every-day}; a day of a year the calendar does not
     * cover is not a working day that anyone can name, so under the working-day reading it is not counted.
     */
    public static MissedDays missedDays(ReportingPeriod month, LocalDate asOf, String dailyOn, Collection<?> done) {
        WorkingCalendar calendar = WorkingCalendar.china();
        boolean everyDay = "every-day".equals(dailyOn);
        MissedDays missed = MissedDays.none(month.start());
        for (LocalDate d = month.start(); !d.isAfter(month.end()) && d.isBefore(asOf); d = d.plusDays(1)) {
            boolean due = everyDay || calendar.years().contains(d.getYear()) && calendar.isWorkingDay(d);
            if (due && !done.contains(d)) {
                missed = missed.with(d);
            }
        }
        return missed;
    }

    /**
     * What a special period's added staff lacks, as one line, or nothing when it is enough: at least
     * {@code count} people of each role the duty's {@code roles} parameter names (separated by 、 or a
     * comma; each record's {@code role} attribute), or {@code count} people in all when it names none.
     * The contract says "增加……人员" without a number, so the catalogue's count is the reading.
     */
    public static List<String> shortRoles(Obligation o, Collection<?> added) {
        int need = o.count();
        String roles = o.params().get("roles");
        if (roles == null || roles.isBlank()) {
            return added.size() >= need ? List.of() : List.of(added.size() + " 人（至少 " + need + " 人）");
        }
        Map<String, Integer> byRole = new LinkedHashMap<>();
        for (String r : roles.split("[、,，]")) {
            if (!r.isBlank()) {
                byRole.put(r.trim(), 0);
            }
        }
        for (Object x : added) {
            byRole.computeIfPresent(((Fact) x).getAttributes().get("role"), (r, n) -> n + 1);
        }
        String shortOf = byRole.entrySet().stream().filter(e -> e.getValue() < need)
                .map(e -> e.getKey() + " " + e.getValue() + " 人（至少 " + need + " 人）").collect(Collectors.joining("、"));
        return shortOf.isEmpty() ? List.of() : List.of(shortOf);
    }

    /**
     * The people the records name, as {@code 张*（证书技术支持人员）、李*（…）}, or 无: masked, since a finding's text goes to
     * every reader of findings and reports (the whole names are in the facts, for the roles that need them).
     */
    public static String people(Collection<?> added) {
        String out = added.stream().map(x -> (Fact) x).sorted()
                .map(f -> org.lvyue.api.fact.PersonalKind.NAME.mask(f.getAttributes().get("name")) + "（" + f.getAttributes().get("role") + "）").collect(Collectors.joining("、"));
        return out.isEmpty() ? "无" : out;
    }

    /** The period's fact first, then the records, sorted: the evidence of a finding. */
    public static List<String> ids(Fact first, Collection<?> records) {
        List<String> out = new ArrayList<>();
        out.add(first.getId());
        records.stream().map(x -> (Fact) x).sorted().forEach(f -> out.add(f.getId()));
        return out;
    }

    /** What a finding tells the reader about the obligation. */
    public static String describe(Obligation o) {
        return o.id() + "「" + o.title() + "」（" + o.clause() + "）";
    }
}
