import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue #26's figures on a running two-node cluster (started by bench/cluster-bench.sh): a request sent to the node
 * that owns the contract against the same request sent to the other node, which forwards it (p50/p99); REST ingestion
 * to one node against two contracts on two nodes at once; and the failover time, from the SIGKILL of a contract's
 * owner to the first batch the other node acknowledges as the new owner, for a small contract and for the demo year.
 * Usage: java ClusterBench.java homeA homeB [requests=500]
 */
public class ClusterBench {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("engineer:engineer".getBytes(StandardCharsets.UTF_8));
    static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    static final String[] BASE = {"http://127.0.0.1:8181", "http://127.0.0.1:8182"};
    static final String[] NODE = {"a", "b"};
    static Path[] homes;

    record Reply(int status, String body, String node, String owner) {
    }

    public static void main(String[] args) throws Exception {
        homes = new Path[] {Path.of(args[0]), Path.of(args[1])};
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 500;

        // a small contract beside the demo year, defined through b so that b owns it
        String definition = get(BASE[0], "/api/contracts/bj-hrss-2022", ADMIN).body();
        String def = definition.substring(definition.indexOf("\"definition\":") + "\"definition\":".length(), definition.length() - 1)
                .replaceFirst("\"id\"\\s*:\\s*\"bj-hrss-2022\"", "\"id\":\"bench-small\"")
                .replaceFirst("\"version\"\\s*:\\s*\\d+", "\"version\":1");
        Reply defined = send(HttpRequest.newBuilder(URI.create(BASE[1] + "/api/contracts")).header("Authorization", ADMIN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(def)));
        if (defined.status() != 201 && defined.status() != 409) {
            throw new IllegalStateException("defining bench-small: " + defined.status() + " " + defined.body());
        }
        int demoOwner = ownerIndex("bj-hrss-2022");
        int smallOwner = await("bench-small owned by a node", () -> ownerIndex("bench-small"), i -> i >= 0);
        System.out.printf("owners: bj-hrss-2022 on %s, bench-small on %s%n", NODE[demoOwner], NODE[smallOwner]);

        // 1. direct against forwarded, alternately, the same read of the demo contract
        String read = "/api/contracts/bj-hrss-2022/findings?domain=emergency-drill";
        List<Long> direct = new ArrayList<>();
        List<Long> forwarded = new ArrayList<>();
        for (int i = 0; i < 50; i++) { // warm-up of both paths
            get(BASE[demoOwner], read, AUTH);
            get(BASE[1 - demoOwner], read, AUTH);
        }
        for (int i = 0; i < requests; i++) {
            direct.add(timed(BASE[demoOwner], read, NODE[demoOwner]));
            forwarded.add(timed(BASE[1 - demoOwner], read, NODE[demoOwner]));
        }
        System.out.printf("read %s, %d each, alternately: direct p50 %.2f ms p99 %.2f ms; forwarded p50 %.2f ms p99 %.2f ms%n",
                read, requests, pct(direct, 50), pct(direct, 99), pct(forwarded, 50), pct(forwarded, 99));

        // 2. ingestion: one contract on its owner, then two contracts on their two owners at once
        if (demoOwner != smallOwner) {
            for (int round = 0; round < 3; round++) {
                double one = ingest(List.of(new Target(BASE[demoOwner], "bj-hrss-2022")), 10, "one-" + round);
                double two = ingest(List.of(new Target(BASE[demoOwner], "bj-hrss-2022"),
                        new Target(BASE[smallOwner], "bench-small")), 10, "two-" + round);
                System.out.printf("ingestion round %d: one node %.0f facts/s; two nodes at once %.0f facts/s together%n",
                        round + 1, one, two);
            }
        } else {
            System.out.println("ingestion on two nodes skipped: both contracts on one node");
        }

        // 3. failover of the small contract: its owner killed, a collector posting through the other node
        failover("bench-small", smallOwner);
        restart(smallOwner);
        await("the restarted node owning a contract again", () -> {
            int o = ownerIndex("bj-hrss-2022-wl");
            return o == smallOwner || ownerIndex("bench-small") == smallOwner || ownerIndex("bj-hrss-2022") == smallOwner;
        }, ok -> ok);
        // 4. failover of the demo year
        int owner = await("bj-hrss-2022 owned", () -> ownerIndex("bj-hrss-2022"), i -> i >= 0);
        failover("bj-hrss-2022", owner);
    }

    record Target(String base, String contract) {
    }

    /** Facts per second of {@code batches} batches of 1,000 to each target at once (one client per target). */
    static double ingest(List<Target> targets, int batches, String tag) throws Exception {
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        List<String> failed = Collections.synchronizedList(new ArrayList<>());
        for (Target t : targets) {
            Thread th = new Thread(() -> {
                for (int b = 0; b < batches; b++) {
                    Reply r = post(t.base(), t.contract(), batch(tag + "-" + t.contract() + "-" + b, 1000));
                    if (r.status() != 200) {
                        failed.add(r.status() + " " + r.body());
                    }
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join();
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException("ingestion failed: " + failed.get(0));
        }
        return targets.size() * batches * 1000.0 / ((System.nanoTime() - t0) / 1e9);
    }

    /** Kills the owner with SIGKILL while a collector posts small batches through the other node; prints the time. */
    static void failover(String contract, int owner) throws Exception {
        int front = 1 - owner;
        AtomicLong acked = new AtomicLong();
        AtomicLong firstOnNew = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong killedAt = new AtomicLong();
        List<String> other = Collections.synchronizedList(new ArrayList<>());
        Thread collector = new Thread(() -> {
            for (int n = 0; firstOnNew.get() == 0; n++) {
                Reply r = post(BASE[front], contract, batch("failover-" + contract + "-" + System.nanoTime(), 10));
                if (r.status() == 200) {
                    acked.incrementAndGet();
                    if (killedAt.get() != 0 && NODE[front].equals(r.owner())) {
                        firstOnNew.compareAndSet(0, System.nanoTime());
                    }
                } else if (r.status() == 503) {
                    refused.incrementAndGet();
                    sleep(100);
                } else {
                    other.add(r.status() + " " + r.body());
                    sleep(100);
                }
            }
        });
        collector.start();
        await("batches acknowledged before the kill", acked::get, n -> n >= 5);
        long pid = pid(homes[owner]);
        new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start().waitFor();
        killedAt.set(System.nanoTime());
        collector.join(180_000);
        // the new owner's findings stand once recorded on its rule set (until then reports wait for them)
        await("the findings of " + contract + " standing on " + NODE[front], () -> findingsStand(BASE[front], contract),
                Boolean::booleanValue);
        long standing = System.nanoTime();
        System.out.printf("failover of %s: owner %s killed (SIGKILL); first batch acknowledged by %s after %.1f s"
                        + " (%d answered 503 with Retry-After meanwhile, %d other answers%s); its findings standing"
                        + " again (evaluated on %s) after %.1f s%n", contract, NODE[owner],
                NODE[front], (firstOnNew.get() - killedAt.get()) / 1e9, refused.get(), other.size(),
                other.isEmpty() ? "" : ": " + other.get(0), NODE[front], (standing - killedAt.get()) / 1e9);
    }

    static void restart(int node) throws Exception {
        new ProcessBuilder(homes[node].resolve("bin/start").toString()).inheritIO().start().waitFor();
        await("node " + NODE[node] + " up again", () -> get(BASE[node], "/api/health", null).status(), s -> s == 200);
    }

    static long pid(Path home) throws Exception {
        Process p = new ProcessBuilder("pgrep", "-f", "--", "-Dkaraf.home=" + home).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        return Long.parseLong(out.split("\\s+")[0]);
    }

    static String batch(String name, int size) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":\"").append(name).append('-').append(i)
                    .append("\",\"kind\":\"drill.performed\",\"date\":\"2022-06-15\",\"attributes\":{\"scenario\":\"演练 ")
                    .append(i).append("\"}}");
        }
        return json.append(']').toString();
    }

    static long timed(String base, String path, String expectedOwner) {
        long t0 = System.nanoTime();
        Reply r = get(base, path, AUTH);
        long t = System.nanoTime() - t0;
        if (r.status() != 200 || !expectedOwner.equals(r.owner())) {
            throw new IllegalStateException(base + path + ": " + r.status() + " owner " + r.owner());
        }
        return t;
    }

    static double pct(List<Long> nanos, int p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    static int ownerIndex(String contract) {
        Reply r = get(BASE[0], "/api/contracts/" + contract, ADMIN);
        if (r.status() == -1) {
            r = get(BASE[1], "/api/contracts/" + contract, ADMIN);
        }
        return r.status() == 200 && r.owner() != null ? List.of(NODE).indexOf(r.owner()) : -1;
    }

    /** Whether the contract's recorded findings are of the node's rule set now. */
    static boolean findingsStand(String base, String contract) {
        Reply health = get(base, "/api/health", null);
        Reply held = get(base, "/api/contracts/" + contract, ADMIN);
        if (health.status() != 200 || held.status() != 200) {
            return false;
        }
        return number(health.body(), "ruleSetVersion").equals(number(held.body(), "findingsRuleSetVersion"));
    }

    static String number(String json, String field) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(json);
        return m.find() ? m.group(1) : "?";
    }

    static Reply get(String base, String path, String auth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET();
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return send(b);
    }

    static Reply post(String base, String contract, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/contracts/" + contract + "/facts"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", AUTH).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static Reply send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.body(), r.headers().firstValue("X-Lvyue-Node").orElse(null),
                    r.headers().firstValue("X-Lvyue-Owner").orElse(null));
        } catch (Exception e) {
            return new Reply(-1, e.toString(), null, null);
        }
    }

    static <T> T await(String what, java.util.function.Supplier<T> probe, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + 300_000_000_000L;
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what + "; last: " + last);
            }
            sleep(100);
            last = probe.get();
        }
        return last;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
