package org.lvyue.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.lvyue.testing.PostgresServer;

/**
 * Two distributions as separate processes on localhost, one PostgreSQL database between them, each a node of a
 * cluster (etc/org.lvyue.cluster.cfg) sharing one field key file, as an operator would set them up: every contract
 * is owned by one node, a request sent to the other is answered by the owner through it, and when the owner is
 * killed with SIGKILL while collectors post through the other node, the other takes the contract over within its
 * lease time; every batch acknowledged before, during and after is there once, and the evidence chain verifies.
 */
public class ClusterIT {
    private static final int PORT_A = 8201;
    private static final int PORT_B = 8202;
    private static final String CONTRACT = "bj-hrss-2022";
    private static final String FACTS = "/api/contracts/" + CONTRACT + "/facts";
    private static final int LEASE_SECONDS = 6;
    private static final int BATCH = 50;

    private PostgresServer.Database database;
    private final Map<String, KarafProcess> nodes = new LinkedHashMap<>();
    private Map<String, String> key;

    @Before
    public void database() {
        database = PostgresServer.shared().freshDatabase("cluster_it");
        byte[] k = new byte[16];
        new SecureRandom().nextBytes(k);
        key = Map.of("current", "k1", "k1", Base64.getEncoder().encodeToString(k));
    }

    @After
    public void stop() throws IOException {
        List<String> wiringErrors = new ArrayList<>();
        for (KarafProcess k : nodes.values()) {
            k.close();
            // a component that SCR could not wire (a reference cycle) leaves a node half working without failing it
            Path log = k.home.resolve("data/log/karaf.log");
            if (java.nio.file.Files.exists(log)) {
                java.nio.file.Files.readAllLines(log, java.nio.charset.StandardCharsets.UTF_8).stream()
                        .filter(l -> l.contains("resulted in a cycle") || l.contains("FrameworkEvent ERROR") && l.contains("org.lvyue"))
                        .findFirst().ifPresent(l -> wiringErrors.add(k.home + ": " + l));
            }
        }
        if (database != null) {
            PostgresServer.shared().drop(database);
        }
        assertEquals("the nodes' logs show no component left unwired", List.of(), wiringErrors);
    }

    /** Where a node keeps the report signing key it made at its first start (etc/org.lvyue.signing.cfg). */
    private static final String SIGNING_KEY = "data/lvyue/signing/report-signing.p12";

    /** A node of the cluster: the same distribution and settings as the others, its own id and port. */
    private KarafProcess node(String id, int port) throws IOException {
        Map<String, Map<String, String>> settings = Map.of(
                "org.lvyue.store.cfg", Distribution.postgresStore(database),
                "org.lvyue.cluster.cfg", Map.of("nodeId", id, "url", "http://127.0.0.1:" + port,
                        "leaseSeconds", Integer.toString(LEASE_SECONDS)),
                "lvyue-field-keys.properties", key);
        // the nodes sign reports with one key, as the operator sets them up: the first node's, copied to the others
        Map<String, byte[]> files = nodes.isEmpty() ? Map.of()
                : Map.of(SIGNING_KEY, java.nio.file.Files.readAllBytes(nodes.values().iterator().next().home.resolve(SIGNING_KEY)));
        KarafProcess k = KarafProcess.start(Path.of("target", "cluster-" + id).toAbsolutePath(), port, 0, settings, files);
        nodes.put(id, k);
        k.awaitUp();
        return k;
    }

    private enum Outcome { ACKNOWLEDGED, REFUSED }

    private record Posted(String name, Outcome outcome, String owner, String answer) {
    }

    private static String batch(String name) {
        StringJoiner json = new StringJoiner(",", "[", "]");
        for (int i = 0; i < BATCH; i++) {
            json.add("{\"id\":\"" + name + "-" + i + "\",\"kind\":\"drill.performed\",\"date\":\"2022-06-15\","
                    + "\"attributes\":{\"scenario\":\"断电演练 " + i + "\"}}");
        }
        return json.toString();
    }

    @Test
    public void a_contract_is_answered_through_any_node_and_survives_the_kill_of_its_owner() throws Exception {
        KarafProcess a = node("a", PORT_A);
        KarafProcess b = node("b", PORT_B);

        // the two demo contracts were a's alone; b takes its share at its first ticks
        Await.until("each node owning one of the two contracts", () -> List.of(
                String.valueOf(b.get("/api/contracts/bj-hrss-2022", "evaluator").header("X-Lvyue-Owner")),
                String.valueOf(b.get("/api/contracts/bj-hrss-2022-wl", "evaluator").header("X-Lvyue-Owner"))),
                owners -> owners.containsAll(List.of("a", "b")), 60_000);

        String ownerId = b.get("/api/contracts/" + CONTRACT, "evaluator").header("X-Lvyue-Owner");
        KarafProcess owner = nodes.get(ownerId);
        String frontId = ownerId.equals("a") ? "b" : "a";
        KarafProcess front = nodes.get(frontId);
        KarafProcess.Reply direct = owner.get("/api/contracts/" + CONTRACT, "evaluator");
        KarafProcess.Reply through = front.get("/api/contracts/" + CONTRACT, "evaluator");
        assertEquals(direct.body(), 200, direct.status());
        assertEquals(through.body(), 200, through.status());
        assertEquals("the owner answers for itself", ownerId, direct.header("X-Lvyue-Node"));
        assertEquals("the node asked answers the client", frontId, through.header("X-Lvyue-Node"));
        assertEquals("and names the owner", ownerId, through.header("X-Lvyue-Owner"));
        assertEquals("the same contract either way", direct.json().path("version"), through.json().path("version"));
        assertEquals("a request without credentials is refused by the owner through the front node", 401,
                front.get("/api/contracts/" + CONTRACT + "/findings", null).status());
        consoleSessionOfOneNodeServesOnTheOther(owner, front);

        // collectors post through the node that does not own the contract; the owner is killed under them
        Map<String, Posted> posted = new ConcurrentHashMap<>();
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong killedAt = new AtomicLong();
        AtomicLong firstOnNewOwner = new AtomicLong();
        List<String> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                for (int n = 0; !stop.get(); n++) {
                    String name = "cluster-w" + writer + "-b" + n;
                    KarafProcess.Reply r = front.post(FACTS, "collector", batch(name));
                    if (r.status() == 200) {
                        String answeredBy = r.header("X-Lvyue-Owner");
                        posted.put(name, new Posted(name, Outcome.ACKNOWLEDGED, answeredBy, r.body()));
                        acknowledged.incrementAndGet();
                        if (killedAt.get() != 0 && frontId.equals(answeredBy)) {
                            firstOnNewOwner.compareAndSet(0, System.nanoTime());
                        }
                    } else if (r.status() == 503 && r.header("Retry-After") != null) {
                        posted.put(name, new Posted(name, Outcome.REFUSED, r.header("X-Lvyue-Owner"), r.body()));
                        sleepRetryAfter();
                    } else {
                        unexpected.add(name + ": " + r.status() + " " + r.body());
                    }
                }
            }, "collector-" + w);
            t.start();
            writers.add(t);
        }
        Await.until("batches acknowledged through the front node before the kill", acknowledged::get, n -> n >= 10, 300_000);
        owner.killDashNine();
        killedAt.set(System.nanoTime());
        int before = acknowledged.get();
        Await.until("batches acknowledged by the new owner", firstOnNewOwner::get, t -> t != 0, 120_000);
        Await.until("more batches on the new owner", acknowledged::get, n -> n >= before + 10, 120_000);
        stop.set(true);
        for (Thread t : writers) {
            t.join(120_000);
            assertFalse(t.getName() + " stopped", t.isAlive());
        }
        System.out.printf("failover: the owner killed, %d ms to the first batch acknowledged by the new owner%n",
                (firstOnNewOwner.get() - killedAt.get()) / 1_000_000);
        assertEquals("every answer was 200, or 503 with Retry-After: " + unexpected, List.of(), unexpected);
        assertTrue("some batches were answered 503 while the contract moved",
                posted.values().stream().anyMatch(p -> p.outcome() == Outcome.REFUSED));

        // every acknowledged batch is there once; a refused one whole or not at all
        int acked = 0;
        for (Posted p : posted.values()) {
            JsonNode again = front.post(FACTS, "collector", batch(p.name())).json();
            int stored = again.path("stored").asInt(-1);
            int duplicates = again.path("duplicateIds").size();
            assertEquals(again.toString(), BATCH, stored + duplicates);
            if (p.outcome() == Outcome.ACKNOWLEDGED) {
                assertEquals(p.name() + " was acknowledged (by " + p.owner() + "), so all of it is there: " + again, 0, stored);
                acked++;
            } else {
                assertTrue(p.name() + " was refused: whole or nothing: " + again, stored == 0 || duplicates == 0);
            }
        }
        assertTrue("acknowledged batches checked: " + acked, acked >= 20);
        KarafProcess.Reply integrity = front.get("/api/contracts/" + CONTRACT + "/integrity", "evaluator");
        assertEquals(frontId, integrity.header("X-Lvyue-Owner"));
        assertTrue(integrity.body(), integrity.json().path("intact").asBoolean());
        assertNotNull(integrity.json().path("entriesByKind").path("FACTS"));
    }

    private static void sleepRetryAfter() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    public void a_report_rendered_after_the_failover_from_the_same_facts_is_the_same_file() throws Exception {
        KarafProcess a = node("a", PORT_A);
        KarafProcess b = node("b", PORT_B);
        String ownerId = Await.until("bj-hrss-2022 owned", () -> b.get("/api/contracts/" + CONTRACT, "evaluator")
                .header("X-Lvyue-Owner"), o -> "a".equals(o) || "b".equals(o), 60_000);
        KarafProcess owner = nodes.get(ownerId);
        String otherId = ownerId.equals("a") ? "b" : "a";
        KarafProcess other = nodes.get(otherId);
        String quarterly = "/api/contracts/" + CONTRACT + "/reports/quarterly/2022-Q3.pdf";
        byte[] before = other.bytes(quarterly, "evaluator");
        assertNotNull("the quarterly report, rendered by the owner", before);

        owner.killDashNine();
        Await.until("the contract taken over by " + otherId, () -> other.get("/api/contracts/" + CONTRACT, "evaluator")
                .header("X-Lvyue-Owner"), otherId::equals, 120_000);
        byte[] after = Await.until("the report rendered by the new owner", () -> other.bytes(quarterly, "evaluator"),
                r -> r != null, 120_000);
        assertArrayEquals("the same facts, rules and signing key: the same file", before, after);
    }

    /** Sends a signal to the node's JVM: STOP pauses it as a long GC or a frozen VM would, CONT resumes it. */
    private static void signal(KarafProcess node, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(node.javaPid())).inheritIO().start();
        assertEquals("kill -" + signal, 0, kill.waitFor());
    }

    @Test
    public void an_owner_paused_past_its_lease_writes_nothing_once_resumed_and_nothing_diverges() throws Exception {
        KarafProcess a = node("a", PORT_A);
        KarafProcess b = node("b", PORT_B);
        Await.until("b owning its share", () -> b.get("/api/contracts/bj-hrss-2022-wl", "evaluator").header("X-Lvyue-Owner"),
                "b"::equals, 60_000);
        String ownerId = b.get("/api/contracts/" + CONTRACT, "evaluator").header("X-Lvyue-Owner");
        KarafProcess owner = nodes.get(ownerId);
        String otherId = ownerId.equals("a") ? "b" : "a";
        KarafProcess other = nodes.get(otherId);

        // a collector posts straight to the owner; the owner is paused with requests in flight
        Map<String, Posted> posted = new ConcurrentHashMap<>();
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        List<String> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread collector = new Thread(() -> {
            for (int n = 0; !stop.get(); n++) {
                String name = "paused-b" + n;
                KarafProcess.Reply r = owner.post(FACTS, "collector", batch(name));
                if (r.status() == 200) {
                    posted.put(name, new Posted(name, Outcome.ACKNOWLEDGED, r.header("X-Lvyue-Owner"), r.body()));
                    acknowledged.incrementAndGet();
                } else if (r.status() == 503 && r.header("Retry-After") != null) {
                    posted.put(name, new Posted(name, Outcome.REFUSED, r.header("X-Lvyue-Owner"), r.body()));
                    sleepRetryAfter();
                } else {
                    unexpected.add(name + ": " + r.status() + " " + r.body());
                }
            }
        }, "collector-to-owner");
        collector.start();
        Await.until("batches acknowledged by the owner", acknowledged::get, n -> n >= 5, 300_000);
        signal(owner, "STOP");
        long paused = System.nanoTime();
        try {
            // the other node takes the contract once the paused owner's lease ran out, and serves it
            Await.until("the contract taken over by " + otherId,
                    () -> other.post(FACTS, "collector", batch("taken-" + System.nanoTime())),
                    r -> r.status() == 200 && otherId.equals(r.header("X-Lvyue-Owner")), 120_000);
            System.out.printf("paused owner: %d ms to the first batch acknowledged by the node that took over%n",
                    (System.nanoTime() - paused) / 1_000_000);
        } finally {
            signal(owner, "CONT");
        }
        int before = acknowledged.get();
        Await.until("the resumed node's requests answered again", acknowledged::get, n -> n >= before + 5, 120_000);
        stop.set(true);
        collector.join(120_000);
        assertFalse(collector.isAlive());

        assertEquals("every answer 200, or 503 with Retry-After: " + unexpected, List.of(), unexpected);
        long lateOnOldOwner = posted.values().stream()
                .filter(p -> p.outcome() == Outcome.ACKNOWLEDGED && p.name().startsWith("paused-"))
                .filter(p -> ownerId.equals(p.owner()))
                .count();
        // what the paused node acknowledged as owner it stored before the takeover; after it, it only forwards
        for (Posted p : posted.values()) {
            if (!p.name().startsWith("paused-")) {
                continue;
            }
            JsonNode again = other.post(FACTS, "collector", batch(p.name())).json();
            int stored = again.path("stored").asInt(-1);
            assertEquals(again.toString(), BATCH, stored + again.path("duplicateIds").size());
            if (p.outcome() == Outcome.ACKNOWLEDGED) {
                assertEquals(p.name() + " acknowledged by " + p.owner() + " is there whole: " + again, 0, stored);
            } else {
                assertTrue(p.name() + " refused: whole or nothing: " + again, stored == 0 || stored == BATCH);
            }
        }
        assertTrue("the old owner acknowledged batches before its pause: " + lateOnOldOwner, lateOnOldOwner >= 5);
        assertTrue("after resuming, the old owner answers through the new one",
                posted.values().stream().anyMatch(p -> p.name().startsWith("paused-") && otherId.equals(p.owner())));
        KarafProcess.Reply integrity = owner.get("/api/contracts/" + CONTRACT + "/integrity", "evaluator");
        assertEquals("asked of the old owner, answered by the new", otherId, integrity.header("X-Lvyue-Owner"));
        assertTrue(integrity.body(), integrity.json().path("intact").asBoolean());
    }

    @Test
    public void contracts_spread_to_a_node_that_joins_and_come_back_when_it_leaves() throws Exception {
        KarafProcess a = node("a", PORT_A);
        KarafProcess b = node("b", PORT_B);
        ObjectNode definition = (ObjectNode) a.get("/api/contracts/bj-hrss-2022-wl", "admin").json().path("definition");
        List<String> ids = new ArrayList<>(List.of("bj-hrss-2022", "bj-hrss-2022-wl"));
        for (int i = 1; i <= 4; i++) {
            String id = "cluster-c" + i;
            definition.put("id", id).put("version", 1).put("name", "集群测试合同 " + i);
            KarafProcess node = i % 2 == 0 ? a : b;
            String body = definition.toString();
            // a new contract is the defining node's, even while the nodes even out their shares around it
            KarafProcess.Reply created = node.post("/api/contracts", "admin", body);
            assertEquals(created.body(), 201, created.status());
            ids.add(id);
        }
        Map<String, String> spread = Await.until("six contracts, three on each node", () -> owners(b, ids),
                o -> count(o, "a") == 3 && count(o, "b") == 3, 60_000);

        // a new version of a contract b owns, defined through a: a sends it to b, and both nodes then know it
        String onB = spread.entrySet().stream().filter(e -> e.getValue().equals("b") && e.getKey().startsWith("cluster-"))
                .findFirst().orElseThrow().getKey();
        definition.put("id", onB).put("version", 2).put("name", "集群测试合同（第二版）");
        KarafProcess.Reply second = a.post("/api/contracts", "admin", definition.toString());
        assertEquals(second.body(), 201, second.status());
        assertEquals("defined by its owner", "b", second.header("X-Lvyue-Owner"));
        for (KarafProcess node : List.of(a, b)) {
            Await.until("version 2 of " + onB + " known to " + node.port,
                    () -> node.get("/api/contracts", "admin").json().toString(), json -> json.contains("集群测试合同（第二版）"), 30_000);
        }

        KarafProcess c = node("c", 8203);
        Map<String, String> withC = Await.until("two contracts on each of three nodes", () -> owners(a, ids),
                o -> count(o, "a") == 2 && count(o, "b") == 2 && count(o, "c") == 2, 60_000);
        String onC = withC.entrySet().stream().filter(e -> "c".equals(e.getValue())).findFirst().orElseThrow().getKey();
        KarafProcess.Reply served = a.get("/api/contracts/" + onC + "/findings", "evaluator");
        assertEquals(served.body(), 200, served.status());
        assertEquals("c", served.header("X-Lvyue-Owner"));

        c.close(); // bin/stop: c hands its contracts over before it stops
        nodes.remove("c");
        Await.until("three contracts on each of the two nodes again", () -> owners(a, ids),
                o -> count(o, "a") == 3 && count(o, "b") == 3, 60_000);
        KarafProcess.Reply back = b.get("/api/contracts/" + onC + "/findings", "evaluator");
        assertEquals(back.body(), 200, back.status());
        assertTrue(back.header("X-Lvyue-Owner"), List.of("a", "b").contains(back.header("X-Lvyue-Owner")));
    }

    /** Each contract's owner as {@code node} reports it. */
    private static Map<String, String> owners(KarafProcess node, List<String> ids) {
        Map<String, String> owners = new java.util.TreeMap<>();
        for (String id : ids) {
            owners.put(id, String.valueOf(node.get("/api/contracts/" + id, "evaluator").header("X-Lvyue-Owner")));
        }
        return owners;
    }

    private static long count(Map<String, String> owners, String node) {
        return owners.values().stream().filter(node::equals).count();
    }

    @Test
    public void a_domain_bundle_deployed_through_one_node_is_evaluated_on_every_node_and_removed_from_all() throws Exception {
        KarafProcess a = node("a", PORT_A);
        KarafProcess b = node("b", PORT_B);
        Map<String, String> owners = Await.until("each node owning one of the two contracts",
                () -> owners(a, List.of("bj-hrss-2022", "bj-hrss-2022-wl")),
                o -> count(o, "a") == 1 && count(o, "b") == 1, 60_000);

        byte[] v1 = DomainJars.jar("org.lvyue.test.cluster", "1.0.0", "cluster-test",
                DomainJars.alwaysRule("cluster-test", "v1"), DomainJars.catalogue("cluster-test"));
        KarafProcess.Reply up = a.upload("/api/domains?fileName=cluster-test.jar", "admin", "application/java-archive", v1);
        assertEquals(up.body(), 202, up.status());
        for (KarafProcess node : List.of(a, b)) {
            Await.until("cluster-test 1.0.0 active on " + node.port, () -> domainVersion(node, "cluster-test"),
                    "1.0.0"::equals, 120_000);
        }
        // each contract is evaluated on its own owner, and each owner evaluates on the new bundle
        for (String contract : owners.keySet()) {
            Await.until(contract + " evaluated on cluster-test v1 by " + owners.get(contract),
                    () -> titles(b, contract, "cluster-test"), List.of("v1")::equals, 120_000);
        }

        byte[] v2 = DomainJars.jar("org.lvyue.test.cluster", "1.0.1", "cluster-test",
                DomainJars.alwaysRule("cluster-test", "v2"), DomainJars.catalogue("cluster-test"));
        assertEquals(202, b.upload("/api/domains?fileName=cluster-test.jar", "admin", "application/java-archive", v2).status());
        for (KarafProcess node : List.of(a, b)) {
            Await.until("cluster-test 1.0.1 active on " + node.port, () -> domainVersion(node, "cluster-test"),
                    "1.0.1"::equals, 120_000);
        }
        for (String contract : owners.keySet()) {
            Await.until(contract + " evaluated on cluster-test v2", () -> titles(a, contract, "cluster-test"),
                    List.of("v2")::equals, 120_000);
        }
        // the same rules on both nodes: the same rule-set digest, whatever each node's version number
        String digestA = a.get("/api/health", null).json().path("ruleSetDigest").asText();
        assertTrue(digestA, digestA.matches("[0-9a-f]{64}"));
        assertEquals(digestA, b.get("/api/health", null).json().path("ruleSetDigest").asText());

        assertEquals(202, a.delete("/api/domains/org.lvyue.test.cluster", "admin").status());
        for (KarafProcess node : List.of(a, b)) {
            Await.until("cluster-test gone from " + node.port, () -> domainVersion(node, "cluster-test"),
                    v -> v == null, 120_000);
        }
        for (String contract : owners.keySet()) {
            Await.until(contract + " without cluster-test findings", () -> titles(b, contract, "cluster-test"),
                    List.of()::equals, 120_000);
        }
    }

    /** The version of the domain's bundle active on the node, or null when it has none active. */
    private static String domainVersion(KarafProcess node, String domain) {
        for (JsonNode d : node.get("/api/health", null).json().path("domains")) {
            if (domain.equals(d.path("domain").asText()) && "ACTIVE".equals(d.path("state").asText())) {
                return d.path("version").asText();
            }
        }
        return null;
    }

    /** The titles of the contract's open findings of one domain, as the node asked answers. */
    private static List<String> titles(KarafProcess node, String contract, String domain) {
        KarafProcess.Reply r = node.get("/api/contracts/" + contract + "/findings?domain=" + domain, "evaluator");
        if (r.status() != 200) {
            return List.of("HTTP " + r.status());
        }
        List<String> titles = new ArrayList<>();
        r.json().path("findings").forEach(f -> {
            if ("OPEN".equals(f.path("status").asText())) {
                titles.add(f.path("title").asText());
            }
        });
        return titles;
    }

    /**
     * The console logs in on one node (behind a load balancer, say) and its next requests land on the other: the
     * session is honoured there, also for the contract's requests sent on to its owner; a logout on the other node
     * ends it on both.
     */
    private static void consoleSessionOfOneNodeServesOnTheOther(KarafProcess loginNode, KarafProcess otherNode)
            throws IOException, InterruptedException {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> login = client.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(loginNode.base + "/api/session")).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"user\":\"evaluator\",\"password\":\"evaluator\"}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(login.body(), 200, login.statusCode());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String csrf = new com.fasterxml.jackson.databind.ObjectMapper().readTree(login.body()).path("csrfToken").asText();
        for (String path : List.of("/api/me", "/api/contracts/" + CONTRACT + "/findings", "/api/contracts/bj-hrss-2022-wl/findings")) {
            java.net.http.HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(otherNode.base + path)).header("Cookie", cookie).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(path + " with the session of the other node: " + r.body(), 200, r.statusCode());
        }
        java.net.http.HttpResponse<String> out = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(otherNode.base + "/api/session")).header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .DELETE().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(out.body(), 204, out.statusCode());
        int after = Await.until("the session ended on the node that opened it too", () -> {
            try {
                return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(loginNode.base + "/api/me"))
                        .header("Cookie", cookie).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }, status -> status == 401, 30_000);
        assertEquals(401, after);
    }
}
