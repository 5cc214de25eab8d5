package org.lvyue.core.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.lvyue.api.assessment.QuarterlyAssessment.DomainLine;
import org.lvyue.api.calendar.CalendarYearMissingException;
import org.lvyue.api.calendar.WorkingCalendar;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.dashboard.Dashboard;
import org.lvyue.api.dashboard.Dashboard.Deadline;
import org.lvyue.api.dashboard.Dashboard.DomainRate;
import org.lvyue.api.dashboard.Dashboard.MonthRate;
import org.lvyue.api.dashboard.Dashboard.Sla;
import org.lvyue.api.engine.ReportingPeriod;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.ledger.Ledger;
import org.lvyue.api.ledger.LedgerEntry;
import org.lvyue.api.spi.DashboardItems;
import org.lvyue.api.spi.DomainCatalogue;
import org.lvyue.api.spi.Frequency;
import org.lvyue.api.spi.Obligation;
import org.lvyue.api.spi.Obligation.Category;

/**
 * Builds a contract's dashboard from what is recorded, computing no violation itself: attainment
 * by domain and month the way the quarterly assessment counts it ({@link QuarterlyAssessor}), the
 * response SLA from the requests and late-response findings a catalogue declares, the money from the
 * ledger by its entries' categories, and the deadlines of the coming week from the catalogues' due rules
 * (and what they declare for the dashboard, {@link DashboardItems}) against the facts that would
 * discharge them. It names no domain, fact kind or obligation.
 */
final class Dashboards {
    /** Deadlines are shown from the day itself to this many days after it. */
    static final int DEADLINE_DAYS = 7;
    /** The domain of the general terms, whose rules hold the performance bond, and the fact that a bond came. */
    private static final String GENERAL_TERMS = "general-terms";
    private static final String BOND_RECEIVED = "bond.received";
    private static final String TERMINATION_NOTICE = "termination.notice";
    private static final String TERMINATION_CURED = "termination.cured";
    private static final Set<Frequency> PERIODIC = Set.of(Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.YEARLY);

    private Dashboards() {
    }

    /**
     * @param findings    every recorded finding, with its status on {@code asOf}
     * @param ledger      the ledger as of {@code asOf}
     * @param factsOfKind every stored fact of a kind
     */
    static Dashboard build(Contract c, LocalDate asOf, long ruleSetVersion, List<DomainCatalogue> catalogues,
                           List<FindingRecord> findings, Ledger ledger, Function<String, List<Fact>> factsOfKind) {
        LocalDate from = c.periodStart();
        LocalDate to = asOf.isBefore(c.periodEnd()) ? asOf : c.periodEnd();
        boolean started = !to.isBefore(from);

        List<DomainRate> byDomain = new ArrayList<>();
        if (started) {
            for (DomainLine l : QuarterlyAssessor.lines(c, from, to, asOf, catalogues, findings)) {
                byDomain.add(new DomainRate(l.domain(), l.title(), l.due(), l.met(), l.missed(), l.waived(), rate(l.met(), l.due())));
            }
        }
        List<MonthRate> byMonth = new ArrayList<>();
        if (started) {
            for (YearMonth m = YearMonth.from(from); !m.atDay(1).isAfter(to); m = m.plusMonths(1)) {
                LocalDate start = m.atDay(1).isBefore(from) ? from : m.atDay(1);
                LocalDate end = m.atEndOfMonth().isAfter(to) ? to : m.atEndOfMonth();
                int due = 0;
                int met = 0;
                int missed = 0;
                int waived = 0;
                for (DomainLine l : QuarterlyAssessor.lines(c, start, end, asOf, catalogues, findings)) {
                    due += l.due();
                    met += l.met();
                    missed += l.missed();
                    waived += l.waived();
                }
                byMonth.add(new MonthRate(m.toString(), due, met, missed, waived, rate(met, due)));
            }
        }
        Map<Severity, Integer> open = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            open.put(s, 0);
        }
        for (FindingRecord r : findings) {
            if (r.status() == FindingStatus.OPEN) {
                open.merge(r.finding().getSeverity(), 1, Integer::sum);
            }
        }
        return new Dashboard(c.id(), asOf, ruleSetVersion, byDomain, byMonth, open, money(ledger),
                sla(catalogues, findings, QuarterlyAssessor.requests(catalogues, (kind, f, t) -> factsOfKind.apply(kind), from, to),
                        from, to),
                deadlines(c, asOf, catalogues, factsOfKind));
    }

    private static Double rate(int part, int whole) {
        return whole == 0 ? null : Math.round(10_000.0 * part / whole) / 10_000.0;
    }

    static Dashboard.Money money(Ledger ledger) {
        BigDecimal penalties = BigDecimal.ZERO.setScale(2);
        BigDecimal interest = BigDecimal.ZERO.setScale(2);
        BigDecimal refunds = BigDecimal.ZERO.setScale(2);
        BigDecimal fees = BigDecimal.ZERO.setScale(2);
        for (Ledger.Line line : ledger.lines()) {
            if (line.waived()) {
                continue;
            }
            var e = line.entry();
            switch (e.getPayer()) {
                case SUPPLIER -> {
                    if (e.getCategory().isRefund()) {
                        refunds = refunds.add(e.getAmount());
                    } else {
                        penalties = penalties.add(e.getAmount());
                    }
                }
                case CLIENT -> {
                    if (e.getCategory() == LedgerEntry.Category.INTEREST) {
                        interest = interest.add(e.getAmount());
                    } else {
                        fees = fees.add(e.getAmount());
                    }
                }
                // the ledger's own total: owed by a third party, in none of the figures between 甲方 and 乙方
                case NEW_SUPPLIER -> {
                }
                default -> throw new IllegalStateException("no dashboard figure for payer " + e.getPayer());
            }
        }
        return new Dashboard.Money(penalties, interest, refunds, fees, ledger.waived(), ledger.net(), ledger.newSupplierOwes(),
                "CNY");
    }

    static Sla sla(List<DomainCatalogue> catalogues, List<FindingRecord> findings, List<Fact> requests, LocalDate from,
                   LocalDate to) {
        int tickets = (int) requests.stream().filter(r -> !r.getDate().isBefore(from) && !r.getDate().isAfter(to)).count();
        QuarterlyAssessor.LateRequests late = QuarterlyAssessor.lateRequests(catalogues, findings, from, to);
        Set<String> missed = new HashSet<>(late.phone());
        missed.addAll(late.onsite());
        int m = Math.min(tickets, missed.size());
        return new Sla(tickets, tickets - m, m, rate(tickets - m, tickets));
    }

    /**
     * What falls due from {@code asOf} to {@code DEADLINE_DAYS} days after it and is not done by then,
     * by date. Only facts dated on or before {@code asOf} count: a report submitted later was not yet
     * there on the day, and an event after it had not happened.
     */
    static List<Deadline> deadlines(Contract c, LocalDate asOf, List<DomainCatalogue> catalogues,
                                    Function<String, List<Fact>> allFactsOfKind) {
        return deadlines(c, asOf, asOf.plusDays(DEADLINE_DAYS), catalogues, allFactsOfKind);
    }

    /**
     * What falls due from {@code asOf} to {@code until} and is not done by {@code asOf}, by date: the dashboard's
     * week, or the notifications' longer look ahead ({@link DeadlineNotices}).
     */
    static List<Deadline> deadlines(Contract c, LocalDate asOf, LocalDate until, List<DomainCatalogue> catalogues,
                                    Function<String, List<Fact>> allFactsOfKind) {
        Map<String, List<Fact>> known = new java.util.HashMap<>();
        Function<String, List<Fact>> factsOfKind = kind -> known.computeIfAbsent(kind,
                k -> allFactsOfKind.apply(k).stream().filter(f -> !f.getDate().isAfter(asOf)).toList());
        List<ReportingPeriod> periods = ReportingPeriod.of(c).stream()
                .filter(p -> PERIODIC.contains(p.frequency())).toList();
        List<Deadline> out = new ArrayList<>();
        for (DomainCatalogue cat : catalogues) {
            for (Obligation o : cat.obligations()) {
                try {
                    if (o.category() == Category.DELIVERABLE && o.frequency() != Frequency.PER_EVENT) {
                        periodicDeliverable(o, periods, asOf, until, factsOfKind, out);
                    } else if ((o.category() == Category.DELIVERABLE || o.category() == Category.CHECK)
                            && o.frequency() == Frequency.PER_EVENT && o.due().anchorKind() != null) {
                        answer(o, asOf, until, factsOfKind, out);
                    } else if (o.category() == Category.TASK && PERIODIC.contains(o.frequency())) {
                        task(o, periods, asOf, until, factsOfKind, out);
                    } else if (o.category() == null && cat.dashboard().ownRulesDeadline() != null
                            && PERIODIC.contains(o.frequency())) {
                        ownRules(o, cat.dashboard().ownRulesDeadline(), periods, asOf, until, factsOfKind, out);
                    }
                } catch (CalendarYearMissingException e) {
                    // a deadline the working-day calendar cannot place is not shown rather than guessed
                }
            }
            if (cat.assessment().verdictKind() != null) {
                assessments(cat.domain(), cat.assessment().verdictKind(), periods, asOf, until, factsOfKind, out);
            }
            for (DashboardItems.Expiry e : cat.dashboard().expiries()) {
                expiries(e, asOf, until, factsOfKind, out);
            }
            if (cat.domain().equals(GENERAL_TERMS)) {
                bond(c, asOf, until, factsOfKind, out);
                curePeriods(c, asOf, until, factsOfKind, out);
            }
        }
        out.sort(Comparator.comparing(Deadline::date).thenComparing(Deadline::kind).thenComparing(Deadline::title)
                .thenComparing(Deadline::ref));
        return out;
    }

    private static boolean within(LocalDate d, LocalDate asOf, LocalDate until) {
        return !d.isBefore(asOf) && !d.isAfter(until);
    }

    /** When an obligation falls due after {@code from}, by its due rule: as the standard rules read it. */
    static LocalDate dueAfter(Obligation o, LocalDate from) {
        Obligation.DueRule due = o.due();
        if (due.offsetDays() == 0 || due.before()) {
            return from;
        }
        return due.workingDays() ? WorkingCalendar.china().plusWorkingDays(from, due.offsetDays()) : from.plusDays(due.offsetDays());
    }

    private static boolean evidenced(Fact f, Obligation o) {
        return f.getKind().equals(o.evidenceKind()) && (o.evidenceSubject() == null || o.evidenceSubject().equals(f.getSubject()))
                && !"rejected".equals(f.getStatus());
    }

    private static void periodicDeliverable(Obligation o, List<ReportingPeriod> periods, LocalDate asOf, LocalDate until,
                                            Function<String, List<Fact>> factsOfKind, List<Deadline> out) {
        for (ReportingPeriod p : periods) {
            if (p.frequency() != o.frequency()) {
                continue;
            }
            LocalDate due = dueAfter(o, p.end());
            if (within(due, asOf, until) && factsOfKind.apply(o.evidenceKind()).stream()
                    .noneMatch(f -> evidenced(f, o) && p.label().equals(f.attr("period")))) {
                out.add(new Deadline(due, "report", p.label() + " " + o.title(), o.domain(), o.id()));
            }
        }
    }

    private static void answer(Obligation o, LocalDate asOf, LocalDate until, Function<String, List<Fact>> factsOfKind,
                               List<Deadline> out) {
        String anchorSubject = o.due().anchorSubject();
        for (Fact a : factsOfKind.apply(o.due().anchorKind())) {
            if (anchorSubject != null && !anchorSubject.equals(a.getSubject()) || a.getDate().isAfter(until)) {
                continue;
            }
            LocalDate due = dueAfter(o, a.getDate());
            if (within(due, asOf, until) && factsOfKind.apply(o.evidenceKind()).stream()
                    .noneMatch(f -> evidenced(f, o) && a.getId().equals(f.attr("event")))) {
                out.add(new Deadline(due, o.category() == Category.DELIVERABLE ? "report" : "other",
                        o.title() + "（事件 " + a.getId() + "，" + a.getDate() + "）", o.domain(), o.id() + "/" + a.getId()));
            }
        }
    }

    private static void task(Obligation o, List<ReportingPeriod> periods, LocalDate asOf, LocalDate until,
                             Function<String, List<Fact>> factsOfKind, List<Deadline> out) {
        for (ReportingPeriod p : periods) {
            if (p.frequency() == o.frequency() && within(p.end(), asOf, until) && factsOfKind.apply(o.evidenceKind()).stream()
                    .noneMatch(f -> evidenced(f, o) && p.contains(f.getDate()))) {
                out.add(new Deadline(p.end(), "other", p.label() + " 待完成：" + o.title(), o.domain(), o.id()));
            }
        }
    }

    /**
     * An obligation held by its domain's own rules, reminded as the domain declares: by its period's end, or
     * by its offset after the period's first anchor fact when sooner (the drill of the year, and each drill
     * document after the year's first drill, as the emergency-drill rules read the catalogue).
     */
    private static void ownRules(Obligation o, String kind, List<ReportingPeriod> periods, LocalDate asOf, LocalDate until,
                              Function<String, List<Fact>> factsOfKind, List<Deadline> out) {
        for (ReportingPeriod p : periods) {
            if (p.frequency() != o.frequency()) {
                continue;
            }
            LocalDate due = p.end();
            if (o.due().anchorKind() != null) {
                LocalDate first = factsOfKind.apply(o.due().anchorKind()).stream().map(Fact::getDate).filter(p::contains)
                        .min(Comparator.naturalOrder()).orElse(null);
                if (first != null && first.plusDays(o.due().offsetDays()).isBefore(due)) {
                    due = first.plusDays(o.due().offsetDays());
                }
            }
            if (within(due, asOf, until) && factsOfKind.apply(o.evidenceKind()).stream()
                    .noneMatch(f -> evidenced(f, o) && p.contains(f.getDate()))) {
                out.add(new Deadline(due, kind, p.label() + " " + o.title(), o.domain(), o.id()));
            }
        }
    }

    /** 一般条款 五: the performance bond, due the N-th working day after signing, until one is received. */
    private static void bond(Contract c, LocalDate asOf, LocalDate until, Function<String, List<Fact>> factsOfKind,
                             List<Deadline> out) {
        ContractLint.bondDue(c, WorkingCalendar.china()).filter(d -> within(d, asOf, until))
                .filter(d -> factsOfKind.apply(BOND_RECEIVED).isEmpty())
                .ifPresent(d -> out.add(new Deadline(d, "other", "乙方提交履约保函（合同总价款的 "
                        + c.term("performanceBond").map(t -> t.decimal("rate").movePointRight(2).stripTrailingZeros()
                        .toPlainString() + "%").orElse("?") + "）", GENERAL_TERMS, "terms.bond")));
    }

    /**
     * 一般条款 十四.2: the cure period a written notice opens ({@code termination.notice}), {@code cureDays} calendar days
     * as the civil code counts them, as the termination rules read it; reminded until it ends or the notice is cured
     * ({@code termination.cured} naming it). Who may terminate after it is the rules' business; the day is both parties'.
     */
    private static void curePeriods(Contract c, LocalDate asOf, LocalDate until, Function<String, List<Fact>> factsOfKind,
                                    List<Deadline> out) {
        java.util.Optional<org.lvyue.api.contract.Term> term = c.term("termination");
        if (term.isEmpty()) {
            return;
        }
        int days = term.get().integer("cureDays");
        for (Fact notice : factsOfKind.apply(TERMINATION_NOTICE)) {
            LocalDate end = WorkingCalendar.china().days(notice.getDate(), days).end();
            boolean cured = factsOfKind.apply(TERMINATION_CURED).stream().anyMatch(f -> notice.getId().equals(f.getSubject()));
            if (within(end, asOf, until) && !cured) {
                String by = "client".equals(notice.getSubject()) ? "甲方" : "乙方";
                out.add(new Deadline(end, "other", by + " " + notice.getDate() + " 通知的纠正期届满（" + days + " 日）",
                        GENERAL_TERMS, "termination/" + notice.getId()));
            }
        }
    }

    /** The quarterly assessment (季度考核) of a quarter that ends in the window and has no verdict yet. */
    private static void assessments(String domain, String verdictKind, List<ReportingPeriod> periods, LocalDate asOf,
                                    LocalDate until, Function<String, List<Fact>> factsOfKind, List<Deadline> out) {
        for (ReportingPeriod q : periods) {
            if (q.frequency() == Frequency.QUARTERLY && within(q.end(), asOf, until)
                    && factsOfKind.apply(verdictKind).stream().noneMatch(f -> q.label().equals(f.getSubject()))) {
                out.add(new Deadline(q.end(), "assessment", q.label() + " 季度运维服务质量考核（季度结束，待评估方结论）", domain,
                        q.label()));
            }
        }
    }

    /**
     * Facts whose validity ends in the window and that are not revoked, as their domain declares
     * (certificates: servers and CAs one by one, users' certificates counted per day).
     */
    private static void expiries(DashboardItems.Expiry e, LocalDate asOf, LocalDate until,
                                 Function<String, List<Fact>> factsOfKind, List<Deadline> out) {
        Set<String> revoked = new HashSet<>();
        if (e.revokedKind() != null) {
            factsOfKind.apply(e.revokedKind()).forEach(r -> revoked.add(r.getSubject()));
        }
        Map<LocalDate, List<Fact>> counted = new TreeMap<>();
        for (Fact f : factsOfKind.apply(e.kind())) {
            String until0 = f.attr(e.until());
            if (until0 == null || until0.length() < 10 || revoked.contains(f.getSubject())) {
                continue;
            }
            LocalDate day;
            try {
                day = LocalDate.parse(until0.substring(0, 10));
            } catch (java.time.format.DateTimeParseException x) {
                continue;
            }
            if (!within(day, asOf, until)) {
                continue;
            }
            String by = e.by() == null ? null : f.attr(e.by());
            if (e.counted() != null && (by == null || e.counted().equals(by))) {
                counted.computeIfAbsent(day, d -> new ArrayList<>()).add(f);
            } else {
                out.add(new Deadline(day, e.deadlineKind(), e.title(by) + f.attr(e.name()), f.getDomain(), f.getId()));
            }
        }
        counted.forEach((day, facts) -> out.add(facts.size() == 1
                ? new Deadline(day, e.deadlineKind(), e.title(e.counted()) + facts.get(0).attr(e.name()), facts.get(0).getDomain(),
                        facts.get(0).getId())
                : new Deadline(day, e.deadlineKind(), e.countTitle().replace("{n}", String.valueOf(facts.size())),
                        facts.get(0).getDomain(), e.countRef() + "/" + day)));
    }
}
