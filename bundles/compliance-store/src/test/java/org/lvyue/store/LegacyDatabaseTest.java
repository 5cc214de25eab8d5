package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.integrity.IntegrityReport;

/**
 * A database written at schema version 10 (test resource {@code legacy/store-v10.sql}, loaded into a
 * real H2 file) is opened by the current store as it is: nothing is migrated again (only the later
 * migrations are applied) and its evidence chain verifies to the head it had when it was written.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LegacyDatabaseTest {
    private static final String C = TestData.CONTRACT;
    private static final String HEAD = "14:480369b9a03ac5662b6f37a722805b4d4a5bdb72a00e2a4926b6d0ee8016f2a4";

    @TempDir
    Path dir;

    @BeforeEach
    void load() throws SQLException, URISyntaxException {
        Path script = Path.of(getClass().getResource("/legacy/store-v10.sql").toURI());
        try (Connection c = TestData.jdbc(dir); Statement s = c.createStatement()) {
            s.execute("RUNSCRIPT FROM '" + script.toString().replace("'", "''") + "' CHARSET 'UTF-8'");
        }
    }

    @Test
    void the_store_opens_it_keeping_its_recorded_migrations_and_applies_only_the_later_ones() throws SQLException {
        List<String> before = history();
        assertEquals(10, before.size());
        new JdbcStore(TestData.url(dir)).close();
        List<String> after = history();
        assertEquals(before, after.subList(0, 10), "the recorded versions, checksums and times are as they were");
        assertEquals(26, after.size());
        assertTrue(after.get(10).startsWith("11|parties|"), after.get(10));
        assertTrue(after.get(11).startsWith("12|sub microsecond times|"), after.get(11));
        assertTrue(after.get(12).startsWith("13|notify outbox|"), after.get(12));
        assertTrue(after.get(13).startsWith("14|audit event action|"), after.get(13));
        assertTrue(after.get(14).startsWith("15|notify timer|"), after.get(14));
        assertTrue(after.get(15).startsWith("16|notify outbox sent|"), after.get(15));
        assertTrue(after.get(16).startsWith("17|contract lease|"), after.get(16));
        assertTrue(after.get(17).startsWith("18|activity chain|"), after.get(17));
        assertTrue(after.get(18).startsWith("19|restart stamp|"), after.get(18));
        assertTrue(after.get(19).startsWith("20|identity cache|"), after.get(19));
        assertTrue(after.get(20).startsWith("21|cluster node|"), after.get(20));
        assertTrue(after.get(21).startsWith("22|access seal|"), after.get(21));
        assertTrue(after.get(22).startsWith("23|shared file|"), after.get(22));
        assertTrue(after.get(23).startsWith("24|console session|"), after.get(23));
        assertTrue(after.get(24).startsWith("25|account lock|"), after.get(24));
        assertTrue(after.get(25).startsWith("26|login certificate|"), after.get(25));
    }

    @Test
    void its_evidence_chain_verifies_intact_to_the_head_it_had() {
        try (JdbcStore store = new JdbcStore(TestData.url(dir))) {
            IntegrityReport r = store.verify(C);
            assertTrue(r.intact(), r.problems().toString());
            assertEquals(HEAD, r.headPosition() + ":" + r.headHash());
            assertEquals(Map.of("CONTRACT", 2L, "FACTS", 3L, "AUDIT", 1L, "FINDING", 5L, "WAIVER", 3L, "REPORT", 1L),
                    r.entriesByKind());
            assertEquals(Map.of("fact", 9L, "audit_event", 5L, "finding", 3L, "waiver", 2L, "contract", 1L), r.rowsCovered());
            assertEquals(List.of("SHA-256", "SM3"), r.algorithms());
        }
    }

    @Test
    void its_rows_read_back_as_they_were_written_and_the_chain_goes_on_from_its_head() {
        try (JdbcStore store = new JdbcStore(TestData.url(dir))) {
            Fact f0 = store.factsWithIds(C, List.of("F-0")).get(0);
            assertEquals(LocalDateTime.of(2022, 3, 7, 9, 0, 30, 123_456_789), f0.getTime());
            assertEquals(Map.of(), f0.getAttributes());
            Fact f1 = store.factsWithIds(C, List.of("F-1")).get(0);
            assertEquals(Map.of("note", "巡检 1", "system", "社保业务系统"), f1.getAttributes());
            assertEquals(new java.math.BigDecimal("12.50"), f1.getAmount());
            FindingRecord report = store.findings(C, null, LocalDate.of(2023, 3, 1)).stream()
                    .filter(r -> r.finding().getDomain().equals("general-terms")).findFirst().orElseThrow();
            assertEquals(LocalDate.of(2022, 4, 8), report.finding().getDeadline());
            assertTrue(report.finding().getDeadlineBasis().startsWith("自 2022-03-31 次日起算"));
            assertEquals(2, report.finding().getOccurrences());

            store.appendFacts(C, List.of(TestData.fact("N-1").build()), "rest");
            IntegrityReport after = store.verify(C);
            assertTrue(after.intact(), after.problems().toString());
            assertEquals(15, after.headPosition());
        }
    }

    private List<String> history() throws SQLException {
        try (Connection c = TestData.jdbc(dir); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, description, checksum, applied_at FROM schema_version ORDER BY version")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
            }
            return rows;
        }
    }
}
