import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue #7: a hot swap of a domain bundle under load. An open-loop client sends a fixed rate of
 * requests (reads of health, findings and ledger, and one-fact batches of identity-auth inspection
 * records) for {@code seconds}; half-way, the emergency-drill bundle in deploy/ is replaced by a copy
 * (Felix File Install updates it, the engine swaps the rule set and re-evaluates). Latency is timed from
 * each request's scheduled moment (no coordinated omission). Reported: requests sent, failed (no
 * answer or not 2xx), p50/p99 before the swap and in the 10 s from it.
 * Usage: bench/swap-bench.sh [rate] [seconds] [demo-scale] [post-every]
 *
 * <p>Issue #9's load test is the same client with {@code -Dmix=full} (bench/load-bench.sh): batches of
 * {@code -Dbatch} facts and of 10 times as many audit-log entries, and the console's reads besides
 * (dashboard, a facts page, an audit search); with {@code -Dpid} of the Karaf JVM it records the live
 * heap (after a full GC, {@code jcmd}) and the resident memory at the start, every quarter and the end.
 */
public class SwapBench {
    static final String BASE = "http://127.0.0.1:8181/api";
    static final String C = BASE + "/contracts/bj-hrss-2022";

    record Sample(long scheduledNanos, double ms, int status, String what) {
    }

    static final java.util.Set<String> ERRORS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public static void main(String[] args) throws Exception {
        // The server closes connections idle for 30 s (Jetty's default); a client that keeps them longer (the
        // JDK's default is 20 minutes) may send on one the server has just closed. The JDK client retries such
        // a GET but not a POST, so a post the server never saw would count as lost: keep them 20 s at most.
        System.setProperty("jdk.httpclient.keepalive.timeout", "20");
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int postEvery = args.length > 2 ? Integer.parseInt(args[2]) : 20; // one request in 20 posts a fact
        // the same load, unmeasured, before the measured seconds: JIT, caches and the last start-up work settle
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        Path deploy = Path.of(System.getProperty("deploy"));
        boolean full = "full".equals(System.getProperty("mix"));
        int batch = Integer.getInteger("batch", 1);
        long pid = Long.getLong("pid", -1L);
        List<String> memory = java.util.Collections.synchronizedList(new ArrayList<>());
        Path jar;
        try (var s = Files.list(deploy)) {
            jar = s.filter(p -> p.getFileName().toString().startsWith("domain-emergency-drill")).findFirst().orElseThrow();
        }
        long[] listenBefore = listenQueueCounters();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(64)).build();
        String evaluator = "Basic " + Base64.getEncoder().encodeToString("evaluator:evaluator".getBytes(StandardCharsets.UTF_8));
        String collector = "Basic " + Base64.getEncoder().encodeToString("engineer:engineer".getBytes(StandardCharsets.UTF_8));
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        int total = rate * (warmup + seconds);
        CountDownLatch done = new CountDownLatch(total);
        AtomicInteger seq = new AtomicInteger();
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        long start = System.nanoTime() + 500_000_000L;
        long measured = start + warmup * 1_000_000_000L;
        long periodNanos = 1_000_000_000L / rate;
        long[] swapAt = new long[1];
        for (int i = 0; i < total; i++) {
            long at = start + i * periodNanos;
            int n = i;
            clock.schedule(() -> {
                HttpRequest r;
                String what;
                int pick = n % postEvery == 0 ? 0 : full && n % postEvery == postEvery / 2 ? 1 : full ? 10 + n % 11 : 2 + n % 8;
                switch (pick) {
                    case 0 -> {
                        int k = seq.incrementAndGet();
                        what = "post";
                        java.util.StringJoiner facts = new java.util.StringJoiner(",", "[", "]");
                        for (int f = 0; f < batch; f++) {
                            String id = batch == 1 ? "swap-" + k : "load-" + k + "-" + f;
                            String day = java.time.LocalDate.of(2022, 1, 1).plusDays((k + f) % 365).toString();
                            facts.add("{\"id\":\"" + id + "\",\"kind\":\"identity-auth.inspection\",\"subject\":\"ia.d01\",\"date\":\""
                                    + day + "\",\"status\":\"normal\",\"attributes\":{\"inspector\":\"基准\",\"system\":\"压测-" + k + "\"}}");
                        }
                        r = HttpRequest.newBuilder(URI.create(C + "/facts")).timeout(Duration.ofSeconds(30))
                                .header("Authorization", collector).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(facts.toString())).build();
                    }
                    case 1 -> {
                        int k = seq.incrementAndGet();
                        what = "audit";
                        java.util.StringJoiner events = new java.util.StringJoiner(",", "[", "]");
                        for (int e = 0; e < batch * 10; e++) {
                            String when = java.time.LocalDateTime.of(2022, 1, 1, 8, 0).plusDays(k % 365).plusSeconds(e).toString();
                            events.add("{\"id\":\"load-" + k + "-" + e + "\",\"at\":\"" + when + "\",\"user\":\"u" + e % 50
                                    + "\",\"address\":\"10.12.0." + e % 200 + "\",\"action\":\"login\",\"system\":\"压测\"}");
                        }
                        r = HttpRequest.newBuilder(URI.create(C + "/audit-events")).timeout(Duration.ofSeconds(30))
                                .header("Authorization", collector).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(events.toString())).build();
                    }
                    case 10, 11, 12 -> {
                        what = "findings";
                        r = read(C + "/findings?status=OPEN&limit=50", evaluator);
                    }
                    case 13, 14 -> {
                        what = "dashboard";
                        r = read(C + "/dashboard", evaluator);
                    }
                    case 15, 16 -> {
                        what = "facts";
                        r = read(C + "/facts?kind=identity-auth.inspection&limit=50", evaluator);
                    }
                    case 17 -> {
                        what = "search";
                        r = read(C + "/audit-events?user=u7&limit=50", evaluator);
                    }
                    case 18 -> {
                        what = "ledger";
                        r = read(C + "/ledger", evaluator);
                    }
                    case 2, 3, 4, 5 -> {
                        what = "findings";
                        r = read(C + "/findings?status=OPEN&limit=50", evaluator);
                    }
                    case 6, 7 -> {
                        what = "ledger";
                        r = read(C + "/ledger", evaluator);
                    }
                    default -> {
                        what = "health";
                        r = HttpRequest.newBuilder(URI.create(BASE + "/health")).timeout(Duration.ofSeconds(30)).GET().build();
                    }
                }
                http.sendAsync(r, HttpResponse.BodyHandlers.discarding()).whenComplete((resp, err) -> {
                    if (err != null && ERRORS.size() < 5) {
                        // the cause tells a reset by the kernel (listen queue) from a close by the server (EOF)
                        Throwable cause = err.getCause() != null && err.getCause().getCause() != null ? err.getCause().getCause() : err.getCause();
                        ERRORS.add(what + ": " + err + (cause != null ? " (cause: " + cause + ")" : ""));
                    }
                    samples.add(new Sample(at, (System.nanoTime() - at) / 1e6, err == null ? resp.statusCode() : -1, what));
                    done.countDown();
                });
            }, at - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        clock.schedule(() -> {
            try {
                swapAt[0] = System.nanoTime();
                System.out.println("swap at " + java.time.LocalTime.now());
                Path copy = deploy.resolveSibling(jar.getFileName() + ".swap");
                Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
                copy.toFile().setLastModified(System.currentTimeMillis());
                Files.move(copy, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, measured + seconds * 500_000_000L - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (pid > 0) { // the live heap at the start of the measured seconds, every quarter, and the end
            for (int q = 0; q <= 4; q++) {
                int quarter = q;
                clock.schedule(() -> memory.add(quarter * 25 + "%: " + liveHeap(pid)),
                        measured + q * (seconds * 250_000_000L) - (q == 4 ? 1_000_000_000L : 0) - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
        }
        done.await(warmup + seconds + 120L, TimeUnit.SECONDS);
        clock.shutdownNow();
        List<Sample> all = new ArrayList<>(samples);
        long failed = all.stream().filter(s -> s.status() < 200 || s.status() >= 300).count();
        long swap = swapAt[0];
        List<Double> before = latencies(all, null, measured, swap);
        List<Double> during = latencies(all, null, swap, swap + 10_000_000_000L);
        System.out.printf("rate %d req/s (one in %d a %d-fact batch%s, the rest reads) for %d s after %d s of warm-up: %d sent, %d answered, %d failed (%s)%n",
                rate, postEvery, batch, full ? ", one in " + postEvery + " a batch of " + batch * 10 + " audit entries" : "", seconds, warmup, total, all.size(), failed,
                all.stream().filter(s -> s.status() < 200 || s.status() >= 300).map(s -> s.what() + ":" + s.status()).distinct().limit(5).toList());
        ERRORS.forEach(e -> System.out.println("  error: " + e));
        long[] listenAfter = listenQueueCounters();
        System.out.printf("  kernel, during the run: %d listen-queue overflows, %d SYN cookies sent%n",
                listenAfter[0] - listenBefore[0], listenAfter[1] - listenBefore[1]);
        // when the failures were sent, from the swap: a failure at the swap is the swap's, others the load's
        all.stream().filter(s -> s.status() < 200 || s.status() >= 300).limit(10).forEach(s -> System.out.printf(
                "  failed %s (%d) sent %.3f s from the swap, answered after %.1f ms%n", s.what(), s.status(),
                (s.scheduledNanos() - swap) / 1e9, s.ms()));
        System.out.printf("before the swap: p50 %.1f ms, p99 %.1f ms (%d requests)%n", pct(before, 50), pct(before, 99), before.size());
        System.out.printf("10 s from the swap: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d requests); p99 added %.1f ms%n",
                pct(during, 50), pct(during, 99), pct(during, 100), during.size(), pct(during, 99) - pct(before, 99));
        for (String what : full ? List.of("findings", "dashboard", "facts", "search", "ledger", "post", "audit")
                : List.of("findings", "ledger", "health", "post")) {
            List<Double> b = latencies(all, what, measured, swap);
            List<Double> d = latencies(all, what, swap, swap + 10_000_000_000L);
            System.out.printf("  %-8s before p99 %.1f ms; from the swap p50 %.1f, p99 %.1f, max %.1f ms%n", what, pct(b, 99),
                    pct(d, 50), pct(d, 99), pct(d, 100));
        }
        // the worst latency by half-second from the swap: where the time goes
        StringBuilder timeline = new StringBuilder("  worst by 0.5 s from the swap (ms):");
        for (int k = 0; k < 20; k++) {
            long from = swapAt[0] + k * 500_000_000L;
            long to = from + 500_000_000L;
            double worst = all.stream().filter(s -> s.scheduledNanos() >= from && s.scheduledNanos() < to)
                    .mapToDouble(Sample::ms).max().orElse(Double.NaN);
            timeline.append(String.format(" %.0f", worst));
        }
        System.out.println(timeline);
        if (full) {
            long posts = all.stream().filter(s -> s.what().equals("post") && s.status() == 200).count();
            long audits = all.stream().filter(s -> s.what().equals("audit") && s.status() == 200).count();
            System.out.printf("ingested %d facts and %d audit entries in %d s (warm-up included)%n", posts * batch,
                    audits * batch * 10, warmup + seconds);
        }
        memory.forEach(m -> System.out.println("  memory at " + m));
        System.exit(0);
    }

    /**
     * The kernel's TcpExt ListenOverflows and SyncookiesSent (/proc/net/netstat): a connection that
     * overflows the server's listen queue may be reset with its request unseen by the server.
     */
    static long[] listenQueueCounters() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/netstat"));
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith("TcpExt:") && lines.get(i + 1).startsWith("TcpExt:")) {
                    List<String> names = List.of(lines.get(i).split(" "));
                    String[] values = lines.get(i + 1).split(" ");
                    return new long[] {Long.parseLong(values[names.indexOf("ListenOverflows")]),
                            Long.parseLong(values[names.indexOf("SyncookiesSent")])};
                }
            }
        } catch (Exception e) {
            // not Linux: reported as zero
        }
        return new long[2];
    }

    /** Live heap after a full GC and resident memory of the JVM {@code pid}, by jcmd and /proc. */
    static String liveHeap(long pid) {
        try {
            run("jcmd", Long.toString(pid), "GC.run");
            String info = run("jcmd", Long.toString(pid), "GC.heap_info");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
            long usedKb = m.find() ? Long.parseLong(m.group(1)) : -1;
            long rssKb = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1);
            return String.format("live heap %d MiB, resident %d MiB", usedKb / 1024, rssKb / 1024);
        } catch (Exception e) {
            return "unavailable: " + e;
        }
    }

    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    /** A GET of {@code url} as the given user (an Authorization header value). */
    static HttpRequest read(String url, String authorization) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Authorization", authorization).GET().build();
    }

    /** The latencies of the requests (of one kind, or all when {@code what} is null) scheduled in [from, to). */
    static List<Double> latencies(List<Sample> all, String what, long from, long to) {
        return all.stream().filter(s -> what == null || s.what().equals(what))
                .filter(s -> s.scheduledNanos() >= from && s.scheduledNanos() < to).map(Sample::ms).toList();
    }

    static double pct(List<Double> xs, int p) {
        if (xs.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(s.size() * p / 100.0) - (p == 0 ? 0 : 1)));
    }
}
