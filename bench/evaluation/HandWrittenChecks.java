import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.lvyue.api.calendar.WorkingCalendar;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.Term;
import org.lvyue.api.engine.ReportingPeriod;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.spi.DomainCatalogue;
import org.lvyue.api.spi.Frequency;
import org.lvyue.api.spi.Obligation;
import org.lvyue.api.spi.Obligation.Category;

/**
 * The baseline of issue #7: the heaviest checks of the engine written by hand in plain Java over the
 * same in-memory facts, producing findings with the same keys as the rules, so the benchmark can
 * prove both found the same thing before it compares their times:
 * <ul>
 * <li>obligations-standard, checks-and-tasks.drl: a CHECK or TASK without its record in its day
 *     (grouped per month), ISO week, month, quarter or year; an abnormal check without a fault
 *     record by the next working day;</li>
 * <li>domain-support, support-sla.drl: phone contact and on-site visit later than the contract's
 *     targets (urban and suburban), and a request from a site the contract does not classify;</li>
 * <li>domain-security-audit over the audit log: logins outside the allowed hours and from outside the
 *     known networks, permission grants without an approved request, bulk classified downloads (per
 *     user and day). The failed-login burst, whose windows cross midnight, is not written by hand.</li>
 * </ul>
 * Indexes are hash sets of "kind|subject|period"; one pass over the facts builds them.
 */
final class HandWrittenChecks {
    static final Set<String> RULES = Set.of("附件三 每日检查：当月未执行的日子", "附件三 每周检查：当周未执行",
            "附件三 每月检查：当月未执行", "附件二 每季度工作：当季未完成", "附件二 每年工作：当年未完成",
            "附件三 检查发现异常：未形成故障记录", "附件三 x.x.6 电话联系：超过 1 小时", "附件三 x.x.6 上门：超过 2 小时（郊区 4 小时）",
            "附件三 x.x.6 报修地点未分类：按市区时限计", "基线 sa.login-hours 附件三 安全审计 登录时间异常",
            "基线 sa.unknown-address 附件三 安全审计 登录地址异常", "基线 sa.grant-without-request 附件二 3 安全审计 权限分配无审批申请",
            "基线 sa.bulk-classified-download 附件二 3 安全审计 大量下载保密文件");

    private HandWrittenChecks() {
    }

    static List<Finding> evaluate(Contract c, List<DomainCatalogue> catalogues, List<Fact> facts,
                                  List<org.lvyue.api.audit.AuditEvent> audit, LocalDate asOf) {
        WorkingCalendar calendar = WorkingCalendar.china();
        Set<String> byDay = new HashSet<>();
        Set<String> byWeek = new HashSet<>();
        Set<String> byMonth = new HashSet<>();
        Set<String> byQuarter = new HashSet<>();
        Set<String> byYear = new HashSet<>();
        Map<String, List<LocalDate>> followUps = new HashMap<>();
        List<Fact> abnormal = new ArrayList<>();
        List<Fact> requests = new ArrayList<>();
        Map<String, List<Fact>> contacts = new HashMap<>();
        Map<String, List<Fact>> visits = new HashMap<>();
        for (Fact f : facts) {
            String ks = f.getKind() + "|" + f.getSubject() + "|";
            byDay.add(ks + f.getDate());
            byWeek.add(ks + f.getWeek());
            byMonth.add(ks + f.getMonth());
            byQuarter.add(ks + f.getQuarter());
            byYear.add(ks + f.getYear());
            followUps.computeIfAbsent(f.getKind() + "|" + f.getSubject(), k -> new ArrayList<>()).add(f.getDate());
            if ("abnormal".equals(f.getStatus())) {
                abnormal.add(f);
            }
            switch (f.getKind()) {
                case "support.request" -> requests.add(f);
                case "support.contact" -> contacts.computeIfAbsent(f.getSubject(), k -> new ArrayList<>()).add(f);
                case "support.onsite" -> visits.computeIfAbsent(f.getSubject(), k -> new ArrayList<>()).add(f);
                default -> { }
            }
        }
        boolean everyDay = c.interpretation("checks.dailyOn").map(i -> i.is("every-day")).orElse(false);
        List<ReportingPeriod> periods = ReportingPeriod.of(c).stream().filter(p -> p.end().isBefore(asOf)).toList();
        List<Finding> out = new ArrayList<>();
        for (DomainCatalogue cat : catalogues) {
            for (Obligation o : cat.obligations()) {
                if (o.category() != Category.CHECK && o.category() != Category.TASK) {
                    continue;
                }
                String ks = o.evidenceKind() + "|" + o.evidenceSubject() + "|";
                switch (o.frequency()) {
                    case DAILY -> {
                        Map<String, List<LocalDate>> missedByMonth = new TreeMap<>();
                        for (ReportingPeriod p : periods) {
                            if (p.frequency() == Frequency.DAILY && (everyDay || p.workingDays() > 0)
                                    && !byDay.contains(ks + p.start())) {
                                missedByMonth.computeIfAbsent(p.start().toString().substring(0, 7), k -> new ArrayList<>()).add(p.start());
                            }
                        }
                        for (ReportingPeriod m : ReportingPeriod.of(c)) {
                            List<LocalDate> missed = m.frequency() == Frequency.MONTHLY ? missedByMonth.get(m.label()) : null;
                            if (missed != null) {
                                out.add(finding(c, o, "附件三 每日检查：当月未执行的日子", m.start(), m.end(), m.label(), null)
                                        .occurrences(missed.size()).build());
                            }
                        }
                    }
                    case WEEKLY -> missedPeriods(c, o, periods, Frequency.WEEKLY, byWeek, ks, "附件三 每周检查：当周未执行", out);
                    case MONTHLY -> missedPeriods(c, o, periods, Frequency.MONTHLY, byMonth, ks, "附件三 每月检查：当月未执行", out);
                    case QUARTERLY -> missedPeriods(c, o, periods, Frequency.QUARTERLY, byQuarter, ks, "附件二 每季度工作：当季未完成", out);
                    case YEARLY -> missedPeriods(c, o, periods, Frequency.YEARLY, byYear, ks, "附件二 每年工作：当年未完成", out);
                    default -> { }
                }
                if (o.category() == Category.CHECK && o.followUpKind() != null) {
                    for (Fact r : abnormal) {
                        if (!r.getKind().equals(o.evidenceKind()) || !java.util.Objects.equals(r.getSubject(), o.evidenceSubject())) {
                            continue;
                        }
                        LocalDate by = calendar.nextWorkingDay(r.getDate());
                        if (!by.isBefore(asOf)) {
                            continue;
                        }
                        boolean followed = followUps.getOrDefault(o.followUpKind() + "|" + o.evidenceSubject(), List.of()).stream()
                                .anyMatch(d -> !d.isBefore(r.getDate()) && !d.isAfter(by));
                        if (!followed) {
                            out.add(finding(c, o, "附件三 检查发现异常：未形成故障记录", r.getDate(), r.getDate(), r.getDate().toString(),
                                    r.getId()).build());
                        }
                    }
                }
            }
        }
        support(c, requests, contacts, visits, asOf, out);
        audit(c, catalogues, facts, audit, asOf, out);
        return out;
    }

    private static void audit(Contract c, List<DomainCatalogue> catalogues, List<Fact> facts,
                              List<org.lvyue.api.audit.AuditEvent> audit, LocalDate asOf, List<Finding> out) {
        Map<String, Obligation> checks = new HashMap<>();
        catalogues.forEach(cat -> cat.obligations().forEach(o -> checks.put(o.id(), o)));
        Obligation hours = checks.get("sa.login-hours");
        Obligation unknown = checks.get("sa.unknown-address");
        Obligation grants = checks.get("sa.grant-without-request");
        Obligation bulk = checks.get("sa.bulk-classified-download");
        java.time.LocalTime start = java.time.LocalTime.parse(hours.params().get("start"));
        java.time.LocalTime end = java.time.LocalTime.parse(hours.params().get("end"));
        int bulkCount = Integer.parseInt(bulk.params().get("count"));
        Set<String> approved = new HashSet<>();
        List<long[]> networks = new ArrayList<>(); // base, mask, retiredOn epoch day (or MAX)
        for (Fact f : facts) {
            if (f.getKind().equals("audit.approval")) {
                approved.add(f.getSubject());
            } else if (f.getKind().equals("audit.network")) {
                String[] cidr = f.getSubject().split("/");
                long mask = cidr[1].equals("0") ? 0 : (0xFFFFFFFFL << (32 - Integer.parseInt(cidr[1]))) & 0xFFFFFFFFL;
                String retired = f.getAttributes().get("retiredOn");
                networks.add(new long[] {ip(cidr[0]) & mask, mask, retired == null ? Long.MAX_VALUE : LocalDate.parse(retired).toEpochDay()});
            }
        }
        Map<String, Integer> night = new HashMap<>();
        Map<String, Integer> foreign = new HashMap<>();
        Map<String, Integer> downloads = new HashMap<>();
        for (org.lvyue.api.audit.AuditEvent e : audit) {
            LocalDate day = e.at().toLocalDate();
            if (day.isAfter(asOf)) {
                continue;
            }
            switch (e.action()) {
                case "login", "login-failed" -> {
                    java.time.LocalTime t = e.at().toLocalTime();
                    if (e.action().equals("login") && (t.isBefore(start) || !t.isBefore(end))) {
                        night.merge(e.user() + "|" + day, 1, Integer::sum);
                    }
                    long a = e.address() == null ? -1 : ip(e.address());
                    boolean known = false;
                    for (long[] n : networks) {
                        if (a >= 0 && (a & n[1]) == n[0] && n[2] >= day.toEpochDay()) {
                            known = true;
                            break;
                        }
                    }
                    if (!known) {
                        foreign.merge(e.user() + "|" + day, 1, Integer::sum);
                    }
                }
                case "permission-grant" -> {
                    if (e.requestId() == null || !approved.contains(e.requestId())) {
                        out.add(Finding.builder().contractId(c.id()).domain(grants.domain()).obligation(grants.id())
                                .rule("基线 sa.grant-without-request 附件二 3 安全审计 权限分配无审批申请").clause(grants.clause())
                                .severity(grants.severity()).period(day, day, day.toString()).discriminator(e.id()).title("-").build());
                    }
                }
                case "file-download" -> {
                    if (e.classified()) {
                        downloads.merge(e.user() + "|" + day, 1, Integer::sum);
                    }
                }
                default -> { }
            }
        }
        night.forEach((k, n) -> out.add(perUserDay(c, hours, "基线 sa.login-hours 附件三 安全审计 登录时间异常", k, n)));
        if (!networks.isEmpty()) {
            foreign.forEach((k, n) -> out.add(perUserDay(c, unknown, "基线 sa.unknown-address 附件三 安全审计 登录地址异常", k, n)));
        }
        downloads.forEach((k, n) -> {
            if (n >= bulkCount) {
                out.add(perUserDay(c, bulk, "基线 sa.bulk-classified-download 附件二 3 安全审计 大量下载保密文件", k, n));
            }
        });
    }

    private static Finding perUserDay(Contract c, Obligation o, String rule, String userDay, int n) {
        int bar = userDay.lastIndexOf('|');
        LocalDate day = LocalDate.parse(userDay.substring(bar + 1));
        return Finding.builder().contractId(c.id()).domain(o.domain()).obligation(o.id()).rule(rule).clause(o.clause())
                .severity(o.severity()).period(day, day, day.toString()).discriminator(userDay.substring(0, bar)).title("-")
                .occurrences(n).build();
    }

    private static long ip(String address) {
        String[] p = address.split("\\.");
        if (p.length != 4) {
            return -1;
        }
        long v = 0;
        for (String x : p) {
            v = v << 8 | Integer.parseInt(x);
        }
        return v;
    }

    private static void missedPeriods(Contract c, Obligation o, List<ReportingPeriod> periods, Frequency f, Set<String> index,
                                      String ks, String rule, List<Finding> out) {
        for (ReportingPeriod p : periods) {
            if (p.frequency() == f && (f != Frequency.WEEKLY || p.workingDays() != 0) && !index.contains(ks + p.label())) {
                out.add(finding(c, o, rule, p.start(), p.end(), p.label(), null).build());
            }
        }
    }

    private static void support(Contract c, List<Fact> requests, Map<String, List<Fact>> contacts, Map<String, List<Fact>> visits,
                                LocalDate asOf, List<Finding> out) {
        Term sla = c.term("supportSla").orElseThrow();
        Term sites = c.term("supportSites").orElseThrow();
        LocalDateTime now = asOf.plusDays(1).atStartOfDay();
        for (Fact r : requests) {
            String site = r.getAttributes().get("site");
            boolean suburban = "suburban".equals(sites.values().get(site));
            if (!sites.values().containsKey(site)) {
                out.add(Finding.builder().contractId(c.id()).domain("support").rule("附件三 x.x.6 报修地点未分类：按市区时限计")
                        .clause(sites.clause()).severity(Severity.LOW).period(r.getDate(), r.getDate(), r.getDate().toString())
                        .discriminator(r.getSubject()).title("-").build());
            }
            LocalDateTime phoneDue = r.getTime().plusMinutes(sla.integer("phoneContactMinutes"));
            List<Fact> calls = contacts.getOrDefault(r.getSubject(), List.of());
            if (now.isAfter(phoneDue) && calls.stream().noneMatch(x -> !x.getTime().isAfter(phoneDue))) {
                out.add(breach(c, r, "support.phone", "附件三 x.x.6 电话联系：超过 1 小时", sla, Severity.MEDIUM));
            }
            boolean resolvedByPhone = calls.stream().anyMatch(x -> "resolved".equals(x.getStatus()));
            LocalDateTime onsiteDue = r.getTime().plusMinutes(sla.integer(suburban ? "onsiteSuburbanMinutes" : "onsiteUrbanMinutes"));
            if (!resolvedByPhone && now.isAfter(onsiteDue)
                    && visits.getOrDefault(r.getSubject(), List.of()).stream().noneMatch(x -> !x.getTime().isAfter(onsiteDue))) {
                out.add(breach(c, r, "support.onsite", "附件三 x.x.6 上门：超过 2 小时（郊区 4 小时）", sla, Severity.HIGH));
            }
        }
    }

    private static Finding breach(Contract c, Fact r, String obligation, String rule, Term sla, Severity severity) {
        return Finding.builder().contractId(c.id()).domain("support").obligation(obligation).rule(rule).clause(sla.clause())
                .severity(severity).period(r.getDate(), r.getDate(), r.getDate().toString()).discriminator(r.getSubject())
                .title("-").facts(r.getId()).build();
    }

    private static Finding.Builder finding(Contract c, Obligation o, String rule, LocalDate start, LocalDate end, String label,
                                           String discriminator) {
        return Finding.builder().contractId(c.id()).domain(o.domain()).obligation(o.id()).rule(rule).clause(o.clause())
                .severity(o.severity()).period(start, end, label).discriminator(discriminator).title("-");
    }
}
