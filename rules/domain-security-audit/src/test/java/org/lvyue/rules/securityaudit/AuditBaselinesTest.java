package org.lvyue.rules.securityaudit;

import static java.time.LocalDate.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.spi.Obligation;
import org.lvyue.engine.internal.DroolsEngine;
import org.lvyue.rules.obligations.DomainFacts;

/**
 * The audit-log baselines on the real engine over the demo contract (service period 2022), evaluated
 * on 2022-07-15, with the entries added the way the product adds them ({@code addAuditEvents}). Each
 * check fires exactly at its boundary and not one step inside it; a user's day is one finding.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AuditBaselinesTest {
    private static final LocalDate AS_OF = parse("2022-07-15");
    private static final Path DOMAIN = Path.of("src/main/resources");
    private DomainFacts domain;
    private DroolsEngine engine;
    private Contract contract;
    private final List<AuditEvent> events = new ArrayList<>();
    private int next;

    @BeforeEach
    void deploy() {
        domain = new DomainFacts(DOMAIN, "security-audit");
        engine = domain.engine();
        contract = domain.contract();
    }

    @AfterEach
    void close() {
        domain.close();
    }

    private Fact network(String cidr, String title) {
        return domain.add("audit.network", cidr, "2022-01-01", Map.of("title", title));
    }

    private Fact approval(String request, String resource) {
        return domain.add("audit.approval", request, "2022-05-30", Map.of("approver", "李处长", "resource", resource));
    }

    private AuditEvent event(String at, String user, String address, String action, String resource, boolean classified,
                             String requestId) {
        AuditEvent e = new AuditEvent("ae-" + (++next), LocalDateTime.parse(at), user, address, action, resource, classified,
                requestId, "社保业务系统");
        events.add(e);
        return e;
    }

    private AuditEvent login(String at, String user, String address) {
        return event(at, user, address, "login", null, false, null);
    }

    private AuditEvent login(String at, String user) {
        return login(at, user, "10.12.3.4");
    }

    private AuditEvent failedLogin(String at, String user) {
        return event(at, user, "10.12.3.4", "login-failed", null, false, null);
    }

    /** {@code n} failed logins of the user from {@code start}, {@code secondsApart} seconds apart. */
    private void failedLogins(String user, String start, int n, int secondsApart) {
        LocalDateTime t = LocalDateTime.parse(start);
        for (int i = 0; i < n; i++) {
            failedLogin(t.plusSeconds((long) i * secondsApart).toString(), user);
        }
    }

    private AuditEvent grant(String at, String user, String resource, String requestId) {
        return event(at, user, "10.12.0.8", "permission-grant", resource, false, requestId);
    }

    /** {@code n} downloads of the user on the day from 09:00, a minute apart. */
    private void downloads(String user, String day, int n, boolean classified) {
        LocalDateTime t = LocalDateTime.parse(day + "T09:00");
        for (int i = 0; i < n; i++) {
            event(t.plusMinutes(i).toString(), user, "10.12.3.4", "file-download", "档案-" + i + ".pdf", classified, null);
        }
    }

    /** Loads the facts, adds the audit entries as the product does, evaluates on {@link #AS_OF}. */
    private List<Finding> evaluate() {
        engine.load(contract, domain.facts());
        engine.addAuditEvents(contract.id(), events);
        return engine.evaluate(contract.id(), AS_OF).findings();
    }

    /** Each finding as {@code check period object}, sorted. */
    private List<String> failed() {
        List<String> out = new ArrayList<>();
        for (Finding f : evaluate()) {
            out.add(f.getObligationId() + " " + f.getPeriodLabel() + " " + f.getKey().substring(f.getKey().lastIndexOf('/') + 1));
        }
        out.sort(null);
        return out;
    }

    private List<String> ids(AuditEvent... es) {
        return java.util.Arrays.stream(es).map(AuditEvent::id).toList();
    }

    // ---- sa.login-hours

    @Test
    void a_login_at_0659_or_at_2000_is_outside_the_allowed_hours_and_one_at_0700_or_1959_is_not() {
        network("10.12.0.0/16", "社保中心办公网");
        login("2022-06-01T06:59:59", "early");
        login("2022-06-01T07:00:00", "seven");
        login("2022-06-01T19:59:59", "late");
        login("2022-06-01T20:00:00", "eight");
        assertEquals(List.of("sa.login-hours 2022-06-01 early", "sa.login-hours 2022-06-01 eight"), failed());
    }

    @Test
    void failed_logins_logouts_and_operations_at_night_are_not_logins() {
        network("10.12.0.0/16", "社保中心办公网");
        failedLogin("2022-06-01T02:00:00", "u1");
        event("2022-06-01T02:01:00", "u1", "10.12.3.4", "logout", null, false, null);
        event("2022-06-01T02:02:00", "u1", "10.12.3.4", "operation", "查询参保信息", false, null);
        assertEquals(List.of(), failed());
    }

    @Test
    void thirty_night_logins_of_one_user_on_one_day_are_one_finding_of_thirty_occurrences() {
        network("10.12.0.0/16", "社保中心办公网");
        List<AuditEvent> night = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            night.add(login(LocalDateTime.parse("2022-06-01T01:00").plusMinutes(i).toString(), "zhang"));
        }
        login("2022-06-02T01:00", "zhang");   // another day: another finding
        login("2022-06-01T10:00", "zhang");   // a day-time login of the same day: not counted

        List<Finding> found = evaluate();
        assertEquals(2, found.size(), found::toString);
        Finding f = found.stream().filter(x -> x.getPeriodLabel().equals("2022-06-01")).findFirst().orElseThrow();
        assertEquals(30, f.getOccurrences());
        assertEquals("用户 zhang 2022-06-01 在允许时段 07:00–20:00 以外登录 30 次", f.getTitle());
        assertEquals(night.subList(0, 20).stream().map(AuditEvent::id).toList(), f.getFactIds());
        assertTrue(f.getDetail().contains("共 30 条，证据列出前 20 条审计记录编号"), f.getDetail());
        assertTrue(f.getDetail().startsWith("用户 zhang 于 2022-06-01 的登录时刻：01:00:00、01:01:00"), f.getDetail());
        assertTrue(f.getDetail().contains("来源地址：10.12.3.4；系统：社保业务系统"), f.getDetail());
        assertEquals(Severity.LOW, f.getSeverity());
        assertEquals("security-audit", f.getDomain());
        assertEquals("sa.login-hours", f.getObligationId());
        assertEquals("基线 sa.login-hours 附件三 安全审计 登录时间异常", f.getRuleName());
        assertEquals(parse("2022-06-01"), f.getPeriodStart());
        assertEquals(parse("2022-06-01"), f.getPeriodEnd());
        assertTrue(f.getDetail().contains(" 整改：向该用户及其所在部门核实登录原因"), f.getDetail());
    }

    @Test
    void entries_added_after_an_evaluation_update_the_users_day_and_entries_after_the_evaluation_day_wait() {
        network("10.12.0.0/16", "社保中心办公网");
        login("2022-06-01T01:00", "zhang");
        login("2022-07-16T01:00", "zhang");   // after the evaluation day
        assertEquals(1, evaluate().size());

        engine.addAuditEvents(contract.id(), List.of(
                new AuditEvent("later-1", LocalDateTime.parse("2022-06-01T22:00"), "zhang", "10.12.3.4", "login", null, false, null, "社保"),
                new AuditEvent("later-2", LocalDateTime.parse("2022-06-01T23:00"), "zhang", "10.12.3.4", "login", null, false, null, "社保")));
        List<Finding> found = engine.evaluate(contract.id(), AS_OF).findings();
        assertEquals(1, found.size());
        assertEquals(3, found.get(0).getOccurrences());

        assertEquals(2, engine.evaluate(contract.id(), parse("2022-07-16")).findings().size());
    }

    // ---- sa.unknown-address

    @Test
    void a_login_from_inside_a_known_network_passes_and_one_from_outside_fails_and_so_does_a_failed_one() {
        network("10.12.0.0/16", "社保中心办公网");
        login("2022-06-01T09:00", "inside", "10.12.3.4");
        login("2022-06-01T09:00", "outside", "10.13.0.1");
        event("2022-06-01T09:05", "failing", "10.13.0.1", "login-failed", null, false, null);
        event("2022-06-01T09:10", "operator", "10.13.0.1", "operation", "查询", false, null);   // not a login
        assertEquals(List.of("sa.unknown-address 2022-06-01 failing", "sa.unknown-address 2022-06-01 outside"), failed());
    }

    @Test
    void a_users_day_of_logins_from_unknown_addresses_is_one_finding_naming_the_addresses() {
        network("10.12.0.0/16", "社保中心办公网");
        AuditEvent a = login("2022-06-01T09:00", "wang", "10.13.0.1");
        AuditEvent b = event("2022-06-01T09:01", "wang", "203.0.113.7", "login-failed", null, false, null);
        AuditEvent c = login("2022-06-01T09:02", "wang", null);
        login("2022-06-01T09:03", "wang", "10.12.9.9");
        List<Finding> found = evaluate();
        assertEquals(1, found.size());
        Finding f = found.get(0);
        assertEquals("用户 wang 2022-06-01 从已知网段以外的地址登录 3 次：10.13.0.1、203.0.113.7、未记录", f.getTitle());
        assertEquals(ids(a, b, c), f.getFactIds());
        assertEquals(3, f.getOccurrences());
        assertTrue(f.getDetail().contains("09:00:00 10.13.0.1、09:01:00 203.0.113.7（失败）、09:02:00 未记录"), f.getDetail());
        assertTrue(f.getDetail().contains("已知网段：10.12.0.0/16（社保中心办公网）"), f.getDetail());
    }

    @Test
    void without_known_networks_many_logins_give_one_finding_that_says_so() {
        for (int i = 0; i < 100; i++) {
            login("2022-06-01T09:00", "u" + i, "10.13.0." + i);
        }
        List<Finding> found = evaluate();
        assertEquals(1, found.size(), found::toString);
        Finding f = found.get(0);
        assertEquals("sa.unknown-address", f.getObligationId());
        assertEquals("未配置已知网段，无法核对登录来源地址", f.getTitle());
        assertEquals("未配置已知网段", f.getPeriodLabel());
        assertEquals("附件三 安全审计 未配置已知网段", f.getRuleName());
    }

    @Test
    void only_malformed_networks_count_as_none_and_are_named() {
        network("10.12.0.0/33", "写错的网段");
        login("2022-06-01T09:00", "u1", "10.12.3.4");
        List<Finding> found = evaluate();
        assertEquals(1, found.size(), found::toString);
        assertTrue(found.get(0).getDetail().contains("以下网段格式错误，已忽略：10.12.0.0/33"), found.get(0).getDetail());
    }

    @Test
    void no_logins_no_finding_even_without_networks() {
        event("2022-06-01T09:10", "operator", "10.13.0.1", "operation", "查询", false, null);
        assertEquals(List.of(), failed());
    }

    @Test
    void a_retired_network_is_known_through_its_retirement_day_only() {
        network("10.12.0.0/16", "社保中心办公网");
        network("10.20.0.0/16", "旧机房");
        domain.add("audit.network", "10.20.0.0/16", "2022-06-01", Map.of("title", "旧机房", "retiredOn", "2022-06-01"));
        login("2022-06-01T09:00", "u1", "10.20.1.1");
        login("2022-06-02T09:00", "u2", "10.20.1.1");
        assertEquals(List.of("sa.unknown-address 2022-06-02 u2"), failed());
    }

    @Test
    void registering_the_network_resolves_the_findings_of_its_logins() {
        network("10.12.0.0/16", "社保中心办公网");
        login("2022-06-01T09:00", "u1", "10.13.0.1");
        assertEquals(1, evaluate().size());
        Fact added = Fact.builder().id("net-2").contractId(contract.id()).domain("security-audit").kind("audit.network")
                .subject("10.13.0.0/16").date(parse("2022-07-01")).attributes(Map.of("title", "分中心")).build();
        engine.addFacts(contract.id(), List.of(added));
        assertEquals(List.of(), engine.evaluate(contract.id(), AS_OF).findings());
    }

    // ---- sa.failed-burst

    @Test
    void ten_failed_logins_within_five_minutes_are_a_burst_and_nine_are_not() {
        network("10.12.0.0/16", "社保中心办公网");
        failedLogins("ten", "2022-06-01T10:00:00", 10, 30);    // 10:00:00 .. 10:04:30
        failedLogins("nine", "2022-06-01T10:00:00", 9, 30);
        assertEquals(List.of("sa.failed-burst 2022-06-01 ten"), failed());
    }

    @Test
    void ten_failed_logins_spread_over_six_minutes_are_no_burst() {
        network("10.12.0.0/16", "社保中心办公网");
        failedLogins("slow", "2022-06-01T10:00:00", 10, 40);   // 10:00:00 .. 10:06:00
        failedLogins("edge", "2022-06-01T10:00:00", 9, 30);    // the tenth 5 minutes and 1 second after the first
        failedLogin("2022-06-01T10:05:01", "edge");
        failedLogins("exact", "2022-06-01T10:00:00", 9, 30);   // the tenth exactly 5 minutes after the first
        failedLogin("2022-06-01T10:05:00", "exact");
        assertEquals(List.of("sa.failed-burst 2022-06-01 exact"), failed());
    }

    @Test
    void bursts_are_one_finding_per_user_and_day_and_one_across_midnight_counts_on_the_second_day() {
        network("10.12.0.0/16", "社保中心办公网");
        failedLogins("li", "2022-06-01T09:00:00", 12, 20);
        failedLogins("li", "2022-06-01T15:00:00", 15, 10);
        failedLogins("night", "2022-06-01T23:58:00", 6, 15);   // 6 before midnight ...
        failedLogins("night", "2022-06-02T00:00:00", 4, 15);   // ... and 4 after
        List<Finding> found = evaluate();
        assertEquals(2, found.size(), found::toString);
        Finding li = found.stream().filter(f -> f.getKey().endsWith("/li")).findFirst().orElseThrow();
        assertEquals(27, li.getOccurrences());
        assertEquals("用户 li 2022-06-01 在 5 分钟内登录失败 15 次", li.getTitle());
        assertEquals(20, li.getFactIds().size());
        assertTrue(li.getDetail().contains("于 2022-06-01T09:03 达到 5 分钟内登录失败 10 次"), li.getDetail());
        Finding night = found.stream().filter(f -> f.getKey().endsWith("/night")).findFirst().orElseThrow();
        assertEquals("2022-06-02", night.getPeriodLabel());
        assertEquals(4, night.getOccurrences());
    }

    // ---- sa.grant-without-request

    @Test
    void an_approved_grant_passes_and_one_with_an_unknown_or_no_request_fails_each_on_its_own() {
        network("10.12.0.0/16", "社保中心办公网");
        approval("REQ-1", "参保查询");
        grant("2022-06-01T10:00", "admin", "参保查询", "REQ-1");
        AuditEvent unknown = grant("2022-06-01T10:05", "admin", "待遇审核", "REQ-9");
        AuditEvent none = grant("2022-06-01T10:06", "admin", "基金支付", null);
        assertEquals(List.of("sa.grant-without-request 2022-06-01 " + unknown.id(),
                "sa.grant-without-request 2022-06-01 " + none.id()), failed());

        Finding f = evaluate().stream().filter(x -> x.getKey().endsWith(unknown.id())).findFirst().orElseThrow();
        assertEquals("用户 admin 2022-06-01 分配权限 待遇审核，审批申请 REQ-9 没有审批记录", f.getTitle());
        assertEquals(List.of(unknown.id()), f.getFactIds());
        assertTrue(f.getDetail().contains("所附审批申请编号 REQ-9 不在已登记的审批记录（audit.approval）中"), f.getDetail());
        Finding g = evaluate().stream().filter(x -> x.getKey().endsWith(none.id())).findFirst().orElseThrow();
        assertEquals("用户 admin 2022-06-01 分配权限 基金支付，未附审批申请编号", g.getTitle());
    }

    @Test
    void an_approval_registered_later_resolves_its_grant() {
        network("10.12.0.0/16", "社保中心办公网");
        grant("2022-06-01T10:05", "admin", "待遇审核", "REQ-9");
        assertEquals(1, evaluate().size());
        engine.addFacts(contract.id(), List.of(Fact.builder().id("ap-9").contractId(contract.id()).domain("security-audit")
                .kind("audit.approval").subject("REQ-9").date(parse("2022-06-01"))
                .attributes(Map.of("approver", "李处长", "resource", "待遇审核")).build()));
        assertEquals(List.of(), engine.evaluate(contract.id(), AS_OF).findings());
    }

    // ---- sa.bulk-classified-download

    @Test
    void fifty_classified_downloads_in_a_day_fail_and_forty_nine_do_not() {
        network("10.12.0.0/16", "社保中心办公网");
        downloads("fifty", "2022-06-01", 50, true);
        downloads("fortynine", "2022-06-01", 49, true);
        assertEquals(List.of("sa.bulk-classified-download 2022-06-01 fifty"), failed());
        Finding f = evaluate().get(0);
        assertEquals(50, f.getOccurrences());
        assertEquals("用户 fifty 2022-06-01 下载保密文件 50 次（阈值 50 次）", f.getTitle());
        assertEquals(20, f.getFactIds().size());
        assertTrue(f.getDetail().contains("共 50 条，证据列出前 20 条审计记录编号"), f.getDetail());
    }

    @Test
    void unclassified_downloads_and_classified_ones_on_another_day_do_not_count() {
        network("10.12.0.0/16", "社保中心办公网");
        downloads("u1", "2022-06-01", 49, true);
        downloads("u1", "2022-06-01", 100, false);
        downloads("u1", "2022-06-02", 49, true);
        event("2022-06-01T11:00", "u1", "10.12.3.4", "file-upload", "上传.pdf", true, null);
        assertEquals(List.of(), failed());
    }

    // ---- volume

    @Test
    void two_hundred_thousand_ordinary_entries_give_no_finding() {
        network("10.12.0.0/16", "社保中心办公网");
        network("10.20.0.0/16", "分中心");
        for (int r = 0; r < 50; r++) {
            approval("REQ-" + r, "资源-" + r);
        }
        Random random = new Random(20220601);
        LocalDateTime start = LocalDateTime.parse("2022-01-03T08:00");
        int n = 200_000;
        List<AuditEvent> ordinary = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            LocalDateTime at = start.plusDays((long) i * 180 / n).plusSeconds(random.nextInt(11 * 3600));   // 08:00 .. 18:59
            String user = "u" + random.nextInt(500);
            String address = (random.nextBoolean() ? "10.12." : "10.20.") + random.nextInt(256) + "." + random.nextInt(256);
            int kind = random.nextInt(100);
            String action = kind < 10 ? "login" : kind < 20 ? "logout" : kind < 22 ? "login-failed" : kind < 30 ? "file-download"
                    : kind < 31 ? "permission-grant" : kind < 33 ? "file-upload" : "operation";
            String request = action.equals("permission-grant") ? "REQ-" + random.nextInt(50) : null;
            boolean classified = action.startsWith("file-") && random.nextInt(4) == 0;
            ordinary.add(new AuditEvent("o-" + i, at, user, address, action, "资源-" + random.nextInt(1000), classified, request,
                    "社保业务系统"));
        }
        events.addAll(ordinary);
        List<Finding> found = evaluate().stream().filter(f -> f.getDomain().equals("security-audit")).toList();
        assertEquals(List.of(), found);

        // the same memory still sees an anomaly among them
        engine.addAuditEvents(contract.id(), List.of(new AuditEvent("night", LocalDateTime.parse("2022-03-01T03:00"), "u7",
                "10.12.3.4", "login", null, false, null, "社保业务系统")));
        assertEquals(List.of("sa.login-hours"), engine.evaluate(contract.id(), AS_OF).findings().stream()
                .map(Finding::getObligationId).toList());
    }

    // ---- catalogue

    @Test
    void every_baseline_check_has_its_metadata_thresholds_and_exactly_one_rule() throws Exception {
        List<Obligation> baselines = domain.baselineChecks(DOMAIN.resolve("rules/audit-baselines.drl"));
        assertEquals(Set.of("sa.login-hours", "sa.unknown-address", "sa.failed-burst", "sa.grant-without-request",
                "sa.bulk-classified-download"), Set.copyOf(baselines.stream().map(Obligation::id).toList()));
        Map<String, Obligation> byId = new HashMap<>();
        baselines.forEach(o -> byId.put(o.id(), o));
        assertEquals("07:00–20:00", LoginHours.of(byId.get("sa.login-hours")).describe());
        assertEquals(10, AuditChecks.param(byId.get("sa.failed-burst"), "count"));
        assertEquals(5, AuditChecks.param(byId.get("sa.failed-burst"), "minutes"));
        assertEquals(50, AuditChecks.param(byId.get("sa.bulk-classified-download"), "count"));
        for (Obligation o : baselines) {
            assertEquals("security-audit", o.domain());
            assertTrue(o.severity() != Severity.HIGH && o.severity() != Severity.CRITICAL,
                    o.id() + ": a user's behaviour is no service failure of the supplier (七.1 finding-per-obligation-period)");
        }
        Set<String> kinds = Set.copyOf(engine.catalogues().stream().flatMap(c -> c.factKinds().stream())
                .map(k -> k.name()).toList());
        assertTrue(kinds.containsAll(Set.of("audit.network", "audit.approval")), kinds::toString);
    }
}
