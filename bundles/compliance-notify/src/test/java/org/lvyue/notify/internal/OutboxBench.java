package org.lvyue.notify.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;

import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.notify.Channel;
import org.lvyue.api.notify.NotificationKind;
import org.lvyue.api.notify.Subscription;
import org.lvyue.store.JdbcStore;

/**
 * The outbox on its own (not a test; bench/outbox-bench.sh runs it): a real store on H2 files, GreenMail and a JDK
 * HTTP receiver on loopback, the workers as the product configures them (poll 1 s). Latency: from the commit of a
 * reconciliation with one new HIGH finding to the message received by the SMTP server and by the webhook. Throughput:
 * one reconciliation with many new findings, until every message of both channels arrived.
 * Usage: OutboxBench [latency-runs] [findings-in-the-burst]
 */
public final class OutboxBench {
    private OutboxBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int burst = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Path dir = Files.createTempDirectory("outbox-bench");
        Map<String, Long> mail = new ConcurrentHashMap<>();
        Map<String, Long> hook = new ConcurrentHashMap<>();
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        HttpServer http = HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 50);
        http.createContext("/hook", ex -> {
            long at = System.nanoTime();
            String body = new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            hook.putIfAbsent(ref(body), at);
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        http.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        http.start();
        Thread watch = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    for (var m : smtp.getReceivedMessages()) {
                        mail.putIfAbsent(ref(m.getSubject()), System.nanoTime());
                    }
                    Thread.sleep(2);
                } catch (Exception e) {
                    return;
                }
            }
        });
        watch.setDaemon(true);
        watch.start();
        try (JdbcStore store = new JdbcStore("jdbc:h2:file:" + dir.resolve("lvyue").toAbsolutePath())) {
            for (Channel c : List.of(Channel.EMAIL, Channel.WEBHOOK)) {
                store.addSubscription(new Subscription(0, "bench", "gxbf", "bench", c, c == Channel.EMAIL ? "duty@example.cn"
                        : "http://127.0.0.1:" + http.getAddress().getPort() + "/hook", null, Set.of(NotificationKind.FINDING),
                        Severity.HIGH, null, null), "bench", null);
            }
            MessageText text = new MessageText("http://localhost:8181");
            Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofHours(1), 12);
            Duration poll = Duration.ofMillis(1000);
            Duration lease = Duration.ofSeconds(35);
            List<ChannelWorker> workers = List.of(
                    new ChannelWorker(Channel.EMAIL, store, new SmtpSender(new SmtpSender.Settings("127.0.0.1",
                            smtp.getSmtp().getPort(), SmtpSender.Security.NONE, "", "", "lvyue@example.cn", Duration.ofSeconds(10))),
                            text, backoff, Clock.systemUTC(), poll, lease, 50, ChannelWorker.AfterSend.NONE).start(),
                    new ChannelWorker(Channel.WEBHOOK, store, new WebhookSender(Duration.ofSeconds(10), new WebhookBodies(),
                            Clock.systemUTC()), text, backoff, Clock.systemUTC(), poll, lease, 50, ChannelWorker.AfterSend.NONE).start());
            List<Finding> open = new ArrayList<>();
            List<Double> toMail = new ArrayList<>();
            List<Double> toHook = new ArrayList<>();
            for (int i = -1; i < runs; i++) {
                Finding f = finding("L" + (i + 1));
                open.add(f);
                long t0 = System.nanoTime();
                record(store, open);
                String ref = "L" + (i + 1);
                while (!mail.containsKey(ref) || !hook.containsKey(ref)) {
                    if (System.nanoTime() - t0 > 60_000_000_000L) {
                        throw new IllegalStateException("no message for " + ref + " within 60 s");
                    }
                    Thread.sleep(1);
                }
                if (i >= 0) {
                    toMail.add((mail.get(ref) - t0) / 1e6);
                    toHook.add((hook.get(ref) - t0) / 1e6);
                }
            }
            System.out.println("latency, commit of a new HIGH finding to receipt (poll 1 s): e-mail " + summary(toMail)
                    + "; webhook " + summary(toHook));
            List<String> refs = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                Finding f = finding("T" + i);
                open.add(f);
                refs.add("T" + i);
            }
            long t0 = System.nanoTime();
            record(store, open);
            long committed = System.nanoTime();
            while (!mail.keySet().containsAll(refs) || !hook.keySet().containsAll(refs)) {
                if (System.nanoTime() - t0 > 300_000_000_000L) {
                    throw new IllegalStateException("the burst's messages did not all arrive within 300 s");
                }
                Thread.sleep(5);
            }
            long lastMail = refs.stream().mapToLong(mail::get).max().orElseThrow();
            long lastHook = refs.stream().mapToLong(hook::get).max().orElseThrow();
            System.out.printf("burst: one reconciliation opening %d findings wrote %d messages in %.0f ms (the engine's"
                            + " transaction); e-mail: all in %.1f s = %.0f messages/s; webhook: all in %.1f s = %.0f messages/s%n",
                    burst, 2 * burst, (committed - t0) / 1e6, (lastMail - committed) / 1e9, burst / ((lastMail - committed) / 1e9),
                    (lastHook - committed) / 1e9, burst / ((lastHook - committed) / 1e9));
            System.out.println("received: e-mail " + smtp.getReceivedMessages().length + ", outbox " + store.depth());
            workers.forEach(w -> w.stop(Duration.ofSeconds(5)));
        } finally {
            watch.interrupt();
            http.stop(0);
            smtp.stop();
            System.exit(0);
        }
    }

    private static void record(JdbcStore store, List<Finding> open) {
        store.reconcileFindings(new Evaluation("bench", LocalDate.of(2023, 3, 1), 1, List.of(), 0, open, List.of(),
                Duration.ZERO), Instant.now());
    }

    private static Finding finding(String id) {
        return Finding.builder().contractId("bench").domain("identity-auth").obligation("ia-daily").rule("bench")
                .clause("附件三 1.1.1").severity(Severity.HIGH).period(LocalDate.of(2023, 3, 1), LocalDate.of(2023, 3, 1), "2023-03-01")
                .discriminator(id).title("检查 " + id + " 未执行").detail("bench").facts(List.of()).build();
    }

    /** The finding a message is about, from the title it carries: 检查 <id> 未执行. */
    private static String ref(String text) {
        int i = text.indexOf("检查 ");
        if (i < 0) {
            return "?";
        }
        int end = text.indexOf(' ', i + 3);
        return text.substring(i + 3, end);
    }

    private static String summary(List<Double> ms) {
        List<Double> s = new ArrayList<>(ms);
        Collections.sort(s);
        return String.format("median %.0f ms, p90 %.0f ms, max %.0f ms (%d)", s.get(s.size() / 2),
                s.get((int) Math.ceil(s.size() * 0.9) - 1), s.get(s.size() - 1), s.size());
    }
}
