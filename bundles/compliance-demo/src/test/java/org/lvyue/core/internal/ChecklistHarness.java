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
        // Beijing time, as the product's configuration (zone) makes its clock
        days = new BusinessClock(Clock.system(ZoneId.of("Asia/Shanghai")), today);
        store = new JdbcStore("jdbc:h2:file:" + dir.resolve("lvyue").toAbsolutePath());
        engine = new DroolsEngine();
        deploy("obligations-standard", "obligations");
        deploy("domain-identity-auth", "identity-auth");
        deploy("domain-network-security", "network-security");
        reevaluator = new Reevaluator(store, engine, locks, days);
        engine.addSwitchListener(reevaluator);
        registry = new ContractRegistry(store, engine, reevaluator, locks, days, AnnotationConfigs.of(CoreConfig.class,
                Map.of("demoContract", true, "zone", "Asia/Shanghai", "today", today.toString(),
                        "verifyIntegrityAtStart", false, "findingsWaitSeconds", 30)));
        intake = new Intake(store, engine, registry, reevaluator, locks, days);
    }

    /** The checklist room, recording through {@code in} (the real intake, or one a test stands between). */
    DailyChecklists checklists(FactIntake in) {
        return new DailyChecklists(store, engine, registry, in, days);
    }

    private void deploy(String module, String domain) {
        Path root = Path.of("..", "..", "rules", module, "src", "main", "resources");
        assertTrue(Files.isDirectory(root), root.toAbsolutePath()::toString);
        DomainStatus s = engine.deploy(DomainSources.fromDirectory(root, "org.lvyue." + domain, "1.0.0", domain));
        assertEquals(DomainState.ACTIVE, s.state(), () -> domain + " refused: " + s.problems());
    }

    @Override
    public void close() {
        reevaluator.deactivate();
        registry.deactivate();
        engine.close();
        store.close();
    }
}
