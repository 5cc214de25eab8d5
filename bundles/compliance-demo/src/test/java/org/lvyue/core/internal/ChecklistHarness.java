package org.lvyue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.service.FactIntake;
import org.lvyue.engine.internal.DomainSources;
import org.lvyue.engine.internal.DroolsEngine;
import org.lvyue.store.JdbcStore;
import org.lvyue.testing.AnnotationConfigs;

/**
 * The core's checklist room as the product wires it, on a real H2 file: the real store, the real engine with the
 * standard rules and two shipped catalogues (identity-auth with its daily, weekly, monthly, holiday and special-period
 * items; network-security), the demo contracts, the real intake, the product's day fixed at {@code today}.
 */
final class ChecklistHarness implements AutoCloseable {
    static final String DEMO = "bj-hrss-2022";

    final JdbcStore store;
    final DroolsEngine engine;
    final Reevaluator reevaluator;
    final ContractRegistry registry;
    final Intake intake;
    final BusinessClock days;
    final LockOrder locks = new LockOrder();

    ChecklistHarness(Path dir, LocalDate today) {
        this(dir, today, null);
    }

    /**
     * @param engineBuild the engine's build stamp, to keep compiled rules under {@code dir} as the product does (and so
     *                    give its rule set a digest); null for none
     */
    ChecklistHarness(Path dir, LocalDate today, String engineBuild) {
        // Beijing time, as the product's configuration (zone) makes its clock
        days = new BusinessClock(Clock.system(ZoneId.of("Asia/Shanghai")), today);
        store = store(dir);
        engine = engine(dir, engineBuild);
        reevaluator = new Reevaluator(store, engine, locks, days);
        engine.addSwitchListener(reevaluator);
        registry = new ContractRegistry(store, engine, reevaluator, locks, days, org.lvyue.testing.SingleNode.OWNERS, AnnotationConfigs.of(CoreConfig.class,
                Map.of("demoContract", true, "zone", "Asia/Shanghai", "today", today.toString(),
                        "verifyIntegrityAtStart", false, "findingsWaitSeconds", 30)));
        intake = new Intake(store, engine, registry, reevaluator, locks, days);
        // started as the product is ready: the start's evaluation recorded, so that a batch the test stores next is
        // answered with its own evaluation, not acknowledged while the contract's findings are still being prepared
        for (org.lvyue.api.contract.Contract c : registry.served()) {
            try {
                if (!reevaluator.awaitCurrent(c.id(), java.time.Duration.ofSeconds(60))) {
                    throw new IllegalStateException("contract " + c.id() + " not evaluated within a minute of the start");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The checklist room, recording through {@code in} (the real intake, or one a test stands between). */
    DailyChecklists checklists(FactIntake in) {
        return new DailyChecklists(store, engine, registry, in, days);
    }

    /** The store on the folder's H2 file. */
    static JdbcStore store(Path dir) {
        return new JdbcStore("jdbc:h2:file:" + dir.resolve("lvyue").toAbsolutePath());
    }

    /** The engine with the standard rules and the two catalogues, its compiled rules kept under {@code dir} when built. */
    static DroolsEngine engine(Path dir, String engineBuild) {
        DroolsEngine engine = new DroolsEngine();
        if (engineBuild != null) {
            engine.usePackageCache(new org.lvyue.engine.internal.CompiledPackageCache(dir.resolve("compiled-rules"),
                    org.lvyue.engine.internal.CompiledPackageCache.engineKey("harness", engineBuild)));
        }
        deploy(engine, "obligations-standard", "obligations");
        deploy(engine, "domain-identity-auth", "identity-auth");
        deploy(engine, "domain-network-security", "network-security");
        return engine;
    }

    private static void deploy(DroolsEngine engine, String module, String domain) {
        Path root = Path.of("..", "..", "rules", module, "src", "main", "resources");
        assertTrue(Files.isDirectory(root), root.toAbsolutePath()::toString);
        DomainStatus s = engine.deploy(DomainSources.fromDirectory(root, "org.lvyue." + domain, "1.0.0", domain));
        assertEquals(DomainState.ACTIVE, s.state(), () -> domain + " refused: " + s.problems());
    }

    @Override
    public void close() {
        intake.queue().close(); // the evaluations under way end before the store closes, as at the product's stop
        reevaluator.deactivate();
        registry.deactivate();
        engine.close();
        store.close();
    }
}
