package org.lvyue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.dashboard.Dashboard;

/**
 * After its first build, a contract's dashboard reads only the kinds its builds ask for, as one window the store keeps
 * across arriving records; it must say exactly what a build from every stored fact says. On the real store and engine.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DashboardFactWindowsTest {
    private static final String DEMO = ChecklistHarness.DEMO;

    @TempDir
    Path dir;

    private ChecklistHarness room;

    @BeforeEach
    void start() {
        room = new ChecklistHarness(dir, LocalDate.of(2022, 3, 20));
    }

    @AfterEach
    void stop() {
        room.close();
    }

    private DashboardBuilder builder() {
        return new DashboardBuilder(room.store, room.engine, room.registry, room.reevaluator, room.locks, room.days);
    }

    private void submit(String id, String obligation, String period, LocalDate on) {
        room.intake.ingest(DEMO, List.of(Map.of("id", id, "kind", "network-security.deliverable", "subject", obligation,
                "date", on.toString(), "status", "submitted", "attributes", Map.of("title", "月报 " + period, "period", period))),
                "engineer");
    }

    private static boolean reminds(Dashboard d, String obligation) {
        return d.deadlines().stream().anyMatch(x -> x.ref() != null && x.ref().contains(obligation));
    }

    @Test
    void builds_after_records_came_say_what_a_build_from_every_fact_says() throws InterruptedException {
        assertTrue(room.reevaluator.awaitCurrent(DEMO, java.time.Duration.ofSeconds(60)), "the start's evaluation recorded");
        DashboardBuilder kept = builder();
        Dashboard first = kept.dashboard(DEMO, LocalDate.of(2022, 3, 1));
        assertEquals(first, builder().dashboard(DEMO, LocalDate.of(2022, 3, 1)));
        assertTrue(reminds(first, "ns.r01"), "February's ns.r01 report is due in the week ahead: " + first.deadlines());

        submit("r01-2022-02", "ns.r01", "2022-02", LocalDate.of(2022, 3, 2));
        Dashboard second = kept.dashboard(DEMO, LocalDate.of(2022, 3, 2));   // the asked kinds read as one window
        assertEquals(builder().dashboard(DEMO, LocalDate.of(2022, 3, 2)), second);
        assertFalse(reminds(second, "ns.r01"), "submitted: " + second.deadlines());

        submit("r02-2022-02", "ns.r02", "2022-02", LocalDate.of(2022, 3, 3));
        Dashboard third = kept.dashboard(DEMO, LocalDate.of(2022, 3, 3));    // the window with the record merged in
        assertEquals(builder().dashboard(DEMO, LocalDate.of(2022, 3, 3)), third);
        assertFalse(reminds(third, "ns.r02"), "submitted: " + third.deadlines());
    }
}
