package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.fact.Fact;

/**
 * A fact the store acknowledged survives a {@code kill -9} of the JVM: a child JVM appends facts, says
 * so, and is killed (SIGKILL, no shutdown hooks) once it has said so, also when the store it opened was
 * itself left by a kill.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DurabilityTest extends DatabaseTest {
    @Test
    void an_acknowledged_batch_survives_a_kill_dash_nine_right_after() throws Exception {
        assertEquals("ACK 100", KilledChild.acknowledgedThenKilled(Duration.ZERO, AppendAndWait.class, url()),
                "the child acknowledged the batch");
        try (JdbcStore store = new JdbcStore(url())) {
            List<Fact> facts = store.facts(TestData.CONTRACT);
            assertEquals(100, facts.size());
            assertEquals("K-99", facts.get(99).getId());
            // the identity values H2 had cached but not used at the kill are not handed out again: the next batch is
            // stored after the acknowledged one, not refused as a duplicate key
            store.appendFacts(TestData.CONTRACT, List.of(TestData.fact("L-0").build(), TestData.fact("L-1").build()), "after");
            List<Fact> all = store.facts(TestData.CONTRACT);
            assertEquals(102, all.size());
            assertEquals(List.of("K-99", "L-0", "L-1"), all.subList(99, 102).stream().map(Fact::getId).toList());
        }
    }

    /** The store's side of {@link EmbeddedH2DurabilityTest}, on both databases. */
    @Test
    void acknowledged_batches_survive_kills_at_every_start_also_the_starts_after_a_kill() throws Exception {
        int cycles = 3;
        int batches = 5;
        for (int cycle = 0; cycle < cycles; cycle++) {
            // the crash comes after a second with nothing written: the quiet in which H2 2.5 tidied its file
            assertEquals("ACK " + batches * 100, KilledChild.acknowledgedThenKilled(Duration.ofSeconds(1), AppendAndWait.class,
                    url(), "C" + cycle + "-", Integer.toString(batches)), "the child of cycle " + cycle + " acknowledged");
            // opened after the kill, as the next start opens it, and closed: the file the next cycle starts from
            try (JdbcStore store = new JdbcStore(url())) {
                List<String> ids = store.facts(TestData.CONTRACT).stream().map(Fact::getId).toList();
                for (int c = 0; c <= cycle; c++) {
                    for (int batch = 0; batch < batches; batch++) {
                        String id = "C" + c + "-" + batch + "-99";
                        assertTrue(ids.contains(id), "after the kill of cycle " + cycle + ", the last fact of batch " + batch
                                + " of cycle " + c + " is stored: " + id);
                    }
                }
                assertEquals((cycle + 1) * batches * 100, ids.size(), "every acknowledged fact, each once");
            }
        }
    }

    /**
     * The child: opens the store, appends batches of 100 facts named {@code <prefix><batch>-<i>} (one batch of
     * {@code K-<i>} without arguments), each batch after an evaluation that reopens half of 200 findings and
     * resolves the other half (rows rewritten, as a running node rewrites them), prints "ACK" and how many facts it
     * stored, then waits to be killed.
     */
    public static final class AppendAndWait {
        public static void main(String[] args) throws Exception {
            JdbcStore store = new JdbcStore(args[0]);
            String prefix = args.length > 1 ? args[1] : null;
            int batches = args.length > 2 ? Integer.parseInt(args[2]) : 1;
            int stored = 0;
            for (int b = 0; b < batches; b++) {
                List<Fact> batch = new java.util.ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    batch.add(TestData.fact(prefix == null ? "K-" + i : prefix + b + "-" + i).build());
                }
                if (prefix != null) {
                    int parity = b % 2;
                    store.reconcileFindings(TestData.evaluation(java.util.stream.IntStream.range(0, 200)
                            .filter(k -> k % 2 == parity).mapToObj(k -> TestData.yearly("inspection", "o" + k, 2022))
                            .toList()), java.time.Instant.now());
                }
                stored += store.appendFacts(TestData.CONTRACT, batch, "child").stored().size();
            }
            System.out.println("ACK " + stored);
            System.out.flush();
            System.in.read(); // never returns before the kill: stdin is a pipe the parent keeps open
            Runtime.getRuntime().halt(1);
        }
    }
}
