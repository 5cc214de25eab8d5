package org.lvyue.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvyue.engine.internal.TestDomains.AS_OF;
import static org.lvyue.engine.internal.TestDomains.CONTRACT;
import static org.lvyue.engine.internal.TestDomains.keys;
import static org.lvyue.engine.internal.TestDomains.record;
import static org.lvyue.engine.internal.TestDomains.ruleNames;
import static org.lvyue.engine.internal.TestDomains.working;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.fact.Fact;
import org.lvyue.engine.internal.EngineTest.Switches.Switch;

/**
 * The specification of a contract's working memory and of a rule-set swap. After a rule-set change
 * the engine builds the new rule set's memory aside, on its own thread, without being asked;
 * evaluations and new facts go on against the old one meanwhile and reach the new one; once built it
 * takes over and the engine tells which rule set the contract now evaluates on; a build that fails
 * leaves the old one answering; a released memory is rebuilt from its records at its next use, with
 * the same findings. And the memory itself: evaluations, what-if evaluations, fact updates.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WorkingMemoryTest extends EngineTest {
    @AfterEach
    void disarmGate() {
        EvaluationGate.disarm();
    }

    // ---- the swap: built aside, the old one answering meanwhile, switched, told

    @Test
    void after_a_rule_set_change_the_engine_builds_the_new_memory_aside_by_itself() throws Exception {
        Versions versions = alphaV1ThenGatedV2();

        // nobody evaluates: the engine's own preparation reaches the new rule's consequence
        assertTrue(EvaluationGate.awaitEntered(), "the engine never started building the new memory");
        assertEquals(List.of(new Switch(CONTRACT.id(), versions.before())), switches.told(),
                "the contract still evaluates on the old rule set");
    }

    @Test
    void while_the_new_memory_is_built_evaluations_and_new_facts_are_answered_by_the_old_one_and_reach_the_new_one()
            throws Exception {
        Versions versions = alphaV1ThenGatedV2();
        assertTrue(EvaluationGate.awaitEntered(), "the engine never started building the new memory");

        engine.addFacts(CONTRACT.id(), List.of(record("a2", "alpha", "2022-07-01", "late")));
        Evaluation meanwhile = engine.evaluate(CONTRACT.id(), AS_OF);

        assertAnswer(meanwhile, versions.before(), "alpha/alpha v1: each record/-/2022/a1=ok",
                "alpha/alpha v1: each record/-/2022/a2=late");
        EvaluationGate.release();
        Evaluation after = evaluateOnCurrent(CONTRACT.id(), AS_OF);
        assertAnswer(after, versions.after(), "alpha/alpha v2: each record/-/2022/a1=ok",
                "alpha/alpha v2: each record/-/2022/a2=late");
        assertEquals(2, after.factCount());
    }

    @Test
    void once_built_the_new_memory_takes_over_and_listeners_are_told_the_rule_set_the_contract_now_evaluates_on()
            throws Exception {
        Versions versions = alphaV1ThenGatedV2();
        assertTrue(EvaluationGate.awaitEntered(), "the engine never started building the new memory");
        int seen = switches.count();

        EvaluationGate.release();
        switches.awaitMoreThan(seen);

        assertEquals(List.of(new Switch(CONTRACT.id(), versions.before()), new Switch(CONTRACT.id(), versions.after())),
                switches.told());
        // from the moment it is told, without waiting for anything
        assertAnswer(engine.evaluate(CONTRACT.id(), AS_OF), versions.after(), "alpha/alpha v2: each record/-/2022/a1=ok");
    }

    @Test
    void an_evaluation_running_while_the_rule_set_is_swapped_finishes_on_the_old_rule_set_and_the_next_one_uses_the_new()
            throws Exception {
        // revision 1 stops at the gate in the consequence of its rule, i.e. in the middle of fireAllRules
        String gated = TestDomains.drl("alpha", """
                rule "alpha v1: year without a record"
                when
                    $c : Contract()
                    $o : Obligation(domain == "alpha")
                    $y : ReportingPeriod(frequency == Frequency.YEARLY)
                    not Fact(kind == $o.evidenceKind(), $y.contains(date))
                then
                    org.lvyue.engine.internal.EvaluationGate.pass();
                    insertLogical(Finding.builder().contractId($c.id()).domain($o.domain()).obligation($o.id())
                        .rule(drools.getRule().getName()).clause($o.clause()).severity($o.severity())
                        .period($y.start(), $y.end(), $y.label()).title("v1").build());
                end
                """, TestDomains.perFactRule("alpha", "alpha v1"));
        assertActive(engine.deploy(TestDomains.domain(1, "test.alpha", "1.0.0", "alpha", gated)));
        long oldVersion = engine.ruleSetVersion();
        engine.load(CONTRACT, List.of(record("b1", "beta", "2022-03-01", "ok")));
        EvaluationGate.arm();

        ExecutorService evaluator = Executors.newSingleThreadExecutor();
        try {
            // the first evaluation waits for its memory, held at the gate while its rules fire
            Future<Evaluation> running = evaluator.submit(() -> engine.evaluate(CONTRACT.id(), AS_OF));
            assertTrue(EvaluationGate.awaitEntered(), "the evaluation never reached the gate");

            // swap while the rules fire: the new revision has other rules
            assertActive(engine.deploy(working(1, "test.alpha", "2.0.0", "alpha", "alpha v2")));
            long newVersion = engine.ruleSetVersion();
            assertTrue(newVersion > oldVersion);
            assertTrue(!running.isDone(), "the evaluation must still be held at the gate");

            EvaluationGate.release();
            Evaluation during = running.get(EvaluationGate.TIMEOUT_SECONDS, TimeUnit.SECONDS);

            assertEquals(oldVersion, during.ruleSetVersion());
            assertEquals(List.of("alpha v1: year without a record"), ruleNames(during));
            assertEquals(List.of("1.0.0"), during.domains().stream().map(DomainStatus::version).toList());

            Evaluation next = evaluateOnCurrent(CONTRACT.id(), AS_OF);
            assertEquals(newVersion, next.ruleSetVersion());
            assertEquals(List.of("alpha v2: year without a record"), ruleNames(next));
            assertEquals(List.of("2.0.0"), next.domains().stream().map(DomainStatus::version).toList());
        } finally {
            disarmAndShutDown(evaluator);
        }
    }

    // ---- a build that fails

    @Test
    void a_build_that_fails_leaves_the_old_memory_answering_until_one_without_the_failing_domain_is_ready()
            throws Exception {
        assertActive(engine.deploy(working(1, "test.alpha", "1.0.0", "alpha", "alpha")));
        engine.load(CONTRACT, List.of(record("a1", "alpha", "2022-06-01", "ok")));
        Evaluation running = engine.evaluate(CONTRACT.id(), AS_OF);
        // the swap that stops the failing domain is told on the engine's thread: held there, nothing is built
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        engine.addListener((version, domains) -> {
            if (domains.stream().anyMatch(d -> d.state() == DomainState.STOPPED)) {
                stopped.countDown();
                try {
                    goOn.await(EvaluationGate.TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        try {
            assertActive(engine.deploy(TestDomains.domain(3, "test.gamma", "1.0.0", "gamma",
                    TestDomains.drl("gamma", BadDomainContainmentTest.THROWING_RULE))));
            assertTrue(stopped.await(EvaluationGate.TIMEOUT_SECONDS, TimeUnit.SECONDS), "the build never failed");

            assertSame(running, engine.evaluate(CONTRACT.id(), AS_OF), "the old session answers, untouched");
        } finally {
            goOn.countDown();
        }

        Evaluation after = evaluateOnCurrent(CONTRACT.id(), AS_OF);
        assertEquals(running.findings(), after.findings());
        assertTrue(after.ruleSetVersion() > running.ruleSetVersion(), "on the rule set without gamma");
        assertEquals(List.of("alpha"), after.domains().stream().map(DomainStatus::domain).toList());
    }

    @Test
    void a_rule_that_throws_on_one_day_stops_its_domain_and_that_evaluation_answers_without_it() {
        // throws on any day after 2023-06-30, like a working-day deadline in a year the calendar lacks
        String fragile = TestDomains.drl("alpha", """
                rule "alpha: throws late in the year"
                when
                    $ctx : org.lvyue.api.engine.EvaluationContext()
                    $f : Fact(domain == "alpha")
                then
                    if ($ctx.asOf().isAfter(java.time.LocalDate.of(2023, 6, 30))) {
                        throw new IllegalStateException("no calendar for " + $ctx.asOf());
                    }
                end
                """, TestDomains.perFactRule("alpha", "alpha"));
        assertActive(engine.deploy(TestDomains.domain(1, "test.alpha", "1.0.0", "alpha", fragile)));
        assertActive(engine.deploy(working(2, "test.beta", "1.0.0", "beta", "beta")));
        engine.load(CONTRACT, List.of(record("a1", "alpha", "2022-06-01", "ok")));
        assertEquals(List.of("alpha/alpha: each record/-/2022/a1=ok", "beta/beta: year without a record/beta.yearly/2022"),
                keys(engine.evaluate(CONTRACT.id(), AS_OF)));

        Evaluation late = engine.evaluate(CONTRACT.id(), java.time.LocalDate.of(2023, 7, 1));

        assertEquals(List.of("beta/beta: year without a record/beta.yearly/2022"), keys(late));
        DomainStatus alpha = engine.domains().stream().filter(d -> d.domain().equals("alpha")).findFirst().orElseThrow();
        assertEquals(DomainState.STOPPED, alpha.state());
        assertTrue(alpha.problems().get(0).message().contains("IllegalStateException: no calendar for 2023-07-01"),
                alpha::toString);
        // stopped for every day until a new revision comes: no half-working domain
        assertEquals(List.of("beta/beta: year without a record/beta.yearly/2022"),
                keys(engine.evaluate(CONTRACT.id(), AS_OF)));
    }

    // ---- release and rebuild

    @Test
    void a_released_memory_is_rebuilt_from_its_loader_at_its_next_use_with_identical_findings() {
        assertActive(engine.deploy(working(1, "test.alpha", "1.0.0", "alpha", "alpha")));
        assertActive(engine.deploy(working(2, "test.beta", "1.0.0", "beta", "beta")));
        TestStore store = new TestStore(CONTRACT).store(List.of(record("a1", "alpha", "2022-06-01", "late")));
        engine.open(CONTRACT.id(), store);
        engine.evaluate(CONTRACT.id(), AS_OF);
        List<Fact> later = List.of(record("a2", "alpha", "2022-07-01", "ok"), record("a1", "alpha", "2022-06-01", "ok"));
        store.store(later);
        engine.addFacts(CONTRACT.id(), later); // stored first, then handed to the engine: what the product does
        Evaluation before = engine.evaluate(CONTRACT.id(), AS_OF);
        assertEquals(1, store.reads());

        engine.release(CONTRACT.id());
        assertEquals(1, store.reads(), "a release reads nothing");
        Evaluation after = engine.evaluate(CONTRACT.id(), AS_OF);

        assertEquals(2, store.reads(), "rebuilt from the loader's records");
        assertEquals(List.of("alpha/alpha: each record/-/2022/a1=ok", "alpha/alpha: each record/-/2022/a2=ok",
                "beta/beta: year without a record/beta.yearly/2022"), keys(after));
        assertEquals(before.findings(), after.findings());
        assertEquals(before.ledger(), after.ledger());
        assertEquals(before.factCount(), after.factCount());
        assertEquals(before.ruleSetVersion(), after.ruleSetVersion());
        assertEquals(List.of(new Switch(CONTRACT.id(), before.ruleSetVersion())), switches.told(),
                "rebuilt on the rule set it stood on: nothing new to tell");
    }

    @Test
    void a_released_memory_is_built_at_its_next_use_on_the_rule_set_current_then_and_says_so() {
        assertActive(engine.deploy(working(1, "test.alpha", "1.0.0", "alpha", "alpha")));
        TestStore store = new TestStore(CONTRACT).store(List.of(record("a1", "alpha", "2022-06-01", "ok")));
        engine.open(CONTRACT.id(), store);
        long first = engine.evaluate(CONTRACT.id(), AS_OF).ruleSetVersion();
        engine.release(CONTRACT.id());
        List<Fact> meanwhile = List.of(record("a2", "alpha", "2022-07-01", "late"));
        store.store(meanwhile);
        engine.addFacts(CONTRACT.id(), meanwhile);

        assertActive(engine.deploy(working(1, "test.alpha", "2.0.0", "alpha", "alpha v2")));
        Evaluation next = engine.evaluate(CONTRACT.id(), AS_OF);

        // no old memory to answer from: the evaluation waits for the one on the current rule set
        assertAnswer(next, engine.ruleSetVersion(), "alpha/alpha v2: each record/-/2022/a1=ok",
                "alpha/alpha v2: each record/-/2022/a2=late");
        assertEquals(List.of(new Switch(CONTRACT.id(), first), new Switch(CONTRACT.id(), engine.ruleSetVersion())),
                switches.told());
    }

    @Test
    void a_release_while_the_new_memory_is_built_discards_that_build_and_the_next_use_builds_anew() throws Exception {
        assertActive(engine.deploy(working(1, "test.alpha", "1.0.0", "alpha", "alpha v1")));
        TestStore store = new TestStore(CONTRACT).store(List.of(record("a1", "alpha", "2022-06-01", "ok")));
        engine.open(CONTRACT.id(), store);
        long first = engine.evaluate(CONTRACT.id(), AS_OF).ruleSetVersion();
        EvaluationGate.arm();
        assertActive(engine.deploy(TestDomains.domain(1, "test.alpha", "2.0.0", "alpha", TestDomains.drl("alpha",
                TestDomains.perFactRule("alpha", "alpha v2", "org.lvyue.engine.internal.EvaluationGate.pass();")))));
        assertTrue(EvaluationGate.awaitEntered(), "the engine never started building the new memory");

        engine.release(CONTRACT.id());
        EvaluationGate.release();
        Evaluation next = engine.evaluate(CONTRACT.id(), AS_OF);

        assertAnswer(next, engine.ruleSetVersion(), "alpha/alpha v2: each record/-/2022/a1=ok");
        assertEquals(2, store.reads(), "built again from the loader, not from the discarded build");
        assertEquals(List.of(new Switch(CONTRACT.id(), first), new Switch(CONTRACT.id(), engine.ruleSetVersion())),
                switches.told(), "the discarded build told nothing");
    }

    @Test
    void a_memory_given_its_facts_keeps_them_when_released_and_is_rebuilt_from_them() {
        assertActive(engine.deploy(working(1, "test.alpha", "1.0.0", "alpha", "alpha")));
        engine.load(CONTRACT, List.of(record("a1", "alpha", "2022-06-01", "late")));
        engine.addFacts(CONTRACT.id(), List.of(record("a2", "alpha", "2022-07-01", "ok")));
        Evaluation before = engine.evaluate(CONTRACT.id(), AS_OF);

        engine.release(CONTRACT.id());

        assertEquals(before.findings(), engine.evaluate(CONTRACT.id(), AS_OF).findings());
    }

    // ---- the memory itself: what-if evaluations, fact updates, repeated questions

    @Test
    void evaluate_with_extra_facts_shows_their_effect_and_leaves_the_working_memory_as_it_was() {
        assertActive(engine.deploy(working(1, "test.alpha", "1.0.0", "alpha", "alpha")));
        engine.load(CONTRACT, List.of(record("b1", "beta", "2022-03-01", "ok")));
        Evaluation before = engine.evaluate(CONTRACT.id(), AS_OF);
        assertEquals(List.of("alpha/alpha: year without a record/alpha.yearly/2022"), keys(before));
        assertEquals(1, before.factCount());

        Evaluation whatIf = engine.evaluateWith(CONTRACT.id(), List.of(record("a1", "alpha", "2022-06-01", "ok")), AS_OF);

        assertEquals(List.of("alpha/alpha: each record/-/2022/a1=ok"), keys(whatIf));
        assertEquals(2, whatIf.factCount());
        assertEquals(before.ruleSetVersion(), whatIf.ruleSetVersion());

        Evaluation after = engine.evaluate(CONTRACT.id(), AS_OF);
        assertEquals(before.findings(), after.findings());
        assertEquals(1, after.factCount());
    }

    @Test
    void evaluate_with_a_fact_whose_id_is_held_shows_the_replacement_and_keeps_the_held_fact() {
        assertActive(engine.deploy(working(1, "test.alpha", "1.0.0", "alpha", "alpha")));
        engine.load(CONTRACT, List.of(record("a1", "alpha", "2022-06-01", "late")));
        assertEquals(List.of("alpha/alpha: each record/-/2022/a1=late"), keys(engine.evaluate(CONTRACT.id(), AS_OF)));

        Evaluation whatIf = engine.evaluateWith(CONTRACT.id(), List.of(record("a1", "alpha", "2022-06-01", "ok")), AS_OF);

        assertEquals(List.of("alpha/alpha: each record/-/2022/a1=ok"), keys(whatIf));
        assertEquals(1, whatIf.factCount());
        assertEquals(List.of("alpha/alpha: each record/-/2022/a1=late"), keys(engine.evaluate(CONTRACT.id(), AS_OF)));
    }

    @Test
    void adding_a_fact_with_an_id_already_held_replaces_the_old_fact_instead_of_adding_a_second_copy() {
        assertActive(engine.deploy(working(1, "test.alpha", "1.0.0", "alpha", "alpha")));
        engine.load(CONTRACT, List.of(record("a1", "alpha", "2022-06-01", "late")));
        assertEquals(List.of("alpha/alpha: each record/-/2022/a1=late"), keys(engine.evaluate(CONTRACT.id(), AS_OF)));

        // the session is live now: this goes through update(), not a rebuild
        engine.addFacts(CONTRACT.id(), List.of(record("a1", "alpha", "2022-06-01", "ok")));
        Evaluation e = engine.evaluate(CONTRACT.id(), AS_OF);
        assertEquals(List.of("alpha/alpha: each record/-/2022/a1=ok"), keys(e));
        assertEquals(1, e.factCount());

        // moved out of the contract's year: the missing-record finding comes back, the old one is gone
        engine.addFacts(CONTRACT.id(), List.of(record("a1", "alpha", "2023-06-01", "ok")));
        assertEquals(List.of("alpha/alpha: year without a record/alpha.yearly/2022"),
                keys(engine.evaluate(CONTRACT.id(), AS_OF)));

        // and the same holds after a rule-set swap, when the session is rebuilt from the facts
        assertActive(engine.deploy(working(2, "test.beta", "1.0.0", "beta", "beta")));
        engine.addFacts(CONTRACT.id(), List.of(record("a1", "alpha", "2022-07-01", "late")));
        assertEquals(List.of("alpha/alpha: each record/-/2022/a1=late",
                "beta/beta: year without a record/beta.yearly/2022"), keys(evaluateOnCurrent(CONTRACT.id(), AS_OF)));
    }

    @Test
    void adding_a_fact_before_the_first_evaluation_replaces_the_loaded_one() {
        assertActive(engine.deploy(working(1, "test.alpha", "1.0.0", "alpha", "alpha")));
        engine.load(CONTRACT, List.of(record("a1", "alpha", "2022-06-01", "late")));

        engine.addFacts(CONTRACT.id(), List.of(record("a1", "alpha", "2022-06-01", "ok"),
                record("a2", "alpha", "2022-08-01", "ok")));

        Evaluation e = engine.evaluate(CONTRACT.id(), AS_OF);
        assertEquals(List.of("alpha/alpha: each record/-/2022/a1=ok", "alpha/alpha: each record/-/2022/a2=ok"), keys(e));
        assertEquals(2, e.factCount());
    }

    @Test
    void the_same_question_with_nothing_new_is_answered_by_the_last_evaluation_and_anything_new_evaluates_again() {
        assertActive(engine.deploy(working(1, "test.alpha", "1.0.0", "alpha", "alpha")));
        engine.load(CONTRACT, List.of(record("a1", "alpha", "2022-06-01", "late")));
        Evaluation first = engine.evaluate(CONTRACT.id(), AS_OF);

        assertSame(first, engine.evaluate(CONTRACT.id(), AS_OF));
        assertNotSame(first, engine.evaluate(CONTRACT.id(), AS_OF.plusDays(1)));

        engine.addFacts(CONTRACT.id(), List.of(record("a1", "alpha", "2022-06-01", "ok")));
        Evaluation next = engine.evaluate(CONTRACT.id(), AS_OF);
        assertNotSame(first, next);
        assertEquals(List.of("alpha/alpha: each record/-/2022/a1=ok"), keys(next));
    }

    private record Versions(long before, long after) {
    }

    /**
     * Alpha v1 running on a1 (evaluated once), then alpha v2 deployed, whose rule stops at the gate,
     * armed first: the build the deploy sets off holds there until the test releases it.
     */
    private Versions alphaV1ThenGatedV2() {
        assertActive(engine.deploy(working(1, "test.alpha", "1.0.0", "alpha", "alpha v1")));
        engine.load(CONTRACT, List.of(record("a1", "alpha", "2022-06-01", "ok")));
        long oldVersion = engine.evaluate(CONTRACT.id(), AS_OF).ruleSetVersion();
        String gated = TestDomains.drl("alpha",
                TestDomains.perFactRule("alpha", "alpha v2", "org.lvyue.engine.internal.EvaluationGate.pass();"));
        EvaluationGate.arm();
        assertActive(engine.deploy(TestDomains.domain(1, "test.alpha", "2.0.0", "alpha", gated)));
        long newVersion = engine.ruleSetVersion();
        return new Versions(oldVersion, newVersion);
    }

    /** The evaluation stands on that rule set and found exactly these findings (keys). */
    private static void assertAnswer(Evaluation e, long ruleSetVersion, String... findingKeys) {
        assertEquals(ruleSetVersion, e.ruleSetVersion());
        assertEquals(List.of(findingKeys), keys(e));
    }

    /** Lets anything held at the gate go and waits for the test's threads to end. */
    private static void disarmAndShutDown(ExecutorService threads) throws InterruptedException {
        EvaluationGate.disarm();
        threads.shutdown();
        assertTrue(threads.awaitTermination(EvaluationGate.TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }

    private static void assertActive(DomainStatus status) {
        assertEquals(DomainState.ACTIVE, status.state(), () -> "refused: " + status.problems());
    }
}
