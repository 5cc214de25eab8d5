package org.lvyue.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvyue.core.internal.CoreRoomsTest.await;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.calendar.WorkingCalendar;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.notify.Channel;
import org.lvyue.api.notify.NotificationKind;
import org.lvyue.api.notify.OutboxMessage;
import org.lvyue.api.notify.Subscription;
import org.lvyue.engine.internal.DomainSource;
import org.lvyue.engine.internal.DroolsEngine;
import org.lvyue.engine.internal.TestDomains;
import org.lvyue.store.JdbcStore;
import org.lvyue.testing.SettableClock;
import org.lvyue.testing.AnnotationConfigs;

/**
 * The notifications' clock on the real store (an H2 file) and the real engine, the demo contract buying a small
 * support domain written here (a warning 45 minutes after a request, a breach after 60, as the support rules count
 * the contract's targets; certificates whose expiry the dashboard shows). Time is the test's {@link SettableClock},
 * read by the product through its {@link BusinessClock}: nothing waits for the time of day.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NotifyTimerTest {
    private static final String DEMO = "bj-hrss-2022";
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path dir;

    private final SettableClock clock = SettableClock.at("2023-09-27T10:00:00", BEIJING);
    private final BusinessClock days = new BusinessClock(clock, null);
    private final LockOrder locks = new LockOrder();
    private JdbcStore store;
    private DroolsEngine engine;
    private Reevaluator reevaluator;
    private ContractRegistry registry;
    private Intake intake;
    private DashboardBuilder dashboards;

    @BeforeEach
    void start() {
        store = new JdbcStore("jdbc:h2:file:" + dir.resolve("lvyue").toAbsolutePath());
        engine = new DroolsEngine();
        engine.deploy(supportDomain());
        reevaluator = new Reevaluator(store, engine, locks, days);
        engine.addSwitchListener(reevaluator);
        registry = new ContractRegistry(store, engine, reevaluator, locks, days, org.lvyue.testing.SingleNode.OWNERS, CoreRoomsTest.config());
        intake = new Intake(store, engine, registry, reevaluator, locks, days);
        dashboards = new DashboardBuilder(store, engine, registry, reevaluator, locks, days);
        await(() -> reevaluator.recordedVersion(DEMO) == engine.ruleSetVersion());
    }

    @AfterEach
    void stop() {
        reevaluator.deactivate();
        registry.deactivate();
        engine.close();
        store.close();
    }

    private NotifyTimer timer(String node, int fallbackLead, String leads) {
        return new NotifyTimer(store, store, store, engine, registry, reevaluator, days, dashboards, config(0, fallbackLead, leads),
                node, false);
    }

    private NotifyTimer timer() {
        return timer("node-a", 5, "certificate=3");
    }

    private void subscribe(NotificationKind... kinds) {
        store.addSubscription(new Subscription(0, DEMO, "gxbf", "值班", Channel.EMAIL, "duty@example.cn", null, Set.of(kinds),
                Severity.HIGH, null, null), "admin", null);
    }

    private List<OutboxMessage> messages(NotificationKind kind) {
        return store.messages(DEMO, 1000).stream().filter(m -> m.kind() == kind).toList();
    }

    private void ingest(Map<String, Object> fact) {
        try {
            assertEquals(1, intake.ingest(DEMO, List.of(fact), "alice").stored());
        } catch (org.lvyue.api.service.InvalidInputException e) {
            throw new AssertionError(e.problems().toString(), e);
        }
    }

    private static Map<String, Object> request(String ticket, String time) {
        return Map.of("id", "req-" + ticket, "kind", "support.request", "subject", ticket, "date", time.substring(0, 10),
                "time", time);
    }

    private static Map<String, Object> certificate(String id, String date, String notAfter) {
        return Map.of("id", id, "kind", "support.certificate", "date", date,
                "attributes", Map.of("notAfter", notAfter, "name", "CN=" + id, "role", "server"));
    }

    @Test
    void a_support_warning_point_passed_by_the_clock_alone_is_written_at_the_next_check_and_once() {
        subscribe(NotificationKind.SUPPORT_WARNING, NotificationKind.SUPPORT_BREACH);
        ingest(request("T-1", "2023-09-27T09:20:00")); // warned from 10:05, breached after 10:20
        NotifyTimer timer = timer();
        assertEquals(List.of(), messages(NotificationKind.SUPPORT_WARNING), "at 10:00 the warning point has not come");

        clock.set("2023-09-27T10:05:01");
        assertTrue(timer.check().reevaluated().contains(DEMO));
        await(() -> messages(NotificationKind.SUPPORT_WARNING).size() == 1);

        // a batch evaluates the contract a minute later, and the clock each minute: the warning stays one message
        clock.set("2023-09-27T10:06:00");
        ingest(request("T-2", "2023-09-27T10:06:00"));
        timer.check();
        clock.set("2023-09-27T10:07:01");
        timer.check();

        clock.set("2023-09-27T10:21:01");
        timer.check();
        // the re-evaluations run one after another: once the breach is written, the ones before it are done
        await(() -> messages(NotificationKind.SUPPORT_BREACH).stream().anyMatch(m -> m.title().contains("T-1")));
        assertEquals(1, messages(NotificationKind.SUPPORT_WARNING).stream().filter(m -> m.title().contains("T-1")).count());
        assertEquals(1, messages(NotificationKind.SUPPORT_BREACH).size());
    }

    @Test
    void a_deadline_is_told_from_the_nth_working_day_before_it_across_the_national_day_holiday_once() {
        subscribe(NotificationKind.DEADLINE);
        ingest(certificate("cert-1", "2023-09-01", "2023-10-09"));
        NotifyTimer timer = timer(); // certificates 3 working days ahead, other kinds 5

        assertEquals(0, timer.check().deadlines(), "on Wednesday 27 September, four working days before");

        // the 3rd working day before Monday 9 October counts Sunday the 8th and Saturday the 7th (调休) and skips the
        // holiday of 29 September to 6 October: Thursday 28 September
        clock.set("2023-09-28T00:00:30");
        assertEquals(1, timer.check().deadlines());
        OutboxMessage m = messages(NotificationKind.DEADLINE).get(0);
        assertEquals("证书到期：CN=cert-1（2023-10-09 到期）", m.title());
        assertTrue(m.detail().contains("到期日：2023-10-09（星期一）"), m.detail());
        assertTrue(m.detail().contains("提前 3 个工作日提醒，自 2023-09-28（星期四）起"), m.detail());
        assertTrue(m.detail().contains("国务院办公厅关于2023年部分节假日安排的通知"), m.detail());
        assertTrue(m.detail().contains("国庆"), m.detail());

        clock.set("2023-09-29T09:00:00");
        assertEquals(0, timer.check().deadlines(), "offered again on the holiday: written once");
        clock.set("2023-09-29T09:04:00"); // the stopped node's lease has lapsed
        NotifyTimer.Check restarted = timer("node-a-restarted", 5, "certificate=3").check();
        assertTrue(restarted.held());
        assertEquals(0, restarted.deadlines(), "nor after a restart");
        assertEquals(1, messages(NotificationKind.DEADLINE).size());
    }

    @Test
    void the_worked_example_of_the_national_day_count_holds_on_the_state_councils_calendar() {
        DeadlineNotices notices = new DeadlineNotices(WorkingCalendar.china(), DeadlineNotices.Leads.parse(3, ""));
        assertEquals(LocalDate.of(2023, 9, 28), notices.noticeDay(LocalDate.of(2023, 10, 9), 3));
        assertEquals(LocalDate.of(2023, 10, 8), notices.noticeDay(LocalDate.of(2023, 10, 9), 1), "Sunday the 8th is 调休");
        assertEquals(LocalDate.of(2023, 10, 9), notices.noticeDay(LocalDate.of(2023, 10, 9), 0), "lead 0: the day itself");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> DeadlineNotices.Leads.parse(3, "certificate=ten"));
        assertTrue(bad.getMessage().startsWith("deadlineLeads 应为“类别=工作日数”"), bad.getMessage());
    }

    @Test
    void the_daily_digest_is_written_once_per_contract_and_day_from_the_configured_time() {
        subscribe(NotificationKind.DIGEST);
        clock.set("2023-09-28T08:29:00");
        NotifyTimer timer = timer();
        assertEquals(0, timer.check().digests(), "before 08:30");

        ingest(certificate("cert-2", "2023-09-28", "2023-10-02"));
        clock.set("2023-09-28T08:30:05");
        assertEquals(1, timer.check().digests());
        clock.set("2023-09-28T12:00:00");
        assertEquals(0, timer.check().digests());
        clock.set("2023-09-28T12:04:00"); // the stopped node's lease has lapsed
        NotifyTimer.Check restarted = timer("node-a-restarted", 5, "").check();
        assertTrue(restarted.held());
        assertEquals(0, restarted.digests(), "a restart writes today's digest no second time");

        OutboxMessage m = messages(NotificationKind.DIGEST).get(0);
        assertTrue(m.title().startsWith("安全应用维护服务 每日摘要 2023-09-28"), m.title());
        assertTrue(m.detail().contains("未关闭违约事项（不含已豁免）："), m.detail());
        assertTrue(m.detail().contains("2023-10-02（星期一）证书到期：CN=cert-2"), m.detail());
        assertEquals("2023-09-28", m.ref());

        clock.set("2023-09-29T08:31:00");
        assertEquals(1, timer("node-a-restarted", 5, "").check().digests(), "the next day's");
    }

    @Test
    void of_two_nodes_only_the_one_holding_the_lease_checks() {
        subscribe(NotificationKind.DEADLINE);
        ingest(certificate("cert-3", "2023-09-01", "2023-09-29"));
        NotifyTimer a = timer("node-a", 3, "");
        NotifyTimer b = timer("node-b", 3, "");

        assertTrue(a.check().held());
        NotifyTimer.Check other = b.check();
        assertFalse(other.held());
        assertEquals(0, other.deadlines());
        assertEquals(1, messages(NotificationKind.DEADLINE).size());
    }

    @Test
    void the_clock_runs_on_a_thread_of_its_own_and_stops_when_deactivated() {
        subscribe(NotificationKind.DEADLINE);
        ingest(certificate("cert-4", "2023-09-01", "2023-09-29"));
        NotifyTimer running = new NotifyTimer(store, store, store, engine, registry, reevaluator, days, dashboards, config(1, 3, ""),
                "node-a", true);
        try {
            await(() -> messages(NotificationKind.DEADLINE).size() == 1);
        } finally {
            running.stop();
        }
        // the pool has terminated when stop returns; its thread object goes a moment later
        await(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("lvyue-notify-clock")));
    }

    private static DomainSource supportDomain() {
        String drl = TestDomains.header("support") + "import org.lvyue.api.engine.EvaluationClock;\n\n" + """
                rule "test 电话联系：即将超时"
                when
                    $c   : Contract()
                    $r   : Fact(kind == "support.request", $ticket : subject)
                    $clk : EvaluationClock(!now.isBefore($r.getTime().plusMinutes(45)), !now.isAfter($r.getTime().plusMinutes(60)))
                then
                    insertLogical(Finding.builder().contractId($c.id()).domain("support").obligation("support.phone")
                        .rule(drools.getRule().getName()).clause("附件三 x.x.6").severity(Severity.INFO)
                        .period($r.getDate(), $r.getDate(), $r.getDate().toString()).discriminator($ticket)
                        .title("工单 " + $ticket + " 须在 " + $r.getTime().plusMinutes(60).toLocalTime() + " 前电话联系用户")
                        .facts($r.getId()).build());
                end

                rule "test 电话联系：超过 1 小时"
                when
                    $c   : Contract()
                    $r   : Fact(kind == "support.request", $ticket : subject)
                    $clk : EvaluationClock(now.isAfter($r.getTime().plusMinutes(60)))
                then
                    insertLogical(Finding.builder().contractId($c.id()).domain("support").obligation("support.phone")
                        .rule(drools.getRule().getName()).clause("附件三 x.x.6").severity(Severity.MEDIUM)
                        .period($r.getDate(), $r.getDate(), $r.getDate().toString()).discriminator($ticket)
                        .title("工单 " + $ticket + " 未在 60 分钟内电话联系用户").facts($r.getId()).build());
                end
                """;
        String catalogue = """
                {
                  "domain": "support",
                  "title": "测试 技术支持",
                  "clause": "附件三 x.x.6",
                  "assessment": { "requests": { "kind": "support.request", "phoneLate": "support.phone",
                                                 "onsiteLate": "support.onsite" } },
                  "dashboard": { "expiries": [ { "kind": "support.certificate", "until": "notAfter", "name": "name",
                                                 "deadlineKind": "certificate", "by": "role",
                                                 "titles": { "*": "证书到期：" } } ] },
                  "factKinds": [
                    { "name": "support.request", "title": "报修", "subjectRequired": true, "timeRequired": true },
                    { "name": "support.contact", "title": "电话联系", "subjectRequired": true, "timeRequired": true },
                    { "name": "support.onsite", "title": "到场", "subjectRequired": true, "timeRequired": true },
                    { "name": "support.certificate", "title": "证书",
                      "attributes": [ { "name": "notAfter", "type": "TEXT", "required": true },
                                      { "name": "name", "type": "TEXT", "required": true },
                                      { "name": "role", "type": "TEXT", "required": true } ] }
                  ],
                  "obligations": [
                    { "id": "support.phone", "title": "1 小时内电话联系", "clause": "附件三 x.x.6", "frequency": "PER_EVENT",
                      "evidenceKind": "support.contact", "severity": "MEDIUM", "due": { "anchorKind": "support.request" } },
                    { "id": "support.onsite", "title": "2 小时内到场", "clause": "附件三 x.x.6", "frequency": "PER_EVENT",
                      "evidenceKind": "support.onsite", "severity": "HIGH", "due": { "anchorKind": "support.request" } }
                  ]
                }
                """;
        return TestDomains.domain(1, "test.support", "1.0.0", "support", Map.of("rules/support.drl", drl),
                catalogue.getBytes(UTF_8));
    }

    static NotifyTimerConfig config(int seconds, int fallbackLead, String leads) {
        return AnnotationConfigs.of(NotifyTimerConfig.class, Map.of("clockCheckSeconds", seconds, "deadlineLeadWorkingDays",
                fallbackLead, "deadlineLeads", leads, "deadlineCheckMinutes", 60, "digestTime", "08:30", "digestZone",
                "Asia/Shanghai"));
    }
}
