import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * Issue #23 figures on a running distribution whose etc/org.lvyue.notify.cfg points at this bench's SMTP server
 * (GreenMail on 127.0.0.1:3025) and that stands on 2023-03-01 (its clock is 24:00 that day): subscribes an e-mail
 * address and a webhook (this bench's HTTP receiver on 127.0.0.1:8990) to SUPPORT_WARNING, then
 * <ol>
 * <li>latency: posts one support request at a time whose on-site warning point has come (requested 22:15, due 00:15,
 * warned from 00:00) and times from the POST to the message received by the SMTP server and by the webhook;</li>
 * <li>throughput: posts a batch of requests at their warning point at once and times until every message of both
 * channels arrived.</li>
 * </ol>
 * Usage: java -cp <compliance-notify test class path> NotifyBench.java [latency-runs] [batch]
 */
public class NotifyBench {
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final String BASE = "http://127.0.0.1:8181/api/contracts/bj-hrss-2022";
    static final Map<String, Long> MAIL = new ConcurrentHashMap<>();
    static final Map<String, Long> HOOK = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        GreenMail smtp = new GreenMail(new ServerSetup(3025, "127.0.0.1", "smtp"));
        smtp.start();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 8990), 50);
        hook.createContext("/hook", ex -> {
            long at = System.nanoTime();
            String body;
            try (InputStream in = ex.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            HOOK.putIfAbsent(ticket(body), at);
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        hook.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        hook.start();
        Thread mailWatch = new Thread(() -> {
            while (true) {
                try {
                    for (var m : smtp.getReceivedMessages()) {
                        MAIL.putIfAbsent(ticket(m.getSubject()), System.nanoTime());
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
            for (int i = -1; i < runs; i++) {
                String ticket = "B" + tag + "L" + (i + 1);
                long t0 = System.nanoTime();
                post(BASE + "/facts", "engineer:engineer", "[" + request(ticket) + "]");
                while (!MAIL.containsKey(ticket) || !HOOK.containsKey(ticket)) {
                    if (System.nanoTime() - t0 > 60_000_000_000L) {
                        throw new IllegalStateException("no message for " + ticket + " within 60 s");
                    }
                    Thread.sleep(1);
                }
                double m = (MAIL.get(ticket) - t0) / 1e6;
                double w = (HOOK.get(ticket) - t0) / 1e6;
                System.out.printf("%s: e-mail %.0f ms, webhook %.0f ms%n", i < 0 ? "warm-up" : "request " + (i + 1), m, w);
                if (i >= 0) {
                    mail.add(m);
                    web.add(w);
                }
            }
            summary("e-mail", mail);
            summary("webhook", web);

            StringBuilder facts = new StringBuilder("[");
            List<String> tickets = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                String ticket = "B" + tag + "T" + i;
                tickets.add(ticket);
                facts.append(i == 0 ? "" : ",").append(request(ticket));
            }
            long t0 = System.nanoTime();
            post(BASE + "/facts", "engineer:engineer", facts.append("]").toString());
            long posted = System.nanoTime();
            while (!MAIL.keySet().containsAll(tickets) || !HOOK.keySet().containsAll(tickets)) {
                if (System.nanoTime() - t0 > 600_000_000_000L) {
                    throw new IllegalStateException("the batch's messages did not all arrive within 600 s");
                }
                Thread.sleep(5);
            }
            long lastMail = tickets.stream().mapToLong(MAIL::get).max().orElseThrow();
            long lastHook = tickets.stream().mapToLong(HOOK::get).max().orElseThrow();
            long firstMail = tickets.stream().mapToLong(MAIL::get).min().orElseThrow();
            long firstHook = tickets.stream().mapToLong(HOOK::get).min().orElseThrow();
            System.out.printf("batch of %d requests: POST answered in %.0f ms; e-mail: all %d in %.1f s from the POST (%.0f messages/s"
                            + " from the first to the last); webhook: all %d in %.1f s (%.0f messages/s)%n",
                    batch, (posted - t0) / 1e6, batch, (lastMail - t0) / 1e9, (batch - 1) / ((lastMail - firstMail) / 1e9),
                    batch, (lastHook - t0) / 1e9, (batch - 1) / ((lastHook - firstHook) / 1e9));
            System.out.printf("duplicates received: e-mail %d, webhook none counted (first arrival kept)%n",
                    smtp.getReceivedMessages().length - MAIL.size());
        } finally {
            hook.stop(0);
            smtp.stop();
            System.exit(0);
        }
    }

    /** A request on 2023-03-01 at 22:15 in the city: on site due 00:15, warned from 00:00, the clock of that day's end. */
    static String request(String ticket) {
        return "{\"id\":\"" + ticket + "\",\"kind\":\"support.request\",\"subject\":\"" + ticket + "\",\"date\":\"2023-03-01\","
                + "\"time\":\"2023-03-01T22:15:00\",\"attributes\":{\"site\":\"东城区\",\"description\":\"证书登录失败\"}}";
    }

    /** The ticket a message is about: its title names it (工单 B...). */
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
        System.out.printf("%s: median %.0f ms, p90 %.0f ms, max %.0f ms over %d requests%n", what, s.get(s.size() / 2),
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
