package org.lvyue.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.lvyue.api.calendar.CalendarYearMissingException;
import org.lvyue.api.calendar.Deadline;
import org.lvyue.api.calendar.Holiday;
import org.lvyue.api.calendar.WorkingCalendar;
import org.lvyue.api.spi.Frequency;
import org.lvyue.api.spi.PeriodLabels;

/**
 * Builds the facts of the demo year and the violations injected into it. Periodic duties come from the
 * catalogues (each CHECK and TASK on a working day of each of its periods, per system; each DELIVERABLE after
 * its period, reviewed; each 特殊时期 check around each official holiday and on every day of each declared special
 * period; the people added for each declared special period); each per-event duty answered by the record naming its
 * event (a requirement's signed feasibility report, a configuration change's signed 调整数据单, the plan revised after
 * the drill); the rest (people, tickets, keys, devices, certificates' bindings, drill, money) is built per domain
 * from the contract's terms. Normal records meet every obligation; only the injected violations break one.
 */
final class YearBuilder {
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String TONGZHOU_FALLBACK = "通州城市副中心办公区";
    private static final String HEAD_OFFICE = "公司本部（海淀区枫蓝国际）";
    private static final String[] ABNORMAL_NOTES = {"服务响应超时，重启服务后恢复", "日志目录可用空间低于 10%，已清理", "数据库连接数异常升高",
            "CPU 使用率持续高于 90%", "备份任务执行失败，已手动重做", "接口调用返回错误码 500"};
    private static final Map<String, List<String>> INSPECTORS = Map.of(
            "identity-auth", List.of("staff.security-ops"), "data-encryption", List.of("staff.data-security", "staff.security-ops"),
            "key-management", List.of("staff.security-ops"), "security-verification", List.of("staff.security-ops"),
            "security-audit", List.of("staff.security-ops"), "certificates", List.of("staff.certificate"),
            "user-management", List.of("staff.certificate", "staff.flex"), "permission-management", List.of("staff.flex"),
            "network-security", List.of("staff.network"));

    final long seed;
    final double scale;
    final LocalDate from;
    final LocalDate to;
    final Catalogues cat;
    final ContractTerms terms;
    final WorkingCalendar cal = WorkingCalendar.china();
    final FactSink facts;
    private final List<Draft> violations = new ArrayList<>();
    /** duty id @ period label: the day a periodic duty is done, when another part of the year fixes it. */
    private final Map<String, LocalDate> fixedDay = new HashMap<>();
    /** duty id @ day: checks left out (injected misses). */
    private final Map<String, Draft> skipped = new HashMap<>();
    /** duty id @ month: no random abnormal result (the month of the abnormal check left without a fault record). */
    private final Set<String> calmMonths = new HashSet<>();
    /** duty id @ day @ system index: the injected abnormal check without a fault record. */
    private final Map<String, Draft> abnormalWithoutFault = new HashMap<>();
    private final Map<String, String> deliverablePlan = new HashMap<>();
    /** 一般条款 八.3's monthly work summary, whose submissions the client's reviews answer. */
    static final String MONTHLY_SUMMARY = "terms.monthly-summary";
    private final Map<String, Draft> deliverableDrafts = new HashMap<>();
    private final List<Person> roster = new ArrayList<>();
    private final List<Special> specials = new ArrayList<>();
    private String onSiteAt = TONGZHOU_FALLBACK;
    private LocalDate serversIssued;
    private LocalDate drillDay;
    private String drillId;

    /** A violation before its id is given (ids follow the date order once all are known). */
    static final class Draft {
        String clause;
        String domain;
        LocalDate date;
        String description;
        List<String> factIds = new ArrayList<>();
        String rule;
        final List<String[]> missing = new ArrayList<>(); // kind, subject, period (null: any)
    }

    record Person(String id, String name, String role, int years, LocalDate joined, LocalDate left, boolean onSiteRole) {
        boolean onRoster(LocalDate day) {
            return !joined.isAfter(day) && (left == null || !left.isBefore(day));
        }
    }

    record Special(String id, String name, LocalDate start, LocalDate until) {
    }

    YearBuilder(DemoOptions o, Catalogues cat, ContractTerms terms) {
        this.seed = o.seed();
        this.scale = o.scale();
        this.from = o.from();
        this.to = o.to();
        this.cat = cat;
        this.terms = terms;
        this.facts = new FactSink(cat, to);
    }

    // ------------------------------------------------------------------ calendar

    boolean working(LocalDate d) {
        try {
            return cal.isWorkingDay(d);
        } catch (CalendarYearMissingException e) {
            // only days before the official calendar's first year (2022) reach here; the demo never posts them
            return d.getDayOfWeek().getValue() <= 5;
        }
    }

    LocalDate nextWorking(LocalDate d) {
        LocalDate x = d.plusDays(1);
        while (!working(x)) {
            x = x.plusDays(1);
        }
        return x;
    }

    LocalDate plusWorking(LocalDate d, int n) {
        LocalDate x = d;
        for (int i = 0; i < n; i++) {
            x = nextWorking(x);
        }
        return x;
    }

    LocalDate prevWorking(LocalDate d) {
        LocalDate x = d.minusDays(1);
        while (!working(x)) {
            x = x.minusDays(1);
        }
        return x;
    }

    /** The day itself if working, else the next working day. */
    LocalDate onOrAfterWorking(LocalDate d) {
        return working(d) ? d : nextWorking(d);
    }

    List<LocalDate> workingDays(LocalDate a, LocalDate b) {
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d = a.isBefore(from) ? from : a; !d.isAfter(b) && !d.isAfter(to); d = d.plusDays(1)) {
            if (working(d)) {
                out.add(d);
            }
        }
        return out;
    }

    boolean inRange(LocalDate d) {
        return !d.isBefore(from) && !d.isAfter(to);
    }

    /** A period's label to its working days within the range, in order. */
    private Map<String, List<LocalDate>> periods(String frequency) {
        Frequency f = Frequency.valueOf(frequency);
        Map<String, List<LocalDate>> out = new LinkedHashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (working(d)) {
                out.computeIfAbsent(PeriodLabels.of(f, d), k -> new ArrayList<>()).add(d);
            }
        }
        return out;
    }

    /** The first and last day of the period a label names. */
    static LocalDate[] bounds(String frequency, String label) {
        return switch (frequency) {
            case "DAILY" -> new LocalDate[]{LocalDate.parse(label), LocalDate.parse(label)};
            case "WEEKLY" -> {
                int year = Integer.parseInt(label.substring(0, 4));
                int week = Integer.parseInt(label.substring(6));
                LocalDate monday = LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(DayOfWeek.MONDAY);
                yield new LocalDate[]{monday, monday.plusDays(6)};
            }
            case "MONTHLY" -> {
                YearMonth m = YearMonth.parse(label);
                yield new LocalDate[]{m.atDay(1), m.atEndOfMonth()};
            }
            case "QUARTERLY" -> {
                int year = Integer.parseInt(label.substring(0, 4));
                int q = Integer.parseInt(label.substring(6));
                LocalDate start = LocalDate.of(year, (q - 1) * 3 + 1, 1);
                yield new LocalDate[]{start, start.plusMonths(3).minusDays(1)};
            }
            case "YEARLY" -> new LocalDate[]{LocalDate.of(Integer.parseInt(label), 1, 1), LocalDate.of(Integer.parseInt(label), 12, 31)};
            default -> throw new IllegalArgumentException(frequency);
        };
    }

    /** Whether a period is wholly within the range (daily and weekly duties are done in partial periods too). */
    private boolean whole(String frequency, String label) {
        if (frequency.equals("DAILY") || frequency.equals("WEEKLY")) {
            return true;
        }
        LocalDate[] b = bounds(frequency, label);
        return !b[0].isBefore(from) && !b[1].isAfter(to);
    }

    static String periodName(String label) {
        if (label.matches("\\d{4}-\\d{2}")) {
            return label.substring(0, 4) + " 年 " + Integer.parseInt(label.substring(5)) + " 月";
        }
        if (label.matches("\\d{4}-Q\\d")) {
            return label.substring(0, 4) + " 年第 " + label.substring(6) + " 季度";
        }
        return label;
    }

    // ------------------------------------------------------------------ violations

    Draft violation(String clause, String domain, LocalDate date, String description, String rule, String... factIds) {
        Draft d = new Draft();
        d.clause = clause;
        d.domain = domain;
        d.date = date;
        d.description = description;
        d.rule = rule;
        d.factIds.addAll(List.of(factIds));
        violations.add(d);
        return d;
    }

    /** Ids V01... in date order, and the absences each missing record leaves. */
    void finish(List<InjectedViolation> out, List<MissingFact> missing) {
        List<Draft> kept = new ArrayList<>();
        for (Draft d : violations) {
            if (d.factIds.stream().allMatch(id -> id != null) && inRange(d.date)) {
                kept.add(d);
            }
        }
        kept.sort(Comparator.comparing((Draft d) -> d.date).thenComparing(d -> d.description));
        for (int i = 0; i < kept.size(); i++) {
            Draft d = kept.get(i);
            String id = String.format(java.util.Locale.ROOT, "V%02d", i + 1);
            out.add(new InjectedViolation(id, d.clause, d.domain, d.date, d.description, d.factIds, d.rule));
            for (String[] m : d.missing) {
                missing.add(new MissingFact(id, m[0], m[1], m[2]));
            }
        }
    }

    // ------------------------------------------------------------------ the plan of the injected violations

    /** Chooses where the injected misses fall, before the records that avoid them are made. */
    void plan() {
        Rng r = Rng.of(seed, "plan");
        // three daily checks not done on one working day each (all systems)
        String[][] misses = {{"identity-auth", "2022-03"}, {"data-encryption", "2022-07"}, {"security-audit", "2022-11"}};
        for (String[] m : misses) {
            List<Catalogues.Duty> daily = cat.duties().stream().filter(d -> d.domain().equals(m[0]) && d.is("CHECK")
                    && d.frequency().equals("DAILY")).toList();
            List<LocalDate> days = workingDays(YearMonth.parse(m[1]).atDay(5), YearMonth.parse(m[1]).atDay(25));
            if (daily.isEmpty() || days.isEmpty()) {
                continue;
            }
            Catalogues.Duty d = r.pick(daily);
            LocalDate day = r.pick(days);
            Draft v = violation(d.clause(), d.domain(), day, day + " 未执行每日检查 " + d.id() + "「" + d.title() + "」：主、备系统均无巡检记录",
                    "附件三 每日检查：当月未执行的日子");
            v.missing.add(new String[]{d.evidenceKind(), d.evidenceSubject(), day.toString()});
            skipped.put(d.id() + "@" + day, v);
        }
        // an abnormal check without a fault record by the next working day
        List<Catalogues.Duty> certChecks = cat.duties().stream().filter(d -> d.domain().equals("certificates") && d.is("CHECK")
                && d.frequency().equals("DAILY") && d.followUpKind() != null).toList();
        List<LocalDate> october = workingDays(LocalDate.of(2022, 10, 10), LocalDate.of(2022, 10, 28));
        if (!certChecks.isEmpty() && !october.isEmpty()) {
            Catalogues.Duty d = r.pick(certChecks);
            LocalDate day = r.pick(october);
            Draft v = violation(d.clause(), d.domain(), day, day + " 检查 " + d.id() + "「" + d.title() + "」结果异常（主系统），"
                    + "至次一工作日未形成故障记录", "附件三 检查发现异常：未形成故障记录");
            v.missing.add(new String[]{d.followUpKind(), d.id(), day.toString()});
            v.missing.add(new String[]{d.followUpKind(), d.id(), nextWorking(day).toString()});
            abnormalWithoutFault.put(d.id() + "@" + day + "@1", v);
            calmMonths.add(d.id() + "@" + PeriodLabels.month(day));
            calmMonths.add(d.id() + "@" + PeriodLabels.month(nextWorking(day)));
        }
        // reports: one late, one rejected and never resubmitted, three rejected and resubmitted (not violations)
        List<Catalogues.Duty> monthly = cat.duties().stream().filter(d -> d.is("DELIVERABLE") && d.frequency().equals("MONTHLY")).toList();
        Catalogues.Duty late = monthly.stream().filter(d -> d.domain().equals("security-audit")).findFirst().orElse(monthly.get(0));
        deliverablePlan.put(late.id() + "@" + String.format(java.util.Locale.ROOT, "2022-%02d", r.between(4, 8)), "late");
        Catalogues.Duty rejected = monthly.stream().filter(d -> d.domain().equals("user-management")).findFirst().orElse(monthly.get(1));
        deliverablePlan.put(rejected.id() + "@" + String.format(java.util.Locale.ROOT, "2022-%02d", r.between(9, 10)), "rejected");
        List<Catalogues.Duty> annexMonthly = monthly.stream().filter(d -> !d.domain().equals("general-terms")).toList();
        for (int i = 0; i < 3; i++) {
            String key = r.pick(annexMonthly).id() + "@" + String.format(java.util.Locale.ROOT, "2022-%02d", r.between(1, 9));
            deliverablePlan.putIfAbsent(key, "resubmitted");
        }
        // 一般条款 八.3: the written summary of the third quarter submitted late
        if (cat.duties().stream().anyMatch(d -> d.id().equals("terms.quarterly-summary"))) {
            deliverablePlan.put("terms.quarterly-summary@2022-Q3", "late");
        }
    }

    // ------------------------------------------------------------------ staffing (附件二 7)

    void roster() {
        Rng r = Rng.of(seed, "roster");
        Set<String> names = new HashSet<>();
        int n = 0;
        LocalDate joined = from.isAfter(terms.periodStart) ? from : terms.periodStart;
        for (Catalogues.Duty role : cat.duties()) {
            if (!role.domain().equals("staffing") || !role.is("ROLE")) {
                continue;
            }
            if (role.params().containsKey("onSiteAt")) {
                onSiteAt = role.params().get("onSiteAt");
            }
            int minYears = Integer.parseInt(role.params().getOrDefault("minYears", "1"));
            for (int i = 0; i < role.count(); i++) {
                String name;
                do {
                    name = Names.person(r);
                } while (!names.add(name));
                int years = role.params().containsKey("minYears") ? minYears + r.between(1, 6) : r.between(2, 9);
                roster.add(new Person(String.format(java.util.Locale.ROOT, "P%02d", ++n), name, role.id(), years, joined, null,
                        role.params().containsKey("onSite")));
            }
        }
    }

    /**
     * Roster facts, daily attendance (on site at Tongzhou for the on-site roles) and two late replacements: one asked in
     * June and done three days after its seven, one asked on 2022-04-27 whose seventh day falls in 劳动节, due 05-05 by
     * the civil code and done on 05-06.
     */
    void staffing() {
        Rng r = Rng.of(seed, "staffing");
        // 一般条款 六.1(2): the client asks to replace one person of a role without on-site duty; done after 10 days
        Person old = roster.stream().filter(p -> !p.onSiteRole() && roster.stream().filter(q -> q.role().equals(p.role())).count() > 1)
                .findFirst().orElse(roster.get(roster.size() - 1));
        List<LocalDate> june = workingDays(LocalDate.of(2022, 6, 1), LocalDate.of(2022, 6, 15));
        int days = terms.integer("staffReplacement", "days");
        if (!june.isEmpty()) {
            LocalDate asked = r.pick(june);
            replace(old, asked, onOrAfterWorking(asked.plusDays(days + 3)), "RR-" + asked.getYear() + "-01", r);
        }
        LocalDate labourDay = LocalDate.of(2022, 4, 27);
        Person second = roster.stream().filter(p -> !p.onSiteRole() && p.left() == null && !p.role().equals(old.role())
                && roster.stream().filter(q -> q.role().equals(p.role())).count() > 1).findFirst().orElse(null);
        if (second != null && inRange(labourDay)) {
            Deadline due = WorkingCalendar.china().days(labourDay, days);
            replace(second, labourDay, due.dayAfter(), "RR-2022-02", Rng.of(seed, "staffing/labour-day"));
        }
        for (Person p : roster) {
            facts.fact("staff:" + p.id(), "staff.member", p.joined()).subject(p.id()).attr("name", p.name()).attr("role", p.role())
                    .attr("years", p.years()).attr("left", p.left()).add();
        }
        Map<String, List<Person>> byRole = new LinkedHashMap<>();
        roster.forEach(p -> byRole.computeIfAbsent(p.role(), k -> new ArrayList<>()).add(p));
        for (LocalDate d : workingDays(from, to)) {
            Rng day = Rng.of(seed, "attendance/" + d);
            for (List<Person> members : byRole.values()) {
                List<Person> on = members.stream().filter(p -> p.onRoster(d)).toList();
                boolean[] absent = new boolean[on.size()];
                for (int i = 0; i < on.size(); i++) {
                    absent[i] = day.chance(0.02);
                }
                boolean onSiteRole = !on.isEmpty() && on.get(0).onSiteRole();
                if (onSiteRole && allTrue(absent)) {
                    absent[day.nextInt(absent.length)] = false; // someone of the role is always on site
                }
                for (int i = 0; i < on.size(); i++) {
                    Person p = on.get(i);
                    String site = p.onSiteRole() || !p.role().equals("staff.flex") && day.chance(0.6) ? onSiteAt : HEAD_OFFICE;
                    facts.fact("att:" + p.id() + ":" + COMPACT.format(d), "staff.attendance", d).subject(p.id())
                            .status(absent[i] ? "absent" : "present").attr("site", site).add();
                }
            }
        }
    }

    /** 一般条款 六.1(2): the client's request to replace {@code old}, and the replacement done on {@code replaced}, late. */
    private void replace(Person old, LocalDate asked, LocalDate replaced, String ticket, Rng r) {
        int days = terms.integer("staffReplacement", "days");
        int i = roster.indexOf(old);
        roster.set(i, new Person(old.id(), old.name(), old.role(), old.years(), old.joined(), replaced.minusDays(1), old.onSiteRole()));
        Set<String> names = new HashSet<>();
        roster.forEach(p -> names.add(p.name()));
        String newName = Names.person(r);
        while (names.contains(newName)) {
            newName = Names.person(r);
        }
        roster.add(new Person(String.format(java.util.Locale.ROOT, "P%02d", roster.size() + 1), newName, old.role(), old.years() + 1,
                replaced, null, false));
        String requestId = facts.fact("staff:" + ticket, "staff.replacement-request", asked).subject(ticket)
                .attr("person", old.name()).attr("reason", "甲方认为该人员对业务系统不熟悉，书面要求更换").add();
        String replacedId = facts.fact("staff:" + ticket + ":done", "staff.replaced", replaced).subject(ticket)
                .attr("newPerson", newName).add();
        Deadline due = WorkingCalendar.china().days(asked, days);
        violation(terms.text("staffReplacement", "clause"), "general-terms", replaced, "甲方 " + asked + " 要求更换服务人员 "
                        + old.name() + "，乙方 " + replaced + " 才完成更换（约定 " + days + " 日内，" + due.describe() + "），逾期 "
                        + due.daysLate(replaced) + " 天",
                "一般条款六.1(2) 更换服务人员：超过 7 日才完成", requestId, replacedId);
    }

    private static boolean allTrue(boolean[] b) {
        for (boolean x : b) {
            if (!x) {
                return false;
            }
        }
        return true;
    }

    /** Who of the domain's roles does its checks on a day. */
    String inspector(String domain, LocalDate day, Rng r) {
        List<String> roles = INSPECTORS.getOrDefault(domain, List.of());
        List<Person> on = roster.stream().filter(p -> roles.contains(p.role()) && p.onRoster(day)).toList();
        if (on.isEmpty()) {
            on = roster.stream().filter(p -> p.onRoster(day)).toList();
        }
        return on.isEmpty() ? "值班工程师" : on.get(r.nextInt(on.size())).name();
    }

    List<String> engineers(LocalDate day) {
        List<String> out = roster.stream().filter(p -> (p.role().equals("staff.support") || p.role().equals("staff.certificate"))
                && p.onRoster(day)).map(Person::name).toList();
        return out.isEmpty() ? List.of("值班工程师") : out;
    }

    // ------------------------------------------------------------------ inspections (附件三 x.x.1, x.x.5) and periodic tasks

    void periodicChecksAndTasks() {
        restWeeks();
        Map<String, Map<String, List<LocalDate>>> byFrequency = new HashMap<>();
        for (Catalogues.Duty d : cat.duties()) {
            if (!(d.is("CHECK") || d.is("TASK")) || !d.periodic()) {
                continue;
            }
            Map<String, List<LocalDate>> periods = byFrequency.computeIfAbsent(d.frequency(), this::periods);
            for (Map.Entry<String, List<LocalDate>> p : periods.entrySet()) {
                if (!whole(d.frequency(), p.getKey())) {
                    continue;
                }
                LocalDate day = fixedDay.getOrDefault(d.id() + "@" + p.getKey(), choose(d, p.getKey(), p.getValue()));
                if (day == null || skipped.containsKey(d.id() + "@" + day)) {
                    continue;
                }
                record(d, day);
            }
        }
    }

    /**
     * The weekly duties of weeks without a working day (春节, the first days of the year): read as next-working-day
     * (checks.weeklyInRestWeek), the following week's record falls on the first working day after the rest week, which
     * answers both weeks; read literally (in-the-week), the duty is done on the week's first day in range.
     */
    private void restWeeks() {
        boolean moved = terms.interpretation("checks.weeklyInRestWeek", "in-the-week").equals("next-working-day");
        Set<String> withWork = periods("WEEKLY").keySet();
        Set<String> rest = new LinkedHashSet<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            String week = PeriodLabels.week(d);
            if (!withWork.contains(week)) {
                rest.add(week);
            }
        }
        for (Catalogues.Duty d : cat.duties()) {
            if (!(d.is("CHECK") || d.is("TASK")) || !d.frequency().equals("WEEKLY")) {
                continue;
            }
            for (String week : rest) {
                LocalDate[] b = bounds("WEEKLY", week);
                if (moved) {
                    LocalDate by = nextWorking(b[1]);
                    if (inRange(by)) {
                        fixedDay.putIfAbsent(d.id() + "@" + PeriodLabels.week(by), by);
                    }
                } else {
                    record(d, b[0].isBefore(from) ? from : b[0]);
                }
            }
        }
    }

    /** When in its period a duty is done: daily on the day, weekly any working day (a Saturday job on the Saturday), ... */
    private LocalDate choose(Catalogues.Duty d, String label, List<LocalDate> days) {
        Rng r = Rng.of(seed, "when/" + d.id() + "/" + label);
        return switch (d.frequency()) {
            case "DAILY" -> days.get(0);
            case "WEEKLY" -> {
                LocalDate saturday = bounds("WEEKLY", label)[0].plusDays(5);
                yield d.title().contains("周六") && inRange(saturday) ? saturday : r.pick(days);
            }
            case "MONTHLY" -> days.get(Math.max(0, days.size() - 1 - r.nextInt(Math.min(8, days.size()))));
            case "QUARTERLY" -> days.get(Math.max(0, days.size() - 1 - r.nextInt(Math.min(15, days.size()))));
            case "YEARLY" -> {
                List<LocalDate> mid = days.stream().filter(x -> x.getMonthValue() >= 5 && x.getMonthValue() <= 11).toList();
                yield r.pick(mid.isEmpty() ? days : mid);
            }
            default -> null;
        };
    }

    /** The records of one duty done on one day: a check per system (with a fault record after an abnormal result), or a task. */
    void record(Catalogues.Duty d, LocalDate day) {
        String base = d.id() + ":" + COMPACT.format(day);
        Rng r = Rng.of(seed, "record/" + base);
        if (d.is("TASK")) {
            facts.fact(base, d.evidenceKind(), day).subject(d.evidenceSubject())
                    .attr("note", inspector(d.domain(), day, r) + "完成：" + d.title()).add();
            return;
        }
        String inspector = inspector(d.domain(), day, r);
        String[] systems = d.domain().equals("network-security") ? new String[]{"互联网", "政务外网"} : new String[]{"主", "备"};
        boolean calm = calmMonths.contains(d.id() + "@" + PeriodLabels.month(day));
        for (int i = 0; i < systems.length; i++) {
            String id = base + ":" + (i + 1);
            Draft injected = abnormalWithoutFault.get(d.id() + "@" + day + "@" + (i + 1));
            boolean abnormal = injected != null || !calm && r.chance(1.0 / 600);
            String note = abnormal ? ABNORMAL_NOTES[r.nextInt(ABNORMAL_NOTES.length)] : null;
            facts.fact(id, d.evidenceKind(), day).subject(d.evidenceSubject()).status(abnormal ? "abnormal" : "normal")
                    .attr("inspector", inspector).attr("system", systems[i]).attr("note", note).add();
            if (injected != null) {
                injected.factIds.add(id);
            } else if (abnormal && d.followUpKind() != null) {
                String title = d.title().length() > 24 ? d.title().substring(0, 24) + "…" : d.title();
                facts.fact("fault:" + id, d.followUpKind(), day).subject(d.id()).status("reported")
                        .attr("description", systems[i] + "系统 " + title + "：" + note).add();
                facts.fact("fault:" + id + ":resolved", d.followUpKind(), nextWorking(day)).subject(d.id()).status("resolved")
                        .attr("description", systems[i] + "系统 " + title + "：已排查处理，恢复正常").add();
                if (cat.hasKind("terms.report")) { // 一般条款 六.2(7): a fault-analysis report per fault
                    facts.fact("fault:" + id + ":analysis", "terms.report",
                            plusWorking(day, Rng.of(seed, "analysis/" + id).between(1, 4)))
                            .subject("terms.fault-analysis").status("submitted").attr("event", "fault:" + id)
                            .attr("title", systems[i] + "系统 " + title + " 故障分析报告").add();
                }
            }
        }
    }

    /** 特殊时期维护: the checks before and after each official holiday, and every day of each declared special period. */
    void specialPeriods() {
        specials.add(new Special("special:20220304", "2022 年全国两会", LocalDate.of(2022, 3, 4), LocalDate.of(2022, 3, 11)));
        specials.add(new Special("special:20221016", "党的二十大", LocalDate.of(2022, 10, 16), LocalDate.of(2022, 10, 22)));
        for (Special s : specials) {
            facts.fact(s.id(), "special-period", s.start()).attr("until", s.until()).attr("name", s.name()).add();
        }
        Set<LocalDate> around = new TreeSet<>();
        for (Holiday h : cal.holidays(from, to)) {
            try {
                around.add(cal.previousWorkingDay(h.start()));
            } catch (CalendarYearMissingException e) {
                // before the calendar's first year
            }
            try {
                around.add(cal.nextWorkingDay(h.end()));
            } catch (CalendarYearMissingException e) {
                // after its last year
            }
        }
        for (Catalogues.Duty d : cat.duties()) {
            if (!d.is("CHECK") || d.periodic() || d.trigger() == null) {
                continue;
            }
            if (d.trigger().equals("holiday")) {
                around.stream().filter(this::inRange).forEach(day -> record(d, day));
            } else if (d.trigger().equals("special-period")) {
                for (Special s : specials) {
                    for (LocalDate day = s.start(); !day.isAfter(s.until()); day = day.plusDays(1)) {
                        if (inRange(day)) {
                            record(d, day);
                        }
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ deliverables (附件二 提交成果)

    static String reportName(Catalogues.Duty d) {
        return d.title().replaceFirst("^(每月|每季度|每年)", "").replaceFirst("^提交成果：", "").replaceFirst("^提交", "");
    }

    void periodicDeliverables() {
        for (Catalogues.Duty d : cat.duties()) {
            // the monthly work summary comes with the client's reviews of it (generalTerms)
            if (!d.is("DELIVERABLE") || !d.periodic() || d.id().equals(MONTHLY_SUMMARY)) {
                continue;
            }
            for (String label : periods(d.frequency()).keySet()) {
                if (!whole(d.frequency(), label)) {
                    continue;
                }
                LocalDate end = bounds(d.frequency(), label)[1];
                LocalDate due = d.workingDays() ? plusWorking(end, d.offsetDays()) : end.plusDays(d.offsetDays());
                Rng r = Rng.of(seed, "report/" + d.id() + "/" + label);
                String plan = deliverablePlan.getOrDefault(d.id() + "@" + label, "normal");
                LocalDate submitted = d.offsetDays() == 0 ? (working(end) ? end : prevWorking(end))
                        : d.workingDays() ? plusWorking(end, r.between(1, Math.min(4, d.offsetDays())))
                        : end.plusDays(r.between(1, d.offsetDays()));
                if (plan.equals("late")) {
                    submitted = plusWorking(due, r.between(5, 8));
                }
                String base = "rep:" + d.id() + ":" + label;
                String title = periodName(label) + " " + reportName(d);
                String first = facts.fact(base, d.evidenceKind(), submitted).subject(d.evidenceSubject()).status("submitted")
                        .attr("title", title).attr("period", label).add();
                switch (plan) {
                    case "late" -> {
                        facts.fact(base + ":accepted", d.evidenceKind(), submitted.plusDays(r.between(3, 8))).subject(d.evidenceSubject())
                                .status("accepted").attr("title", title).attr("period", label).add();
                        violation(d.clause(), d.domain(), submitted, title + "逾期提交：应于 " + due + " 前提交，实际 " + submitted,
                                "附件二 提交成果：逾期提交", first);
                    }
                    case "rejected" -> {
                        LocalDate rejectedOn = submitted.plusDays(r.between(3, 5));
                        String rejected = facts.fact(base + ":rejected", d.evidenceKind(), rejectedOn).subject(d.evidenceSubject())
                                .status("rejected").attr("title", title).attr("period", label).add();
                        violation(d.clause(), d.domain(), rejectedOn, title + "于 " + rejectedOn + " 被评估方退回（分析内容不完整），"
                                + "乙方未重新提交", "附件二 提交成果：被退回后未重新提交", first, rejected);
                    }
                    case "resubmitted" -> {
                        LocalDate rejectedOn = submitted.plusDays(r.between(2, 4));
                        facts.fact(base + ":rejected", d.evidenceKind(), rejectedOn).subject(d.evidenceSubject()).status("rejected")
                                .attr("title", title).attr("period", label).add();
                        LocalDate again = plusWorking(rejectedOn, r.between(2, 4));
                        facts.fact(base + ":resubmitted", d.evidenceKind(), again).subject(d.evidenceSubject()).status("submitted")
                                .attr("title", title + "（修订版）").attr("period", label).add();
                        facts.fact(base + ":accepted", d.evidenceKind(), again.plusDays(r.between(3, 6))).subject(d.evidenceSubject())
                                .status("accepted").attr("title", title + "（修订版）").attr("period", label).add();
                    }
                    default -> facts.fact(base + ":accepted", d.evidenceKind(), submitted.plusDays(r.between(3, 10)))
                            .subject(d.evidenceSubject()).status("accepted").attr("title", title).attr("period", label).add();
                }
            }
        }
    }

    /** Network-security events (incidents, warnings, hazard checks, launches, hardening) and the report each needs. */
    void networkEvents() {
        if (!cat.hasKind("network-security.event")) {
            return;
        }
        Map<String, Integer> counts = Map.of("incident", 3, "warning", 6, "hazard-check", 4, "launch", 3, "hardening", 2);
        Rng r = Rng.of(seed, "network-events");
        List<LocalDate> days = workingDays(LocalDate.of(2022, 1, 10), LocalDate.of(2022, 12, 16));
        if (days.isEmpty()) {
            return;
        }
        for (String subject : cat.kind("network-security.event").subjectValues()) {
            String[] descriptions = Names.events(subject);
            int n = counts.getOrDefault(subject, 1);
            for (int i = 0; i < n; i++) {
                int slot = (int) ((long) days.size() * (2 * i + 1) / (2L * n)) - 1 + r.between(0, 1);
                LocalDate day = days.get(Math.max(0, Math.min(days.size() - 1, slot)));
                String eventId = facts.fact("nse:" + subject + ":" + (i + 1), "network-security.event", day).subject(subject)
                        .attr("description", descriptions[i % descriptions.length]).add();
                for (Catalogues.Duty d : cat.duties()) {
                    if (!d.is("DELIVERABLE") || d.periodic() || !"network-security.event".equals(d.anchorKind())
                            || d.anchorSubject() != null && !d.anchorSubject().equals(subject)) {
                        continue;
                    }
                    LocalDate at;
                    if (d.before()) {
                        at = prevWorking(day);
                    } else if (d.workingDays()) {
                        at = plusWorking(day, r.between(0, Math.min(2, d.offsetDays())));
                    } else {
                        at = day.plusDays(r.between(0, d.offsetDays()));
                    }
                    String title = reportName(d).replace("《", "").replace("》", "") + "：" + descriptions[i % descriptions.length];
                    facts.fact("rep:" + d.id() + ":" + subject + "-" + (i + 1), d.evidenceKind(), at).subject(d.evidenceSubject())
                            .status("submitted").attr("title", title).attr("event", eventId).add();
                    facts.fact("rep:" + d.id() + ":" + subject + "-" + (i + 1) + ":accepted", d.evidenceKind(), at.plusDays(r.between(3, 7)))
                            .subject(d.evidenceSubject()).status("accepted").attr("title", title).attr("event", eventId).add();
                }
            }
        }
    }

    /** 附件二 5: one drill, with its plan and scheme before it and its report within 15 days. */
    void drill() {
        if (!cat.hasKind("drill.performed")) {
            return;
        }
        Rng r = Rng.of(seed, "drill");
        List<LocalDate> days = workingDays(LocalDate.of(2022, 6, 1), LocalDate.of(2022, 9, 30));
        if (days.isEmpty()) {
            return;
        }
        LocalDate day = r.pick(days);
        drillDay = day;
        drillId = facts.fact("drill:" + COMPACT.format(day), "drill.performed", day).attr("scenario", r.pick(Names.DRILL_SCENARIOS))
                .attr("participants", r.between(18, 40)).attr("location", onSiteAt).add();
        Map<String, LocalDate> when = new LinkedHashMap<>();
        when.put("plan", onOrAfterWorking(day.minusDays(r.between(21, 30))));
        when.put("scheme", onOrAfterWorking(day.minusDays(r.between(7, 12))));
        when.put("report", plusWorking(day, r.between(3, 8)));
        Map<String, String> titles = Map.of("plan", "网络与信息安全应急预案", "scheme", "应急演练方案", "report", "应急演练报告");
        for (String subject : cat.kind("drill.document").subjectValues()) {
            if (perEvent("drill.document", subject)) {
                continue; // answers the drill itself (planRevisions)
            }
            LocalDate at = when.getOrDefault(subject, day);
            facts.fact("drill-doc:" + subject + ":" + at.getYear(), "drill.document", at).subject(subject).status("submitted")
                    .attr("title", titles.getOrDefault(subject, subject)).attr("revision", "V1.0").add();
            facts.fact("drill-doc:" + subject + ":" + at.getYear() + ":accepted", "drill.document", at.plusDays(r.between(2, 5)))
                    .subject(subject).status("accepted").attr("title", titles.getOrDefault(subject, subject)).attr("revision", "V1.0").add();
        }
    }

    /** Whether a kind and subject are the evidence of a per-event duty (answered per event, not per period). */
    private boolean perEvent(String kind, String subject) {
        return cat.duties().stream().anyMatch(d -> !d.periodic() && kind.equals(d.evidenceKind()) && subject.equals(d.evidenceSubject()));
    }

    /** 附件二 5「根据实际情况对应急预案进行修订」: the plan revised after the drill, naming it, within the duty's days. */
    void planRevisions() {
        if (drillId == null) {
            return;
        }
        Rng r = Rng.of(seed, "plan-revision");
        for (Catalogues.Duty d : cat.duties()) {
            if (d.periodic() || !"drill.performed".equals(d.anchorKind())) {
                continue;
            }
            LocalDate due = d.workingDays() ? plusWorking(drillDay, d.offsetDays()) : drillDay.plusDays(d.offsetDays());
            LocalDate at = plusWorking(drillDay, r.between(8, 12));
            at = at.isAfter(due) ? due : at;
            String title = "网络与信息安全应急预案（演练后修订版）";
            facts.fact("drill-doc:" + d.evidenceSubject() + ":" + COMPACT.format(drillDay), d.evidenceKind(), at).subject(d.evidenceSubject())
                    .status("submitted").attr("title", title).attr("revision", "V1.1").attr("event", drillId).add();
            facts.fact("drill-doc:" + d.evidenceSubject() + ":" + COMPACT.format(drillDay) + ":accepted", d.evidenceKind(),
                    at.plusDays(r.between(2, 5))).subject(d.evidenceSubject()).status("accepted").attr("title", title)
                    .attr("revision", "V1.1").attr("event", drillId).add();
        }
    }

    /**
     * 附件三 x.x.2 需求分析 and x.x.4 系统配置 of each system domain: a few requirements and configuration changes in the
     * year, each answered, within its due, by the record its per-event duty needs (a 系统需求可行性分析报告 or an 调整数据单
     * signed by the client). network-security.event has its own events (networkEvents).
     */
    void requirementsAndChanges() {
        Map<String, List<Catalogues.Duty>> byAnchor = new LinkedHashMap<>();
        for (Catalogues.Duty d : cat.duties()) {
            if (d.is("DELIVERABLE") && !d.periodic() && d.anchorKind() != null && d.anchorSubject() != null
                    && d.anchorKind().equals(d.domain() + ".event") && !d.domain().equals("network-security")) {
                byAnchor.computeIfAbsent(d.anchorKind() + "|" + d.anchorSubject(), k -> new ArrayList<>()).add(d);
            }
        }
        List<LocalDate> days = workingDays(LocalDate.of(2022, 1, 10), LocalDate.of(2022, 12, 9));
        if (days.isEmpty()) {
            return;
        }
        Map<String, Integer> counts = Map.of("requirement", 2, "configuration", 3);
        for (List<Catalogues.Duty> duties : byAnchor.values()) {
            Catalogues.Duty first = duties.get(0);
            String domain = first.domain();
            String subject = first.anchorSubject();
            Rng r = Rng.of(seed, "system-events/" + first.anchorKind() + "/" + subject);
            String[] descriptions = subject.equals("configuration") ? Names.configurations(domain) : Names.REQUIREMENTS;
            int n = counts.getOrDefault(subject, 1);
            for (int i = 0; i < n; i++) {
                int slot = (int) ((long) days.size() * (2 * i + 1) / (2L * n)) - 1 + r.between(0, 5);
                LocalDate day = days.get(Math.max(0, Math.min(days.size() - 1, slot)));
                String system = r.pick(Names.SYSTEMS).name();
                String description = subject.equals("configuration") ? descriptions[i % descriptions.length] + "（" + system + "）"
                        : system + descriptions[r.nextInt(descriptions.length)];
                String eventId = facts.fact("evt:" + domain + ":" + subject + ":" + (i + 1), first.anchorKind(), day).subject(subject)
                        .attr("description", description).attr("requester", system + " " + Names.person(r)).add();
                for (Catalogues.Duty d : duties) {
                    LocalDate at = d.workingDays() ? plusWorking(day, r.between(1, Math.max(1, d.offsetDays() - 1)))
                            : day.plusDays(r.between(0, d.offsetDays()));
                    String title = (subject.equals("configuration") ? "调整数据单：" : "系统需求可行性分析报告：") + description;
                    facts.fact("signed:" + d.id() + ":" + subject + "-" + (i + 1), d.evidenceKind(), at).subject(d.evidenceSubject())
                            .attr("title", title).attr("event", eventId).attr("signedBy", "市人社局信息中心 " + Names.person(r)).add();
                }
            }
        }
    }

    /**
     * 特殊时期「安全增加……人员」(category ROLE, trigger special-period): for each declared special period, the people
     * added for it, one record each, on duty on the working day before the period starts.
     */
    void specialPeriodStaff() {
        Set<String> names = new HashSet<>();
        roster.forEach(p -> names.add(p.name()));
        for (Catalogues.Duty d : cat.duties()) {
            if (!d.is("ROLE") || !"special-period".equals(d.trigger())) {
                continue;
            }
            String roles = d.params().getOrDefault("roles", "增派人员");
            for (Special s : specials) {
                Rng r = Rng.of(seed, "surge/" + d.id() + "/" + s.id());
                LocalDate onDuty = prevWorking(s.start());
                int n = 0;
                for (String role : roles.split("[、,，]")) {
                    for (int i = 0; i < Math.max(1, d.count()); i++) {
                        String name;
                        do {
                            name = Names.person(r);
                        } while (!names.add(name));
                        facts.fact("surge:" + d.id() + ":" + COMPACT.format(s.start()) + ":" + (++n), d.evidenceKind(), onDuty)
                                .subject(d.evidenceSubject()).attr("event", s.id()).attr("name", name).attr("role", role.trim()).add();
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ technical support (附件三 x.x.6)

    void support() {
        Map<String, String> sites = terms.supportSites();
        List<String> urban = sites.entrySet().stream().filter(e -> e.getValue().equals("urban")).map(Map.Entry::getKey).toList();
        List<String> suburban = sites.entrySet().stream().filter(e -> e.getValue().equals("suburban")).map(Map.Entry::getKey).toList();
        int phone = terms.integer("supportSla", "phoneContactMinutes");
        int urbanLimit = terms.integer("supportSla", "onsiteUrbanMinutes");
        int suburbanLimit = terms.integer("supportSla", "onsiteSuburbanMinutes");
        String clause = terms.text("supportSla", "clause");
        Rng r = Rng.of(seed, "support");

        record Ticket(LocalDateTime at, String site, boolean suburb, String kind) {
        }
        List<Ticket> tickets = new ArrayList<>();
        // injected breaches first (never scaled away): phone late twice, on site late in town and in the suburbs twice each
        String[][] injected = {{"phone", "urban", "2022-02"}, {"phone", "suburban", "2022-09"}, {"onsite", "urban", "2022-04"},
                {"onsite", "urban", "2022-10"}, {"onsite", "suburban", "2022-06"}, {"onsite", "suburban", "2022-12"}};
        for (String[] inj : injected) {
            List<LocalDate> days = workingDays(YearMonth.parse(inj[2]).atDay(1), YearMonth.parse(inj[2]).atEndOfMonth());
            if (days.isEmpty()) {
                continue;
            }
            boolean suburb = inj[1].equals("suburban");
            tickets.add(new Ticket(r.pick(days).atTime(9 + r.nextInt(6), r.nextInt(60), r.nextInt(60)),
                    r.pick(suburb ? suburban : urban), suburb, inj[0]));
        }
        int total = Math.max(tickets.size(), (int) Math.round(2000 * scale));
        // requests 7x24, mostly in working hours on working days
        List<LocalDate> all = new ArrayList<>();
        List<Double> weight = new ArrayList<>();
        double sum = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            all.add(d);
            sum += working(d) ? 1.0 : 0.2;
            weight.add(sum);
        }
        for (int i = tickets.size(); i < total; i++) {
            double x = r.nextDouble() * sum;
            int lo = 0;
            int hi = all.size() - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (weight.get(mid) < x) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            LocalDate d = all.get(lo);
            LocalDateTime at;
            if (working(d) && r.chance(0.9)) {
                at = d.atTime(8, 30).plusSeconds(r.nextInt(9 * 3600 + 30 * 60));
            } else {
                at = d.atTime(7, 0).plusSeconds(r.nextInt(15 * 3600));
            }
            if (d.equals(to) && at.getHour() >= 17) {
                at = d.atTime(9, 0).plusSeconds(r.nextInt(8 * 3600)); // every answer within the last day
            }
            boolean suburb = r.chance(0.25) && !suburban.isEmpty();
            tickets.add(new Ticket(at, r.pick(suburb ? suburban : urban), suburb, "normal"));
        }
        tickets.sort(Comparator.comparing(Ticket::at).thenComparing(Ticket::site));
        Map<Integer, Integer> seq = new HashMap<>();
        for (Ticket t : tickets) {
            int year = t.at().getYear();
            int n = seq.merge(year, 1, Integer::sum);
            String ticket = String.format(java.util.Locale.ROOT, "GD-%d-%04d", year, n);
            Rng tr = Rng.of(seed, "ticket/" + ticket);
            String[] what = Names.SUPPORT[tr.nextInt(Names.SUPPORT.length)];
            List<String> engineers = engineers(t.at().toLocalDate());
            String engineer = engineers.get(tr.nextInt(engineers.size()));
            int limit = t.suburb() ? suburbanLimit : urbanLimit;
            boolean onsite;
            int callAfter;
            int visitAfter;
            switch (t.kind()) {
                case "phone" -> {
                    onsite = false;
                    callAfter = phone + tr.between(12, 35);
                    visitAfter = 0;
                }
                case "onsite" -> {
                    onsite = true;
                    callAfter = tr.between(5, 25);
                    visitAfter = limit + tr.between(25, 50);
                }
                default -> {
                    onsite = tr.chance(0.45);
                    callAfter = tr.between(3, Math.max(4, phone - 10));
                    visitAfter = Math.max(callAfter + 15, tr.between(limit / 4, limit - 10));
                }
            }
            String requestId = facts.fact("sup:" + ticket, "support.request", t.at().toLocalDate()).subject(ticket).time(t.at())
                    .attr("site", t.site()).attr("description", what[0]).attr("requester", t.site() + "人力资源和社会保障局 " + Names.person(tr)).attr("domain", what[1]).add();
            LocalDateTime call = t.at().plusMinutes(callAfter).plusSeconds(tr.nextInt(60));
            String callId = facts.fact("sup:" + ticket + ":call", "support.contact", call.toLocalDate()).subject(ticket).time(call)
                    .status(onsite ? "onsite-needed" : "resolved").attr("engineer", engineer).add();
            String visitId = null;
            if (onsite) {
                LocalDateTime visit = t.at().plusMinutes(visitAfter).plusSeconds(tr.nextInt(60));
                visitId = facts.fact("sup:" + ticket + ":visit", "support.onsite", visit.toLocalDate()).subject(ticket).time(visit)
                        .attr("engineer", engineer).add();
            }
            if (t.kind().equals("phone")) {
                violation(clause, "support", t.at().toLocalDate(), "工单 " + ticket + "（" + t.site() + "）报修后 " + callAfter
                        + " 分钟才电话联系用户（时限 " + phone + " 分钟）", "附件三 x.x.6 电话联系：超过 1 小时", requestId, callId);
            } else if (t.kind().equals("onsite")) {
                violation(clause, "support", t.at().toLocalDate(), "工单 " + ticket + "（" + t.site() + "，" + (t.suburb() ? "郊区" : "市区")
                                + "）报修后 " + visitAfter + " 分钟才到达现场（时限 " + limit + " 分钟）",
                        "附件三 x.x.6 上门：超过 2 小时（郊区 4 小时）", requestId, callId, visitId);
            }
        }
    }

    // ------------------------------------------------------------------ keys (附件二 2 密码管理; GB/T 39786-2021)

    void keys() {
        if (!cat.hasKind("key.record")) {
            return;
        }
        Rng r = Rng.of(seed, "keys");
        record Key(String id, String system, String purpose, LocalDate generated, LocalDate retired, List<String> factIds) {
        }
        List<Key> keys = new ArrayList<>();
        LocalDate renewedLast = null;
        for (Names.BusinessSystem s : Names.SYSTEMS) {
            LocalDate registered = LocalDate.of(2021, 3, 1).plusDays(r.nextInt(200));
            facts.fact("keysys:" + s.code(), "key.system", registered).subject(s.name()).attr("title", s.title()).add();
            LocalDate renewal = onOrAfterWorking(LocalDate.of(2022, 8, 15).plusDays(r.nextInt(70)));
            renewedLast = renewedLast == null || renewal.isAfter(renewedLast) ? renewal : renewedLast;
            for (String purpose : List.of("签名", "加密")) {
                String p = purpose.equals("签名") ? "SIG" : "ENC";
                String algorithm = purpose.equals("签名") ? "SM2" : "SM4";
                String oldId = "K-" + s.code() + "-" + p + "-2021";
                String newId = "K-" + s.code() + "-" + p + "-2022";
                LocalDate generated = registered.plusDays(r.nextInt(20));
                String oldFact = facts.fact("key:" + oldId, "key.record", generated).subject(oldId).attr("system", s.name())
                        .attr("purpose", purpose).attr("fingerprint", fingerprint(oldId))
                        .attr("algorithm", algorithm).add();
                List<String> oldFacts = new ArrayList<>(List.of(oldFact));
                LocalDate retired = null;
                if (!renewal.isAfter(to)) {
                    retired = renewal;
                    oldFacts.add(facts.fact("key:" + oldId + ":retired", "key.record", renewal).subject(oldId).attr("system", s.name())
                            .attr("purpose", purpose).attr("fingerprint", fingerprint(oldId))
                            .attr("algorithm", algorithm).attr("retiredOn", renewal).add());
                    String newFact = facts.fact("key:" + newId, "key.record", renewal).subject(newId).attr("system", s.name())
                            .attr("purpose", purpose).attr("fingerprint", fingerprint(newId))
                            .attr("algorithm", algorithm).add();
                    keys.add(new Key(newId, s.name(), purpose, renewal, null, List.of(newFact)));
                }
                keys.add(new Key(oldId, s.name(), purpose, generated, retired, oldFacts));
            }
        }
        if (renewedLast != null && !renewedLast.isAfter(to)) {
            fixedDay.put("de.y01@" + renewedLast.getYear(), renewedLast); // 每年对加解密密钥进行更新: done with the last renewal
        }
        // the monthly backup of every key that exists in the month (km.y01 that day); one key skips one month (injected)
        keys.sort(Comparator.comparing(Key::id));
        String skipMonth = "2022-08";
        LocalDate[] skipBounds = bounds("MONTHLY", skipMonth);
        List<Key> wholeMonth = keys.stream().filter(k -> !k.generated().isAfter(skipBounds[0])
                && (k.retired() == null || k.retired().isAfter(skipBounds[1]))).toList();
        Key skipKey = wholeMonth.isEmpty() ? null : wholeMonth.get(r.nextInt(wholeMonth.size()));
        for (Map.Entry<String, List<LocalDate>> m : periods("MONTHLY").entrySet()) {
            if (!whole("MONTHLY", m.getKey())) {
                continue;
            }
            List<LocalDate> days = m.getValue();
            LocalDate backupDay = days.get(Math.min(days.size() - 1, Rng.of(seed, "key-backup/" + m.getKey()).between(3, 9)));
            fixedDay.put("km.y01@" + m.getKey(), backupDay);
            LocalDate[] b = bounds("MONTHLY", m.getKey());
            for (Key k : keys) {
                boolean existed = !k.generated().isAfter(b[1]) && (k.retired() == null || !k.retired().isBefore(b[0]));
                if (!existed) {
                    continue;
                }
                if (k == skipKey && m.getKey().equals(skipMonth)) {
                    Draft v = violation(duty("km.backup-missing").clause(), "key-management", b[0], m.getKey() + " 密钥 " + k.id()
                                    + "（" + k.system() + "，" + k.purpose() + "）当月无备份记录", "基线 km.backup-missing 密钥当月无备份记录",
                            k.factIds().toArray(String[]::new));
                    v.missing.add(new String[]{"key.backup", k.id(), m.getKey()});
                    continue;
                }
                LocalDate day = backupDay;
                if (day.isBefore(k.generated())) {
                    day = k.generated();
                }
                if (k.retired() != null && day.isAfter(k.retired())) {
                    day = k.retired();
                }
                facts.fact("keybak:" + k.id() + ":" + m.getKey(), "key.backup", day).subject(k.id()).attr("location", "密钥管理系统备份库（加密机）")
                        .add();
            }
        }
    }

    /** A key check value as a key management system shows it: derived from the seed and the key id, distinct per key. */
    private String fingerprint(String keyId) {
        return DemoPki.sha256((seed + "/" + keyId).getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 32).toUpperCase();
    }

    Catalogues.Duty duty(String id) {
        Catalogues.Duty d = cat.duty(id);
        if (d == null) {
            throw new IllegalStateException("no catalogue has the obligation " + id);
        }
        return d;
    }

    // ------------------------------------------------------------------ security devices (附件二 6)

    void devices() {
        if (!cat.hasKind("device")) {
            return;
        }
        Rng r = Rng.of(seed, "devices");
        LocalDate registered = onOrAfterWorking(from.isAfter(terms.periodStart) ? from : terms.periodStart);
        Map<String, String> registers = new LinkedHashMap<>();
        for (Names.Device d : Names.DEVICES) {
            registers.put(d.id(), facts.fact("dev:" + d.id(), "device", registered).subject(d.id()).attr("name", d.name())
                    .attr("type", d.type()).attr("site", d.site()).add());
        }
        Names.Device skipDevice = Names.DEVICES.get(r.nextInt(Names.DEVICES.size()));
        String skipMonth = "2022-07";
        List<String> network = roster.stream().filter(p -> p.role().equals("staff.network")).map(Person::name).toList();
        String by = network.isEmpty() ? "网络安全工程师" : network.get(0);
        for (Map.Entry<String, List<LocalDate>> m : periods("MONTHLY").entrySet()) {
            if (!whole("MONTHLY", m.getKey())) {
                continue;
            }
            List<LocalDate> days = m.getValue().stream().filter(d -> !d.isBefore(registered)).toList();
            if (days.isEmpty()) {
                continue;
            }
            LocalDate day = days.get(Math.min(days.size() - 1, Rng.of(seed, "device-backup/" + m.getKey()).between(5, 12)));
            fixedDay.put("ns.m02@" + m.getKey(), day);
            for (Names.Device d : Names.DEVICES) {
                if (d == skipDevice && m.getKey().equals(skipMonth)) {
                    Draft v = violation(duty("ns.device-config-backup").clause(), "network-security", bounds("MONTHLY", skipMonth)[0],
                            skipMonth + " 设备 " + d.id() + "（" + d.name() + "）当月未备份配置", "基线 ns.device-config-backup 安全设备当月未备份配置",
                            registers.get(d.id()));
                    v.missing.add(new String[]{"device.config-backup", d.id(), skipMonth});
                    continue;
                }
                facts.fact("devbak:" + d.id() + ":" + m.getKey(), "device.config-backup", day).subject(d.id()).attr("by", by).add();
            }
        }
        for (Map.Entry<String, List<LocalDate>> q : periods("QUARTERLY").entrySet()) {
            if (!whole("QUARTERLY", q.getKey())) {
                continue;
            }
            List<LocalDate> days = q.getValue();
            LocalDate day = days.get(Math.max(0, days.size() - 1 - Rng.of(seed, "device-check/" + q.getKey()).between(5, 12)));
            fixedDay.put("ns.q01@" + q.getKey(), day);
            for (Names.Device d : Names.DEVICES) {
                facts.fact("devchk:" + d.id() + ":" + q.getKey(), "device.config-check", day).subject(d.id()).attr("by", by).add();
            }
        }
        // login passwords changed every two to three months (the baseline's default limit is 90 days)
        for (Names.Device d : Names.DEVICES) {
            LocalDate day = onOrAfterWorking(registered.plusDays(r.between(10, 40)));
            int n = 0;
            while (!day.isAfter(to)) {
                facts.fact("devpwd:" + d.id() + ":" + (++n), "device.password-change", day).subject(d.id()).attr("account", "admin")
                        .attr("by", by).add();
                day = onOrAfterWorking(day.plusDays(r.between(55, 80)));
            }
        }
    }

    // ------------------------------------------------------------------ PKI: what compliance-pki does not read from the files

    void pkiBindings(DemoPki.Result pki) {
        String system = pki.expiredSystem().name();
        String expiredBinding = binding(pki.expiredInUse(), system);
        LocalDate lastDay = DemoPki.day(pki.expiredInUse().getNotAfter());
        violation(duty("pki.cert-expired").clause(), "pki", lastDay.plusDays(1), "证书 " + pki.expiredInUse().getSubject()
                        + " 已于 " + lastDay + " 过期，仍绑定" + system + "在用", "基线 pki.cert-expired 在用证书已过期",
                DemoPki.certificateId(pki.expiredInUse()), expiredBinding);
        for (DemoPki.Server s : pki.servers()) {
            binding(s.certificate(), s.system().name());
        }
        violation(duty("pki.cert-revoked-in-use").clause(), "pki", pki.revokedAt().toLocalDate(), "证书 "
                        + pki.revokedInUse().getSubject() + " 已于 " + pki.revokedAt().toLocalDate() + " 被吊销（密钥泄露），仍在使用",
                "基线 pki.cert-revoked-in-use 已吊销的证书仍在使用", DemoPki.certificateId(pki.revokedInUse()),
                DemoPki.revokedId(pki.revokedInUse()));
    }

    /** The binding compliance-pki records for a certificate uploaded with its business system: the same id and content. */
    private String binding(org.bouncycastle.cert.X509CertificateHolder c, String system) {
        return facts.fact(DemoPki.bindingId(c, system), "pki.binding", DemoPki.day(c.getNotBefore())).subject(DemoPki.ref(c))
                .attr("certificate", DemoPki.certificateId(c)).attr("system", system).add();
    }

    /** The day the servers' certificates are replaced (附件二 1 每年一次服务器证书更换, ia.y01). */
    LocalDate serversIssued() {
        if (serversIssued == null) {
            List<LocalDate> days = workingDays(LocalDate.of(2022, 7, 4), LocalDate.of(2022, 7, 29));
            serversIssued = days.isEmpty() ? from : Rng.of(seed, "servers").pick(days);
            fixedDay.put("ia.y01@" + serversIssued.getYear(), serversIssued);
        }
        return serversIssued;
    }

    // ------------------------------------------------------------------ general terms: money, reports, assessment

    void generalTerms() {
        Rng r = Rng.of(seed, "terms");
        // 四.2-3 and 五: the invoice and the bond after signing, the payment late (七.2)
        LocalDate invoiceDay = plusWorking(terms.signedOn, r.between(1, 3));
        BigDecimal rate = new BigDecimal(terms.text("performanceBond", "rate"));
        String invoice = facts.fact("pay:invoice", "payment.invoice", invoiceDay).amount(terms.amount)
                .attr("invoiceNo", String.format(java.util.Locale.ROOT, "No.%08d", 10_000_000 + r.nextInt(89_999_999))).add();
        LocalDate bondDay = plusWorking(terms.signedOn, r.between(3, 6));
        String bond = facts.fact("pay:bond", "bond.received", bondDay).amount(terms.amount.multiply(rate).setScale(2, RoundingMode.HALF_UP))
                .attr("validUntil", terms.text("performanceBond", "validUntil")).attr("issuer", "中国银行北京海淀支行").add();
        LocalDate due = LocalDate.parse(terms.text("payment", "dueBy"));
        due = invoiceDay.isAfter(due) ? invoiceDay : due;
        due = bondDay.isAfter(due) ? bondDay : due;
        int grace = terms.integer("latePayment", "graceWorkingDays");
        LocalDate interestFrom = plusWorking(due, grace + 1);
        LocalDate paid = plusWorking(interestFrom, r.between(3, 6));
        String payment = facts.fact("pay:2023-001", "payment.received", paid).amount(terms.amount).attr("reference", "京人社财〔2023〕付款 001 号")
                .add();
        violation(terms.text("latePayment", "clause"), "general-terms", paid, "合同款应于 " + due + " 支付，甲方 " + paid
                        + " 才支付；自逾期第 " + (grace + 1) + " 个工作日（" + interestFrom + "）起按日 " + terms.text("latePayment", "dailyRate")
                        + " 计违约金", "一般条款七.2 甲方逾期付款违约金：第 31 个工作日起每日 0.5%，总额不超过 5%", invoice, bond, payment);

        // 八.3: the monthly work summary (月度服务工作总结报告, terms.monthly-summary) and the client's review within 15 days,
        // counted as the civil code counts them. One month is never reviewed; nor is the last month's, submitted on the
        // fourth working day of January so that its fifteenth day falls in 春节 and the deemed approval moves with it.
        int reviewDays = terms.integer("monthlyReportReview", "days");
        String unreviewed = "2022-" + String.format(java.util.Locale.ROOT, "%02d", r.between(3, 10));
        String questioned = "2022-" + String.format(java.util.Locale.ROOT, "%02d", r.between(3, 10));
        String lastMonth = PeriodLabels.month(terms.periodEnd);
        for (String month : periods("MONTHLY").keySet()) {
            if (!whole("MONTHLY", month) || bounds("MONTHLY", month)[1].isAfter(terms.periodEnd)) {
                continue;
            }
            LocalDate monthEnd = bounds("MONTHLY", month)[1];
            LocalDate submitted = plusWorking(monthEnd, r.between(2, 5));
            if (month.equals(lastMonth)) {
                submitted = plusWorking(monthEnd, 4);
            }
            String id = facts.fact("mr:" + month, "terms.report", submitted).subject(MONTHLY_SUMMARY).status("submitted")
                    .attr("period", month).attr("title", periodName(month) + "月度服务工作总结报告").add();
            if (month.equals(unreviewed) || month.equals(lastMonth)) {
                if (id != null) {
                    Deadline review = WorkingCalendar.china().days(submitted, reviewDays);
                    Draft v = violation(terms.text("monthlyReportReview", "clause"), "general-terms", review.dayAfter(),
                            periodName(month) + "月度服务工作总结报告 " + submitted + " 提交，甲方 " + reviewDays + " 日内（"
                                    + review.describe() + "）未评审，自 " + review.dayAfter() + " 起视为通过评审",
                            "一般条款八.3 月度报告 15 日内未评审：视为通过评审", id);
                    v.missing.add(new String[]{"report.monthly-reviewed", month, null});
                }
                continue;
            }
            if (month.equals(questioned)) {
                facts.fact("mr:" + month + ":questioned", "report.monthly-reviewed", submitted.plusDays(r.between(4, 8))).subject(month)
                        .status("questioned").add();
                facts.fact("mr:" + month + ":approved", "report.monthly-reviewed", submitted.plusDays(r.between(10, reviewDays)))
                        .subject(month).status("approved").add();
            } else {
                facts.fact("mr:" + month + ":approved", "report.monthly-reviewed", submitted.plusDays(r.between(3, 12))).subject(month)
                        .status("approved").add();
            }
        }

        // 十四.2: the evaluator's monthly assessment, every month passed (its own random stream, so the rest stays put)
        Rng assessed = Rng.of(seed, "terms/monthly-assessment");
        for (String month : periods("MONTHLY").keySet()) {
            LocalDate[] b = bounds("MONTHLY", month);
            if (whole("MONTHLY", month) && !b[1].isAfter(terms.periodEnd)) {
                facts.fact("assess:" + month, "assessment.monthly", onOrAfterWorking(b[1].plusDays(assessed.between(5, 12))))
                        .subject(month).status("pass").attr("score", assessed.between(88, 98)).attr("evaluator", "北京市大数据中心")
                        .add();
            }
        }

        // 七.1 / 八.1: the evaluator's quarterly verdict
        for (String quarter : periods("QUARTERLY").keySet()) {
            LocalDate[] b = bounds("QUARTERLY", quarter);
            if (!whole("QUARTERLY", quarter) || b[1].isAfter(terms.periodEnd)) {
                continue;
            }
            LocalDate day = onOrAfterWorking(b[1].plusDays(r.between(10, 20)));
            facts.fact("assess:" + quarter, "assessment.quarterly", day).subject(quarter).status("pass")
                    .attr("score", r.between(86, 97)).attr("evaluator", "北京市大数据中心").add();
        }

        // 七.1: the client confirms one service failure (the data-encryption daily check missed in July)
        Draft july = violations.stream().filter(v -> v.domain.equals("data-encryption") && v.rule.startsWith("附件三 每日检查"))
                .findFirst().orElse(null);
        if (july != null) {
            LocalDate day = onOrAfterWorking(july.date.plusDays(r.between(15, 25)));
            String description = july.date + " 数据加解密每日巡检未执行（" + july.missing.get(0)[1] + "），甲方认定服务不合格";
            String id = facts.fact("failure:" + COMPACT.format(day), "service.failure", day).status("confirmed")
                    .attr("description", description).attr("domain", "data-encryption").add();
            violation(terms.text("serviceFailurePenalty", "clause"), "general-terms", day, description,
                    "一般条款七.1 服务不合格违约金：甲方认定的每次服务不合格 3%", id);
        }

        // 九.2: the technical results delivered after expiry; 十六: service continues until the new contract
        facts.fact("results:" + terms.periodEnd.getYear(), "results.delivered", onOrAfterWorking(terms.periodEnd.plusDays(r.between(10, 20))))
                .add();
        LocalDate firstAfter = terms.periodEnd.plusDays(1);
        for (YearMonth m = YearMonth.from(firstAfter); !m.atDay(1).isAfter(to); m = m.plusMonths(1)) {
            LocalDate last = m.atEndOfMonth().isAfter(to) ? to : m.atEndOfMonth();
            if (!last.isBefore(firstAfter)) {
                facts.fact("after-expiry:" + m, "service.after-expiry", last).add(); // served up to this day
            }
        }
    }

    // ------------------------------------------------------------------ the audit log's anomalies (附件二 3)

    /** The security-audit rule (rules/domain-security-audit) that finds each kind of anomaly. */
    private static final Map<String, String> AUDIT_RULES = Map.of(
            "sa.login-hours", "基线 sa.login-hours 附件三 安全审计 登录时间异常",
            "sa.unknown-address", "基线 sa.unknown-address 附件三 安全审计 登录地址异常",
            "sa.failed-burst", "基线 sa.failed-burst 附件三 安全审计 短时间内多次登录失败",
            "sa.grant-without-request", "基线 sa.grant-without-request 附件二 3 安全审计 权限分配无审批申请",
            "sa.bulk-classified-download", "基线 sa.bulk-classified-download 附件二 3 安全审计 大量下载保密文件");

    /**
     * What the administrator registers for the audit checks: the office networks (audit.network) and
     * every approved permission request (audit.approval), dated the day of the grant it allows.
     */
    void auditRegisters(AuditLog log, List<String> approved) {
        for (String cidr : log.subnets()) {
            facts.fact("net:" + cidr, "audit.network", from).subject(cidr).attr("title", "办公网段 " + cidr).add();
        }
        for (String request : approved) {
            LocalDate day = LocalDate.parse(request.substring(4, 12), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
            facts.fact("approval:" + request, "audit.approval", day).subject(request).attr("approver", "权限审批员")
                    .attr("resource", "角色授权").add();
        }
    }

    /** Plans the audit-log anomalies in {@code log} and lists each with the ids of the events it adds. */
    void auditAnomalies(AuditLog log) {
        Rng r = Rng.of(seed, "audit-plan");
        record Plan(String kind, LocalDate day, String duty, String description) {
        }
        List<Plan> plans = new ArrayList<>();
        List<LocalDate> april = workingDays(LocalDate.of(2022, 4, 6), LocalDate.of(2022, 4, 29));
        List<LocalDate> septemberRest = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2022, 9, 1); !d.isAfter(LocalDate.of(2022, 9, 30)); d = d.plusDays(1)) {
            if (inRange(d) && !working(d)) {
                septemberRest.add(d);
            }
        }
        List<LocalDate> june = workingDays(LocalDate.of(2022, 6, 6), LocalDate.of(2022, 6, 30));
        List<LocalDate> august = workingDays(LocalDate.of(2022, 8, 1), LocalDate.of(2022, 8, 31));
        List<LocalDate> october = workingDays(LocalDate.of(2022, 10, 10), LocalDate.of(2022, 10, 31));
        List<LocalDate> december = workingDays(LocalDate.of(2022, 12, 1), LocalDate.of(2022, 12, 23));
        if (!april.isEmpty()) {
            plans.add(new Plan("night-login", r.pick(april), "sa.login-hours", "凌晨登录业务系统并操作（工作时间 08:00-19:00 以外）"));
        }
        if (!septemberRest.isEmpty()) {
            plans.add(new Plan("night-login", r.pick(septemberRest), "sa.login-hours", "休息日凌晨登录业务系统并操作"));
        }
        if (!june.isEmpty()) {
            plans.add(new Plan("unknown-address", r.pick(june), "sa.unknown-address", "从办公网段以外的地址登录并下载参保人员名册"));
        }
        if (!august.isEmpty()) {
            plans.add(new Plan("failed-burst", r.pick(august), "sa.failed-burst", "5 分钟内连续 12 次登录失败（疑似口令猜测）"));
        }
        if (!october.isEmpty()) {
            plans.add(new Plan("grant-without-request", r.pick(october), "sa.grant-without-request", "管理员授予权限，没有经审批的权限申请"));
        }
        if (!december.isEmpty()) {
            plans.add(new Plan("classified-mass-download", r.pick(december), "sa.bulk-classified-download", "一名用户一天内下载 63 份涉密文件"));
        }
        Set<Integer> users = new HashSet<>();
        List<AuditLog.Anomaly> anomalies = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            Plan p = plans.get(i);
            int user;
            do {
                user = r.nextInt(AuditLog.USERS);
            } while (!users.add(user));
            String detail = p.kind().equals("unknown-address") ? "45.76." + r.between(100, 199) + "." + r.between(10, 250) : null;
            AuditLog.Anomaly a = new AuditLog.Anomaly("audit-" + (i + 1), p.kind(), p.day(), user, detail);
            log.inject(a);
            anomalies.add(a);
        }
        for (int i = 0; i < anomalies.size(); i++) {
            AuditLog.Anomaly a = anomalies.get(i);
            Plan p = plans.get(i);
            Catalogues.Duty d = cat.duty(p.duty());
            List<String> ids = log.day(a.day()).anomalies().getOrDefault(a.id(), List.of());
            String who = a.kind().equals("grant-without-request") ? "" : "用户 " + log.account(a.user()) + " ";
            Draft v = violation(d == null ? "附件二 3" : d.clause(), d == null ? "security-audit" : d.domain(), a.day(),
                    "审计日志异常：" + who + a.day() + " " + p.description() + (a.detail() == null ? "" : "（地址 " + a.detail() + "）"),
                    AUDIT_RULES.get(p.duty()), ids.toArray(String[]::new));
            if (ids.isEmpty()) {
                v.factIds.add(null); // cannot happen: the anomaly's events come with its day; dropped rather than listed empty
            }
        }
    }
}
