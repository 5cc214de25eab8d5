package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.fact.Fact;

/**
 * A fact the store acknowledged survives a {@code kill -9} of the JVM right after: a child JVM appends
 * a batch, says so, and is killed (SIGKILL, no shutdown hooks) as soon as it has said so.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DurabilityTest extends DatabaseTest {
    @Test
    void an_acknowledged_batch_survives_a_kill_dash_nine_right_after() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                AppendAndWait.class.getName(), url())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("ACK 100", out.readLine(), "the child acknowledged the batch");
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child is gone");
        } finally {
            child.destroyForcibly();
        }
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

    /** The child: opens the store, appends 100 facts, prints "ACK 100", then waits to be killed. */
    public static final class AppendAndWait {
        public static void main(String[] args) throws Exception {
            JdbcStore store = new JdbcStore(args[0]);
            List<Fact> batch = new java.util.ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(TestData.fact("K-" + i).build());
            }
            int stored = store.appendFacts(TestData.CONTRACT, batch, "child").stored().size();
            System.out.println("ACK " + stored);
            System.out.flush();
            System.in.read(); // never returns before the kill: stdin is a pipe the parent keeps open
            Runtime.getRuntime().halt(1);
        }
    }
}
