package org.lvyue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvyue.core.internal.CoreRoomsTest.await;
import static org.lvyue.core.internal.CoreRoomsTest.record;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.service.BusyException;
import org.lvyue.api.service.IngestResult;
import org.lvyue.engine.internal.DroolsEngine;
import org.lvyue.store.JdbcStore;

/**
 * A contract's bounded intake line on the real store (an H2 file) and the real engine: batches that arrive
 * while the contract is evaluating are stored at once and evaluated together, a full line refuses with 429
 * and stores nothing, and the retry with the same ids is safe. The "evaluation running" is a thread holding
 * the contract's lock, which the drain needs for the hand-over and the evaluation.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class IntakeQueueTest {
    private static final LocalDate TODAY = LocalDate.of(2023, 1, 10);
    private static final String DEMO = "bj-hrss-2022";

    @TempDir
    Path dir;

    private JdbcStore store;
    private DroolsEngine engine;
    private final LockOrder locks = new LockOrder();
    private final BusinessClock days = new BusinessClock(Clock.systemUTC(), TODAY);
    private Reevaluator reevaluator;
    private ContractRegistry registry;
    private Intake intake;
    private final CountDownLatch evaluating = new CountDownLatch(1);
    private final CountDownLatch evaluated = new CountDownLatch(1);
    private CompletableFuture<Void> evaluation;

    @BeforeEach
    void start() {
        store = new JdbcStore("jdbc:h2:file:" + dir.resolve("lvyue").toAbsolutePath());
        engine = new DroolsEngine();
        engine.deploy(CoreRoomsTest.domain(1, "emergency-drill"));
        reevaluator = new Reevaluator(store, engine, locks, days);
        engine.addSwitchListener(reevaluator);
        registry = new ContractRegistry(store, engine, reevaluator, locks, days, org.lvyue.testing.SingleNode.OWNERS, CoreRoomsTest.config());
        await(() -> reevaluator.recordedVersion(DEMO) == engine.ruleSetVersion());
    }

    @AfterEach
    void stop() {
        evaluated.countDown();
        if (intake != null) {
            intake.deactivate();
        }
        reevaluator.deactivate();
        registry.deactivate();
        engine.close();
        store.close();
    }

    @Test
    void batches_arriving_during_an_evaluation_are_stored_at_once_and_evaluated_together_in_one_evaluation() throws Exception {
        intake = intake(32, IntakeQueue.DEFAULT_MAX_BYTES);
        anEvaluationRuns();
        CompletableFuture<IngestResult> first = post("r1", "2022-06-01");
        await(() -> store.factCount(DEMO) == 1 && intake.queue().waiting(DEMO) == 0); // taken by the running round

        CompletableFuture<IngestResult> second = post("r2", "2022-07-01");
        CompletableFuture<IngestResult> third = post("r3", "2022-08-01");
        await(() -> store.factCount(DEMO) == 3 && intake.queue().waiting(DEMO) == 2);
        assertFalse(second.isDone() || third.isDone(), "answered only once their evaluation has recorded the findings");
        long before = intake.queue().evaluations(DEMO);

        evaluated.countDown();
        IngestResult r1 = first.get(30, TimeUnit.SECONDS);
        IngestResult r2 = second.get(30, TimeUnit.SECONDS);
        IngestResult r3 = third.get(30, TimeUnit.SECONDS);
        assertEquals(2, intake.queue().evaluations(DEMO) - before, "the first batch's round, then one for the other two");
        assertEquals(1, r1.findingsResolved(), "the first batch resolves the missing yearly drill");
        assertEquals(List.of(1, 1, 1), List.of(r1.stored(), r2.stored(), r3.stored()));
        assertNull(r2.evaluationError());
        assertEquals(r2.findingsOpen(), r3.findingsOpen());
        assertEquals(0, intake.queue().queued(DEMO), "the line is empty once every batch is answered");
        assertEquals(3, store.factsWithIds(DEMO, List.of("r1", "r2", "r3")).size());
    }

    @Test
    void a_full_queue_answers_429_with_retry_after_stores_nothing_and_the_retry_with_the_same_ids_is_safe() throws Exception {
        intake = intake(2, IntakeQueue.DEFAULT_MAX_BYTES);
        anEvaluationRuns();
        CompletableFuture<IngestResult> first = post("r1", "2022-06-01");
        CompletableFuture<IngestResult> second = post("r2", "2022-07-01");
        await(() -> store.factCount(DEMO) == 2);

        BusyException full = assertThrows(BusyException.class,
                () -> intake.ingest(DEMO, List.of(fact("r3", "2022-08-01")), "alice"));
        assertEquals(BusyException.Reason.QUEUE_FULL, full.reason());
        assertEquals(429, full.httpStatus());
        assertTrue(full.retryAfter().compareTo(Duration.ofSeconds(1)) >= 0);
        assertTrue(full.getMessage().contains("未保存"), full.getMessage());
        assertEquals(2, store.factCount(DEMO), "nothing of the refused batch is stored");
        assertTrue(store.factsWithIds(DEMO, List.of("r3")).isEmpty());

        evaluated.countDown();
        assertEquals(1, first.get(30, TimeUnit.SECONDS).stored());
        assertEquals(1, second.get(30, TimeUnit.SECONDS).stored());

        // the client retries the refused batch, and repeats one it had no answer for: same ids, nothing doubled
        assertEquals(1, intake.ingest(DEMO, List.of(fact("r3", "2022-08-01")), "alice").stored());
        IngestResult again = intake.ingest(DEMO, List.of(fact("r2", "2022-07-01")), "alice");
        assertEquals(0, again.stored());
        assertEquals(List.of("r2"), again.duplicateIds());
        assertEquals(3, store.factCount(DEMO), "every acknowledged fact is in the store, once");
    }

    @Test
    void the_queue_is_bounded_by_bytes_too_and_a_batch_larger_than_the_bound_alone_is_still_taken() throws Exception {
        long one = IntakeQueue.sizeOf(List.of(fact("r1", "2022-06-01")));
        intake = intake(32, one + one / 2);
        anEvaluationRuns();
        CompletableFuture<IngestResult> first = post("r1", "2022-06-01");
        await(() -> store.factCount(DEMO) == 1);

        BusyException full = assertThrows(BusyException.class,
                () -> intake.ingest(DEMO, List.of(fact("r2", "2022-07-01")), "alice"));
        assertEquals(BusyException.Reason.QUEUE_FULL, full.reason());
        assertEquals(1, store.factCount(DEMO));

        evaluated.countDown();
        assertEquals(1, first.get(30, TimeUnit.SECONDS).stored());
        IngestResult big = intake.ingest(DEMO, List.of(fact("r2", "2022-07-01"), fact("r3", "2022-08-01")), "alice");
        assertEquals(2, big.stored(), "twice the bound, alone in the line: taken");
    }

    @Test
    void audit_entries_share_the_line_and_a_full_line_refuses_them_before_storing() throws Exception {
        intake = intake(1, IntakeQueue.DEFAULT_MAX_BYTES);
        anEvaluationRuns();
        CompletableFuture<IngestResult> first = post("r1", "2022-06-01");
        await(() -> store.factCount(DEMO) == 1);

        List<Map<String, Object>> entries = List.of(Map.of("id", "a1", "at", "2022-06-01T08:00:00", "user", "u1",
                "address", "10.0.0.1", "action", "login"));
        assertThrows(BusyException.class, () -> intake.append(DEMO, entries, "alice"));
        assertEquals(0, store.auditEventCount(DEMO, new org.lvyue.api.audit.AuditQuery(null, null, null, null, null, null, null, 10, 0)));

        evaluated.countDown();
        first.get(30, TimeUnit.SECONDS);
        assertEquals(1, intake.append(DEMO, entries, "alice"));
    }

    @Test
    void in_a_crowd_a_stored_batch_is_acknowledged_after_the_short_wait_and_evaluated_all_the_same() throws Exception {
        intake = new Intake(store, engine, registry, reevaluator, locks, days, 32, IntakeQueue.DEFAULT_MAX_BYTES,
                Duration.ofSeconds(60), Duration.ofMillis(100));
        anEvaluationRuns();
        CompletableFuture<IngestResult> alone = post("r1", "2022-06-01");
        await(() -> store.factCount(DEMO) == 1 && intake.queue().waiting(DEMO) == 0); // taken by the running round

        // the evaluation cannot end while the lock is held: the crowded batch is answered as stored, not evaluated
        IngestResult crowded = intake.ingest(DEMO, List.of(fact("r2", "2022-07-01")), "alice");
        assertEquals(1, crowded.stored());
        assertEquals(Intake.STILL_EVALUATING, crowded.evaluationError());
        assertEquals(-1, crowded.findingsOpen());
        assertEquals(2, store.factCount(DEMO), "acknowledged, so on disk");
        assertFalse(alone.isDone(), "the batch that came alone waits for its findings");

        evaluated.countDown();
        IngestResult first = alone.get(30, TimeUnit.SECONDS);
        assertNull(first.evaluationError());
        assertEquals(1, first.findingsResolved());
        await(() -> intake.queue().queued(DEMO) == 0); // the crowded batch's round ran after its answer
        assertEquals(2, intake.queue().evaluations(DEMO), "the crowded batch had its own evaluation after its answer");
    }

    @Test
    void while_the_contracts_findings_are_being_prepared_a_batch_that_comes_alone_is_acknowledged_once_stored() throws Exception {
        intake = new Intake(store, engine, registry, reevaluator, locks, days, 32, IntakeQueue.DEFAULT_MAX_BYTES,
                Duration.ofSeconds(60), Duration.ofMillis(100));
        anEvaluationRuns();
        // a new rule set, as after a start, a takeover or a bundle change: the contract's findings must be made to
        // stand on it, and that evaluation waits behind the running one
        engine.deploy(CoreRoomsTest.domain(2, "support"));
        await(() -> !reevaluator.current(DEMO));

        IngestResult alone = intake.ingest(DEMO, List.of(fact("r1", "2022-06-01")), "alice");
        assertEquals(1, alone.stored());
        assertEquals(Intake.STILL_EVALUATING, alone.evaluationError(), "answered once stored, not after the evaluations");
        assertEquals(1, store.factCount(DEMO), "acknowledged, so on disk");

        evaluated.countDown();
        await(() -> reevaluator.current(DEMO) && intake.queue().queued(DEMO) == 0);
        assertEquals(List.of(), store.findings(DEMO, new org.lvyue.api.finding.FindingQuery("emergency-drill", null, null,
                        org.lvyue.api.finding.FindingStatus.OPEN, 100, 0), TODAY),
                "the batch was evaluated all the same: the missing yearly drill is resolved");
    }

    // ------------------------------------------------------------------ helpers

    /** Every request waits for its evaluation, crowded or not. */
    private Intake intake(int batches, long bytes) {
        return new Intake(store, engine, registry, reevaluator, locks, days, batches, bytes, Duration.ofSeconds(60),
                Duration.ofSeconds(60));
    }

    /** Holds the contract's lock as an evaluation does, until {@link #evaluated} counts down. */
    private void anEvaluationRuns() throws InterruptedException {
        evaluation = CompletableFuture.runAsync(() -> locks.underContract(DEMO, () -> {
            evaluating.countDown();
            try {
                evaluated.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        assertTrue(evaluating.await(10, TimeUnit.SECONDS));
    }

    private CompletableFuture<IngestResult> post(String id, String date) {
        return CompletableFuture.supplyAsync(() -> intake.ingest(DEMO, List.of(fact(id, date)), "alice"));
    }

    private static Map<String, Object> fact(String id, String date) {
        return record(id, "emergency-drill", date);
    }
}
