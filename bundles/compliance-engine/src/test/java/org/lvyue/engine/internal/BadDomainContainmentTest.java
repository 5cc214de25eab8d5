package org.lvyue.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvyue.engine.internal.TestDomains.AS_OF;
import static org.lvyue.engine.internal.TestDomains.CONTRACT;
import static org.lvyue.engine.internal.TestDomains.drl;
import static org.lvyue.engine.internal.TestDomains.lineOf;
import static org.lvyue.engine.internal.TestDomains.record;
import static org.lvyue.engine.internal.TestDomains.ruleNames;
import static org.lvyue.engine.internal.TestDomains.working;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.engine.RuleProblem;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.service.InvalidInputException;

/**
 * Domain bundles that compile but fail while running: a rule that throws, rules that re-activate
 * each other forever, a consequence that sleeps, a Java loop. Each is stopped with its reason while
 * the other domains' findings stay exactly what they were without it.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BadDomainContainmentTest extends EngineTest {
    /** Throws in its consequence as soon as the contract is there: on every evaluation. */
    static final String THROWING_RULE = """
            rule "gamma: divides by zero"
            when
                $c : Contract()
            then
                int zero = $c.id().length() - $c.id().length();
                System.out.println(1 / zero);
            end
            """;

    /**
     * Two rules: one starts a counter, the other increments it, which re-activates it (its pattern
     * reads {@code n}, so it reacts to a change of it), forever.
     */
    static final String LOOPING_RULES = """
            declare Counter
                n : long
            end

            rule "gamma: start counting"
            when
                Contract()
            then
                insert(new Counter(0));
            end

            rule "gamma: count forever"
            when
                $c : Counter(n >= 0)
            then
                modify($c) { setN($c.getN() + 1) }
            end
            """;

    private List<Finding> withoutTheBadDomain;

    @BeforeEach
    void twoGoodDomains() {
        Spin.reset();
        engine.setEvaluationTimeLimit(Duration.ofSeconds(1));
        assertActive(engine.deploy(working(1, "test.alpha", "1.0.0", "alpha", "alpha")));
        assertActive(engine.deploy(working(2, "test.beta", "1.0.0", "beta", "beta")));
        engine.load(CONTRACT, List.of(record("a1", "alpha", "2022-05-01", "ok"), record("g1", "gamma", "2022-05-01", "x")));
        withoutTheBadDomain = evaluate().findings();
        assertEquals(List.of("alpha: each record", "beta: year without a record"), names(withoutTheBadDomain));
    }

    @AfterEach
    void releaseSpinnersAndGates() {
        Spin.release();
        EvaluationGate.disarm();
    }

    @Test
    void a_rule_that_throws_in_its_consequence_stops_its_domain_with_file_line_and_reason_and_the_others_findings_stay() {
        String gamma = drl("gamma", THROWING_RULE);
        List<Long> versionsTold = java.util.Collections.synchronizedList(new ArrayList<>());
        engine.addListener((version, domains) -> versionsTold.add(version));
        assertActive(engine.deploy(TestDomains.domain(3, "test.gamma", "1.0.0", "gamma", gamma)));
        long withGamma = engine.ruleSetVersion();

        Evaluation e = evaluate();

        assertEquals(withoutTheBadDomain, e.findings());
        assertEquals(withGamma + 1, e.ruleSetVersion(), "evaluated on the rule set without gamma");
        assertEquals(List.of(withGamma, withGamma + 1), versionsTold, "listeners hear of the stop as of any swap");
        DomainStatus gammaStatus = status("gamma");
        assertEquals(DomainState.STOPPED, gammaStatus.state());
        assertEquals(0, gammaStatus.ruleCount());
        RuleProblem p = only(gammaStatus);
        assertEquals("rules/gamma.drl", p.file());
        assertEquals(lineOf(gamma, "rule \"gamma: divides by zero\""), p.line());
        assertTrue(p.message().startsWith("规则 'gamma: divides by zero' 运行时出错：ArithmeticException: / by zero；该领域已停止"),
                p.message());
        assertTrue(p.message().contains("(rule 'gamma: divides by zero' failed at run time; the domain is stopped"),
                p.message());
        assertEquals(List.of("alpha", "beta"), e.domains().stream().map(DomainStatus::domain).toList());

        // stays stopped: the next evaluations do not try it again
        engine.addFacts(CONTRACT.id(), List.of(record("a2", "alpha", "2022-06-01", "ok")));
        assertEquals(withGamma + 1, evaluate().ruleSetVersion());
        assertEquals(DomainState.STOPPED, status("gamma").state());
    }

    @Test
    void a_rule_whose_condition_throws_is_traced_to_its_domain_and_stopped() {
        String gamma = drl("gamma", """
                rule "gamma: reads the status as a number"
                when
                    $f : Fact(domain == "gamma", Integer.parseInt(status) > 0)
                then
                end
                """);
        assertActive(engine.deploy(TestDomains.domain(3, "test.gamma", "1.0.0", "gamma", gamma)));

        Evaluation e = evaluate();

        assertEquals(withoutTheBadDomain, e.findings());
        RuleProblem p = only(status("gamma"));
        assertEquals(DomainState.STOPPED, status("gamma").state());
        assertEquals(lineOf(gamma, "rule \"gamma: reads"), p.line(), p::toString);
        assertTrue(p.message().contains("'gamma: reads the status as a number'"), p.message());
        assertTrue(p.message().contains("NumberFormatException"), p.message());
    }

    @Test
    void a_drl_function_that_throws_in_a_condition_is_traced_to_its_domain_by_the_stack() {
        String gamma = drl("gamma", """
                function boolean suspicious(Fact f) {
                    throw new IllegalStateException("cannot judge " + f.getId());
                }

                rule "gamma: asks a function"
                when
                    $f : Fact(domain == "gamma")
                    eval(suspicious($f))
                then
                end
                """);
        assertActive(engine.deploy(TestDomains.domain(3, "test.gamma", "1.0.0", "gamma", gamma)));

        assertEquals(withoutTheBadDomain, evaluate().findings());
        assertEquals(DomainState.STOPPED, status("gamma").state());
        RuleProblem p = only(status("gamma"));
        assertEquals("rules/gamma.drl", p.file());
        assertEquals(lineOf(gamma, "function boolean suspicious"), p.line(), p::toString);
        assertTrue(p.message().contains("IllegalStateException: cannot judge g1"), p.message());
    }

    @Test
    void rules_that_re_activate_each_other_forever_are_halted_at_the_time_limit_and_the_domain_that_fired_most_is_stopped() {
        String gamma = drl("gamma", LOOPING_RULES);
        assertActive(engine.deploy(TestDomains.domain(3, "test.gamma", "1.0.0", "gamma", gamma)));

        long t0 = System.nanoTime();
        Evaluation e = evaluate();
        long took = (System.nanoTime() - t0) / 1_000_000;

        assertEquals(withoutTheBadDomain, e.findings());
        // at least the 1 s of processor time the limit allows; at most its wall-clock bound, which is what ends the
        // loop on a machine so busy that the rules get little processor time, plus the grace of the halt
        assertTrue(took >= 1000 && took < RuleGuard.WALL_CLOCK_FACTOR * 1000 + 3000,
                "halted after the 1 s limit, not before, and within its wall-clock bound: " + took + " ms");
        RuleProblem p = only(status("gamma"));
        assertEquals(DomainState.STOPPED, status("gamma").state());
        assertEquals(lineOf(gamma, "rule \"gamma: count forever\""), p.line(), p::toString);
        assertTrue(p.message().startsWith("评估超过时间限制 1 秒，本领域的规则触发最多（共触发 "), p.message());
        assertTrue(p.message().contains("其中规则 'gamma: count forever' "), p.message());
        assertTrue(p.message().contains("(time limit of 1 s exceeded: this domain's rules fired most"), p.message());
    }

    @Test
    void an_evaluation_slowed_without_computing_more_than_the_limit_keeps_its_domain_running() {
        // The limit (1 s here) is of processor time: a consequence that is slow because the machine is
        // (here: it waits 1.5 s and computes nothing) must not stop a healthy domain for every contract.
        // Its wall-clock bound is 4 times the limit, 4 s, which 1.5 s stays under.
        String gamma = drl("gamma", """
                declare SlowDone
                end

                rule "gamma: slow but sound"
                when
                    Contract()
                then
                    Thread.sleep(1_500);
                    insert(new SlowDone());
                end

                rule "gamma: after the slow rule"
                when
                    $c : Contract()
                    SlowDone()
                    $y : ReportingPeriod(frequency == Frequency.YEARLY)
                then
                    insertLogical(Finding.builder().contractId($c.id()).domain("gamma")
                        .rule(drools.getRule().getName()).clause("测试").severity(Severity.INFO)
                        .period($y.start(), $y.end(), $y.label()).title("gamma " + $y.label()).build());
                end
                """);
        assertActive(engine.deploy(TestDomains.domain(3, "test.gamma", "1.0.0", "gamma", gamma)));

        List<Finding> findings = evaluate().findings();
        assertEquals(DomainState.ACTIVE, status("gamma").state(), () -> status("gamma").toString());
        assertTrue(names(findings).contains("gamma: after the slow rule"), names(findings)::toString);
    }

    @Test
    void a_consequence_still_running_past_the_time_limit_is_interrupted_and_its_domain_stopped() {
        String gamma = drl("gamma", """
                rule "gamma: waits for a server that never answers"
                when
                    Contract()
                then
                    Thread.sleep(60_000);
                end
                """);
        assertActive(engine.deploy(TestDomains.domain(3, "test.gamma", "1.0.0", "gamma", gamma)));

        long t0 = System.nanoTime();
        assertEquals(withoutTheBadDomain, evaluate().findings());

        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "not the sleep's 60 s");
        assertEquals(DomainState.STOPPED, status("gamma").state());
        assertTrue(only(status("gamma")).message().startsWith(
                "规则 'gamma: waits for a server that never answers' 超过时间限制 1 秒仍未结束，已中断"),
                () -> only(status("gamma")).message());
        assertTrue(engine.domains().stream().noneMatch(d -> d.state() == DomainState.STUCK));
    }

    @Test
    void a_java_loop_is_reported_stuck_while_its_thread_runs_and_the_other_domains_go_on() throws InterruptedException {
        String gamma = drl("gamma", """
                rule "gamma: spins"
                when
                    Contract()
                then
                    org.lvyue.engine.internal.Spin.forever();
                end
                """);
        assertActive(engine.deploy(TestDomains.domain(3, "test.gamma", "1.0.0", "gamma", gamma)));

        Evaluation e = evaluate();

        assertEquals(withoutTheBadDomain, e.findings());
        assertTrue(Spin.spinning(), "the loop cannot be stopped, and the engine does not pretend it was");
        DomainStatus stuck = status("gamma");
        assertEquals(DomainState.STUCK, stuck.state());
        assertTrue(only(stuck).message().startsWith("规则 'gamma: spins' 超过时间限制 1 秒后既不能暂停也不能中断"),
                () -> only(stuck).message());
        assertTrue(only(stuck).message().contains("lvyue-rules-"), "names the thread: " + only(stuck).message());

        // the contract goes on: new facts, new evaluations
        engine.addFacts(CONTRACT.id(), List.of(record("a2", "alpha", "2022-07-01", "late")));
        assertEquals(List.of("alpha: each record", "alpha: each record", "beta: year without a record"),
                names(evaluate().findings()));

        Spin.release();
        await(() -> status("gamma").state() == DomainState.STOPPED, "the thread came back");
    }

    @Test
    void a_new_revision_that_throws_falls_back_to_the_previous_revision_and_a_later_one_is_tried_again() {
        assertActive(engine.deploy(working(1, "test.alpha", "1.1.0", "alpha", "alpha v2")));
        Evaluation v2 = evaluate();
        assertEquals(List.of("alpha v2: each record", "beta: year without a record"), names(v2.findings()));

        // the same bundle updated to a revision whose rule throws
        assertActive(engine.deploy(TestDomains.domain(1, "test.alpha", "1.2.0", "alpha",
                drl("alpha", TestDomains.perFactRule("alpha", "alpha v3"), THROWING_RULE.replace("gamma", "alpha")))));

        Evaluation afterBadUpdate = evaluate();
        assertEquals(v2.findings(), afterBadUpdate.findings());
        assertEquals("1.1.0", afterBadUpdate.domain("alpha").version());
        assertEquals(List.of("test.alpha 1.1.0 ACTIVE", "test.alpha 1.2.0 STOPPED", "test.beta 1.0.0 ACTIVE"),
                describe(engine.domains()));

        // a fixed revision is tried: it runs, and the stop is forgotten
        assertActive(engine.deploy(working(1, "test.alpha", "1.3.0", "alpha", "alpha v4")));
        assertEquals(List.of("alpha v4: each record", "beta: year without a record"), names(evaluate().findings()));
        assertEquals(List.of("test.alpha 1.3.0 ACTIVE", "test.beta 1.0.0 ACTIVE"), describe(engine.domains()));
    }

    @Test
    void a_bad_bundle_found_while_preparing_never_replaces_the_running_session() throws Exception {
        Evaluation running = evaluate();
        // the loop's first rule stops at the gate, so the test knows the engine's preparation is inside it
        String gated = LOOPING_RULES.replace("insert(new Counter(0));",
                "org.lvyue.engine.internal.EvaluationGate.pass();\n    insert(new Counter(0));");
        EvaluationGate.arm();
        assertActive(engine.deploy(TestDomains.domain(3, "test.gamma", "1.0.0", "gamma", drl("gamma", gated))));
        try {
            assertTrue(EvaluationGate.awaitEntered(), "the engine's preparation never reached the gate");

            Evaluation meanwhile = engine.evaluate(CONTRACT.id(), AS_OF);
            assertEquals(running.ruleSetVersion(), meanwhile.ruleSetVersion(), "answered by the running session");
            assertEquals(running.findings(), meanwhile.findings());
        } finally {
            EvaluationGate.disarm();
        }

        Evaluation next = evaluate();
        assertEquals(DomainState.STOPPED, status("gamma").state());
        assertEquals(running.findings(), next.findings());
        assertTrue(next.took().toMillis() < 1000, "answered by the prepared session, not by a rebuild that loops: "
                + next.took().toMillis() + " ms");
    }

    @Test
    void a_rule_failing_only_on_what_if_facts_is_reported_as_refused_input_and_keeps_running() {
        String gamma = drl("gamma", """
                rule "gamma: chokes on a status of 'boom'"
                when
                    $f : Fact(domain == "gamma", status == "boom")
                then
                    throw new IllegalArgumentException("cannot handle " + $f.getId());
                end
                """);
        assertActive(engine.deploy(TestDomains.domain(3, "test.gamma", "1.0.0", "gamma", gamma)));
        assertEquals(withoutTheBadDomain, evaluate().findings());
        assertEquals(DomainState.ACTIVE, status("gamma").state());

        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> engine.evaluateWith(CONTRACT.id(),
                List.of(record("g2", "gamma", "2022-06-01", "boom")), AS_OF));

        assertTrue(refused.getMessage().contains("运行时出错：IllegalArgumentException: cannot handle g2；领域 'gamma' 的规则在这些假设事实下运行失败"),
                refused.getMessage());
        assertEquals("facts", refused.problems().get(0).field());
        assertEquals(DomainState.ACTIVE, status("gamma").state());
        assertEquals(withoutTheBadDomain, evaluate().findings());
    }

    @Test
    void a_stopped_domain_lets_another_bundle_claiming_the_same_domain_take_over() throws InterruptedException {
        // held at the gate before it throws, so that the fork comes while gamma still runs
        EvaluationGate.arm();
        assertActive(engine.deploy(TestDomains.domain(3, "test.gamma", "1.0.0", "gamma", drl("gamma",
                THROWING_RULE.replace("int zero", "org.lvyue.engine.internal.EvaluationGate.pass();\n    int zero")))));
        assertTrue(EvaluationGate.awaitEntered(), "the engine's preparation never reached the gate");
        DomainStatus second = engine.deploy(working(4, "test.gamma.fork", "1.0.0", "gamma", "gamma by fork"));
        assertEquals(DomainState.REFUSED, second.state(), "the first bundle to claim a domain keeps it");
        EvaluationGate.release();

        List<String> names = names(evaluate().findings());

        assertEquals(List.of("alpha: each record", "beta: year without a record", "gamma by fork: each record"), names);
        assertEquals(List.of("test.alpha 1.0.0 ACTIVE", "test.beta 1.0.0 ACTIVE", "test.gamma 1.0.0 STOPPED",
                "test.gamma.fork 1.0.0 ACTIVE"), describe(engine.domains()));
    }

    @Test
    void the_time_limit_must_be_positive() {
        assertThrows(IllegalArgumentException.class, () -> engine.setEvaluationTimeLimit(Duration.ZERO));
        assertEquals(Duration.ofSeconds(1), engine.evaluationTimeLimit());
    }

    /** The evaluation on the engine's rule set: after a swap (and a stop) the engine switches on its own thread. */
    private Evaluation evaluate() {
        return evaluateOnCurrent(CONTRACT.id(), AS_OF);
    }

    private DomainStatus status(String domain) {
        return engine.domains().stream().filter(d -> d.domain().equals(domain)).findFirst()
                .orElseThrow(() -> new AssertionError("no status of " + domain + ": " + engine.domains()));
    }

    private static List<String> names(List<Finding> findings) {
        return findings.stream().map(Finding::getRuleName).sorted().toList();
    }

    private static List<String> describe(List<DomainStatus> domains) {
        return domains.stream().map(d -> d.symbolicName() + " " + d.version() + " " + d.state()).sorted().toList();
    }

    private static RuleProblem only(DomainStatus status) {
        assertEquals(1, status.problems().size(), () -> "problems: " + status.problems());
        return status.problems().get(0);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertFalse(System.nanoTime() > deadline, "timed out waiting: " + what);
            Thread.sleep(20);
        }
    }

    private static void assertActive(DomainStatus status) {
        assertEquals(DomainState.ACTIVE, status.state(), () -> "refused: " + status.problems());
    }
}
