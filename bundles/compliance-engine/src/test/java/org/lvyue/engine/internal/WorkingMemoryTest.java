package org.lvyue.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvyue.engine.internal.TestDomains.AS_OF;
import static org.lvyue.engine.internal.TestDomains.CONTRACT;
import static org.lvyue.engine.internal.TestDomains.keys;
import static org.lvyue.engine.internal.TestDomains.record;
import static org.lvyue.engine.internal.TestDomains.ruleNames;
import static org.lvyue.engine.internal.TestDomains.working;

import java.util.List;
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
import org.lvyue.api.engine.EvaluationClock;

/** A contract's working memory: evaluations, what-if evaluations, fact updates, and rule-set swaps under way. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WorkingMemoryTest extends EngineTest {
    @AfterEach
    void disarmGate() {
        EvaluationGate.disarm();
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
            Future<Evaluation> running = evaluator.submit(() -> engine.evaluate(CONTRACT.id(), AS_OF));
            assertTrue(EvaluationGate.awaitEntered(), "the evaluation never reached the gate");

            // swap while the evaluation is inside fireAllRules: the new revision has other rules
            assertActive(engine.deploy(working(1, "test.alpha", "2.0.0", "alpha", "alpha v2")));
            long newVersion = engine.ruleSetVersion();
            assertTrue(newVersion > oldVersion);
            assertTrue(!running.isDone(), "the evaluation must still be held at the gate");

            EvaluationGate.release();
            Evaluation during = running.get(EvaluationGate.TIMEOUT_SECONDS, TimeUnit.SECONDS);

            assertEquals(oldVersion, during.ruleSetVersion());
            assertEquals(List.of("alpha v1: year without a record"), ruleNames(during));
            assertEquals(List.of("1.0.0"), during.domains().stream().map(DomainStatus::version).toList());

            Evaluation next = engine.evaluate(CONTRACT.id(), AS_OF);
            assertEquals(newVersion, next.ruleSetVersion());
            assertEquals(List.of("alpha v2: year without a record"), ruleNames(next));
            assertEquals(List.of("2.0.0"), next.domains().stream().map(DomainStatus::version).toList());
        } finally {
            EvaluationGate.disarm();
            evaluator.shutdown();
            assertTrue(evaluator.awaitTermination(EvaluationGate.TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }
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
                "beta/beta: year without a record/beta.yearly/2022"), keys(engine.evaluate(CONTRACT.id(), AS_OF)));
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
    void while_the_new_rule_set_is_prepared_evaluations_and_new_facts_go_on_against_the_old_one_and_reach_the_new_one()
            throws Exception {
        Versions versions = alphaV1ThenGatedV2();
        long oldVersion = versions.before();
        long newVersion = versions.after();
        EvaluationGate.arm();

        ExecutorService preparer = Executors.newSingleThreadExecutor();
        try {
            Future<?> preparing = preparer.submit(() -> engine.prepare(CONTRACT.id(), AS_OF, EvaluationClock.of(AS_OF)));
            assertTrue(EvaluationGate.awaitEntered(), "the preparation never reached the gate");

            engine.addFacts(CONTRACT.id(), List.of(record("a2", "alpha", "2022-07-01", "late")));
            Evaluation meanwhile = engine.evaluate(CONTRACT.id(), AS_OF);
            assertAnswer(meanwhile, oldVersion, "alpha/alpha v1: each record/-/2022/a1=ok",
                    "alpha/alpha v1: each record/-/2022/a2=late");
            assertTrue(!preparing.isDone(), "the preparation must still be held at the gate");

            EvaluationGate.release();
            preparing.get(EvaluationGate.TIMEOUT_SECONDS, TimeUnit.SECONDS);

            Evaluation after = engine.evaluate(CONTRACT.id(), AS_OF);
            assertAnswer(after, newVersion, "alpha/alpha v2: each record/-/2022/a1=ok",
                    "alpha/alpha v2: each record/-/2022/a2=late");
            assertEquals(2, after.factCount());
        } finally {
            disarmAndShutDown(preparer);
        }
    }

    @Test
    void the_first_evaluation_after_a_swap_builds_the_new_memory_beside_the_old_one_and_others_meanwhile_get_the_old_answer()
            throws Exception {
        Versions versions = alphaV1ThenGatedV2();
        long oldVersion = versions.before();
        long newVersion = versions.after();
        EvaluationGate.arm();

        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            // no preparation was asked for: the first caller's evaluation makes one, held at the gate
            Future<Evaluation> first = callers.submit(() -> engine.evaluate(CONTRACT.id(), AS_OF));
            assertTrue(EvaluationGate.awaitEntered(), "the first evaluation never reached the new rule set");

            Future<Evaluation> second = callers.submit(() -> engine.evaluate(CONTRACT.id(), AS_OF));
            Evaluation meanwhile = second.get(EvaluationGate.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertEquals(oldVersion, meanwhile.ruleSetVersion(), "answered by the running session, not held behind a rebuild");
            assertEquals(List.of("alpha/alpha v1: each record/-/2022/a1=ok"), keys(meanwhile));
            assertTrue(!first.isDone(), "the first evaluation must still be held at the gate");

            EvaluationGate.release();
            Evaluation after = first.get(EvaluationGate.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertAnswer(after, newVersion, "alpha/alpha v2: each record/-/2022/a1=ok");
        } finally {
            disarmAndShutDown(callers);
        }
    }

    @Test
    void a_preparation_started_in_the_background_returns_at_once_and_evaluations_answer_from_the_old_rule_set_until_it_is_ready()
            throws Exception {
        Versions versions = alphaV1ThenGatedV2();
        EvaluationGate.arm();

        ExecutorService waiter = Executors.newSingleThreadExecutor();
        try {
            // what a write does before it takes the contract's lock: returns without building anything itself
            engine.startPreparing(CONTRACT.id(), AS_OF, EvaluationClock.of(AS_OF));
            assertTrue(EvaluationGate.awaitEntered(), "the background preparation never reached the new rule set");

            engine.addFacts(CONTRACT.id(), List.of(record("a2", "alpha", "2022-07-01", "late")));
            Evaluation meanwhile = engine.evaluate(CONTRACT.id(), AS_OF);
            assertAnswer(meanwhile, versions.before(), "alpha/alpha v1: each record/-/2022/a1=ok",
                    "alpha/alpha v1: each record/-/2022/a2=late");
            engine.startPreparing(CONTRACT.id(), AS_OF, EvaluationClock.of(AS_OF)); // one under way: nothing more

            // the re-evaluator's prepare waits for the background one instead of returning on the old memory
            Future<?> prepared = waiter.submit(() -> engine.prepare(CONTRACT.id(), AS_OF, EvaluationClock.of(AS_OF)));
            // a bounded look for an early return: a prepare that waits, as it should, always passes this
            assertThrows(java.util.concurrent.TimeoutException.class, () -> prepared.get(300, TimeUnit.MILLISECONDS),
                    "prepare must wait for the preparation under way");
            EvaluationGate.release();
            prepared.get(EvaluationGate.TIMEOUT_SECONDS, TimeUnit.SECONDS);

            Evaluation after = engine.evaluate(CONTRACT.id(), AS_OF);
            assertAnswer(after, versions.after(), "alpha/alpha v2: each record/-/2022/a1=ok",
                    "alpha/alpha v2: each record/-/2022/a2=late");
        } finally {
            disarmAndShutDown(waiter);
        }
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

    /** Alpha v1 running on a1, then alpha v2 deployed, whose rule stops at the gate once it is armed. */
    private Versions alphaV1ThenGatedV2() {
        assertActive(engine.deploy(working(1, "test.alpha", "1.0.0", "alpha", "alpha v1")));
        engine.load(CONTRACT, List.of(record("a1", "alpha", "2022-06-01", "ok")));
        long oldVersion = engine.evaluate(CONTRACT.id(), AS_OF).ruleSetVersion();
        String gated = TestDomains.drl("alpha",
                TestDomains.perFactRule("alpha", "alpha v2", "org.lvyue.engine.internal.EvaluationGate.pass();"));
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
