package org.lvyue.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.After;
import org.junit.Test;

/**
 * The distribution restarted on its data, as an operator restarts it: {@code /api/health} answers STARTING
 * with what is still being prepared and never UP before every contract's findings stand on the final rule
 * set; the domain bundles present at start make one rule set (v1), not one version each; and the second
 * start, like the first, compiles no rule: it reads them compiled (its log says so).
 */
public class RestartIT {
    private static final int PORT = 8195;
    private static final List<String> CONTRACTS = List.of("bj-hrss-2022", "bj-hrss-2022-wl");

    private final Path dir = Path.of("target", "restart-karaf").toAbsolutePath();
    private KarafProcess karaf;

    @After
    public void stop() throws IOException {
        if (karaf != null) {
            karaf.close();
        }
    }

    /** One answer of /api/health and whether, when it came, every contract's findings stood on its rule set. */
    private record Seen(String status, long ruleSetVersion, List<String> preparing, boolean contractsCurrent) {
    }

    private Seen look() {
        KarafProcess.Reply h = karaf.get("/api/health", null);
        if (h.status() != 200) {
            return null;
        }
        JsonNode health = h.json();
        long version = health.path("ruleSetVersion").asLong();
        boolean current = true;
        for (String c : CONTRACTS) {
            KarafProcess.Reply r = karaf.get("/api/contracts/" + c, "evaluator");
            current &= r.status() == 200 && r.json().path("findingsRuleSetVersion").asLong() >= version;
        }
        List<String> preparing = new ArrayList<>();
        health.path("preparing").forEach(p -> preparing.add(p.asText()));
        return new Seen(health.path("status").asText(), version, preparing, current);
    }

    private String log() throws IOException {
        return Files.readString(karaf.home.resolve("data/log/karaf.log"), StandardCharsets.UTF_8);
    }

    @Test
    public void a_restart_says_starting_until_the_contracts_stand_on_one_rule_set_built_from_cached_rules() throws Exception {
        karaf = KarafProcess.start(dir, PORT, 0);
        karaf.awaitUp();
        CONTRACTS.forEach(karaf::awaitFindingsCurrent);
        try (var shipped = Files.list(karaf.home.resolve("compiled-rules"))) {
            assertTrue("the distribution ships the rules of its bundles compiled",
                    shipped.count() >= Await.SHIPPED_DOMAINS.size());
        }
        karaf.close();
        int logBefore = log().length();

        karaf = KarafProcess.restart(karaf.home, PORT);
        List<Seen> seen = new ArrayList<>();
        Seen last = Await.until("health UP after the restart", () -> {
            karaf.assertAlive();
            Seen s = look();
            if (s != null) {
                seen.add(s);
            }
            return s;
        }, s -> s != null && "UP".equals(s.status()), 180_000);

        Seen first = seen.get(0);
        assertEquals("health answers while the node prepares: " + seen, "STARTING", first.status());
        assertFalse("STARTING says what is being prepared: " + first, first.preparing().isEmpty());
        for (Seen s : seen) {
            if (!"STARTING".equals(s.status())) {
                assertEquals("never UP on a rule set other than the one of the start: " + s, 1, s.ruleSetVersion());
            }
        }
        assertEquals("the domain bundles present at start make one rule set", 1, last.ruleSetVersion());
        for (String c : CONTRACTS) {
            assertEquals(c + "'s findings stand on it", 1,
                    karaf.get("/api/contracts/" + c, "evaluator").json().path("findingsRuleSetVersion").asLong());
        }

        String restart = log().substring(logBefore);
        int shipped = Await.SHIPPED_DOMAINS.size();
        assertTrue("the restart built one rule set from compiled rules, none compiled again:\n" + restart,
                restart.contains(shipped + " domain bundle(s) in one rule set v1")
                        && restart.contains("(compiled rules of " + shipped + " reused from")
                        && restart.contains(", 0 compiled)"));
        assertFalse("no bundle made a rule set of its own", restart.contains("rule set v2"));
        assertTrue("readiness is logged", restart.contains("Ready: rule set v1"));
    }
}
