package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.integrity.IntegrityReport;
import org.lvyue.api.store.StoredContract;
import org.lvyue.api.waiver.Waiver;
import org.lvyue.testing.PostgresServer;

/**
 * The same records written to H2 and to PostgreSQL give the same evidence chain, entry for entry,
 * to the same head: also when the clock and the records carry nanoseconds, which H2 would keep and
 * PostgreSQL cannot (the store keeps microseconds on both).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ChainParityTest {
    private static final String C = TestData.CONTRACT;
    /** A clock with nanoseconds, as some systems give. */
    private static final Clock NANOS = Clock.fixed(Instant.parse("2023-01-10T02:00:00.123456789Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private PostgresServer.Database postgres;

    @AfterEach
    void drop() {
        if (postgres != null) {
            PostgresServer.shared().drop(postgres);
        }
    }

    @Test
    void the_same_records_on_h2_and_on_postgresql_end_at_the_same_head() {
        postgres = PostgresServer.shared().freshDatabase("chain_parity");
        IntegrityReport h2;
        IntegrityReport pg;
        try (JdbcStore store = new JdbcStore(TestData.url(dir), "sa", "", 2, NANOS)) {
            h2 = write(store);
        }
        try (JdbcStore store = new JdbcStore(postgres.url(), "sa", "", 2, NANOS)) {
            pg = write(store);
        }
        assertTrue(h2.intact(), h2.problems().toString());
        assertTrue(pg.intact(), pg.problems().toString());
        assertEquals(h2.entries(), pg.entries());
        assertEquals(h2.entriesByKind(), pg.entriesByKind());
        assertEquals(h2.rowsCovered(), pg.rowsCovered());
        assertEquals(h2.headPosition() + ":" + h2.headHash(), pg.headPosition() + ":" + pg.headHash());
    }

    /** A contract, facts and audit entries with sub-microsecond times, findings, a waiver granted and withdrawn, a report. */
    private static IntegrityReport write(JdbcStore store) {
        // a definition stored at a time the caller gives, with nanoseconds
        store.saveContract(new StoredContract(C, 1, "{\"id\":\"" + C + "\"}", Instant.parse("2023-01-09T08:00:00.123456789Z"),
                "admin"));
        List<Fact> facts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            facts.add(TestData.fact("F-" + i).time(LocalDateTime.of(2022, 3, 7, 9, 0, i, 123_456_789 + i))
                    .amount(i % 3 == 0 ? new BigDecimal("12.5") : null).attributes(Map.of("note", "巡检 " + i)).build());
        }
        store.appendFacts(C, facts, "rest");
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(new AuditEvent("A-" + i, LocalDateTime.of(2022, 3, 1, 9, 0, i, 987_654_321), "zhang", "10.0.0." + i,
                    "login", null, i % 2 == 0, null, "社保业务系统"));
        }
        store.appendAuditEvents(C, events);
        store.reconcileFindings(TestData.evaluation(List.of(TestData.yearly("inspection", "daily", 2022),
                TestData.yearly("backup", "monthly", 2022))), Instant.parse("2023-01-10T08:00:00.000000999Z"));
        Waiver w = store.addWaiver(C, Waiver.Target.FINDING, "k", "甲方同意", null, "admin",
                Instant.parse("2023-01-11T08:00:00.5000005Z"));
        store.withdrawWaiver(C, w.id(), "admin", "撤回", Instant.parse("2023-01-12T08:00:00Z"));
        store.recordReport(C, C + "/quarterly/2022-Q4", "ab".repeat(32), "cd".repeat(32));
        return store.verify(C);
    }
}
