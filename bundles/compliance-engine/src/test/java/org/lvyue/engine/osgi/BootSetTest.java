package org.lvyue.engine.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.engine.RuleSetListener;
import org.lvyue.engine.internal.DomainSource;
import org.lvyue.engine.internal.DroolsEngine;
import org.lvyue.engine.internal.TestDomains;

/**
 * The domain bundles present at start make one rule set: collected until the node has started, built
 * together, and only later changes make a version each.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(60)
class BootSetTest {
    private static final BootSet.Timing FAST = new BootSet.Timing(Duration.ofMillis(200), Duration.ofSeconds(30));

    private final DroolsEngine engine = new DroolsEngine();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor();
    private final Versions versions = new Versions();

    BootSetTest() {
        engine.addListener(versions);
    }

    @AfterEach
    void close() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
        engine.close();
    }

    /** Every rule-set version the engine announced, with its active domains. */
    static final class Versions implements RuleSetListener {
        private final List<List<String>> seen = new ArrayList<>();

        @Override
        public synchronized void ruleSetChanged(long version, List<DomainStatus> domains) {
            seen.add(domains.stream().filter(d -> d.state() == DomainState.ACTIVE).map(DomainStatus::domain).sorted().toList());
            notifyAll();
        }

        synchronized List<List<String>> awaitCount(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (seen.size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("rule sets announced: " + seen);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return List.copyOf(seen);
        }

        synchronized List<List<String>> seen() {
            return List.copyOf(seen);
        }
    }

    private static DomainSource domain(long id, String domainId) {
        return TestDomains.domain(id, "test." + domainId, "1.0.0", domainId,
                TestDomains.drl(domainId, TestDomains.missingRule(domainId, domainId)));
    }

    /** What the engine does on the extender's thread after everything queued so far: to read it without sleeping. */
    private void drain() throws Exception {
        worker.submit(() -> { }).get(30, TimeUnit.SECONDS);
    }

    @Test
    void bundles_arriving_while_the_node_starts_make_one_rule_set_once_it_has_started() throws Exception {
        BootSet boot = new BootSet(engine, worker, FAST);
        boot.open(List.of(domain(1, "alpha")), false, false);
        assertTrue(boot.arrived(domain(2, "beta")));
        assertTrue(boot.arrived(domain(3, "gamma")));
        assertFalse(engine.preparing().isEmpty(), "the engine says it is waiting");
        assertTrue(engine.preparing().get(0).contains("3"), engine.preparing()::toString);

        boot.frameworkStarted();
        drain();
        assertTrue(boot.collecting(), "Karaf's boot features are not installed yet");
        boot.bootFeaturesInstalled();

        assertEquals(List.of(List.of("alpha", "beta", "gamma")), versions.awaitCount(1));
        drain();
        assertEquals(1, engine.ruleSetVersion(), "one rule set for the three, not one version each");
        assertEquals(List.of(), engine.preparing());
    }

    @Test
    void a_bundle_that_stops_while_the_node_starts_is_left_out_and_one_that_comes_later_makes_its_own_version() throws Exception {
        BootSet boot = new BootSet(engine, worker, FAST);
        boot.open(List.of(domain(1, "alpha"), domain(2, "beta")), true, false);
        assertTrue(boot.left(2));
        boot.bootFeaturesInstalled();
        assertEquals(List.of(List.of("alpha")), versions.awaitCount(1));
        drain();

        assertFalse(boot.arrived(domain(3, "gamma")), "after the boot set a bundle is deployed on its own");
        assertFalse(boot.left(1));
        engine.deploy(domain(3, "gamma"));
        assertEquals(List.of(List.of("alpha"), List.of("alpha", "gamma")), versions.awaitCount(2));
        assertEquals(2, engine.ruleSetVersion());
    }

    @Test
    void a_bundle_still_arriving_after_the_signals_joins_the_set_within_the_quiet_time() throws Exception {
        BootSet boot = new BootSet(engine, worker, new BootSet.Timing(Duration.ofSeconds(5), Duration.ofSeconds(30)));
        boot.open(List.of(domain(1, "alpha")), true, true);
        // File Install may still be installing the jars of deploy/ when the framework says it started
        assertTrue(boot.arrived(domain(2, "beta")));
        assertEquals(List.of(List.of("alpha", "beta")), versions.awaitCount(1));
        drain();
        assertEquals(1, engine.ruleSetVersion());
    }

    @Test
    void a_node_whose_start_never_finishes_still_gets_its_rules_after_the_longest_wait() throws Exception {
        BootSet boot = new BootSet(engine, worker, new BootSet.Timing(Duration.ofMillis(100), Duration.ofMillis(300)));
        boot.open(List.of(domain(1, "alpha")), false, false);
        assertEquals(List.of(List.of("alpha")), versions.awaitCount(1));
        drain();
        assertFalse(boot.collecting());
        assertEquals(List.of(), engine.preparing());
    }
}
