package org.lvyue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.lvyue.core.internal.QuarterlyAssessorTest.finding;
import static org.lvyue.core.internal.QuarterlyAssessorTest.obligation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.dashboard.Dashboard;
import org.lvyue.api.dashboard.Dashboard.Deadline;
import org.lvyue.api.dashboard.Dashboard.MonthRate;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.fact.FactKind;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.ledger.Ledger;
import org.lvyue.api.ledger.LedgerEntry;
import org.lvyue.api.ledger.Payer;
import org.lvyue.api.spi.AssessmentInputs;
import org.lvyue.api.spi.DashboardItems;
import org.lvyue.api.spi.DomainCatalogue;
import org.lvyue.api.spi.Frequency;
import org.lvyue.api.spi.Obligation;
import org.lvyue.api.spi.Obligation.Category;
import org.lvyue.api.spi.Obligation.DueRule;
import org.lvyue.api.waiver.Waiver;

/**
 * The dashboard on in-memory data over the demo contract (service year 2022). Q1 2022 has 60
 * working days and 11 ISO weeks ending in it with a working day (see {@link QuarterlyAssessorTest}):
 * January 21 days and W01–W04, February 16 days and W06–W08, March 23 days and W09–W12.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DashboardsTest {
    private static final Obligation DAILY = obligation("x.d01", Frequency.DAILY);
    private static final Obligation WEEKLY = obligation("x.w01", Frequency.WEEKLY);
    private static final DomainCatalogue X = new DomainCatalogue("x", "测试领域", "", "附件三", List.of(), List.of(DAILY, WEEKLY));
    private static final Ledger NO_MONEY = Ledger.of("bj-hrss-2022", LocalDate.of(2022, 4, 1), 1, List.of(), List.of(), List.of());

    private static Contract demo() {
        return ContractDefinitionReader.read(ContractDefinitionReader.demoDefinition());
    }

    private static Function<String, List<Fact>> facts(Fact... facts) {
        return kind -> java.util.Arrays.stream(facts).filter(f -> f.getKind().equals(kind)).toList();
    }

    @Test
    void attainment_by_month_and_by_domain_counts_what_fell_due_and_what_the_findings_say_was_missed() {
        List<FindingRecord> findings = List.of(
                finding(DAILY, "2022-03", LocalDate.of(2022, 3, 1), LocalDate.of(2022, 3, 31), 2, FindingStatus.OPEN, Severity.MEDIUM),
                finding(DAILY, "2022-02", LocalDate.of(2022, 2, 1), LocalDate.of(2022, 2, 28), 1, FindingStatus.WAIVED, Severity.MEDIUM),
                finding(WEEKLY, "2022-W11", LocalDate.of(2022, 3, 14), LocalDate.of(2022, 3, 20), 1, FindingStatus.OPEN, Severity.MEDIUM),
                finding(WEEKLY, "2022-W12", LocalDate.of(2022, 3, 21), LocalDate.of(2022, 3, 27), 1, FindingStatus.RESOLVED, Severity.HIGH));
        Dashboard d = Dashboards.build(demo(), LocalDate.of(2022, 4, 1), 9, List.of(X), findings, NO_MONEY, facts());

        // a week is due in the month it ends in, weeks without a working day too (issue #19 point 7): January 21
        // working days + 2021-W52 (clipped to 01-01..02), W01..W04 = 26; February 16 + W05 (春节), W06..W08 = 20
        assertEquals(List.of(
                new MonthRate("2022-01", 26, 26, 0, 0, 1.0),
                new MonthRate("2022-02", 20, 19, 0, 1, 0.95),
                new MonthRate("2022-03", 27, 24, 3, 0, 0.8889),
                new MonthRate("2022-04", 0, 0, 0, 0, null)), d.byMonth(), "every month up to the day; April has nothing over yet");
        var x = d.byDomain().get(0);
        assertEquals(new Dashboard.DomainRate("x", "测试领域", 73, 69, 3, 1, 0.9452), x); // 69 / 73
        assertEquals(9, d.ruleSetVersion());
    }

    @Test
    void open_findings_are_counted_for_every_severity_waived_and_resolved_ones_not() {
        List<FindingRecord> findings = List.of(
                finding(DAILY, "2022-03", LocalDate.of(2022, 3, 1), LocalDate.of(2022, 3, 31), 2, FindingStatus.OPEN, Severity.HIGH),
                finding(DAILY, "2022-04", LocalDate.of(2022, 4, 1), LocalDate.of(2022, 4, 30), 2, FindingStatus.OPEN, Severity.HIGH),
                finding(DAILY, "2022-02", LocalDate.of(2022, 2, 1), LocalDate.of(2022, 2, 28), 1, FindingStatus.WAIVED, Severity.LOW),
                finding(WEEKLY, "2022-W12", LocalDate.of(2022, 3, 21), LocalDate.of(2022, 3, 27), 1, FindingStatus.RESOLVED, Severity.CRITICAL));
        Dashboard d = Dashboards.build(demo(), LocalDate.of(2022, 5, 10), 1, List.of(X), findings, NO_MONEY, facts());
        assertEquals(Map.of(Severity.CRITICAL, 0, Severity.HIGH, 2, Severity.MEDIUM, 0, Severity.LOW, 0, Severity.INFO, 0),
                d.openBySeverity());
    }

    @Test
    void nothing_is_due_before_the_service_starts() {
        Dashboard d = Dashboards.build(demo(), LocalDate.of(2021, 12, 1), 1, List.of(X), List.of(), NO_MONEY, facts());
        assertEquals(List.of(), d.byMonth());
        assertEquals(List.of(), d.byDomain());
        assertNull(d.sla().rate());
    }

    @Test
    void money_splits_the_ledger_into_penalties_interest_refunds_and_fees_without_the_waived_entries() {
        LedgerEntry penalty = entry("七.1/2022-Q1", Payer.SUPPLIER, "服务不合格违约金", "182571.00");
        LedgerEntry waivedPenalty = entry("七.1/2022-Q2", Payer.SUPPLIER, "服务不合格违约金", "182571.00");
        LedgerEntry refund = entry("十四.2", Payer.SUPPLIER, "退款", "1000.10", LedgerEntry.Category.TERMINATION_REFUND);
        LedgerEntry interest = entry("七.2", Payer.CLIENT, "逾期付款违约金", "30428.50", LedgerEntry.Category.INTEREST);
        LedgerEntry fee = entry("七.2 乙方因欠款终止合同", Payer.CLIENT, "服务费", "500.00");
        LedgerEntry afterExpiry = entry("十六", Payer.NEW_SUPPLIER, "服务费", "983715.89");
        Waiver w = new Waiver(1, "bj-hrss-2022", Waiver.Target.LEDGER, waivedPenalty.getKey(), "甲方同意", null, "admin",
                Instant.EPOCH, null, null, null);
        Ledger ledger = Ledger.of("bj-hrss-2022", LocalDate.of(2023, 3, 1), 1, List.of(),
                List.of(penalty, waivedPenalty, refund, interest, fee, afterExpiry), List.of(w));

        // net = 182,571.00 + 1,000.10 − 30,428.50 − 500.00 = 152,642.60: 十六's fee is the new provider's, apart
        Dashboard.Money m = Dashboards.money(ledger);
        assertEquals(new Dashboard.Money(new BigDecimal("182571.00"), new BigDecimal("30428.50"), new BigDecimal("1000.10"),
                new BigDecimal("500.00"), new BigDecimal("182571.00"), new BigDecimal("152642.60"), new BigDecimal("983715.89"),
                "CNY"), m);
    }

    private static LedgerEntry entry(String rule, Payer payer, String kind, String amount) {
        return entry(rule, payer, kind, amount, null);
    }

    private static LedgerEntry entry(String rule, Payer payer, String kind, String amount, LedgerEntry.Category category) {
        return LedgerEntry.builder().contractId("bj-hrss-2022").rule(rule).clause("一般条款").payer(payer).kind(kind)
                .category(category).title(kind).formula("测试").amount(new BigDecimal(amount)).build();
    }

    @Test
    void the_sla_counts_each_late_request_once_and_ignores_warnings_and_requests_outside_the_period() {
        List<Fact> requests = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            requests.add(fact("r" + i, "support.request", "T" + i, LocalDate.of(2022, 3, 1)).build());
        }
        requests.add(fact("r9", "support.request", "T9", LocalDate.of(2023, 1, 5)).build());
        List<FindingRecord> findings = List.of(
                support("support.onsite", Severity.HIGH, "r2"), support("support.phone", Severity.HIGH, "r2"),
                support("support.phone", Severity.MEDIUM, "r3"), support("support.phone", Severity.INFO, "r1"));
        Dashboard.Sla sla = Dashboards.sla(List.of(SUPPORT), findings, requests, LocalDate.of(2022, 1, 1), LocalDate.of(2022, 12, 31));
        assertEquals(new Dashboard.Sla(4, 2, 2, 0.5), sla);
    }

    /** As domain-support's catalogue declares its requests and response targets. */
    static final DomainCatalogue SUPPORT = new DomainCatalogue("support", "技术支持服务", "", "附件三 x.x.6", List.of(), List.of(),
            Set.of(), new AssessmentInputs(true, null, new AssessmentInputs.Requests("support.request", "support.phone",
                    "support.onsite")), null);

    @Test
    void the_sla_reads_the_requests_and_late_findings_a_catalogue_declares_and_none_without_one() {
        List<Fact> requests = List.of(fact("r1", "support.request", "T1", LocalDate.of(2022, 3, 1)).build());
        List<FindingRecord> late = List.of(support("support.onsite", Severity.HIGH, "r1"));
        LocalDate from = LocalDate.of(2022, 1, 1);
        LocalDate to = LocalDate.of(2022, 12, 31);
        assertEquals(new Dashboard.Sla(1, 0, 1, 0.0), Dashboards.sla(List.of(SUPPORT), late, requests, from, to));
        assertEquals(new Dashboard.Sla(1, 1, 0, 1.0), Dashboards.sla(List.of(X), late, requests, from, to),
                "a finding of an obligation no catalogue declares late-response is no late request");
        Dashboard d = Dashboards.build(demo(), LocalDate.of(2022, 4, 1), 1, List.of(X), late, NO_MONEY, facts(requests.get(0)));
        assertEquals(new Dashboard.Sla(0, 0, 0, null), d.sla(), "no domain declares requests: none are counted");
        d = Dashboards.build(demo(), LocalDate.of(2022, 4, 1), 1, List.of(X, SUPPORT), late, NO_MONEY, facts(requests.get(0)));
        assertEquals(new Dashboard.Sla(1, 0, 1, 0.0), d.sla());
    }

    @Test
    void certificates_expire_on_the_dashboard_only_while_a_domain_declares_their_expiry() {
        Function<String, List<Fact>> facts = facts(certificate("srv", "server", "2022-07-02T10:00"));
        LocalDate asOf = LocalDate.of(2022, 6, 27);
        assertEquals(List.of(new Deadline(LocalDate.of(2022, 7, 2), "certificate", "服务器证书到期：CN=srv", "pki", "srv")),
                Dashboards.deadlines(demo(), asOf, List.of(PKI), facts));
        DomainCatalogue undeclared = new DomainCatalogue("pki", "证书", "", "附件三", PKI.factKinds(), List.of());
        assertEquals(List.of(), Dashboards.deadlines(demo(), asOf, List.of(undeclared), facts));
    }

    private static FindingRecord support(String obligation, Severity severity, String request) {
        Finding f = Finding.builder().contractId("bj-hrss-2022").domain("support").obligation(obligation).rule(obligation)
                .clause("附件三 x.x.6").severity(severity).period(LocalDate.of(2022, 3, 1), LocalDate.of(2022, 3, 1), "2022-03-01")
                .title("t").facts(request).discriminator(request).build();
        return new FindingRecord(f, FindingStatus.OPEN, Instant.EPOCH, Instant.EPOCH, null, null, null);
    }

    @Test
    void the_facts_read_once_for_a_build_are_grouped_by_kind_in_date_order_and_as_stored_within_a_day() {
        // stored (seq order): b on 3 March, a on 1 March, c on 1 March (after a), one of another kind
        Fact b = fact("b", "support.request", "T2", LocalDate.of(2022, 3, 3)).build();
        Fact a = fact("a", "support.request", "T1", LocalDate.of(2022, 3, 1)).build();
        Fact c = fact("c", "support.request", "T3", LocalDate.of(2022, 3, 1)).build();
        Fact other = fact("d", "drill.performed", "D", LocalDate.of(2022, 2, 1)).build();

        Map<String, List<Fact>> byKind = DashboardBuilder.byKind(List.of(b, a, c, other));

        // what the store's per-kind read gave: by date, then as stored
        assertEquals(List.of(a, c, b), byKind.get("support.request"));
        assertEquals(List.of(other), byKind.get("drill.performed"));
        assertEquals(Set.of("support.request", "drill.performed"), byKind.keySet());
    }

    private static Fact.Builder fact(String id, String kind, String subject, LocalDate date) {
        return Fact.builder().id(id).contractId("bj-hrss-2022").domain(kind.substring(0, kind.indexOf('.'))).kind(kind)
                .subject(subject).date(date).source("t");
    }

    // ---------------------------------------------------------------- deadlines

    private static final Obligation MONTHLY_REPORT = new Obligation("y.r01", "y", "每月提交分析报告", "附件二 1", Frequency.MONTHLY, 1,
            "y.deliverable", "y.r01", Severity.MEDIUM, new DueRule(null, 5, true), Category.DELIVERABLE, null, null, Map.of());
    private static final Obligation MONTHLY_TASK = new Obligation("y.m01", "y", "每月备份配置", "附件三", Frequency.MONTHLY, 1,
            "y.task", "y.m01", Severity.MEDIUM, null, Category.TASK, null, null, Map.of());
    private static final Obligation EVENT_REPORT = new Obligation("y.e01", "y", "提交《应急响应事件报告》", "附件二 6",
            Frequency.PER_EVENT, 1, "y.deliverable", "y.e01", Severity.HIGH, new DueRule("y.event", 5, true, "incident", false),
            Category.DELIVERABLE, null, null, Map.of());
    private static final DomainCatalogue Y = new DomainCatalogue("y", "测试", "", "附件二", List.of(),
            List.of(MONTHLY_REPORT, MONTHLY_TASK, EVENT_REPORT));
    private static final Obligation DRILL = new Obligation("drill.annual", "emergency-drill", "每年 1 次演练", "附件二 5",
            Frequency.YEARLY, 1, "drill.performed", null, Severity.HIGH, null);
    private static final Obligation DRILL_REPORT = new Obligation("drill.report", "emergency-drill", "提交成果：《应急演练报告》",
            "附件二 5", Frequency.YEARLY, 1, "drill.document", "report", Severity.MEDIUM, new DueRule("drill.performed", 15, false));
    private static final DomainCatalogue DRILLS = new DomainCatalogue("emergency-drill", "应急演练", "", "附件二 5", List.of(),
            List.of(DRILL, DRILL_REPORT), Set.of(), null, new DashboardItems("drill", List.of()));
    private static final DomainCatalogue TERMS = new DomainCatalogue("general-terms", "合同一般条款", "", "一般条款",
            List.of(kind("assessment.quarterly", "general-terms")), List.of(), Set.of(),
            new AssessmentInputs(false, "assessment.quarterly", null), null);
    /** As domain-pki's catalogue declares its certificates' expiry. */
    static final DashboardItems.Expiry CERTIFICATES = new DashboardItems.Expiry("pki.certificate", "notAfter", "pki.revoked",
            "subjectDn", "certificate", "role", Map.of("ca", "CA 证书到期：", "user", "用户证书到期：", "*", "服务器证书到期："), "user",
            "{n} 张用户证书到期", "user-certificates");
    private static final DomainCatalogue PKI = new DomainCatalogue("pki", "证书", "", "附件三",
            List.of(kind("pki.certificate", "pki"), kind("pki.revoked", "pki")), List.of(), Set.of(), null,
            new DashboardItems(null, List.of(CERTIFICATES)));
    private static final List<DomainCatalogue> ALL = List.of(Y, DRILLS, TERMS, PKI);

    private static FactKind kind(String name, String domain) {
        return new FactKind(name, domain, name, false, null, null, false, false, List.of());
    }

    private static Fact certificate(String id, String role, String notAfter) {
        return fact(id, "pki.certificate", id + "@ca", LocalDate.of(2021, 7, 1))
                .attributes(Map.of("role", role, "notAfter", notAfter, "subjectDn", "CN=" + id)).build();
    }

    @Test
    void the_week_ahead_lists_what_falls_due_and_is_not_done_yet_by_date() {
        Function<String, List<Fact>> facts = facts(
                fact("inc-1", "y.event", "incident", LocalDate.of(2022, 6, 24)).build(),
                fact("inc-2", "y.event", "incident", LocalDate.of(2022, 6, 23)).build(),
                fact("rep-2", "y.deliverable", "y.e01", LocalDate.of(2022, 6, 27)).attributes(Map.of("event", "inc-2")).build(),
                fact("warn-1", "y.event", "warning", LocalDate.of(2022, 6, 24)).build(),
                fact("drill-1", "drill.performed", null, LocalDate.of(2022, 6, 18)).build(),
                certificate("srv", "server", "2022-07-02T10:00"),
                certificate("u1", "user", "2022-07-03T00:00"), certificate("u2", "user", "2022-07-03T12:00"),
                certificate("u3", "user", "2022-07-03T23:59"), certificate("u4", "user", "2022-07-10T00:00"),
                certificate("revoked", "server", "2022-07-01T00:00"),
                fact("rv", "pki.revoked", "revoked@ca", LocalDate.of(2022, 5, 1)).build());

        List<Deadline> week = Dashboards.deadlines(demo(), LocalDate.of(2022, 6, 27), ALL, facts);

        assertEquals(List.of(
                new Deadline(LocalDate.of(2022, 6, 30), "assessment", "2022-Q2 季度运维服务质量考核（季度结束，待评估方结论）",
                        "general-terms", "2022-Q2"),
                new Deadline(LocalDate.of(2022, 6, 30), "other", "2022-06 待完成：每月备份配置", "y", "y.m01"),
                // 5 working days after Friday 06-24
                new Deadline(LocalDate.of(2022, 7, 1), "report", "提交《应急响应事件报告》（事件 inc-1，2022-06-24）", "y", "y.e01/inc-1"),
                new Deadline(LocalDate.of(2022, 7, 2), "certificate", "服务器证书到期：CN=srv", "pki", "srv"),
                new Deadline(LocalDate.of(2022, 7, 3), "certificate", "3 张用户证书到期", "pki", "user-certificates/2022-07-03"),
                // 15 days after the year's first drill
                new Deadline(LocalDate.of(2022, 7, 3), "drill", "2022 提交成果：《应急演练报告》", "emergency-drill", "drill.report")),
                week);
    }

    @Test
    void the_performance_bond_is_reminded_until_it_comes_by_the_twentieth_working_day_after_signing() {
        // signed Tuesday 2022-12-13; working days: 12-14..16 (3), 12-19..23 (8), 12-26..30 (13), 元旦 2022-12-31..2023-01-02
        // off, then 01-03..06 (17), 01-09, 01-10, 01-11: the twentieth is Wednesday 2023-01-11 (国办发明电〔2022〕16号)
        Deadline bond = new Deadline(LocalDate.of(2023, 1, 11), "other", "乙方提交履约保函（合同总价款的 10%）", "general-terms",
                "terms.bond");
        assertEquals(List.of(bond), Dashboards.deadlines(demo(), LocalDate.of(2023, 1, 5), List.of(TERMS), facts()).stream()
                .filter(d -> d.ref().equals("terms.bond")).toList());
        assertEquals(List.of(), Dashboards.deadlines(demo(), LocalDate.of(2023, 1, 3), List.of(TERMS), facts()).stream()
                .filter(d -> d.ref().equals("terms.bond")).toList(), "not yet within the week");
        Fact received = fact("bond", "bond.received", null, LocalDate.of(2023, 1, 4)).build();
        assertEquals(List.of(), Dashboards.deadlines(demo(), LocalDate.of(2023, 1, 5), List.of(TERMS), facts(received)).stream()
                .filter(d -> d.ref().equals("terms.bond")).toList(), "a bond received is not reminded");
        assertEquals(List.of(), Dashboards.deadlines(demo(), LocalDate.of(2023, 1, 5), List.of(Y), facts()).stream()
                .filter(d -> d.ref().equals("terms.bond")).toList(), "without the general terms' rules, nobody holds it");
    }

    @Test
    void a_cure_period_is_reminded_until_it_ends_or_the_notice_is_cured() {
        // 甲方's notice on Friday 2022-09-02: 30 days from the next day, the 30th is Sunday 10-02, inside 国庆 (10-01..07),
        // so the period runs to the first working day after the rest, Saturday 10-08 (a 调休 workday; 民法典 第二百零三条)
        Fact notice = fact("n1", "termination.notice", "client", LocalDate.of(2022, 9, 2)).attributes(Map.of("reason", "quality")).build();
        Deadline cure = new Deadline(LocalDate.of(2022, 10, 8), "other", "甲方 2022-09-02 通知的纠正期届满（30 日）", "general-terms",
                "termination/n1");
        assertEquals(List.of(cure), Dashboards.deadlines(demo(), LocalDate.of(2022, 10, 3), List.of(TERMS), facts(notice)).stream()
                .filter(d -> d.ref().startsWith("termination/")).toList());
        Fact cured = fact("c1", "termination.cured", "n1", LocalDate.of(2022, 9, 20)).build();
        assertEquals(List.of(), Dashboards.deadlines(demo(), LocalDate.of(2022, 10, 3), List.of(TERMS), facts(notice, cured)).stream()
                .filter(d -> d.ref().startsWith("termination/")).toList(), "a cured notice is not reminded");
    }

    @Test
    void a_monthly_report_is_due_five_working_days_after_its_month_unless_submitted_for_that_month() {
        LocalDate asOf = LocalDate.of(2022, 7, 1);
        // July 2022: 1 (Fri), 4, 5, 6, 7 -> the fifth working day is 07-07
        Deadline june = new Deadline(LocalDate.of(2022, 7, 7), "report", "2022-06 每月提交分析报告", "y", "y.r01");
        assertEquals(List.of(june), Dashboards.deadlines(demo(), asOf, List.of(Y), facts()).stream()
                .filter(d -> d.kind().equals("report")).toList());
        Fact submitted = fact("june", "y.deliverable", "y.r01", LocalDate.of(2022, 7, 1)).attributes(Map.of("period", "2022-06")).build();
        Fact rejected = fact("june-r", "y.deliverable", "y.r01", LocalDate.of(2022, 7, 1)).status("rejected")
                .attributes(Map.of("period", "2022-06")).build();
        Fact forMay = fact("may", "y.deliverable", "y.r01", LocalDate.of(2022, 7, 1)).attributes(Map.of("period", "2022-05")).build();
        assertEquals(List.of(), Dashboards.deadlines(demo(), asOf, List.of(Y), facts(submitted)).stream()
                .filter(d -> d.kind().equals("report")).toList());
        assertEquals(List.of(june), Dashboards.deadlines(demo(), asOf, List.of(Y), facts(rejected, forMay)).stream()
                .filter(d -> d.kind().equals("report")).toList(), "a rejected report or another month's does not count");
    }

    @Test
    void what_is_done_only_after_the_day_is_not_done_on_it() {
        Fact verdict = fact("v", "assessment.quarterly", "2022-Q2", LocalDate.of(2022, 7, 8)).status("pass").build();
        Fact backup = fact("b", "y.task", "y.m01", LocalDate.of(2022, 6, 29)).build();
        assertEquals(List.of("2022-Q2", "y.m01"), Dashboards.deadlines(demo(), LocalDate.of(2022, 6, 27), List.of(Y, TERMS),
                facts(verdict, backup)).stream().map(Deadline::ref).toList());
        assertEquals(List.of(), Dashboards.deadlines(demo(), LocalDate.of(2022, 6, 29), List.of(Y, TERMS),
                facts(verdict, backup)).stream().filter(d -> d.ref().equals("y.m01")).toList());
    }

    @Test
    void a_quarter_with_the_evaluators_verdict_and_a_year_with_its_drill_report_leave_nothing_to_remind() {
        Fact verdict = fact("v", "assessment.quarterly", "2022-Q2", LocalDate.of(2022, 6, 27)).status("pass").build();
        Fact drill = fact("drill-1", "drill.performed", null, LocalDate.of(2022, 6, 18)).build();
        Fact report = fact("doc", "drill.document", "report", LocalDate.of(2022, 6, 20)).build();
        assertEquals(Set.of(), Set.copyOf(Dashboards.deadlines(demo(), LocalDate.of(2022, 6, 27), List.of(TERMS, DRILLS),
                facts(verdict, drill, report))));
    }
}
