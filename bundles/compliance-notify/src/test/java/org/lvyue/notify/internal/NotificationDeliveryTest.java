package org.lvyue.notify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.notify.Channel;
import org.lvyue.api.notify.NotificationKind;
import org.lvyue.api.notify.NotificationOutbox;
import org.lvyue.api.notify.Notice;
import org.lvyue.api.notify.OutboxMessage;
import org.lvyue.api.notify.Subscription;
import org.lvyue.store.JdbcStore;

/**
 * The outbox's messages sent to a real SMTP server (GreenMail) and a real HTTP receiver, from a real store (H2 files):
 * delivered with their stable id, retried, a crash between sending and marking, a dead receiver beside a live one.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NotificationDeliveryTest {
    static final String CONTRACT = "bj-hrss-2022";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    JdbcStore store;
    GreenMail smtp;
    Receivers http;
    final List<ChannelWorker> workers = new ArrayList<>();
    final MessageText text = new MessageText("https://lvyue.example.cn/");
    final Backoff quickRetries = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1), 5);

    @BeforeEach
    void start() throws Exception {
        store = new JdbcStore("jdbc:h2:file:" + dir.resolve("lvyue").toAbsolutePath());
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        http = new Receivers();
    }

    @AfterEach
    void stop() throws Exception {
        workers.forEach(w -> w.stop(Duration.ofSeconds(5)));
        http.close();
        smtp.stop();
        store.close();
    }

    SmtpSender mail() {
        return mail(smtp.getSmtp().getPort());
    }

    static SmtpSender mail(int port) {
        return new SmtpSender(new SmtpSender.Settings("127.0.0.1", port, SmtpSender.Security.NONE, "", "", "lvyue@example.cn",
                Duration.ofSeconds(2)));
    }

    WebhookSender webhooks() {
        return new WebhookSender(Duration.ofSeconds(1), new WebhookBodies(), Clock.systemUTC());
    }

    ChannelWorker worker(Channel channel, Sender sender, ChannelWorker.AfterSend afterSend) {
        ChannelWorker w = new ChannelWorker(channel, store, sender, text, quickRetries, Clock.systemUTC(),
                Duration.ofMillis(50), Duration.ofSeconds(1), 50, afterSend).start();
        workers.add(w);
        return w;
    }

    Subscription subscribe(Channel channel, String target, String secret, NotificationKind... kinds) {
        return store.addSubscription(new Subscription(0, CONTRACT, "bj-hrss", "值班", channel, target, secret, Set.of(kinds),
                Severity.HIGH, null, null), "admin", "127.0.0.1");
    }

    static Finding finding(String discriminator, Severity severity) {
        return Finding.builder().contractId(CONTRACT).domain("identity-auth").obligation("ia-daily-cert")
                .rule("附件三 1.1.1 每日检查").clause("附件三 1.1.1(一) 1)").severity(severity)
                .period(LocalDate.of(2023, 2, 27), LocalDate.of(2023, 2, 27), "2023-02-27").discriminator(discriminator)
                .title("证书有效性检查未执行 " + discriminator).detail("应于 2023-02-27 执行每日检查，未见记录。").facts(List.of())
                .build();
    }

    void recordFindings(Finding... findings) {
        store.reconcileFindings(new Evaluation(CONTRACT, LocalDate.of(2023, 2, 28), 1, List.of(), 0, List.of(findings),
                List.of(), Duration.ZERO), Instant.now());
    }

    /** Waits until the store has no message waiting, at most 20 s. */
    void awaitEmptyOutbox() throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (store.depth().waiting() > 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertEquals(0, store.depth().waiting(), "the outbox emptied");
    }

    @Test
    void a_new_high_finding_arrives_by_mail_and_by_webhook_in_chinese_with_its_link_and_stable_id() throws Exception {
        subscribe(Channel.EMAIL, "duty@example.cn", null, NotificationKind.FINDING);
        subscribe(Channel.WEBHOOK, http.url("/hook"), null, NotificationKind.FINDING);
        worker(Channel.EMAIL, mail(), ChannelWorker.AfterSend.NONE);
        worker(Channel.WEBHOOK, webhooks(), ChannelWorker.AfterSend.NONE);

        Finding f = finding("A", Severity.HIGH);
        recordFindings(f, finding("low", Severity.LOW));

        assertTrue(smtp.waitForIncomingEmail(20_000, 1));
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertEquals("【履约】新违约事项（高）：证书有效性检查未执行 A", mail.getSubject());
        String body = ((String) mail.getContent()).replace("\r\n", "\n");
        String link = "https://lvyue.example.cn/#/c/bj-hrss-2022/findings/"
                + java.net.URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8).replace("+", "%20");
        assertTrue(body.contains("查看：" + link), body);
        assertTrue(body.contains("合同条款：附件三 1.1.1(一) 1)"), body);

        Receivers.Request hook = http.next("/hook", 20);
        assertNotNull(hook);
        JsonNode json = JSON.readTree(hook.body());
        assertEquals(f.getKey(), json.path("ref").asText());
        assertEquals("HIGH", json.path("severity").asText());
        assertEquals(link, json.path("link").asText());
        assertEquals(json.path("id").asText(), hook.header("X-Lvyue-Message-Id"));

        String mailId = mail.getHeader("Message-ID")[0];
        assertEquals("<" + mail.getHeader("X-Lvyue-Message-Id")[0] + "@lvyue>", mailId);
        awaitEmptyOutbox();
        assertNull(http.next("/hook", 0), "the LOW finding is not sent");
        assertEquals(1, smtp.getReceivedMessages().length);
    }

    @Test
    void a_crash_between_sending_and_marking_sends_one_duplicate_with_the_same_id_and_no_more() throws Exception {
        subscribe(Channel.EMAIL, "duty@example.cn", null, NotificationKind.FINDING);
        subscribe(Channel.WEBHOOK, http.url("/hook"), null, NotificationKind.FINDING);
        // the process dies after the receiver accepted the message and before the outbox was told
        final class Crash extends Error {
            private static final long serialVersionUID = 1L;
        }
        ChannelWorker.AfterSend die = m -> {
            throw new Crash();
        };
        ChannelWorker mailWorker = worker(Channel.EMAIL, mail(), die);
        ChannelWorker hookWorker = worker(Channel.WEBHOOK, webhooks(), die);
        recordFindings(finding("A", Severity.CRITICAL));

        assertTrue(smtp.waitForIncomingEmail(20_000, 1));
        Receivers.Request first = http.next("/hook", 20);
        assertNotNull(first);
        mailWorker.stop(Duration.ofSeconds(5));
        hookWorker.stop(Duration.ofSeconds(5));
        assertEquals(2, store.depth().waiting(), "neither was marked sent");

        // the restarted node
        worker(Channel.EMAIL, mail(), ChannelWorker.AfterSend.NONE);
        worker(Channel.WEBHOOK, webhooks(), ChannelWorker.AfterSend.NONE);
        assertTrue(smtp.waitForIncomingEmail(20_000, 2));
        Receivers.Request again = http.next("/hook", 20);
        assertNotNull(again);
        awaitEmptyOutbox();

        MimeMessage[] mails = smtp.getReceivedMessages();
        assertEquals(2, mails.length);
        assertEquals(mails[0].getHeader("Message-ID")[0], mails[1].getHeader("Message-ID")[0]);
        assertEquals(first.header("X-Lvyue-Message-Id"), again.header("X-Lvyue-Message-Id"));
        assertEquals(JSON.readTree(first.body()).path("id"), JSON.readTree(again.body()).path("id"));

        // a third start sends nothing: both are marked now
        ChannelWorker third = new ChannelWorker(Channel.EMAIL, store, mail(), text, quickRetries, Clock.systemUTC(),
                Duration.ofMillis(50), Duration.ofSeconds(1), 50, ChannelWorker.AfterSend.NONE);
        assertEquals(0, third.round());
        assertEquals(2, smtp.getReceivedMessages().length);
        assertNull(http.next("/hook", 0));
    }

    @Test
    void a_dead_mail_server_and_a_hanging_webhook_hold_up_neither_the_other_channel_nor_the_other_webhook() throws Exception {
        subscribe(Channel.EMAIL, "duty@example.cn", null, NotificationKind.FINDING);
        subscribe(Channel.WEBHOOK, http.hanging(), null, NotificationKind.FINDING);
        subscribe(Channel.WEBHOOK, http.url("/hook"), null, NotificationKind.FINDING);
        subscribe(Channel.WECOM, http.url("/wecom"), null, NotificationKind.FINDING);
        http.answer("/wecom", "{\"errcode\":0,\"errmsg\":\"ok\"}");
        int deadPort = smtp.getSmtp().getPort();
        smtp.stop();
        worker(Channel.EMAIL, mail(deadPort), ChannelWorker.AfterSend.NONE);
        worker(Channel.WEBHOOK, webhooks(), ChannelWorker.AfterSend.NONE);
        worker(Channel.WECOM, webhooks(), ChannelWorker.AfterSend.NONE);

        recordFindings(finding("A", Severity.HIGH), finding("B", Severity.HIGH));

        // the robot and the live webhook receive both findings although the mail server is down and the other
        // webhook never answers
        for (int i = 0; i < 2; i++) {
            assertNotNull(http.next("/wecom", 20), "wecom message " + i);
            assertNotNull(http.next("/hook", 30), "webhook message " + i);
        }
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        // received is not yet marked: wait for the live recipients' four messages to be marked sent too
        while (failedAttempts(Channel.EMAIL) == 0 || failedAttempts(Channel.WEBHOOK) == 0
                || store.messages(CONTRACT, 100).stream().filter(m -> m.sentAt() != null).count() < 4) {
            assertTrue(System.nanoTime() < until, "failures recorded");
            Thread.sleep(20);
        }
        NotificationOutbox.Depth depth = store.depth();
        assertEquals(4, depth.waiting() + depth.givenUp(), "two mails and two messages to the hanging webhook wait: " + depth);
    }

    private long failedAttempts(Channel channel) {
        return store.messages(CONTRACT, 100).stream().filter(m -> m.channel() == channel && m.attempts() > 0
                && m.lastError() != null).count();
    }

    @Test
    void a_refused_attempt_is_retried_after_the_back_off_and_counted() throws Exception {
        subscribe(Channel.WEBHOOK, http.url("/flaky"), null, NotificationKind.FINDING);
        http.failFirst("/flaky", 2);
        worker(Channel.WEBHOOK, webhooks(), ChannelWorker.AfterSend.NONE);
        recordFindings(finding("A", Severity.HIGH));

        assertNotNull(http.next("/flaky", 20));
        awaitEmptyOutbox();
        OutboxMessage m = store.messages(CONTRACT, 10).get(0);
        assertEquals(2, m.attempts());
        assertTrue(m.lastError().contains("HTTP 500"), m.lastError());
        assertNotNull(m.sentAt());
    }

    @Test
    void the_robots_get_their_markdown_format_and_dingtalk_requests_are_signed_with_the_secret() throws Exception {
        subscribe(Channel.WECOM, http.url("/wecom"), null, NotificationKind.FINDING);
        subscribe(Channel.DINGTALK, http.url("/ding?access_token=abc"), "SECtest-secret", NotificationKind.FINDING);
        http.answer("/wecom", "{\"errcode\":0,\"errmsg\":\"ok\"}");
        http.answer("/ding", "{\"errcode\":0,\"errmsg\":\"ok\"}");
        worker(Channel.WECOM, webhooks(), ChannelWorker.AfterSend.NONE);
        worker(Channel.DINGTALK, webhooks(), ChannelWorker.AfterSend.NONE);
        recordFindings(finding("A", Severity.HIGH));

        JsonNode wecom = JSON.readTree(http.next("/wecom", 20).body());
        assertEquals("markdown", wecom.path("msgtype").asText());
        assertTrue(wecom.path("markdown").path("content").asText().contains("证书有效性检查未执行 A"), wecom.toString());

        Receivers.Request ding = http.next("/ding", 20);
        JsonNode body = JSON.readTree(ding.body());
        assertEquals("markdown", body.path("msgtype").asText());
        assertTrue(body.path("markdown").path("title").asText().startsWith("【履约】新违约事项"), body.toString());
        assertTrue(body.path("markdown").path("text").asText().contains("消息编号 lvyue-"), body.toString());
        // the robot's own check, as 钉钉 documents it
        java.util.Map<String, String> query = new java.util.HashMap<>();
        for (String kv : ding.query().split("&")) {
            String[] p = kv.split("=", 2);
            query.put(p[0], java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8));
        }
        assertEquals("abc", query.get("access_token"));
        long timestamp = Long.parseLong(query.get("timestamp"));
        assertTrue(Math.abs(System.currentTimeMillis() - timestamp) < 3_600_000L);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("SECtest-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(
                mac.doFinal((timestamp + "\n" + "SECtest-secret").getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, query.get("sign"));
        awaitEmptyOutbox();
    }

    @Test
    void a_robot_that_answers_an_error_code_is_a_failed_attempt() throws Exception {
        subscribe(Channel.DINGTALK, http.url("/ding"), null, NotificationKind.FINDING);
        http.answer("/ding", "{\"errcode\":310000,\"errmsg\":\"sign not match\"}");
        ChannelWorker w = new ChannelWorker(Channel.DINGTALK, store, webhooks(), text, quickRetries, Clock.systemUTC(),
                Duration.ofMillis(50), Duration.ofSeconds(1), 50, ChannelWorker.AfterSend.NONE);
        recordFindings(finding("A", Severity.HIGH));

        assertEquals(1, w.round());
        OutboxMessage m = store.messages(CONTRACT, 10).get(0);
        assertNull(m.sentAt());
        assertEquals(1, m.attempts());
        assertTrue(m.lastError().contains("sign not match"), m.lastError());
    }

    @Test
    void a_deadline_notice_offered_twice_arrives_once_by_mail_and_webhook_with_its_count_and_the_dashboard_link()
            throws Exception {
        subscribe(Channel.EMAIL, "duty@example.cn", null, NotificationKind.DEADLINE);
        subscribe(Channel.WEBHOOK, http.url("/hook"), null, NotificationKind.DEADLINE);
        worker(Channel.EMAIL, mail(), ChannelWorker.AfterSend.NONE);
        worker(Channel.WEBHOOK, webhooks(), ChannelWorker.AfterSend.NONE);
        Notice n = new Notice(CONTRACT, NotificationKind.DEADLINE, "deadline/report/terms.monthly-summary/2023-10-09/lead 3",
                "terms.monthly-summary", null, "2023-09 提交月度服务工作总结报告（2023-10-09 到期）",
                "到期日：2023-10-09（星期一），距今 3 个工作日\n提前 3 个工作日提醒，自 2023-09-28（星期四）起", "一般条款 八.3");

        assertEquals(2, store.writeNotice(n, Instant.now()));
        awaitEmptyOutbox();
        assertEquals(0, store.writeNotice(n, Instant.now()), "the next check offers it again");

        assertTrue(smtp.waitForIncomingEmail(20_000, 1));
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertEquals("【履约】期限临近：2023-09 提交月度服务工作总结报告（2023-10-09 到期）", mail.getSubject());
        String body = ((String) mail.getContent()).replace("\r\n", "\n");
        assertTrue(body.contains("说明：\n到期日：2023-10-09（星期一），距今 3 个工作日\n提前 3 个工作日提醒，自 2023-09-28（星期四）起\n"), body);
        assertTrue(body.contains("查看：https://lvyue.example.cn/#/c/bj-hrss-2022/dashboard\n"), body);
        assertTrue(body.contains("合同条款：一般条款 八.3"), body);
        JsonNode hook = JSON.readTree(http.next("/hook", 20).body());
        assertEquals("DEADLINE", hook.get("kind").asText());
        List<OutboxMessage> written = store.messages(CONTRACT, 10);
        assertEquals(2, written.size(), "one message per recipient");
        assertEquals(written.stream().filter(m -> m.channel() == Channel.WEBHOOK).findFirst().orElseThrow().messageId(),
                hook.get("id").asText());
        assertEquals(written.stream().filter(m -> m.channel() == Channel.EMAIL).findFirst().orElseThrow().messageId(),
                mail.getHeader("X-Lvyue-Message-Id")[0]);
        assertNull(http.next("/hook", 0), "written once, sent once");
        assertEquals(1, smtp.getReceivedMessages().length);
    }
}
