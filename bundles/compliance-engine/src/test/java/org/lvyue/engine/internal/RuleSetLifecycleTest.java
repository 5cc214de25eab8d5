package org.lvyue.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvyue.engine.internal.TestDomains.AS_OF;
import static org.lvyue.engine.internal.TestDomains.CONTRACT;
import static org.lvyue.engine.internal.TestDomains.keys;
import static org.lvyue.engine.internal.TestDomains.ruleNames;
import static org.lvyue.engine.internal.TestDomains.working;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.engine.RuleSetListener;

/** Deploying, updating and removing domain bundles: which rules run afterwards. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RuleSetLifecycleTest extends EngineTest {
    private static final String BROKEN_DRL = TestDomains.drl("alpha", """
            rule "alpha v3: does not compile"
            when
                Fact(kind == "alpha.record" status == "x")
            then
            end
            """);

    @Test
    void an_updated_revision_that_compiles_replaces_the_old_rules_in_one_step() {
        assertActive(engine.deploy(working(7, "test.alpha", "1.0.0", "alpha", "alpha v1")));
        engine.load(CONTRACT, List.of(TestDomains.record("r1", "alpha", "2022-05-01", "ok")));
        assertEquals(List.of("alpha v1: each record"), ruleNames(evaluate()));
        long before = engine.ruleSetVersion();

        assertActive(engine.deploy(working(7, "test.alpha", "1.1.0", "alpha", "alpha v2")));

        assertEquals(before + 1, engine.ruleSetVersion());
        Evaluation e = evaluate();
        assertEquals(List.of("alpha/alpha v2: each record/-/2022/r1=ok"), keys(e));
        assertEquals(engine.ruleSetVersion(), e.ruleSetVersion());
        assertEquals("1.1.0", e.domain("alpha").version());
        assertEquals(List.of("test.alpha 1.1.0 ACTIVE"), describe(engine.domains()),
                "the old revision is gone, not refused");
    }

    @Test
    void an_updated_revision_that_does_not_compile_leaves_the_previous_revision_running_and_is_reported_refused() {
        assertActive(engine.deploy(working(7, "test.alpha", "1.1.0", "alpha", "alpha v2")));
        engine.load(CONTRACT, List.of());
        List<String> before = keys(evaluate());
        assertEquals(List.of("alpha/alpha v2: year without a record/alpha.yearly/2022"), before);

        DomainStatus refused = engine.deploy(TestDomains.domain(7, "test.alpha", "1.2.0", "alpha", BROKEN_DRL));

        assertEquals(DomainState.REFUSED, refused.state());
        assertEquals("1.2.0", refused.version());
        assertTrue(refused.problems().get(0).message().contains("mismatched input 'status'"), refused::toString);
        Evaluation e = evaluate();
        assertEquals(before, keys(e));
        assertEquals("1.1.0", e.domain("alpha").version());
        assertEquals(List.of("test.alpha 1.1.0 ACTIVE", "test.alpha 1.2.0 REFUSED"), describe(engine.domains()));

        // and a later good revision clears the refusal
        assertActive(engine.deploy(working(7, "test.alpha", "1.3.0", "alpha", "alpha v4")));
        assertEquals(List.of("test.alpha 1.3.0 ACTIVE"), describe(engine.domains()));
        assertEquals(List.of("alpha v4: year without a record"), ruleNames(evaluate()));
    }

    @Test
    void a_broken_redeploy_of_the_same_version_is_reported_refused_while_the_running_rules_stay() {
        // what an updated SNAPSHOT bundle looks like: same bundle id, same version, new content
        assertActive(engine.deploy(working(7, "test.alpha", "0.1.0.SNAPSHOT", "alpha", "alpha v1")));

        DomainStatus refused = engine.deploy(TestDomains.domain(7, "test.alpha", "0.1.0.SNAPSHOT", "alpha", BROKEN_DRL));

        assertEquals(DomainState.REFUSED, refused.state(), refused::toString);
        assertEquals(List.of("test.alpha 0.1.0.SNAPSHOT ACTIVE", "test.alpha 0.1.0.SNAPSHOT REFUSED"),
                describe(engine.domains()));
        engine.load(CONTRACT, List.of());
        assertEquals(List.of("alpha v1: year without a record"), ruleNames(evaluate()));
    }

    @Test
    void the_highest_version_of_a_symbolic_name_wins_and_undeploying_it_lets_the_other_take_over() {
        assertActive(engine.deploy(working(10, "test.alpha", "1.10.0", "alpha", "alpha ten")));
        // installed later but lower: 1.9.0 < 1.10.0 as versions, though not as strings
        DomainStatus lower = engine.deploy(working(11, "test.alpha", "1.9.0", "alpha", "alpha nine"));

        assertEquals(DomainState.REFUSED, lower.state());
        assertTrue(lower.problems().get(0).message().contains("1.10.0"), lower::toString);
        engine.load(CONTRACT, List.of());
        assertEquals(List.of("alpha ten: year without a record"), ruleNames(evaluate()));

        // installed later and higher: takes over at once
        assertActive(engine.deploy(working(12, "test.alpha", "2.0.0", "alpha", "alpha two")));
        assertEquals(List.of("alpha two: year without a record"), ruleNames(evaluate()));
        assertEquals(List.of("test.alpha 1.10.0 REFUSED", "test.alpha 1.9.0 REFUSED", "test.alpha 2.0.0 ACTIVE"),
                describe(engine.domains()).stream().sorted().toList());

        engine.undeploy(12);
        assertEquals(List.of("alpha ten: year without a record"), ruleNames(evaluate()));
        engine.undeploy(10);
        assertEquals(List.of("alpha nine: year without a record"), ruleNames(evaluate()));
        assertEquals(List.of("test.alpha 1.9.0 ACTIVE"), describe(engine.domains()));
    }

    @Test
    void of_two_bundles_with_one_symbolic_name_and_version_the_one_installed_first_runs_and_the_other_is_refused() {
        // what a framework that admits duplicates (bsnversion=multiple) would hand over: two bundle ids
        assertActive(engine.deploy(working(30, "test.alpha", "1.0.0", "alpha", "alpha first")));

        DomainStatus second = engine.deploy(working(31, "test.alpha", "1.0.0", "alpha", "alpha second"));

        assertEquals(DomainState.REFUSED, second.state());
        assertEquals(31, second.bundleId());
        assertTrue(second.problems().get(0).message().startsWith("同名同版本的 bundle（编号 30）先安装，正在运行"), second::toString);
        engine.load(CONTRACT, List.of());
        assertEquals(List.of("alpha first: year without a record"), ruleNames(evaluate()));
    }

    @Test
    void a_second_symbolic_name_claiming_a_domain_already_provided_is_refused_until_the_first_one_goes() {
        assertActive(engine.deploy(working(20, "test.alpha", "1.0.0", "alpha", "alpha by first")));

        DomainStatus second = engine.deploy(working(21, "test.alpha.fork", "5.0.0", "alpha", "alpha by fork"));

        assertEquals(DomainState.REFUSED, second.state());
        assertEquals(1, second.problems().size());
        assertTrue(second.problems().get(0).message().contains("领域 'alpha' 已由 bundle test.alpha 提供"),
                second::toString);
        engine.load(CONTRACT, List.of());
        assertEquals(List.of("alpha by first: year without a record"), ruleNames(evaluate()));

        engine.undeploy(20);

        assertEquals(List.of("alpha by fork: year without a record"), ruleNames(evaluate()));
        assertEquals(List.of("test.alpha.fork 5.0.0 ACTIVE"), describe(engine.domains()));
    }

    @Test
    void undeploying_a_domain_removes_its_findings_on_the_next_evaluation() {
        assertActive(engine.deploy(working(1, "test.alpha", "1.0.0", "alpha", "alpha")));
        assertActive(engine.deploy(working(2, "test.beta", "1.0.0", "beta", "beta")));
        engine.load(CONTRACT, List.of());
        assertEquals(List.of("alpha/alpha: year without a record/alpha.yearly/2022",
                "beta/beta: year without a record/beta.yearly/2022"), keys(evaluate()));

        engine.undeploy(1);

        Evaluation e = evaluate();
        assertEquals(List.of("beta/beta: year without a record/beta.yearly/2022"), keys(e));
        assertEquals(List.of("beta"), e.domains().stream().map(DomainStatus::domain).toList());
        assertEquals(List.of("beta"), engine.catalogues().stream().map(c -> c.domain()).toList());
        assertTrue(engine.factKind("alpha.record").isEmpty());
        assertTrue(engine.factKind("beta.record").isPresent());
    }

    @Test
    void the_rule_set_version_increases_on_every_deploy_and_undeploy() {
        List<Long> versions = new ArrayList<>();
        versions.add(engine.ruleSetVersion());
        engine.deploy(working(1, "test.alpha", "1.0.0", "alpha", "alpha"));
        versions.add(engine.ruleSetVersion());
        engine.deploy(working(2, "test.beta", "1.0.0", "beta", "beta"));
        versions.add(engine.ruleSetVersion());
        engine.deploy(TestDomains.domain(1, "test.alpha", "1.1.0", "alpha", BROKEN_DRL)); // refused, still a swap
        versions.add(engine.ruleSetVersion());
        engine.undeploy(2);
        versions.add(engine.ruleSetVersion());
        engine.undeploy(1);
        versions.add(engine.ruleSetVersion());

        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), versions);

        engine.undeploy(99); // never deployed: nothing changes
        assertEquals(5L, engine.ruleSetVersion());
        engine.load(CONTRACT, List.of());
        assertEquals(5L, evaluate().ruleSetVersion());
    }

    @Test
    void listeners_are_told_the_new_version_and_domains_after_each_swap() {
        record Call(long version, long engineVersionThen, List<String> domains) {
        }
        List<Call> calls = new ArrayList<>();
        RuleSetListener listener = (version, domains) -> calls.add(
                new Call(version, engine.ruleSetVersion(), describe(domains)));
        RuleSetListener failing = (version, domains) -> {
            throw new IllegalStateException("a listener that fails must not stop the others");
        };
        engine.addListener(failing);
        engine.addListener(listener);

        engine.deploy(working(1, "test.alpha", "1.0.0", "alpha", "alpha"));
        engine.deploy(TestDomains.domain(1, "test.alpha", "1.1.0", "alpha", BROKEN_DRL));
        engine.undeploy(1);
        engine.removeListener(listener);
        engine.deploy(working(2, "test.beta", "1.0.0", "beta", "beta"));

        assertEquals(List.of(
                new Call(1, 1, List.of("test.alpha 1.0.0 ACTIVE")),
                new Call(2, 2, List.of("test.alpha 1.0.0 ACTIVE", "test.alpha 1.1.0 REFUSED")),
                new Call(3, 3, List.of())), calls);
    }

    /** After a swap, the evaluation that stands on the new rule set: the engine switches on its own thread. */
    private Evaluation evaluate() {
        return evaluateOnCurrent(CONTRACT.id(), AS_OF);
    }

    private static List<String> describe(List<DomainStatus> domains) {
        return domains.stream().map(d -> d.symbolicName() + " " + d.version() + " " + d.state()).toList();
    }

    private static void assertActive(DomainStatus status) {
        assertEquals(DomainState.ACTIVE, status.state(), () -> "refused: " + status.problems());
    }
}
