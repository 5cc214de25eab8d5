package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.lvyue.api.access.Organisation;
import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.store.StoreMigration.ContractCopy;
import org.lvyue.api.store.StoredContract;
import org.lvyue.api.waiver.Waiver;
import org.lvyue.testing.PostgresServer;

/**
 * Moving an H2 store to PostgreSQL: every contract's rows arrive as they are, its chain verifies on
 * the target to the same head, the target goes on from there, and a target that holds data is refused.
 * A store written before the store kept microseconds is moved in {@link LegacyStoreMigrationTest}.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StoreMigrationTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2023-01-10T02:00:00.123456Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private PostgresServer.Database postgres;

    @AfterEach
    void drop() {
        if (postgres != null) {
            PostgresServer.shared().drop(postgres);
        }
    }

    private static void fill(JdbcStore store, String contract, int facts) {
        store.saveContract(new StoredContract(contract, 1, "{\"id\":\"" + contract + "\"}", null, "admin"));
        List<Fact> batch = new ArrayList<>();
        for (int i = 0; i < facts; i++) {
            batch.add(TestData.fact("F-" + i).contractId(contract).time(LocalDateTime.of(2022, 3, 7, 9, 0, i % 60, 123_456_000))
                    .amount(i % 3 == 0 ? new BigDecimal("12.50") : null).attributes(Map.of("note", "巡检 " + i)).build());
        }
        store.appendFacts(contract, batch.subList(0, facts / 2), "rest");
        store.appendFacts(contract, batch, "csv");
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(new AuditEvent("A-" + i, LocalDateTime.of(2022, 3, 1, 9, 0, i), "zhang", "10.0.0." + i, "login", null,
                    i % 2 == 0, null, "社保业务系统"));
        }
        store.appendAuditEvents(contract, events);
        Waiver w = store.addWaiver(contract, Waiver.Target.FINDING, "k", "甲方同意", null, "admin", Instant.parse("2023-01-11T08:00:00Z"));
        store.withdrawWaiver(contract, w.id(), "admin", "撤回", Instant.parse("2023-01-12T08:00:00Z"));
        store.recordReport(contract, contract + "/quarterly/2022-Q4", "ab".repeat(32), "cd".repeat(32));
    }

    @Test
    void an_h2_store_copied_to_postgresql_verifies_there_to_the_same_heads_and_goes_on_from_them() {
        postgres = PostgresServer.shared().freshDatabase("store_migration");
        List<ContractCopy> told = new ArrayList<>();
        List<ContractCopy> copied;
        try (JdbcStore h2 = new JdbcStore(TestData.url(dir), "sa", "", 2, CLOCK)) {
            fill(h2, "HT-A", 2_500);
            fill(h2, "HT-B", 40);
            h2.saveOrganisation(new Organisation("bj-hrss", "北京市人力资源和社会保障局", Organisation.CLIENT), "admin", null);
            h2.issueToken("HT-A", "巡检采集机-1", "admin", null);
            copied = h2.copyTo(postgres.plainUrl(), postgres.user(), postgres.password(), told::add);

            assertEquals(List.of("HT-A", "HT-B"), copied.stream().map(ContractCopy::contractId).toList());
            assertEquals(copied, told, "each contract is told as it is done");
            for (ContractCopy c : copied) {
                assertTrue(c.verified(), c.toString());
                assertEquals(h2.verify(c.contractId()).headPosition() + ":" + h2.verify(c.contractId()).headHash(), c.sourceHead());
            }
            assertEquals(2_500L, copied.get(0).rows().get("fact"));
            assertEquals(30L, copied.get(0).rows().get("audit_event"));
        }
        try (JdbcStore pg = new JdbcStore(postgres.url(), "sa", "", 2, CLOCK)) {
            assertEquals(2_500, pg.factCount("HT-A"));
            assertEquals("北京市人力资源和社会保障局", pg.organisations().get(0).name());
            Fact f = pg.facts("HT-A").get(7);
            assertEquals(LocalDateTime.of(2022, 3, 7, 9, 0, 7, 123_456_000), f.getTime());
            // the target's generated keys go on after the copied ones: a new batch is stored and chained
            assertEquals(1, pg.appendFacts("HT-A", List.of(TestData.fact("N-1").contractId("HT-A").build()), "rest")
                    .stored().size());
            assertNotEquals(copied.get(0).sourceHead(), pg.verify("HT-A").headPosition() + ":" + pg.verify("HT-A").headHash());
            assertTrue(pg.verify("HT-A").intact());
        }
    }

    @Test
    void a_target_that_holds_a_contract_is_refused_naming_it_and_nothing_is_copied() {
        postgres = PostgresServer.shared().freshDatabase("store_migration_refused");
        try (JdbcStore pg = new JdbcStore(postgres.url())) {
            fill(pg, "HT-B", 5);
        }
        try (JdbcStore h2 = new JdbcStore(TestData.url(dir), "sa", "", 2, CLOCK)) {
            fill(h2, "HT-A", 10);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> h2.copyTo(postgres.url(), "sa", "", c -> { }));
            assertTrue(e.getMessage().startsWith("目标数据库不是空的，已有合同 HT-B 的数据"), e.getMessage());
        }
        try (JdbcStore pg = new JdbcStore(postgres.url())) {
            assertEquals(0, pg.factCount("HT-A"));
        }
    }
}
