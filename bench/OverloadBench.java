import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue #22, item 5: overload is answered, not timed out. An open-loop client (latency timed from each
 * request's scheduled moment) offers a fixed rate of mixed writes and reads on the demo contract: one request
 * in four a batch of facts, one in twenty a batch of audit-log entries, one in a hundred a what-if, the rest
 * reads (findings, dashboard, a facts page, the ledger, an audit search, health).
 *
 * <p>After a warm-up at {@code start} req/s, a ladder finds the load the product absorbs: rates doubling from
 * {@code start} req/s for {@code step} seconds each, until a step is not absorbed (an answer other than 2xx,
 * an error, or the writes' p99 of 1 s or more); the last absorbed rate is R. Then R for {@code base} seconds (the unloaded figure: acknowledged
 * facts per second) and 2R for {@code seconds} (the overload). Reported for each: timeouts and connection
 * errors (none allowed), answers by status, p99 (and per kind), acknowledged facts per second. Afterwards the
 * facts of the kind the bench writes are counted in the store: their growth must equal the facts acknowledged
 * (200), so nothing acknowledged was lost and nothing refused (429) was stored.
 * Usage: java OverloadBench.java [start-rate] [step-seconds] [base-seconds] [overload-seconds] [facts-per-batch]
 */
public class OverloadBench {
    static final String BASE = "http://127.0.0.1:8181/api";
    static final String C = BASE + "/contracts/bj-hrss-2022";
    static final String KIND = "identity-auth.inspection";
    static final String EVALUATOR = "Basic " + Base64.getEncoder().encodeToString("evaluator:evaluator".getBytes(StandardCharsets.UTF_8));
    static final String ENGINEER = "Basic " + Base64.getEncoder().encodeToString("engineer:engineer".getBytes(StandardCharsets.UTF_8));
    // audit-log entries are posted by a collector or the administrator, not by the supplier's engineer
    static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    static final String TAG = Long.toString(System.currentTimeMillis(), 36);
    static final AtomicInteger SEQ = new AtomicInteger();

    record Sample(String what, int status, double ms, String error, int facts) {
    }

    record Phase(String name, int rate, int seconds, List<Sample> samples) {
        long count(java.util.function.Predicate<Sample> p) {
            return samples.stream().filter(p).count();
        }

        long timeouts() {
            return count(s -> "timeout".equals(s.error()));
        }

        long connectionErrors() {
            return count(s -> s.error() != null && !"timeout".equals(s.error()));
        }

        double p99() {
            return pct(samples.stream().map(Sample::ms).toList(), 99);
        }

        long ackedFacts() {
            return samples.stream().filter(s -> s.what().equals("post") && s.status() == 200).mapToLong(Sample::facts).sum();
        }

        /**
         * Every request answered 2xx without error, and the writes' p99 under 1 s: the load the intake absorbs.
         * (The reads' own cost, a dashboard or facts page rebuilt after each change, is reported beside it.)
         */
        boolean absorbed() {
            return timeouts() == 0 && connectionErrors() == 0 && count(s -> s.status() < 200 || s.status() >= 300) == 0
                    && writesP99() < 1000;
        }

        double writesP99() {
            return pct(samples.stream().filter(s -> s.what().equals("post") || s.what().equals("audit")).map(Sample::ms).toList(), 99);
        }

        Map<String, Long> statuses() {
            Map<String, Long> m = new TreeMap<>();
            samples.forEach(s -> m.merge(s.error() != null ? s.error() : Integer.toString(s.status()), 1L, Long::sum));
            return m;
        }
    }

    static HttpClient http;

    public static void main(String[] args) throws Exception {
        // see SwapBench: keep idle connections shorter than the server's 30 s, or a POST may meet a closed one
        System.setProperty("jdk.httpclient.keepalive.timeout", "20");
        int start = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int step = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int base = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 120;
        int batch = args.length > 4 ? Integer.parseInt(args[4]) : 50;
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(128)).build();
        long before = storedFacts();
        List<Phase> all = new ArrayList<>();
        // the first dashboard, facts page and evaluations after the start, and the JIT, before anything is judged
        Phase warm = run("warm-up " + start + " req/s", start, step, batch);
        all.add(warm);
        report(warm, batch);

        int absorbed = 0;
        for (int rate = start; rate <= 4096; rate *= 2) {
            Phase p = run("ladder " + rate + " req/s", rate, step, batch);
            all.add(p);
            report(p, batch);
            if (!p.absorbed()) {
                break;
            }
            absorbed = rate;
        }
        if (absorbed == 0) {
            absorbed = Math.max(1, start / 2);
        }
        System.out.println("absorbed load R = " + absorbed + " req/s (" + absorbed / 4.0 + " fact batches/s of " + batch + ")");
        Phase unloaded = run("R", absorbed, base, batch);
        all.add(unloaded);
        report(unloaded, batch);
        Phase overload = run("2R", 2 * absorbed, seconds, batch);
        all.add(overload);
        report(overload, batch);

        long acked = all.stream().mapToLong(Phase::ackedFacts).sum();
        long stored = storedFacts() - before;
        double unloadedRate = unloaded.ackedFacts() / (double) unloaded.seconds();
        double overloadRate = overload.ackedFacts() / (double) overload.seconds();
        boolean onlyAnswers = overload.samples().stream().allMatch(s -> s.error() == null
                && (s.status() / 100 == 2 || s.status() == 429 || s.status() == 503));
        System.out.printf("== verdict (2R = %d req/s for %d s)%n", 2 * absorbed, seconds);
        System.out.printf("  timeouts %d, connection errors %d (must be 0)%n", overload.timeouts(), overload.connectionErrors());
        System.out.printf("  every request answered 2xx, 429 or 503: %s %s%n", onlyAnswers, overload.statuses());
        System.out.printf("  p99 %.0f ms (must be < 1000); writes p99 %.0f ms%n", overload.p99(), overload.writesP99());
        System.out.printf("  acknowledged facts/s: %.0f under 2R vs %.0f at R (must be at least)%n", overloadRate, unloadedRate);
        System.out.printf("  facts acknowledged in the whole run %d, stored %d: %s%n", acked, stored,
                acked == stored ? "nothing acknowledged lost, nothing refused stored" : "MISMATCH");
        System.exit(0);
    }

    static Phase run(String name, int rate, int seconds, int batch) throws InterruptedException {
        int total = rate * seconds;
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(total);
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        long t0 = System.nanoTime() + 200_000_000L;
        long period = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            long at = t0 + i * period;
            int n = i;
            clock.schedule(() -> send(n, at, batch, samples, done), at - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        // every request has a 30 s timeout: all are answered or failed within the run and 40 s more
        done.await(seconds + 40L, TimeUnit.SECONDS);
        clock.shutdownNow();
        return new Phase(name, rate, seconds, new ArrayList<>(samples));
    }

    static void send(int n, long at, int batch, ConcurrentLinkedQueue<Sample> samples, CountDownLatch done) {
        String what;
        HttpRequest r;
        int facts = 0;
        int k = n % 20;
        if (k % 4 == 0) {
            int b = SEQ.incrementAndGet();
            StringJoiner body = new StringJoiner(",", "[", "]");
            for (int f = 0; f < batch; f++) {
                String day = LocalDate.of(2022, 1, 1).plusDays((b + f) % 365).toString();
                body.add("{\"id\":\"ob-" + TAG + "-" + b + "-" + f + "\",\"kind\":\"" + KIND + "\",\"subject\":\"ia.d01\",\"date\":\""
                        + day + "\",\"status\":\"normal\",\"attributes\":{\"inspector\":\"基准\",\"system\":\"压测-" + b + "\"}}");
            }
            what = "post";
            facts = batch;
            r = post(C + "/facts", body.toString());
        } else if (k == 1) {
            int b = SEQ.incrementAndGet();
            StringJoiner body = new StringJoiner(",", "[", "]");
            for (int e = 0; e < batch; e++) {
                String when = LocalDateTime.of(2022, 1, 1, 8, 0).plusDays(b % 365).plusSeconds(e).toString();
                body.add("{\"id\":\"ob-" + TAG + "-" + b + "-" + e + "\",\"at\":\"" + when + "\",\"user\":\"u" + e % 50
                        + "\",\"address\":\"10.12.0." + e % 200 + "\",\"action\":\"login\",\"system\":\"压测\"}");
            }
            what = "audit";
            r = post(C + "/audit-events", body.toString(), ADMIN);
        } else if (k == 2 && (n / 20) % 5 == 0) {
            what = "what-if";
            r = post(C + "/what-if", "{\"facts\":[{\"id\":\"wi-" + n + "\",\"kind\":\"" + KIND
                    + "\",\"subject\":\"ia.d01\",\"date\":\"2022-06-01\",\"status\":\"abnormal\",\"attributes\":{\"inspector\":\"基准\",\"system\":\"假设\"}}]}");
        } else {
            switch (k) {
                case 2, 3, 5 -> { what = "findings"; r = get(C + "/findings?status=OPEN&limit=50"); }
                case 6, 7 -> { what = "dashboard"; r = get(C + "/dashboard"); }
                case 9, 10 -> { what = "facts"; r = get(C + "/facts?kind=" + KIND + "&limit=50"); }
                case 11 -> { what = "search"; r = get(C + "/audit-events?user=u7&limit=50"); }
                case 13, 14 -> { what = "ledger"; r = get(C + "/ledger"); }
                default -> { what = "health"; r = get(BASE + "/health"); }
            }
        }
        String w = what;
        int f = facts;
        http.sendAsync(r, HttpResponse.BodyHandlers.ofString()).whenComplete((resp, err) -> {
            double ms = (System.nanoTime() - at) / 1e6;
            if (err != null) {
                Throwable c = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
                samples.add(new Sample(w, -1, ms, c instanceof HttpTimeoutException && !(c instanceof java.net.http.HttpConnectTimeoutException)
                        ? "timeout" : c instanceof ConnectException ? "connect" : c.getClass().getSimpleName(), f));
            } else {
                if ((resp.statusCode() == 429 || resp.statusCode() == 503) && resp.headers().firstValue("Retry-After").isEmpty()) {
                    samples.add(new Sample(w, resp.statusCode(), ms, "no-retry-after", f));
                } else {
                    samples.add(new Sample(w, resp.statusCode(), ms, null, f));
                }
            }
            done.countDown();
        });
    }

    static HttpRequest post(String uri, String body) {
        return post(uri, body, ENGINEER);
    }

    static HttpRequest post(String uri, String body, String authorization) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).header("Authorization", authorization)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static HttpRequest get(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).header("Authorization", EVALUATOR).GET().build();
    }

    static long storedFacts() throws Exception {
        HttpResponse<String> r = http.send(get(C + "/facts?kind=" + KIND + "&limit=1"), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"total\":(\\d+)").matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("cannot count the stored facts: HTTP " + r.statusCode() + " " + r.body());
        }
        return Long.parseLong(m.group(1));
    }

    static void report(Phase p, int batch) {
        System.out.printf("%s for %d s (load average %s): %d requests, %s; timeouts %d, connection errors %d; p99 %.0f ms (writes %.0f ms); acknowledged %.0f facts/s%s%n",
                p.name(), p.seconds(), loadAverage(), p.samples().size(), p.statuses(), p.timeouts(), p.connectionErrors(), p.p99(), p.writesP99(),
                p.ackedFacts() / (double) p.seconds(), p.absorbed() ? " (absorbed)" : "");
        StringBuilder kinds = new StringBuilder("   p50/p99 ms by kind:");
        for (String w : List.of("post", "audit", "what-if", "findings", "dashboard", "facts", "search", "ledger", "health")) {
            List<Double> l = p.samples().stream().filter(s -> s.what().equals(w)).map(Sample::ms).toList();
            if (!l.isEmpty()) {
                kinds.append(String.format(" %s %.0f/%.0f", w, pct(l, 50), pct(l, 99)));
            }
        }
        System.out.println(kinds);
    }

    static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "?";
        }
    }

    static double pct(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100 * sorted.size()) - 1));
    }
}
