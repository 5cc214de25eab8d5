package org.lvyue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.service.BusyException;
import org.lvyue.engine.internal.DroolsEngine;
import org.lvyue.engine.internal.TestDomains;
import org.lvyue.store.JdbcStore;

/**
 * A start as the node goes through it, on the real store and engine: the contracts are held while the engine
 * still waits for the domain bundles present at start; nothing is evaluated on part of the rules; reports wait
 * for the contract's findings on the final rule set (or answer NOT_READY past the wait); readiness says what
 * is still prepared, and the verification of the evidence chains starts only once the node is ready.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(120)
class StartupReadinessTest {
    private static final LocalDate TODAY = LocalDate.of(2023, 1, 10);
    private static final String DEMO = "bj-hrss-2022";
    private static final String WAITING = "规则集：等待节点启动完成 (rule set: waiting)";

    @TempDir
    Path dir;

    private final LockOrder locks = new LockOrder();
    private final BusinessClock days = new BusinessClock(Clock.systemUTC(), TODAY);
    private JdbcStore store;
    private DroolsEngine engine;
    private Reevaluator reevaluator;
    private ContractRegistry registry;
    private StartupReadiness readiness;
    private RecordedFindings findings;

    /** The core comes up while the engine still collects the domain bundles of the start. */
    private void start(Duration findingsWait, boolean verifyIntegrity) {
        store = new JdbcStore("jdbc:h2:file:" + dir.resolve("lvyue").toAbsolutePath());
        engine = new DroolsEngine();
        engine.preparing(List.of(WAITING));
        reevaluator = new Reevaluator(store, engine, locks, days, findingsWait);
        engine.addSwitchListener(reevaluator);
        engine.addListener(reevaluator); // both registered by hand in the framework
        registry = new ContractRegistry(store, engine, reevaluator, locks, days, org.lvyue.testing.SingleNode.OWNERS, CoreRoomsTest.config(verifyIntegrity));
        readiness = new StartupReadiness(engine, registry, reevaluator);
        findings = new RecordedFindings(store, engine, registry, new FactReader(store, registry), reevaluator, days);
        new IntegrityChecker(store, registry, readiness, CoreRoomsTest.config(verifyIntegrity));
    }

    /** What the extender does once the node has started: the bundles present make one rule set. */
    private void bootSetBuilt() {
        engine.deployAll(List.of(TestDomains.domain(1, "test.emergency-drill", "1.0.0", "emergency-drill",
                TestDomains.drl("emergency-drill", TestDomains.missingRule("emergency-drill", "emergency-drill")))));
    }

    @BeforeEach
    void noneYet() {
        store = null;
    }

    @AfterEach
    void stop() {
        if (reevaluator != null) {
            reevaluator.deactivate();
            registry.deactivate();
            engine.close();
            store.close();
        }
    }

    @Test
    void while_the_rule_set_is_not_the_final_one_nothing_is_evaluated_and_readiness_says_what_it_waits_for() throws Exception {
        start(Duration.ofSeconds(30), false);
        // the re-evaluations the registry asked for at start came to the re-evaluator's thread and were put off
        await(() -> reevaluator.deferred(DEMO) && reevaluator.deferred("bj-hrss-2022-wl"));

        assertEquals(List.of(WAITING), readiness.preparing());
        assertEquals(0, reevaluator.recordedVersion(DEMO), "no findings recorded on part of the rules");
        assertTrue(store.findings(DEMO, org.lvyue.api.finding.FindingQuery.all(), TODAY).isEmpty());

        bootSetBuilt();

        await(() -> readiness.preparing().isEmpty());
        assertEquals(engine.ruleSetVersion(), reevaluator.recordedVersion(DEMO));
        assertEquals(1, engine.ruleSetVersion(), "one rule set");
        assertFalse(store.findings(DEMO, org.lvyue.api.finding.FindingQuery.all(), TODAY).isEmpty(),
                "the findings recorded on the final rule set");
    }

    @Test
    void readiness_names_the_contracts_not_yet_on_the_final_rule_set_and_once_ready_stays_ready() {
        start(Duration.ofSeconds(30), false);
        bootSetBuilt();
        await(() -> readiness.preparing().isEmpty());

        // a later bundle change re-evaluates the contracts as normal work: the node does not go back to STARTING
        engine.deploy(TestDomains.domain(2, "test.support", "1.0.0", "support",
                TestDomains.drl("support", TestDomains.missingRule("support", "support"))));
        assertEquals(List.of(), readiness.preparing());
    }

    @Test
    void a_report_asked_during_the_start_waits_for_the_findings_on_the_final_rule_set() throws Exception {
        start(Duration.ofSeconds(60), false);
        CompletableFuture<Void> report = CompletableFuture.runAsync(() -> findings.awaitCurrentFindings(DEMO));
        assertFalse(report.isDone());

        bootSetBuilt();

        report.get(60, TimeUnit.SECONDS);
        assertEquals(engine.ruleSetVersion(), findings.findingsRuleSetVersion(DEMO));
    }

    @Test
    void past_the_wait_a_report_is_answered_not_ready_with_retry_after_and_the_reason() {
        start(Duration.ofMillis(300), false);

        BusyException e = assertThrows(BusyException.class, () -> findings.awaitCurrentFindings(DEMO));

        assertEquals(BusyException.Reason.NOT_READY, e.reason());
        assertEquals(503, e.httpStatus());
        assertTrue(e.retryAfter().toSeconds() >= 1);
        assertTrue(e.getMessage().startsWith("合同 'bj-hrss-2022' 的违约事项尚未按当前规则集评估完成"), e.getMessage());
        assertTrue(e.getMessage().contains(WAITING), e.getMessage());
    }

    @Test
    void the_evidence_chains_are_verified_only_once_the_node_is_ready() throws Exception {
        start(Duration.ofSeconds(30), true);
        assertEquals(1, readiness.background().size());
        assertTrue(readiness.background().get(0).startsWith("证据链校验：等待节点就绪后开始"), readiness.background()::toString);
        assertTrue(store.lastVerification(DEMO).isEmpty(), "not verified while the node starts");

        bootSetBuilt();

        await(() -> store.lastVerification(DEMO).isPresent() && store.lastVerification("bj-hrss-2022-wl").isPresent());
        await(() -> readiness.background().isEmpty());
        assertTrue(readiness.preparing().isEmpty());
    }

    private static void await(BooleanSupplier done) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not done within a minute");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
