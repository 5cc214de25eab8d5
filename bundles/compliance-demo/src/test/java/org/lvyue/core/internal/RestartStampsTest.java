package org.lvyue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a contract's recorded findings may count as standing after a restart without evaluating it first: a clean stop
 * stamps it, the next start compares. On the real store (an H2 file kept across the "restart") and the real engine with
 * its rules kept compiled as in the product; each start is a new store, engine and core on the same folder.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RestartStampsTest {
    private static final String DEMO = ChecklistHarness.DEMO;
    private static final LocalDate TODAY = LocalDate.of(2022, 3, 20);

    @TempDir
    Path dir;

    /** A start of the node on the folder; the contract has two batches of records, each evaluated. */
    private ChecklistHarness start(LocalDate today, String build) {
        return new ChecklistHarness(dir, today, build);
    }

    private static void record(ChecklistHarness room, String id) {
        room.intake.ingest(DEMO, List.of(Map.of("id", id, "kind", "network-security.deliverable", "subject", "ns.r01",
                "date", "2022-03-02", "status", "submitted", "attributes", Map.of("title", "月报", "period", "2022-02"))),
                "engineer");
    }

    /** Stops the node cleanly: the intake stamps what it can, then everything closes. */
    private static void stop(ChecklistHarness room) {
        room.intake.stampForRestart();
        room.close();
    }

    /** What the next start makes of the stamp the last stop left: its store and engine, without the core. */
    private List<String> differencesAtStart(LocalDate today, String build) {
        org.lvyue.store.JdbcStore store = ChecklistHarness.store(dir);
        org.lvyue.engine.internal.DroolsEngine engine = ChecklistHarness.engine(dir, build);
        try {
            return new RestartStamps(store, engine).differences(DEMO, today);
        } finally {
            engine.close();
            store.close();
        }
    }

    @Test
    void a_clean_stop_with_everything_evaluated_leaves_a_stamp_the_next_start_finds_unchanged() {
        ChecklistHarness room = start(TODAY, "build-1");
        record(room, "r1");
        ready(room);
        stop(room);

        assertEquals(List.of(), differencesAtStart(TODAY, "build-1"));
        assertEquals(List.of(RestartStamps.NO_STAMP), differencesAtStart(TODAY, "build-1"), "the stamp speaks of one start only");
    }

    @Test
    void a_record_stored_after_the_stamp_another_day_or_another_engine_build_each_make_the_contract_evaluated_first() {
        ChecklistHarness room = start(TODAY, "build-1");
        record(room, "r1");
        ready(room);
        room.intake.stampForRestart();
        // stored, then the node died before evaluating it: only the store has it
        room.store.appendFacts(DEMO, List.of(org.lvyue.api.fact.Fact.builder().id("late").contractId(DEMO)
                .domain("network-security").kind("network-security.deliverable").subject("ns.r02")
                .date(LocalDate.of(2022, 3, 3)).status("submitted").attributes(Map.of("title", "月报")).build()), "engineer");
        room.close();
        List<String> afterCrash = differencesAtStart(TODAY, "build-1");
        assertEquals(1, afterCrash.size(), afterCrash::toString);
        assertTrue(afterCrash.get(0).contains("facts stored since"), afterCrash::toString);

        stampCleanly(TODAY, "build-1");
        List<String> nextDay = differencesAtStart(TODAY.plusDays(1), "build-1");
        assertTrue(nextDay.stream().anyMatch(w -> w.contains("another day")), nextDay::toString);

        stampCleanly(TODAY, "build-1");
        List<String> upgraded = differencesAtStart(TODAY, "build-2");
        assertTrue(upgraded.stream().anyMatch(w -> w.contains("the rule set changed")), upgraded::toString);

        stampCleanly(TODAY, null);
        assertFalse(differencesAtStart(TODAY, null).isEmpty(), "an engine that cannot tell its builds apart never carries findings over");
    }

    @Test
    void a_contract_quiet_for_the_period_is_stamped_while_running_so_a_crash_finds_its_findings_standing() {
        ChecklistHarness room = start(TODAY, "build-1");
        record(room, "r1");
        ready(room);
        room.intake.stampSettled(java.time.Duration.ofHours(1));
        room.close(); // the node dies: no stop, no stamp of the stop
        assertEquals(List.of(RestartStamps.NO_STAMP), differencesAtStart(TODAY, "build-1"),
                "recorded a moment ago: not quiet for the period, not stamped yet");

        room = start(TODAY, "build-1");
        ready(room);
        stampOnceQuiet(room);
        record(room, "r2"); // recorded after the stamp: the crash that follows finds the counts changed
        ready(room);
        room.close();
        List<String> afterCrash = differencesAtStart(TODAY, "build-1");
        assertTrue(afterCrash.size() == 1 && afterCrash.get(0).contains("facts stored since"), afterCrash::toString);

        room = start(TODAY, "build-1");
        ready(room);
        stampOnceQuiet(room);
        room.close();
        assertEquals(List.of(), differencesAtStart(TODAY, "build-1"), "stamped while running, nothing since: it stands");
    }

    /**
     * The running node's pass, with no quiet period, until it stamped the contract: a start evaluates a contract more
     * than once (the memory built in the background records its findings again), and each recording defers the stamp.
     */
    private static void stampOnceQuiet(ChecklistHarness room) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        do {
            room.intake.stampSettled(java.time.Duration.ZERO);
            if (!room.reevaluator.unstampedQuietFor(java.time.Duration.ZERO).containsKey(DEMO)) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the contract was not stamped within a minute");
    }

    @Test
    void a_stop_while_a_batch_waits_for_its_evaluation_leaves_no_stamp() {
        ChecklistHarness room = start(TODAY, "build-1");
        record(room, "r1");
        ready(room);
        boolean stamped = room.locks.underContract(DEMO, () -> room.reevaluator.stampAtStop(DEMO, () -> false));
        room.close();
        assertFalse(stamped);
        assertEquals(List.of(RestartStamps.NO_STAMP), differencesAtStart(TODAY, "build-1"));
    }

    /** Waits until the contract's findings stand on the node's rule set. */
    private static void ready(ChecklistHarness room) {
        try {
            assertTrue(room.reevaluator.awaitCurrent(DEMO, java.time.Duration.ofSeconds(60)), "evaluated within a minute");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** A start that evaluates the contract and stops cleanly. */
    private void stampCleanly(LocalDate today, String build) {
        ChecklistHarness room = start(today, build);
        ready(room);
        stop(room);
    }
}
