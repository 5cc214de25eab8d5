package org.lvyue.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.After;
import org.junit.Test;

/**
 * The distribution as an operator runs it, killed with SIGKILL while collectors post facts: after a
 * restart every batch the API acknowledged is there (a retry of it stores nothing), no batch it
 * refused is, and a batch cut off mid-request is there whole or not at all. The evidence chain then
 * verifies intact; a fact changed in the database (the H2 file here, PostgreSQL in
 * {@link CrashOnPostgresIT}) while the product is down is reported at start and
 * by {@code GET /api/contracts/{id}/integrity}, with its id and chain position.
 */
public class CrashIT {
    private static final int PORT = 8194;
    private static final String FACTS = "/api/contracts/bj-hrss-2022/facts";
    private static final int BATCH = 100;
    private static final int WRITERS = 2;
    private static final int ACKED_BEFORE_KILL = 30;

    private KarafProcess karaf;

    private enum Outcome { ACKNOWLEDGED, REFUSED, CUT_OFF }

    /** A batch posted: its facts, whether it holds a fact the product must refuse, and what came back. */
    private record Posted(String name, List<String> ids, boolean bad, Outcome outcome, String answer) {
    }

    /** The folder under target/ the distribution is unpacked into. */
    String folder() {
        return "crash-karaf";
    }

    /** The store's settings in etc/org.lvyue.store.cfg: none, the embedded H2 file. */
    Map<String, String> store() {
        return Map.of();
    }

    /** A connection to the product's database beside it, as whoever holds the database would open one. */
    Connection database(Path home) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + home.resolve("data/lvyue/lvyue"), "sa", "");
    }

    @After
    public void stop() throws IOException {
        if (karaf != null) {
            karaf.close();
        }
    }

    /** Index of the fact a bad batch gets wrong (an unknown kind). */
    private static final int BAD = BATCH / 2;

    /**
     * A batch of drills; with {@code bad} the one at {@link #BAD} has a kind no domain knows; with
     * {@code withoutBad} that one is left out.
     */
    private static String batch(String name, boolean bad, boolean withoutBad) {
        StringJoiner json = new StringJoiner(",", "[", "]");
        for (int i = 0; i < BATCH; i++) {
            if (withoutBad && i == BAD) {
                continue;
            }
            boolean refused = bad && i == BAD;
            json.add(new StringBuilder("{\"id\":\"").append(name).append('-').append(i).append("\",\"kind\":\"")
                    .append(refused ? "drill.imagined" : "drill.performed")
                    .append("\",\"date\":\"2022-06-15\",\"attributes\":{\"scenario\":\"断电演练 ").append(i).append("\"}}"));
        }
        return json.toString();
    }

    private static List<String> ids(String name, int size) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ids.add(name + "-" + i);
        }
        return ids;
    }

    @Test
    public void every_acknowledged_fact_survives_a_kill_dash_nine_and_the_chain_then_finds_a_changed_row() throws Exception {
        karaf = KarafProcess.start(Path.of("target", folder()).toAbsolutePath(), PORT, 0, Map.of("org.lvyue.store.cfg", store()));
        karaf.awaitUp();

        // collectors post until enough batches were acknowledged, then the JVM is killed under them
        Map<String, Posted> posted = new ConcurrentHashMap<>();
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                for (int b = 0; !killed.get(); b++) {
                    String name = "crash-w" + writer + "-b" + b;
                    boolean bad = b % 7 == 3;
                    KarafProcess.Reply r = karaf.post(FACTS, "collector", batch(name, bad, false));
                    Outcome outcome = r.status() == 200 ? Outcome.ACKNOWLEDGED
                            : r.status() >= 400 && r.status() < 500 ? Outcome.REFUSED : Outcome.CUT_OFF;
                    posted.put(name, new Posted(name, ids(name, BATCH), bad, outcome, r.status() + " " + r.body()));
                    if (outcome == Outcome.ACKNOWLEDGED) {
                        acknowledged.incrementAndGet();
                    }
                }
            }, "collector-" + w);
            t.start();
            writers.add(t);
        }
        Await.until("batches acknowledged before the kill", acknowledged::get, n -> n >= ACKED_BEFORE_KILL, 300_000);
        killed.set(true); // each collector stops after the request it has in flight, which the kill cuts off
        karaf.killDashNine();
        for (Thread t : writers) {
            t.join(60_000);
            assertFalse("the collector " + t.getName() + " stopped", t.isAlive());
        }
        for (Posted p : posted.values()) {
            if (p.outcome() == Outcome.REFUSED) {
                assertTrue(p.name() + " was refused because of its bad fact, not otherwise: " + p.answer(),
                        p.bad() && p.answer().startsWith("400") && p.answer().contains("drill.imagined"));
            } else if (p.outcome() == Outcome.ACKNOWLEDGED) {
                assertFalse(p.name() + " holds a bad fact yet was acknowledged", p.bad());
            }
        }

        karaf = KarafProcess.restart(karaf.home, PORT);
        karaf.awaitUp();

        int acked = 0;
        int cutOffPresent = 0;
        for (Posted p : posted.values()) {
            // posting a batch again tells what the store holds: duplicates are reported, new facts stored
            String name = p.name();
            List<String> valid = new ArrayList<>(p.ids());
            if (p.bad()) {
                valid.remove(BAD);
            }
            JsonNode again = karaf.post(FACTS, "collector", batch(name, false, p.bad())).json();
            int stored = again.path("stored").asInt(-1);
            int duplicates = again.path("duplicateIds").size();
            assertEquals(again.toString(), valid.size(), stored + duplicates);
            switch (p.outcome()) {
                case ACKNOWLEDGED -> {
                    assertEquals(name + " was acknowledged, so every fact of it is there: " + again, 0, stored);
                    acked++;
                }
                case REFUSED -> assertEquals(name + " was refused, so none of it was stored: " + again, valid.size(), stored);
                case CUT_OFF -> {
                    assertTrue(name + " was cut off: whole or not at all, never part: " + again, stored == 0 || duplicates == 0);
                    cutOffPresent += stored == 0 ? 1 : 0;
                }
            }
        }
        assertTrue("acknowledged batches checked: " + acked, acked >= ACKED_BEFORE_KILL);
        assertTrue("at most one batch per collector was cut off: " + posted.size(), posted.size() <= acked + WRITERS + posted.values()
                .stream().filter(p -> p.outcome() == Outcome.REFUSED).count());

        JsonNode integrity = karaf.get("/api/contracts/bj-hrss-2022/integrity", "evaluator").json();
        assertTrue(integrity.toString(), integrity.path("intact").asBoolean());
        assertTrue(integrity.toString(), integrity.path("entriesByKind").path("FACTS").asLong() >= acked + cutOffPresent);

        // someone with the database file changes a fact while the product is down
        String victim = posted.values().stream().filter(p -> p.outcome() == Outcome.ACKNOWLEDGED).findFirst().orElseThrow()
                .ids().get(7);
        karaf.close();
        try (Connection c = database(karaf.home); Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate("UPDATE fact SET subject = 'DR-2' WHERE id = '" + victim + "'"));
        }
        karaf = KarafProcess.restart(karaf.home, PORT);
        karaf.awaitUp();
        Path log = karaf.home.resolve("data/log/karaf.log");
        String line = Await.until("the start-up verification's verdict in the log", () -> {
            try {
                return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                        .filter(l -> l.contains("evidence chain BROKEN")).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        }, l -> l != null, 120_000);
        assertTrue(line, line.contains(victim));
        JsonNode broken = karaf.get("/api/contracts/bj-hrss-2022/integrity", "admin").json();
        assertFalse(broken.toString(), broken.path("intact").asBoolean());
        assertEquals(broken.toString(), 1, broken.path("problemCount").asInt());
        JsonNode problem = broken.path("problems").get(0);
        assertEquals("fact", problem.path("table").asText());
        assertEquals(victim, problem.path("key").asText());
        assertTrue(problem.toString(), problem.path("position").asLong() >= 0);
    }

}
