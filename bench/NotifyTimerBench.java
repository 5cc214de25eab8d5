import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;

/**
 * The notifications' clock on a running distribution on the real time of day, its etc/org.lvyue.notify.cfg pointing
 * at this bench's SMTP server (GreenMail on 127.0.0.1:3025): subscribes an e-mail address and a webhook (this bench's
 * receiver on 127.0.0.1:8990) to SUPPORT_WARNING, then per run posts a support request made 44 minutes ago at a
 * whole minute, so that its phone warning point (60 minutes minus the contract's warnBeforeMinutes of 15) comes at
 * the next whole minute W with no fact after it, and times from W (by this machine's clock, the product's) to the
 * message received by each receiver.
 * Usage: java -cp <compliance-notify test class path> NotifyTimerBench.java [runs]
 */
public class NotifyTimerBench {
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final String BASE = "http://127.0.0.1:8181/api/contracts/bj-hrss-2022";
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final Map<String, Long> MAIL = new ConcurrentHashMap<>();
    static final Map<String, Long> HOOK = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        GreenMail smtp = new GreenMail(new ServerSetup(3025, "127.0.0.1", "smtp"));
        smtp.start();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 8990), 50);
        hook.createContext("/hook", ex -> {
            long at = System.currentTimeMillis();
            String body;
            try (InputStream in = ex.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            HOOK.putIfAbsent(ticket(body), at);
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        hook.start();
        Thread mailWatch = new Thread(() -> {
            while (true) {
                try {
                    for (var m : smtp.getReceivedMessages()) {
                        MAIL.putIfAbsent(ticket(m.getSubject()), System.currentTimeMillis());
                    }
                    Thread.sleep(2);
                } catch (Exception e) {
                    return;
                }
            }
        });
        mailWatch.setDaemon(true);
        mailWatch.start();
        try {
            post(BASE + "/subscriptions", "admin:admin", "{\"party\":\"gxbf\",\"name\":\"bench mail\",\"channel\":\"EMAIL\","
                    + "\"target\":\"duty@example.cn\",\"kinds\":[\"SUPPORT_WARNING\"]}");
            post(BASE + "/subscriptions", "admin:admin", "{\"party\":\"gxbf\",\"name\":\"bench hook\",\"channel\":\"WEBHOOK\","
                    + "\"target\":\"http://127.0.0.1:8990/hook\",\"kinds\":[\"SUPPORT_WARNING\"]}");
            String tag = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
            List<Double> mail = new ArrayList<>();
            List<Double> web = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                String ticket = "C" + tag + "R" + i;
                // the warning point W: the next whole minute at least 5 s away, so the request is in before it
                LocalDateTime w = LocalDateTime.now(BEIJING).plusSeconds(5).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
                post(BASE + "/facts", "engineer:engineer", "[" + request(ticket, w.minusMinutes(45)) + "]");
                if (MAIL.containsKey(ticket) || HOOK.containsKey(ticket)) {
                    throw new IllegalStateException("told before its warning point: " + ticket);
                }
                long pointMillis = w.atZone(BEIJING).toInstant().toEpochMilli();
                while (!MAIL.containsKey(ticket) || !HOOK.containsKey(ticket)) {
                    if (System.currentTimeMillis() - pointMillis > 120_000) {
                        throw new IllegalStateException("no message for " + ticket + " within 120 s of its warning point");
                    }
                    Thread.sleep(5);
                }
                double m = MAIL.get(ticket) - pointMillis;
                double h = HOOK.get(ticket) - pointMillis;
                System.out.printf("run %d: warning point %s (Beijing); e-mail %.0f ms, webhook %.0f ms after it%n", i + 1, w, m, h);
                mail.add(m);
                web.add(h);
            }
            summary("e-mail", mail);
            summary("webhook", web);
            System.out.printf("messages received: e-mail %d, webhook %d, for %d warnings%n", smtp.getReceivedMessages().length,
                    HOOK.size(), runs);
        } finally {
            hook.stop(0);
            smtp.stop();
            System.exit(0);
        }
    }

    /** A request in the city, made at {@code at} (Beijing): phone contact due an hour later, warned 15 minutes before. */
    static String request(String ticket, LocalDateTime at) {
        return "{\"id\":\"" + ticket + "\",\"kind\":\"support.request\",\"subject\":\"" + ticket + "\",\"date\":\""
                + at.toLocalDate() + "\",\"time\":\"" + at + ":00\",\"attributes\":{\"site\":\"东城区\",\"description\":\"证书登录失败\"}}";
    }

    /** The ticket a message is about: its title names it (工单 C...). */
    static String ticket(String text) {
        int i = text.indexOf("工单 ");
        if (i < 0) {
            return "?";
        }
        int end = text.indexOf(' ', i + 3);
        return text.substring(i + 3, end < 0 ? text.length() : end);
    }

    static void summary(String what, List<Double> ms) {
        List<Double> s = new ArrayList<>(ms);
        Collections.sort(s);
        System.out.printf("%s: median %.0f ms, p90 %.0f ms, max %.0f ms over %d warnings%n", what, s.get(s.size() / 2),
                s.get((int) Math.ceil(s.size() * 0.9) - 1), s.get(s.size() - 1), s.size());
    }

    static void post(String url, String user, String json) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
    }
}
