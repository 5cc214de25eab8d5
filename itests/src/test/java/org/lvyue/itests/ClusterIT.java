package org.lvyue.itests;

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
        for (KarafProcess k : nodes.values()) {
            k.close();
        }
        if (database != null) {
            PostgresServer.shared().drop(database);
        }
    }

    /** A node of the cluster: the same distribution and settings as the others, its own id and port. */
    private KarafProcess node(String id, int port) throws IOException {
        Map<String, Map<String, String>> settings = Map.of(
                "org.lvyue.store.cfg", Distribution.postgresStore(database),
                "org.lvyue.cluster.cfg", Map.of("nodeId", id, "url", "http://127.0.0.1:" + port,
                        "leaseSeconds", Integer.toString(LEASE_SECONDS)),
                "lvyue-field-keys.properties", key);
        KarafProcess k = KarafProcess.start(Path.of("target", "cluster-" + id).toAbsolutePath(), port, 0, settings);
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
}
