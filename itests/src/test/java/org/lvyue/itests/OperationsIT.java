package org.lvyue.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;

import jakarta.mail.internet.MimeMessage;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.lvyue.api.security.CertificateLogin;
import org.lvyue.testing.Sm2TestKeys;

/**
 * What an operator of the distribution relies on (issue #23): {@code /metrics} for Prometheus behind the role,
 * the API browsable at {@code /api/docs} from the product itself, a log without a WARN or ERROR line after a
 * normal start and a normal day's requests, and notifications: an SMTP server (GreenMail) and a webhook receiver (the
 * JDK's HTTP server) in this JVM receive what the distribution sends; a login by SM2 signature as a USB key's client
 * and {@code bin/sm2-login} make it. The distribution runs as a process, as in production.
 */
public class OperationsIT {
    private static final int PORT = 8197;
    private static final String CONTRACT = "bj-hrss-2022";
    private static final String FACTS = "/api/contracts/" + CONTRACT + "/facts";
    /** A line of karaf.log at WARN or ERROR ({@code 2026-12-06T09:29:14,171 | WARN  | thread | ...}). */
    private static final Pattern LOUD = Pattern.compile("^\\S+ \\| (WARN|ERROR)\\s*\\|.*");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static KarafProcess karaf;
    private static GreenMail smtp;
    /** The security administrators' address for the alarms. */
    private static final String ALARMS_TO = "sec@bureau.example";
    /** An account name nobody has: the alarm test's failed logins (and the lock and alarm lines they log) are its. */
    private static final String PROBE = "probe-account";
    private static HttpServer hooks;
    private static int hookPort;
    /** The webhook POSTs received: headers and body. */
    private static final BlockingQueue<Hook> HOOKS = new LinkedBlockingQueue<>();

    private record Hook(Map<String, List<String>> headers, JsonNode body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }

    @BeforeClass
    public static void start() throws IOException {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        startHooks(0);
        // a normal start: the demo year loaded on first start, as shipped (a small one: its bulky volumes at 2 %), with
        // notifications going to the receivers above, retried after 1 s
        Map<String, String> notify = Map.of("smtpHost", "127.0.0.1", "smtpPort", Integer.toString(smtp.getSmtp().getPort()),
                "smtpSecurity", "none", "consoleBaseUrl", "https://lvyue.example.cn", "retryFirstSeconds", "1",
                "retryLongestSeconds", "2", "pollMillis", "200");
        karaf = KarafProcess.start(Path.of("target", "operations-karaf").toAbsolutePath(), PORT, 0.02,
                // every request of the test comes from 127.0.0.1: the address's slow-down would reach across tests
                Map.of("org.lvyue.notify.cfg", notify, "org.lvyue.security.cfg", Map.of("alarmMailTo", ALARMS_TO,
                        "addressFreeFailures", "1000")));
        karaf.awaitUp();
        karaf.awaitDemoYear(CONTRACT);
    }

    /** The webhook receiver, on {@code port} (0: a free one, kept for a restart on the same address). */
    private static void startHooks(int port) throws IOException {
        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        hooks.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                HOOKS.add(new Hook(Map.copyOf(exchange.getRequestHeaders()), JSON.readTree(in.readAllBytes())));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hooks.start();
        hookPort = hooks.getAddress().getPort();
    }

    @AfterClass
    public static void stop() throws IOException {
        if (karaf != null) {
            karaf.close();
        }
        if (hooks != null) {
            hooks.stop(0);
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    private static String drills(String prefix, int n) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":\"").append(prefix).append('-').append(i)
                    .append("\",\"kind\":\"drill.performed\",\"date\":\"2022-06-15\",\"attributes\":{\"scenario\":\"断电演练 ")
                    .append(i).append("\"}}");
        }
        return json.append(']').toString();
    }

    /** The samples of an exposition in the Prometheus text format: series (name and labels) to value. */
    private static Map<String, Double> samples(String exposition) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return out;
    }

    @Test
    public void metrics_need_the_role_and_count_what_a_posted_batch_did() {
        KarafProcess.Reply anonymous = karaf.get("/metrics", null);
        assertEquals(anonymous.body(), 401, anonymous.status());
        KarafProcess.Reply evaluator = karaf.get("/metrics", "evaluator");
        assertEquals(evaluator.body(), 403, evaluator.status());

        KarafProcess.Reply posted = karaf.post(FACTS, "collector", drills("metrics-it", 20));
        assertEquals(posted.body(), 200, posted.status());

        KarafProcess.Reply scraped = karaf.get("/metrics", "admin");
        assertEquals(scraped.body(), 200, scraped.status());
        assertTrue(scraped.contentType(), scraped.contentType().startsWith("text/plain; version=0.0.4"));
        Map<String, Double> s = samples(scraped.body());
        String c = "contract=\"" + CONTRACT + "\"";
        assertTrue(s.toString(), s.get("lvyue_ingested_batches_total{" + c + ",kind=\"facts\"}") >= 1);
        assertTrue(s.toString(), s.get("lvyue_ingested_records_total{" + c + ",kind=\"facts\"}") >= 20);
        assertTrue(s.toString(), s.get("lvyue_ingest_duration_seconds_count{kind=\"facts\"}") >= 1);
        assertTrue(s.toString(), s.get("lvyue_evaluation_duration_seconds_count{" + c + "}") >= 1);
        assertTrue(s.toString(), s.get("lvyue_rule_set_version") >= 1);
        // the swap at start may come before the metrics bundle is there: the family, not a count
        assertTrue(s.toString(), s.containsKey("lvyue_rule_set_swap_duration_seconds_count"));
        assertTrue(s.toString(), s.get("lvyue_working_memories") >= 1);
        assertTrue(s.toString(), s.get("jvm_memory_used_bytes{area=\"heap\"}") > 0);
        assertEquals(s.toString(), 0.0, s.get("lvyue_intake_queue_batches{" + c + "}"), 0.0);
        assertTrue(s.toString(), s.containsKey("lvyue_refusals_total{reason=\"QUEUE_FULL\",status=\"429\"}"));
        assertTrue(s.toString(), s.containsKey("lvyue_findings_open{" + c + ",severity=\"HIGH\"}"));
    }

    @Test
    public void an_account_locked_by_failed_logins_is_mailed_to_the_security_administrators() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(401, karaf.get("/api/me", PROBE).status()); // no such account: each a failed login
        }
        assertEquals(429, karaf.get("/api/me", PROBE).status());

        MimeMessage alarm = mailAbout("账户 " + PROBE + " 因连续登录失败被锁定");
        assertEquals("【履约】安全告警：账户 " + PROBE + " 因连续登录失败被锁定（来自 127.0.0.1）", alarm.getSubject());
        assertEquals(ALARMS_TO, alarm.getAllRecipients()[0].toString());
        String text = (String) alarm.getContent();
        assertTrue(text, text.contains("连续 5 次登录失败（15 分钟内），账户锁定至") && text.contains("合同：（本产品自身）")
                && text.contains("https://lvyue.example.cn/#/activity"));
    }

    /** A signed login's body: the account's signature of the challenge for the server, as its USB key's tool makes it. */
    private static String signedLogin(Sm2TestKeys keys, String user, String challenge, String host) {
        byte[] signature = keys.sign(CertificateLogin.signedText(user, challenge, host));
        return "{\"user\":\"" + user + "\",\"challenge\":\"" + challenge + "\",\"signature\":\""
                + Base64.getEncoder().encodeToString(signature) + "\"}";
    }

    private static JsonNode challenge() {
        KarafProcess.Reply r = karaf.anonymous("POST", "/api/session/challenge", null);
        assertEquals(r.body(), 200, r.status());
        return r.json();
    }

    @Test
    public void an_account_logs_in_by_the_sm2_signature_of_the_certificate_its_holder_registered_once_per_challenge() {
        String user = "engineer";
        Sm2TestKeys keys = Sm2TestKeys.generate("CN=工程师,O=广西博飞");
        // nobody logs in by a certificate the account has not registered
        JsonNode c0 = challenge();
        String host = c0.path("host").asText();
        assertEquals("127.0.0.1:" + PORT, host);
        KarafProcess.Reply none = karaf.anonymous("POST", "/api/session/certificate", signedLogin(keys, user, c0.path("challenge").asText(), host));
        assertEquals(none.body(), 401, none.status());
        assertTrue(none.body(), none.json().path("message").asText().contains("账号未登记登录证书"));

        // its holder registers it, logged in by password, proving the key with a signed challenge
        JsonNode c1 = challenge();
        byte[] proof = keys.sign(CertificateLogin.signedText(user, c1.path("challenge").asText(), host));
        KarafProcess.Reply registered = karaf.put("/api/me/login-certificate", user, "{\"certificate\":"
                + JSON.valueToTree(keys.certificatePem()) + ",\"challenge\":\"" + c1.path("challenge").asText()
                + "\",\"signature\":\"" + Base64.getEncoder().encodeToString(proof) + "\"}");
        assertEquals(registered.body(), 200, registered.status());
        assertEquals("CN=工程师,O=广西博飞", registered.json().path("subject").asText());
        KarafProcess.Reply listed = karaf.get("/api/login-certificates", "secadmin");
        assertTrue(listed.body(), listed.body().contains("\"user\":\"engineer\""));
        assertEquals(403, karaf.get("/api/login-certificates", "admin").status());

        // from now on the account's right password is no way in (the request that registered it was remembered: forgotten)
        KarafProcess.Reply password = karaf.get("/api/me", user);
        assertEquals(password.body(), 401, password.status());
        assertEquals("certificate-login-only", password.json().path("error").asText());

        // the login: a session as a password login gives, for the account's realm roles
        JsonNode c2 = challenge();
        String body = signedLogin(keys, user, c2.path("challenge").asText(), host);
        KarafProcess.Reply in = karaf.anonymous("POST", "/api/session/certificate", body);
        assertEquals(in.body(), 200, in.status());
        String cookie = in.header("Set-Cookie").split(";")[0];
        assertTrue(cookie, cookie.startsWith("LVYUE_SESSION="));
        KarafProcess.Reply me = karaf.anonymous("GET", "/api/me", null, "Cookie", cookie);
        assertEquals(me.body(), 200, me.status());
        assertEquals(user, me.json().path("user").asText());

        // the same answer again, another key's, or one signed for another server: refused, and counted
        KarafProcess.Reply replay = karaf.anonymous("POST", "/api/session/certificate", body);
        assertEquals(replay.body(), 401, replay.status());
        assertTrue(replay.body(), replay.json().path("message").asText().contains("挑战值无效、已过期或已使用"));
        JsonNode c3 = challenge();
        KarafProcess.Reply stranger = karaf.anonymous("POST", "/api/session/certificate",
                signedLogin(Sm2TestKeys.generate("CN=工程师,O=广西博飞"), user, c3.path("challenge").asText(), host));
        assertTrue(stranger.body(), stranger.status() == 401 && stranger.json().path("message").asText().contains("签名验证未通过"));
        KarafProcess.Reply elsewhere = karaf.anonymous("POST", "/api/session/certificate",
                signedLogin(keys, user, c3.path("challenge").asText(), "lvyue.phishing.example:443"));
        assertEquals(elsewhere.body(), 401, elsewhere.status());

        // the security administrator removes it (a lost key): no signed login any more; the trail has it all
        assertEquals(204, karaf.delete("/api/login-certificates/" + user, "secadmin").status());
        JsonNode c4 = challenge();
        assertEquals(401, karaf.anonymous("POST", "/api/session/certificate", signedLogin(keys, user, c4.path("challenge").asText(), host))
                .status());
        String trail = karaf.get("/api/activity?user=" + user, "auditadmin").body()
                + karaf.get("/api/activity?user=secadmin", "auditadmin").body();
        assertTrue(trail, trail.contains("登录证书：已登记") && trail.contains("证书登录（SM2 签名）")
                && trail.contains("证书登录失败（挑战值无效、已过期或已使用）") && trail.contains("证书登录失败（签名验证未通过）")
                && trail.contains("登录证书：安全管理员已解除"));
        assertEquals("a success between the failures: the account is not locked", 200, karaf.get("/api/me", user).status());
    }

    /** Runs one of the distribution's {@code bin/} tools as its user would, with the environment given; what it printed. */
    private static String tool(Map<String, String> environment, String... command) throws Exception {
        List<String> line = new java.util.ArrayList<>(List.of(karaf.home.resolve("bin").resolve(command[0]).toString()));
        line.addAll(List.of(command).subList(1, command.length));
        ProcessBuilder pb = new ProcessBuilder(line).redirectErrorStream(true);
        pb.environment().putAll(environment);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(command[0] + " ended: " + out, p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(out, 0, p.exitValue());
        return out;
    }

    @Test
    public void bin_sm2_login_registers_a_key_files_certificate_and_logs_in_with_it_as_a_script_would() throws Exception {
        Path key = karaf.home.getParent().resolve("evaluator-login.p12");
        Files.deleteIfExists(key);
        Map<String, String> env = Map.of("LVYUE_KEY_PASSWORD", "it-login-key", "LVYUE_PASSWORD", "evaluator");
        tool(env, "sign-bundle", "new-key", key.toString(), "CN=评价人员,O=北京市人社局");
        String base = "http://127.0.0.1:" + PORT;

        String registered = tool(env, "sm2-login", "register", base, "evaluator", key.toString());
        try {
            assertTrue(registered, registered.contains("已登记登录证书") && registered.contains("CN=评价人员"));
            String out = tool(env, "sm2-login", "login", base, "evaluator", key.toString());
            java.util.regex.Matcher cookie = Pattern.compile("Cookie: (LVYUE_SESSION=\\S+)").matcher(out);
            assertTrue(out, cookie.find() && out.contains("X-CSRF-Token: "));

            KarafProcess.Reply me = karaf.anonymous("GET", "/api/me", null, "Cookie", cookie.group(1));
            assertEquals(me.body(), 200, me.status());
            assertEquals("evaluator", me.json().path("user").asText());
        } finally {
            // the other tests log in as the evaluator by password
            karaf.delete("/api/login-certificates/evaluator", "secadmin");
        }
    }

    @Test
    public void the_api_is_browsable_at_api_docs_from_the_product_itself() {
        KarafProcess.Reply bare = karaf.get("/api/docs", null);
        assertEquals(bare.body(), 301, bare.status());
        KarafProcess.Reply page = karaf.get("/api/docs/", null);
        assertEquals(page.body(), 200, page.status());
        assertTrue(page.body(), page.body().contains("swagger-ui-bundle.js") && page.body().contains("initializer.js"));
        KarafProcess.Reply bundle = karaf.get("/api/docs/swagger-ui-bundle.js", null);
        assertEquals(200, bundle.status());
        assertTrue("Swagger UI's bundle, not a stub: " + bundle.body().length(), bundle.body().length() > 500_000);
        assertEquals(200, karaf.get("/api/docs/swagger-ui.css", null).status());
        KarafProcess.Reply init = karaf.get("/api/docs/initializer.js", null);
        assertTrue(init.body(), init.status() == 200 && init.body().contains("'/api/openapi.json'"));
        KarafProcess.Reply doc = karaf.get("/api/openapi.json", null);
        assertEquals(200, doc.status());
        // Swagger UI's "Authorize" offers the schemes the document declares: the login is HTTP Basic
        assertEquals("basic", doc.json().path("components").path("securitySchemes").path("basic").path("scheme").asText());
    }

    @Test
    public void a_normal_start_and_a_normal_day_log_no_warn_or_error_line() throws IOException {
        // a day's usual requests first: logins, a batch, the findings, a scrape
        assertEquals(200, karaf.post(FACTS, "collector", drills("quiet-it", 5)).status());
        assertEquals(200, karaf.get("/api/contracts/" + CONTRACT + "/findings?status=OPEN", "evaluator").status());
        assertEquals(200, karaf.get("/metrics", "admin").status());
        Path log = karaf.home.resolve("data/log/karaf.log");
        // but for the failed attempts at the webhook receiver the notification test stops on purpose
        String stopped = "127.0.0.1:" + hookPort + "/hook";
        List<String> loud = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> LOUD.matcher(l).matches() && !l.contains(stopped) && !l.contains(PROBE)).toList();
        assertEquals("WARN/ERROR lines in " + log + ":\n" + String.join("\n", loud), List.of(), loud);
    }

    @Test
    public void a_first_start_compiles_no_rule_but_reads_those_the_distribution_ships_compiled() throws IOException {
        String log = Files.readString(karaf.home.resolve("data/log/karaf.log"), StandardCharsets.UTF_8);
        java.util.regex.Matcher first = Pattern.compile("(\\d+) domain bundle\\(s\\) in one rule set v1 in \\d+ ms "
                + "\\(compiled rules of (\\d+) reused from [^,]*compiled-rules, (\\d+) compiled\\)").matcher(log);
        assertTrue("the engine's line about the first rule set in " + karaf.home, first.find());
        assertEquals(first.group(), Await.SHIPPED_DOMAINS.size(), Integer.parseInt(first.group(1)));
        assertEquals(first.group(), first.group(1), first.group(2));
        assertEquals(first.group(), "0", first.group(3));
    }

    /** The facts of a service failure 甲方 confirmed: one new HIGH finding of 一般条款 七.1. */
    private static String failure(String id, String description) {
        return "[{\"id\":\"" + id + "\",\"kind\":\"service.failure\",\"date\":\"2022-09-14\",\"status\":\"confirmed\","
                + "\"attributes\":{\"description\":\"" + description + "\"}}]";
    }

    private static MimeMessage mailAbout(String description) {
        return Await.until("the mail about " + description, () -> {
            for (MimeMessage m : smtp.getReceivedMessages()) {
                try {
                    if (m.getSubject().contains(description)) {
                        return m;
                    }
                } catch (jakarta.mail.MessagingException e) {
                    throw new AssertionError(e);
                }
            }
            return null;
        }, m -> m != null, 60_000);
    }

    private static Hook hookAbout(String description) throws InterruptedException {
        long until = System.nanoTime() + 60_000_000_000L;
        for (Hook h; (h = HOOKS.poll(Math.max(1, (until - System.nanoTime()) / 1_000_000), java.util.concurrent.TimeUnit.MILLISECONDS)) != null; ) {
            if (h.body().path("title").asText().contains(description)) {
                return h;
            }
        }
        throw new AssertionError("no webhook POST about " + description + " within 60 s");
    }

    private static double sample(String series) {
        KarafProcess.Reply scraped = karaf.get("/metrics", "admin");
        assertEquals(scraped.body(), 200, scraped.status());
        return samples(scraped.body()).getOrDefault(series, -1.0);
    }

    @Test
    public void a_new_high_finding_is_mailed_and_posted_in_chinese_with_its_link_and_a_stopped_receiver_gets_it_by_the_retry()
            throws Exception {
        String subscriptions = "/api/contracts/" + CONTRACT + "/subscriptions";
        KarafProcess.Reply mail = karaf.post(subscriptions, "admin", "{\"party\":\"bj-hrss\",\"name\":\"甲方联系人\","
                + "\"channel\":\"EMAIL\",\"target\":\"contact@example.cn\",\"kinds\":[\"FINDING\"]}");
        assertEquals(mail.body(), 201, mail.status());
        KarafProcess.Reply hook = karaf.post(subscriptions, "admin", "{\"party\":\"gxbf\",\"name\":\"乙方值班系统\","
                + "\"channel\":\"WEBHOOK\",\"target\":\"http://127.0.0.1:" + hookPort + "/hook\",\"kinds\":[\"FINDING\"]}");
        assertEquals(hook.body(), 201, hook.status());

        String first = "通知测试一：现场服务不合格";
        KarafProcess.Reply posted = karaf.post(FACTS, "collector", failure("notify-it-1", first));
        assertEquals(posted.body(), 200, posted.status());
        MimeMessage m = mailAbout(first);
        Hook h = hookAbout(first);

        // each with its stable id, in its headers and in what people read; both link to the same finding in the console
        String mailId = m.getHeader("X-Lvyue-Message-Id")[0];
        assertEquals("<" + mailId + "@lvyue>", m.getMessageID());
        String text = (String) m.getContent();
        assertTrue(m.getSubject(), m.getSubject().startsWith("【履约】新违约事项（高）："));
        assertTrue(text, text.contains("合同：" + CONTRACT) && text.contains("严重程度：高") && text.contains("消息编号：" + mailId));
        String link = m.getHeader("X-Lvyue-Link")[0];
        assertTrue(link, link.startsWith("https://lvyue.example.cn/#/c/" + CONTRACT + "/findings/"));
        assertTrue(text, text.contains("查看：" + link));
        String hookId = h.header("X-Lvyue-Message-Id");
        assertEquals(hookId, h.body().path("id").asText());
        assertTrue(hookId, hookId.startsWith("lvyue-") && !hookId.equals(mailId));
        assertEquals("FINDING", h.body().path("kind").asText());
        assertEquals("HIGH", h.body().path("severity").asText());
        assertEquals(link, h.body().path("link").asText());
        assertTrue(h.body().path("text").asText(), h.body().path("text").asText().contains("消息编号：" + hookId));
        String key = h.body().path("ref").asText();
        KarafProcess.Reply finding = karaf.get("/api/contracts/" + CONTRACT + "/findings/detail?key="
                + java.net.URLEncoder.encode(key, StandardCharsets.UTF_8), "evaluator");
        assertEquals(finding.body(), 200, finding.status());
        assertTrue(finding.body(), finding.json().toString().contains(first));

        // the receiver stops: the next message fails, shows in /metrics, waits; the mail goes on meanwhile
        hooks.stop(0);
        String second = "通知测试二：巡检报告未按期提交";
        posted = karaf.post(FACTS, "collector", failure("notify-it-2", second));
        assertEquals(posted.body(), 200, posted.status());
        mailAbout(second);
        Await.until("the failed attempt in /metrics", () -> sample("lvyue_notification_failures_total{channel=\"webhook\"}") >= 1
                && sample("lvyue_outbox_retrying_messages{channel=\"webhook\"}") >= 1, d -> d, 60_000);
        assertEquals(0.0, sample("lvyue_notification_failures_total{channel=\"email\"}"), 0.0);

        // back on the same address: the retry delivers it, and the outbox empties
        startHooks(hookPort);
        Hook retried = hookAbout(second);
        assertEquals(retried.header("X-Lvyue-Message-Id"), retried.body().path("id").asText());
        Await.until("the outbox empty in /metrics", () -> sample("lvyue_outbox_pending_messages{channel=\"webhook\"}") == 0
                && sample("lvyue_notifications_sent_total{channel=\"webhook\"}") >= 2, d -> d, 60_000);
    }
}
