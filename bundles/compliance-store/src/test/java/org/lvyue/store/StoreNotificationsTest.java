package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvyue.store.TestData.CONTRACT;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.ledger.LedgerEntry;
import org.lvyue.api.ledger.Payer;
import org.lvyue.api.notify.Channel;
import org.lvyue.api.notify.NotificationKind;
import org.lvyue.api.notify.NotificationOutbox;
import org.lvyue.api.notify.Notice;
import org.lvyue.api.notify.OutboxMessage;
import org.lvyue.api.notify.Subscription;
import org.lvyue.api.service.InvalidInputException;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StoreNotificationsTest extends StoreTest {
    private static final Instant T1 = Instant.parse("2023-01-10T02:00:00Z");
    private static final Instant T2 = Instant.parse("2023-01-10T03:00:00Z");

    private Subscription subscribe(Channel channel, String target, Severity min, NotificationKind... kinds) {
        return store.addSubscription(new Subscription(0, CONTRACT, "bj-hrss", "值班", channel, target, null, Set.of(kinds),
                min, null, null), "admin", "127.0.0.1");
    }

    private static Finding finding(String obligation, Severity severity, String discriminator) {
        return Finding.builder().contractId(CONTRACT).domain("inspection").obligation(obligation).rule(obligation + " rule")
                .clause("附件二 5").severity(severity).period(LocalDate.of(2022, 3, 1), LocalDate.of(2022, 3, 31), "2022-03")
                .discriminator(discriminator).title("未按期巡检 " + discriminator).detail("应巡检 1 次，实际 0 次").facts(List.of())
                .build();
    }

    private static LedgerEntry amount(String discriminator, String yuan) {
        return LedgerEntry.builder().contractId(CONTRACT).rule("七.1 违约金").discriminator(discriminator).clause("一般条款 七.1")
                .payer(Payer.SUPPLIER).kind("违约金").amount(new BigDecimal(yuan)).title("服务失误违约金 " + discriminator)
                .formula("3% × A").build();
    }

    private static Evaluation evaluation(List<Finding> findings, List<LedgerEntry> ledger) {
        return new Evaluation(CONTRACT, LocalDate.of(2023, 1, 10), 1, List.of(), 0, findings, ledger, Duration.ZERO);
    }

    private List<OutboxMessage> due(Channel channel) {
        return store.due(channel, Instant.parse("2030-01-01T00:00:00Z"), 100);
    }

    @Test
    void a_new_high_finding_is_written_for_each_subscription_that_wants_it_and_nothing_while_it_stays_open() {
        subscribe(Channel.EMAIL, "duty@example.cn", Severity.HIGH, NotificationKind.FINDING);
        subscribe(Channel.WEBHOOK, "http://127.0.0.1:9/hook", Severity.CRITICAL, NotificationKind.FINDING);
        Finding high = finding("inspection-monthly", Severity.HIGH, "a");
        Finding low = finding("inspection-weekly", Severity.LOW, "b");

        store.reconcileFindings(evaluation(List.of(high, low), List.of()), T1);
        store.reconcileFindings(evaluation(List.of(high, low), List.of()), T2);

        List<OutboxMessage> mail = due(Channel.EMAIL);
        assertEquals(1, mail.size(), mail::toString);
        OutboxMessage m = mail.get(0);
        assertEquals(high.getKey(), m.ref());
        assertEquals(NotificationKind.FINDING, m.kind());
        assertEquals(Severity.HIGH, m.severity());
        assertEquals("duty@example.cn", m.target());
        assertEquals(T1, m.createdAt());
        assertTrue(m.messageId().startsWith("lvyue-"), m.messageId());
        assertEquals(List.of(), due(Channel.WEBHOOK), "a HIGH finding is below the webhook's CRITICAL");
    }

    @Test
    void a_resolved_finding_that_opens_again_is_told_again_with_a_new_message_id() {
        subscribe(Channel.EMAIL, "duty@example.cn", Severity.HIGH, NotificationKind.FINDING);
        Finding high = finding("inspection-monthly", Severity.HIGH, "a");
        store.reconcileFindings(evaluation(List.of(high), List.of()), T1);
        store.reconcileFindings(evaluation(List.of(), List.of()), T2);
        store.reconcileFindings(evaluation(List.of(high), List.of()), T2.plusSeconds(60));

        List<OutboxMessage> mail = due(Channel.EMAIL);
        assertEquals(2, mail.size());
        assertNotEquals(mail.get(0).messageId(), mail.get(1).messageId());
    }

    @Test
    void each_new_ledger_amount_is_written_once() {
        subscribe(Channel.EMAIL, "finance@example.cn", Severity.HIGH, NotificationKind.LEDGER);
        store.reconcileFindings(evaluation(List.of(), List.of(amount("Q1", "182571.00"))), T1);
        store.reconcileFindings(evaluation(List.of(), List.of(amount("Q1", "182571.00"), amount("Q2", "182571.00"))), T2);

        List<OutboxMessage> mail = due(Channel.EMAIL);
        assertEquals(List.of("七.1 违约金/Q1", "七.1 违约金/Q2"), mail.stream().map(OutboxMessage::ref).toList());
        assertEquals(new BigDecimal("182571.00"), mail.get(0).amount());
        assertTrue(mail.get(0).detail().contains("乙方"), mail.get(0).detail());
    }

    @Test
    void a_store_upgraded_from_before_notifications_takes_the_ledger_it_has_as_told() throws SQLException {
        subscribe(Channel.EMAIL, "finance@example.cn", Severity.HIGH, NotificationKind.LEDGER);
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            // what migration V13 leaves for a contract that had findings before it
            s.executeUpdate("INSERT INTO notify_ledger_seen (contract_id, entry_key) VALUES ('" + CONTRACT + "', '*')");
        }
        store.reconcileFindings(evaluation(List.of(), List.of(amount("Q1", "182571.00"))), T1);
        assertEquals(List.of(), due(Channel.EMAIL));

        store.reconcileFindings(evaluation(List.of(), List.of(amount("Q1", "182571.00"), amount("Q2", "1.00"))), T2);
        assertEquals(List.of("七.1 违约金/Q2"), due(Channel.EMAIL).stream().map(OutboxMessage::ref).toList());
    }

    @Test
    void support_request_findings_are_warnings_before_the_deadline_and_breaches_after_it() {
        subscribe(Channel.WECOM, "http://127.0.0.1:9/wecom", Severity.HIGH, NotificationKind.SUPPORT_WARNING,
                NotificationKind.SUPPORT_BREACH);
        Finding warning = Finding.builder().contractId(CONTRACT).domain("support").obligation("support.phone")
                .rule("附件三 x.x.6 电话联系：即将超时").clause("附件三 x.x.6").severity(Severity.INFO)
                .period(LocalDate.of(2023, 1, 10), LocalDate.of(2023, 1, 10), "2023-01-10").discriminator("T-1")
                .title("工单 T-1 须在 11:00 前电话联系用户（剩余 15 分）").facts(List.of()).build();
        Finding breach = Finding.builder().contractId(CONTRACT).domain("support").obligation("support.phone")
                .rule("附件三 x.x.6 电话联系：超过 1 小时").clause("附件三 x.x.6").severity(Severity.MEDIUM)
                .period(LocalDate.of(2023, 1, 10), LocalDate.of(2023, 1, 10), "2023-01-10").discriminator("T-1")
                .title("工单 T-1 未在 60 分钟内电话联系用户").facts(List.of()).build();

        store.reconcileFindings(evaluation(List.of(warning), List.of()), T1);
        store.reconcileFindings(evaluation(List.of(breach), List.of()), T2);

        assertEquals(List.of(NotificationKind.SUPPORT_WARNING, NotificationKind.SUPPORT_BREACH),
                due(Channel.WECOM).stream().map(OutboxMessage::kind).toList());
    }

    @Test
    void a_message_marked_sent_is_not_due_again_and_a_failed_one_is_due_when_its_retry_comes() {
        subscribe(Channel.EMAIL, "duty@example.cn", Severity.HIGH, NotificationKind.FINDING);
        store.reconcileFindings(evaluation(List.of(finding("a", Severity.HIGH, "1"), finding("b", Severity.CRITICAL, "2")),
                List.of()), T1);
        List<OutboxMessage> mail = due(Channel.EMAIL);
        assertEquals(2, mail.size());

        assertTrue(store.markSent(mail.get(0).id(), T2));
        assertFalse(store.markSent(mail.get(0).id(), T2), "marked once");
        store.markFailed(mail.get(1).id(), "connection refused", T2.plusSeconds(30));

        assertEquals(List.of(), store.due(Channel.EMAIL, T2, 10));
        OutboxMessage retried = store.due(Channel.EMAIL, T2.plusSeconds(30), 10).get(0);
        assertEquals(1, retried.attempts());
        assertEquals("connection refused", retried.lastError());
        assertEquals(new NotificationOutbox.Depth(1, 1, 0), store.depth());

        store.markFailed(retried.id(), "still refused", null);
        assertEquals(List.of(), due(Channel.EMAIL), "given up");
        assertEquals(new NotificationOutbox.Depth(0, 0, 1), store.depth());
    }

    @Test
    void of_two_nodes_claiming_one_message_only_one_takes_it_and_it_is_due_again_when_the_lease_ends() {
        subscribe(Channel.EMAIL, "duty@example.cn", Severity.HIGH, NotificationKind.FINDING);
        store.reconcileFindings(evaluation(List.of(finding("a", Severity.HIGH, "1")), List.of()), T1);
        OutboxMessage m = due(Channel.EMAIL).get(0);
        Instant lease = T2.plusSeconds(45);

        assertTrue(store.claim(m.id(), m.nextAttemptAt(), lease));
        assertFalse(store.claim(m.id(), m.nextAttemptAt(), lease), "the other node read the same row and loses");
        assertEquals(List.of(), store.due(Channel.EMAIL, lease.minusSeconds(1), 10));
        assertEquals(List.of(m.id()), store.due(Channel.EMAIL, lease, 10).stream().map(OutboxMessage::id).toList(),
                "a node that died with it leaves it due when its lease ends");
    }

    @Test
    void a_subscription_is_refused_field_by_field_in_chinese_first() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> subscribe(Channel.EMAIL, "not an address", Severity.HIGH, NotificationKind.FINDING));
        assertEquals("target", e.problems().get(0).field());
        assertTrue(e.getMessage().startsWith("通知订阅数据有误"), e.getMessage());

        e = assertThrows(InvalidInputException.class,
                () -> subscribe(Channel.DINGTALK, "ftp://robot", Severity.HIGH, NotificationKind.FINDING));
        assertEquals("target", e.problems().get(0).field());
        e = assertThrows(InvalidInputException.class, () -> subscribe(Channel.EMAIL, "a@b.cn", Severity.HIGH));
        assertEquals("kinds", e.problems().get(0).field());
        assertEquals(List.of(), store.subscriptions(CONTRACT), "nothing stored");
    }

    @Test
    void subscriptions_are_listed_per_contract_and_removed_with_an_activity_entry() {
        Subscription s = subscribe(Channel.EMAIL, "duty@example.cn", Severity.HIGH, NotificationKind.FINDING);
        assertEquals(List.of(s), store.subscriptions(CONTRACT));
        assertEquals(List.of(), store.subscriptions("other"));
        assertFalse(store.removeSubscription("other", s.id(), "admin", null));
        assertTrue(store.removeSubscription(CONTRACT, s.id(), "admin", null));
        assertEquals(List.of(), store.subscriptions(CONTRACT));
        assertEquals(2, store.count(new org.lvyue.api.activity.ActivityLog.Query(null, null, 100, 0)));
    }

    @Test
    void a_notice_the_clock_offers_again_is_written_once_per_recipient_also_after_the_store_is_reopened() {
        subscribe(Channel.EMAIL, "duty@example.cn", Severity.HIGH, NotificationKind.DEADLINE);
        subscribe(Channel.WEBHOOK, "http://127.0.0.1:9/hook", Severity.HIGH, NotificationKind.DEADLINE, NotificationKind.DIGEST);
        subscribe(Channel.WECOM, "http://127.0.0.1:9/wecom", Severity.HIGH, NotificationKind.FINDING);
        Notice report = new Notice(CONTRACT, NotificationKind.DEADLINE, "deadline/report/terms.monthly-summary/2023-10-09/lead 3",
                "terms.monthly-summary", null, "2023-09 月度服务工作总结报告（2023-10-09 到期）", "到期日：2023-10-09\n提前 3 个工作日", "一般条款 八.3");

        assertEquals(2, store.writeNotice(report, T1));
        assertEquals(0, store.writeNotice(report, T2), "offered again by the next check");
        store.close();
        store = newStore();
        assertEquals(0, store.writeNotice(report, T2.plusSeconds(60)), "offered again after a restart");

        List<OutboxMessage> mail = due(Channel.EMAIL);
        assertEquals(1, mail.size());
        assertEquals(NotificationKind.DEADLINE, mail.get(0).kind());
        assertEquals("terms.monthly-summary", mail.get(0).ref());
        assertEquals("到期日：2023-10-09\n提前 3 个工作日", mail.get(0).detail());
        assertEquals(1, due(Channel.WEBHOOK).size());
        assertEquals(List.of(), due(Channel.WECOM), "a recipient of findings only is not told of deadlines");

        Notice longerLead = new Notice(CONTRACT, NotificationKind.DEADLINE, "deadline/report/terms.monthly-summary/2023-10-09/lead 5",
                "terms.monthly-summary", null, "2023-09 月度服务工作总结报告（2023-10-09 到期）", null, null);
        assertEquals(2, store.writeNotice(longerLead, T2), "another lead is another notice");
    }

    @Test
    void a_support_warning_opened_again_is_the_same_message_and_is_not_written_twice() {
        subscribe(Channel.EMAIL, "duty@example.cn", Severity.HIGH, NotificationKind.SUPPORT_WARNING);
        Finding warning = Finding.builder().contractId(CONTRACT).domain("support").obligation("support.onsite")
                .rule("附件三 x.x.6 上门：即将超时").clause("附件三 x.x.6").severity(Severity.INFO)
                .period(LocalDate.of(2023, 1, 10), LocalDate.of(2023, 1, 10), "2023-01-10").discriminator("T-9")
                .title("工单 T-9 须在 12:00 前到场（剩余 15 分）").facts(List.of()).build();

        store.reconcileFindings(evaluation(List.of(warning), List.of()), T1);
        store.reconcileFindings(evaluation(List.of(), List.of()), T1.plusSeconds(60));
        store.reconcileFindings(evaluation(List.of(warning), List.of()), T1.plusSeconds(120));

        List<OutboxMessage> mail = due(Channel.EMAIL);
        assertEquals(1, mail.size(), mail::toString);
        assertEquals(NotificationRecords.stableId(CONTRACT, NotificationKind.SUPPORT_WARNING, warning.getKey(),
                mail.get(0).subscription()), mail.get(0).messageId());
    }

    @Test
    void of_two_nodes_only_one_holds_the_clocks_lease_until_it_lapses_unrenewed() {
        Instant until = T1.plusSeconds(210);
        assertTrue(store.lease("notify-clock", "node-a", T1, until));
        assertFalse(store.lease("notify-clock", "node-b", T1.plusSeconds(60), T1.plusSeconds(270)));
        assertTrue(store.lease("notify-clock", "node-a", T1.plusSeconds(60), T1.plusSeconds(270)), "the holder renews it");
        assertFalse(store.lease("notify-clock", "node-b", until, T1.plusSeconds(400)), "renewed: not lapsed at the first time");
        assertTrue(store.lease("notify-clock", "node-b", T1.plusSeconds(271), T1.plusSeconds(480)), "lapsed: the other takes it");
        assertFalse(store.lease("notify-clock", "node-a", T1.plusSeconds(300), T1.plusSeconds(510)));
    }

    @Test
    void the_ledger_amounts_first_told_since_a_time_are_listed_for_the_digest() {
        store.reconcileFindings(evaluation(List.of(), List.of(amount("Q1", "182571.00"))), T1);
        store.reconcileFindings(evaluation(List.of(), List.of(amount("Q1", "182571.00"), amount("Q2", "1.00"))), T2);

        assertEquals(List.of("七.1 违约金/Q1", "七.1 违约金/Q2"), store.ledgerKeysSince(CONTRACT, T1));
        assertEquals(List.of("七.1 违约金/Q2"), store.ledgerKeysSince(CONTRACT, T1.plusSeconds(1)));
        assertEquals(List.of(), store.ledgerKeysSince(CONTRACT, T2.plusSeconds(1)));
    }

    @Test
    void a_waiver_granted_and_withdrawn_is_told_in_the_transactions_that_record_them() {
        subscribe(Channel.EMAIL, "client@example.cn", Severity.HIGH, NotificationKind.WAIVER);
        Finding high = finding("inspection-monthly", Severity.HIGH, "a");
        store.reconcileFindings(evaluation(List.of(high), List.of()), T1);

        org.lvyue.api.waiver.Waiver w = store.addWaiver(CONTRACT, org.lvyue.api.waiver.Waiver.Target.FINDING, high.getKey(),
                "甲方同意：机房停电，顺延巡检", LocalDate.of(2023, 3, 31), "admin", T2);
        store.addWaiver(CONTRACT, org.lvyue.api.waiver.Waiver.Target.LEDGER, "七.1 违约金/Q1", "双方协商免除", null, "admin", T2);
        store.withdrawWaiver(CONTRACT, w.id(), "admin", "停电证明不足", T2.plusSeconds(60));

        List<OutboxMessage> mail = due(Channel.EMAIL);
        assertEquals(List.of("豁免 #" + w.id() + " 已批准：违约事项 " + high.getKey(), "豁免 #" + (w.id() + 1) + " 已批准：台账金额 七.1 违约金/Q1",
                "豁免 #" + w.id() + " 已撤销：违约事项 " + high.getKey()), mail.stream().map(OutboxMessage::title).toList());
        assertEquals(Severity.HIGH, mail.get(0).severity(), "the waived finding's: its message links to it");
        assertEquals(null, mail.get(1).severity(), "an amount's waiver links to the ledger");
        assertTrue(mail.get(2).detail().contains("撤销人：admin，理由：停电证明不足"), mail.get(2).detail());
        assertTrue(mail.get(0).detail().contains("有效至 2023-03-31"), mail.get(0).detail());
    }
}
