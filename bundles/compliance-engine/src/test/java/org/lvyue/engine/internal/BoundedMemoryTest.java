package org.lvyue.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvyue.engine.internal.TestDomains.AS_OF;
import static org.lvyue.engine.internal.TestDomains.CONTRACT;
import static org.lvyue.engine.internal.TestDomains.keys;
import static org.lvyue.engine.internal.TestDomains.record;
import static org.lvyue.engine.internal.TestDomains.working;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.Evaluation;

/**
 * The memory budget in the engine, with a clock the test moves: contracts' working memories are
 * released when idle or when the budget needs room, rebuilt from their store at their next use with
 * the same findings, and never released while they are evaluated.
 */
@Timeout(60)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BoundedMemoryTest {
    private static final Contract OTHER = new Contract("c-2022-b", 1, "另一合同", "", "", CONTRACT.client(), CONTRACT.supplier(),
            CONTRACT.amount(), CONTRACT.periodStart(), CONTRACT.periodEnd(), CONTRACT.signedOn());
    /** One record's memory: the session's fixed cost and one fact. */
    private static final long ONE_MEMORY = MemoryBudget.estimate(1, 0);

    private final AtomicLong now = new AtomicLong();
    private DroolsEngine engine;

    @BeforeEach
    void newEngine() {
        engine = new DroolsEngine(now::get);
    }

    @AfterEach
    void close() {
        EvaluationGate.disarm();
        engine.close();
    }

    private void deployAlphaAndBeta() {
        assertEquals(DomainState.ACTIVE, engine.deploy(working(1, "test.alpha", "1.0.0", "alpha", "alpha")).state());
        assertEquals(DomainState.ACTIVE, engine.deploy(working(2, "test.beta", "1.0.0", "beta", "beta")).state());
    }

    @Test
    void when_the_budget_holds_one_memory_evaluating_another_contract_releases_the_first_which_is_rebuilt_with_the_same_findings() {
        deployAlphaAndBeta();
        engine.setMemoryBudget(ONE_MEMORY + ONE_MEMORY / 2, Duration.ofMinutes(30));
        TestStore first = new TestStore(CONTRACT).store(List.of(record("a1", "alpha", "2022-06-01", "late")));
        TestStore second = new TestStore(OTHER).store(List.of(record("b1", "beta", "2022-03-01", "ok")));
        engine.open(CONTRACT.id(), first);
        engine.open(OTHER.id(), second);
        Evaluation before = engine.evaluate(CONTRACT.id(), AS_OF);
        now.addAndGet(1_000);

        engine.evaluate(OTHER.id(), AS_OF);

        org.lvyue.api.engine.MemoryFigures f = engine.memory();
        assertEquals(1, f.held(), "only the second contract's memory is held");
        assertEquals(1, f.budgetReleases());
        assertEquals(ONE_MEMORY, f.heldBytes());
        now.addAndGet(1_000);
        Evaluation after = engine.evaluate(CONTRACT.id(), AS_OF);
        assertEquals(2, first.reads(), "rebuilt from its store");
        assertEquals(List.of("alpha/alpha: each record/-/2022/a1=late", "beta/beta: year without a record/beta.yearly/2022"),
                keys(after));
        assertEquals(before.findings(), after.findings());
        assertEquals(before.ledger(), after.ledger());
        assertEquals(before.factCount(), after.factCount());
        f = engine.memory();
        assertEquals(1, f.rebuilds());
        assertEquals(2, f.budgetReleases(), "the second went for the first's rebuild");
        assertEquals(1, f.held());
    }

    @Test
    void a_memory_unused_for_the_idle_time_is_released_and_rebuilt_at_its_next_use_with_the_same_findings() {
        deployAlphaAndBeta();
        engine.setMemoryBudget(1L << 30, Duration.ofMinutes(30));
        TestStore store = new TestStore(CONTRACT).store(List.of(record("a1", "alpha", "2022-06-01", "ok")));
        engine.open(CONTRACT.id(), store);
        Evaluation before = engine.evaluate(CONTRACT.id(), AS_OF);
        now.addAndGet(Duration.ofMinutes(29).toNanos());
        engine.sweepMemories();
        assertEquals(1, engine.memory().held(), "not idle long enough yet");

        now.addAndGet(Duration.ofMinutes(1).toNanos());
        engine.sweepMemories();

        assertEquals(0, engine.memory().held());
        assertEquals(1, engine.memory().idleReleases());
        assertTrue(engine.isLoaded(CONTRACT.id()), "released, not unloaded");
        Evaluation after = engine.evaluate(CONTRACT.id(), AS_OF);
        assertEquals(2, store.reads());
        assertEquals(before.findings(), after.findings());
        assertEquals(1, engine.memory().rebuilds());
    }

    @Test
    void a_memory_being_evaluated_is_not_released_however_long_it_runs_and_whatever_the_budget() throws Exception {
        String gated = TestDomains.drl("alpha", TestDomains.perFactRule("alpha", "alpha",
                "org.lvyue.engine.internal.EvaluationGate.pass();"));
        assertEquals(DomainState.ACTIVE, engine.deploy(TestDomains.domain(1, "test.alpha", "1.0.0", "alpha", gated)).state());
        TestStore store = new TestStore(CONTRACT).store(List.of(record("a1", "alpha", "2022-06-01", "ok")));
        engine.open(CONTRACT.id(), store);
        EvaluationGate.arm();
        ExecutorService evaluator = Executors.newSingleThreadExecutor();
        try {
            Future<Evaluation> running = evaluator.submit(() -> engine.evaluate(CONTRACT.id(), AS_OF));
            assertTrue(EvaluationGate.awaitEntered(), "the evaluation never reached the gate");

            now.addAndGet(Duration.ofHours(2).toNanos());
            engine.setMemoryBudget(1, Duration.ofMinutes(1)); // sweeps: idle for hours and over any budget
            engine.sweepMemories();
            assertEquals(0, engine.memory().idleReleases() + engine.memory().budgetReleases());

            EvaluationGate.release();
            Evaluation e = running.get(EvaluationGate.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertEquals(List.of("alpha/alpha: each record/-/2022/a1=ok"), keys(e));
            assertEquals(1, store.reads(), "built once: nothing released it under the evaluation");
        } finally {
            evaluator.shutdownNow();
        }
        now.addAndGet(1_000);
        engine.sweepMemories();
        assertEquals(0, engine.memory().held(), "once its use ended, the budget lets it go");
    }
}
