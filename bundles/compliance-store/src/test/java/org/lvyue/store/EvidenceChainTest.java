package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.integrity.IntegrityProblem;
import org.lvyue.api.integrity.IntegrityReport;
import org.lvyue.api.store.ConflictingFactException;
import org.lvyue.api.store.StoreBackup;
import org.lvyue.api.store.StoredContract;
import org.lvyue.api.waiver.Waiver;

/**
 * The evidence chain on a real H2 file: what the product stored verifies intact, and each kind of
 * change made behind its back with plain SQL is found, with the chain position and the row.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EvidenceChainTest extends StoreTest {
    private static final String C = TestData.CONTRACT;
    private static final LocalDateTime NINE = LocalDateTime.of(2022, 3, 1, 9, 0);

    private static List<Fact> facts(String prefix, int n) {
        List<Fact> facts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            facts.add(TestData.fact(prefix + i).attributes(Map.of("note", "巡检 " + i)).amount(i % 3 == 0 ? new BigDecimal("12.5") : null).build());
        }
        return facts;
    }

    private static List<AuditEvent> events(String prefix, int n) {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = n - 1; i >= 0; i--) { // out of id order on purpose: the chain records them in id order
            events.add(new AuditEvent(prefix + i, NINE.plusSeconds(i).plusNanos(123_456_789), "zhang", "10.0.0." + i,
                    "login", null, i % 2 == 0, null, "社保业务系统"));
        }
        return events;
    }

    /** A contract, two fact batches, an audit batch, findings, a waiver granted and withdrawn, a report. */
    private void storeAYear() {
        store.saveContract(new StoredContract(C, 1, "{\"id\":\"" + C + "\"}", null, "admin"));
        store.appendFacts(C, facts("F-", 50), "rest");
        store.appendFacts(C, facts("G-", 20), "csv");
        store.appendAuditEvents(C, events("A-", 30));
        store.reconcileFindings(TestData.evaluation(List.of(TestData.yearly("inspection", "daily", 2022),
                TestData.yearly("backup", "monthly", 2022))), Instant.parse("2023-01-10T08:00:00Z"));
        Waiver w = store.addWaiver(C, Waiver.Target.FINDING, "k", "甲方同意", null, "admin", Instant.parse("2023-01-11T08:00:00Z"));
        store.withdrawWaiver(C, w.id(), "admin", "撤回", Instant.parse("2023-01-12T08:00:00Z"));
        store.reconcileFindings(TestData.evaluation(List.of(TestData.yearly("inspection", "daily", 2022))),
                Instant.parse("2023-01-13T08:00:00Z"));
        store.recordReport(C, C + "/quarterly/2022-Q4", "ab".repeat(32), "cd".repeat(32));
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate(statement), statement);
        }
    }

    private static IntegrityProblem only(IntegrityReport r) {
        assertFalse(r.intact());
        assertEquals(1, r.problemCount(), r.problems().toString());
        return r.problems().get(0);
    }

    @Test
    void what_the_product_stored_verifies_intact_with_every_row_covered() {
        storeAYear();
        IntegrityReport r = store.verify(C);
        assertTrue(r.intact(), r.problems().toString());
        // 1 contract + 2 fact batches + 1 audit batch + 2 new findings + 1 resolved + 2 waiver states + 1 report
        assertEquals(10, r.entries());
        assertEquals(Map.of("CONTRACT", 1L, "FACTS", 2L, "AUDIT", 1L, "FINDING", 3L, "WAIVER", 2L, "REPORT", 1L), r.entriesByKind());
        assertEquals(Map.of("fact", 70L, "audit_event", 30L, "finding", 2L, "waiver", 1L, "contract", 1L), r.rowsCovered());
        assertEquals(9, r.headPosition());
        assertEquals(List.of("SM3"), r.algorithms());
        assertEquals(64, r.headHash().length());
        assertEquals(r, store.lastVerification(C).orElseThrow());
    }

    @Test
    void a_fact_changed_in_h2_is_reported_with_its_id_and_the_position_of_its_batch() throws Exception {
        storeAYear();
        sql("UPDATE fact SET status = 'missed' WHERE id = 'G-7'");
        IntegrityProblem p = only(store.verify(C));
        assertEquals("fact", p.table());
        assertEquals("G-7", p.key());
        assertEquals(2, p.position()); // contract 0, first batch 1, second batch 2
        assertTrue(p.message().startsWith("事实与证据链第 2 条记录不符"), p.message());
    }

    @Test
    void a_deleted_fact_and_a_fact_inserted_behind_the_products_back_are_both_reported() throws Exception {
        storeAYear();
        sql("DELETE FROM fact WHERE id = 'F-10'");
        sql("INSERT INTO fact_batch (id, contract_id, received_at, fact_count) VALUES (1001, '" + C + "', NOW(), 1)");
        sql("INSERT INTO fact (contract_id, id, batch_id, domain, kind, fact_date, received_at) SELECT contract_id, 'X-1',"
                + " 1001, domain, kind, fact_date, received_at FROM fact WHERE id = 'F-11'");
        IntegrityReport r = store.verify(C);
        assertEquals(2, r.problemCount(), r.problems().toString());
        assertEquals(new IntegrityProblem(-1, "fact", "X-1", r.problems().get(0).message()), r.problems().get(0));
        IntegrityProblem gone = r.problems().get(1);
        assertEquals(1, gone.position());
        assertTrue(gone.message().contains("1 rows recorded by entry 1 are gone: deleted"), gone.message());
    }

    @Test
    void a_changed_audit_entry_finding_waiver_or_contract_is_reported_with_the_last_entry_about_it() throws Exception {
        storeAYear();
        sql("UPDATE audit_event SET user_name = 'li' WHERE id = 'A-17'");
        sql("UPDATE finding SET severity = 'LOW' WHERE domain = 'backup'");
        sql("UPDATE waiver SET justification = '无' WHERE target_key = 'k'");
        sql("UPDATE contract SET version = 2 WHERE id = '" + C + "'");
        IntegrityReport r = store.verify(C);
        assertEquals(List.of("audit_event A-17 @3", "finding " + keyOf("backup") + " @8", "waiver 1 @7", "contract " + C + " @0"),
                r.problems().stream().map(p -> p.table() + " " + p.key() + " @" + p.position()).toList());
    }

    private String keyOf(String domain) {
        return store.findings(C, null, LocalDate.of(2023, 1, 10)).stream()
                .filter(f -> f.finding().getDomain().equals(domain)).findFirst().orElseThrow().finding().getKey();
    }

    @Test
    void an_entry_altered_or_removed_from_the_chain_itself_is_reported_at_its_position() throws Exception {
        storeAYear();
        sql("UPDATE evidence SET ref = '999' WHERE position = 4");
        IntegrityReport altered = store.verify(C);
        assertTrue(altered.problems().stream().anyMatch(p -> p.position() == 4 && p.table().equals("evidence")
                && p.message().contains("the entry itself was altered")), altered.problems().toString());

        sql("DELETE FROM evidence WHERE position = 6");
        IntegrityReport removed = store.verify(C);
        assertTrue(removed.problems().stream().anyMatch(p -> p.position() == 6
                && p.message().contains("entries 6 to 6 are missing")), removed.problems().toString());
        assertTrue(removed.problems().stream().anyMatch(p -> p.position() == 7
                && p.message().contains("previous hash differs")), removed.problems().toString());
    }

    @Test
    void a_retried_batch_adds_no_entry_and_a_refused_one_leaves_the_chain_whole() {
        storeAYear();
        long before = store.verify(C).entries();
        assertEquals(0, store.appendFacts(C, facts("F-", 50), "retry").stored().size());
        assertEquals(0, store.appendAuditEvents(C, events("A-", 30)));
        List<Fact> conflicting = new ArrayList<>(facts("H-", 5));
        conflicting.add(TestData.fact("F-1").status("changed").build());
        assertThrows(ConflictingFactException.class, () -> store.appendFacts(C, conflicting, "bad"));
        assertEquals(5, store.appendFacts(C, facts("H-", 5), "good").stored().size());
        IntegrityReport after = store.verify(C);
        assertTrue(after.intact(), after.problems().toString());
        assertEquals(before + 1, after.entries());
    }

    @Test
    void the_same_report_issued_twice_is_one_entry_and_another_document_is_another() {
        storeAYear();
        long first = store.recordReport(C, "r1", "11".repeat(32), "22".repeat(32));
        assertEquals(first, store.recordReport(C, "r1", "11".repeat(32), "22".repeat(32)));
        assertEquals(first + 1, store.recordReport(C, "r1", "33".repeat(32), "22".repeat(32)));
        assertTrue(store.verify(C).intact());
    }

    @Test
    void a_chain_started_with_sha_256_goes_on_with_sm3_after_a_configuration_change() {
        store.close();
        store = new JdbcStore(url(), "sa", "", 2, Clock.systemUTC(), "sha-256");
        store.appendFacts(C, facts("F-", 10), "rest");
        store.close();
        store = new JdbcStore(url(), "sa", "", 2, Clock.systemUTC(), "SM3");
        store.appendFacts(C, facts("G-", 10), "rest");
        IntegrityReport r = store.verify(C);
        assertTrue(r.intact(), r.problems().toString());
        assertEquals(List.of("SHA-256", "SM3"), r.algorithms());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> new JdbcStore(TestData.url(dir.resolve("x")), "sa", "", 2, Clock.systemUTC(), "MD5"));
        assertTrue(wrong.getMessage().contains("SM3 或 SHA-256"), wrong.getMessage());
    }

    @Test
    void verification_while_batches_are_appended_sees_each_batch_whole() throws Exception {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (int b = 0; b < 60; b++) {
                    store.appendFacts(C, facts("B" + b + "-", 200), "load");
                    store.appendAuditEvents(C, events("E" + b + "-", 100));
                }
            } catch (Throwable t) {
                failed.set(t);
            }
        });
        writer.start();
        int verifications = 0;
        while (writer.isAlive() || verifications == 0) {
            IntegrityReport r = store.verify(C);
            assertTrue(r.intact(), r.problems().toString());
            assertEquals(r.rowsCovered().get("fact") / 200, r.entriesByKind().getOrDefault("FACTS", 0L));
            verifications++;
        }
        writer.join();
        assertEquals(null, failed.get());
        assertEquals(120, store.verify(C).entries());
    }

    @Test
    void a_backup_restored_into_an_empty_folder_verifies_to_the_same_head_and_postgresql_points_to_pg_dump()
            throws Exception {
        storeAYear();
        Path zip = dir.resolve("backup.zip");
        if (database == TestDatabase.POSTGRESQL) { // the server's own tools back it up; the product says so
            UnsupportedOperationException refused = assertThrows(UnsupportedOperationException.class, () -> store.backup(zip));
            assertTrue(refused.getMessage().startsWith("PostgreSQL 存储不由本产品备份，请用 pg_dump"), refused.getMessage());
            assertFalse(Files.exists(zip));
            return;
        }
        StoreBackup.BackupResult b = store.backup(zip);
        assertTrue(b.bytes() > 0);
        IntegrityReport live = store.verify(C);
        assertEquals(Map.of(C, live.headPosition() + ":" + live.headHash()), b.heads());
        IllegalArgumentException again = assertThrows(IllegalArgumentException.class, () -> store.backup(zip));
        assertTrue(again.getMessage().contains("备份文件已存在"), again.getMessage());

        Path restored = dir.resolve("restored");
        Files.createDirectories(restored);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Files.copy((InputStream) in, restored.resolve(e.getName()));
            }
        }
        try (JdbcStore copy = new JdbcStore(TestData.url(restored))) {
            IntegrityReport r = copy.verify(C);
            assertTrue(r.intact(), r.problems().toString());
            assertEquals(b.heads().get(C), r.headPosition() + ":" + r.headHash());
        }
    }

    @Test
    void rows_stored_before_the_chain_existed_are_sealed_once_when_the_store_opens() throws Exception {
        storeAYear();
        store.close();
        try (Connection c = jdbc(); Statement s = c.createStatement()) { // as a database from before V9
            s.executeUpdate("DELETE FROM evidence");
            s.executeUpdate("UPDATE audit_event SET evidence_position = NULL");
        }
        store = newStore();
        IntegrityReport r = store.verify(C);
        assertTrue(r.intact(), r.problems().toString());
        assertEquals(Map.of("CONTRACT", 1L, "FACTS", 2L, "AUDIT", 1L, "FINDING", 2L, "WAIVER", 1L), r.entriesByKind());
        store.appendFacts(C, facts("N-", 3), "after");
        assertTrue(store.verify(C).intact());
    }
}
