package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.integrity.IntegrityReport;
import org.lvyue.api.store.StoreMigration.ContractCopy;

/**
 * Moving a store written before the store kept microseconds: the version-10 H2 store of
 * {@link LegacyDatabaseTest} (test resource {@code legacy/store-v10.sql}, written by that version with
 * nanosecond receipt, chain and fact times, its digests over them) copied into an empty database,
 * PostgreSQL and H2. Its chain verifies there to the head it had, the moved store goes on from it,
 * and a row changed in the old store before the move is still found, on the target.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LegacyStoreMigrationTest extends DatabaseTest {
    private static final String C = TestData.CONTRACT;
    /** The head the version-10 store was written to (as {@link LegacyDatabaseTest} checks on H2). */
    private static final String HEAD = "14:480369b9a03ac5662b6f37a722805b4d4a5bdb72a00e2a4926b6d0ee8016f2a4";

    private Path old;

    @BeforeEach
    void loadTheOldStore() throws SQLException, URISyntaxException {
        old = dir.resolve("v10");
        Path script = Path.of(getClass().getResource("/legacy/store-v10.sql").toURI());
        try (Connection c = TestData.jdbc(old); Statement s = c.createStatement()) {
            s.execute("RUNSCRIPT FROM '" + script.toString().replace("'", "''") + "' CHARSET 'UTF-8'");
        }
    }

    private List<ContractCopy> move() {
        try (JdbcStore source = new JdbcStore(TestData.url(old))) {
            return source.copyTo(url(), "sa", "", c -> { });
        }
    }

    @Test
    void the_old_store_holds_nanosecond_times_and_verifies_to_its_head_where_it_is() throws SQLException {
        try (Connection c = TestData.jdbc(old); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM fact WHERE MOD(EXTRACT(NANOSECOND FROM received_at), 1000) <> 0")) {
            rs.next();
            assertEquals(8, rs.getInt(1), "the receipt times of its first two batches have nanoseconds: what this test is about");
        }
        try (JdbcStore store = new JdbcStore(TestData.url(old))) {
            IntegrityReport r = store.verify(C);
            assertTrue(r.intact(), r.problems().toString());
            assertEquals(HEAD, r.headPosition() + ":" + r.headHash());
        }
    }

    @Test
    void moved_its_chain_verifies_on_the_target_to_the_same_head_with_every_nanosecond() throws SQLException {
        List<ContractCopy> copied = move();

        assertEquals(1, copied.size());
        assertTrue(copied.get(0).verified(), copied.get(0).toString());
        assertEquals(HEAD, copied.get(0).sourceHead());
        assertEquals(HEAD, copied.get(0).targetHead());
        try (JdbcStore target = new JdbcStore(url())) {
            IntegrityReport r = target.verify(C);
            assertTrue(r.intact(), r.problems().toString());
            assertEquals(HEAD, r.headPosition() + ":" + r.headHash());
            assertEquals(java.util.Map.of("fact", 9L, "audit_event", 5L, "finding", 3L, "waiver", 2L, "contract", 1L),
                    r.rowsCovered());
            Fact f0 = target.factsWithIds(C, List.of("F-0")).get(0);
            assertEquals(LocalDateTime.of(2022, 3, 7, 9, 0, 30, 123_456_789), f0.getTime());
            assertTrue(f0.getReceivedAt().getNano() % 1000 != 0, "the receipt time keeps its nanoseconds: " + f0.getReceivedAt());
        }
        try (Connection c = jdbc(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM evidence WHERE recorded_at_ns IS NOT NULL")) {
            rs.next();
            assertTrue(rs.getInt(1) > 0, "the entries' sub-microsecond remainders are in their own column");
        }
    }

    @Test
    void the_moved_store_goes_on_from_the_old_head_as_its_findings_change_and_facts_arrive() {
        move();
        try (JdbcStore target = new JdbcStore(url())) {
            List<FindingRecord> before = target.findings(C, null, LocalDate.of(2023, 3, 1));
            // an evaluation that produces none of them: the open ones are resolved, their first-seen times (with
            // nanoseconds) kept in rows rewritten on the target
            target.reconcileFindings(TestData.evaluation(List.of(TestData.yearly("backup", "monthly", 2022))),
                    Instant.parse("2023-03-01T08:00:00Z"));
            target.appendFacts(C, List.of(TestData.fact("N-1").build()), "rest");

            IntegrityReport r = target.verify(C);
            assertTrue(r.intact(), r.problems().toString());
            assertTrue(r.headPosition() > 14, "the chain went on: " + r.headPosition());
            for (FindingRecord b : before) {
                FindingRecord a = target.finding(C, b.finding().getKey(), LocalDate.of(2023, 3, 1)).orElseThrow();
                assertEquals(b.firstSeenAt(), a.firstSeenAt(), b.finding().getKey());
                if (b.status() == FindingStatus.OPEN) {
                    assertEquals(FindingStatus.RESOLVED, a.status(), b.finding().getKey());
                }
            }
        }
    }

    @Test
    void a_row_changed_in_the_old_store_is_still_found_on_the_target() throws SQLException {
        try (JdbcStore store = new JdbcStore(TestData.url(old))) {
            assertTrue(store.verify(C).intact()); // migrated to the current schema before it is tampered with
        }
        try (Connection c = TestData.jdbc(old); Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate("UPDATE fact SET subject = 'CHK-99' WHERE id = 'F-1'"));
            // one nanosecond: only the remainder the target keeps in its own column tells it
            assertEquals(1, s.executeUpdate("UPDATE fact SET received_at = DATEADD(NANOSECOND, 1, received_at)"
                    + " WHERE id = 'F-2'"));
        }

        ContractCopy copy = move().get(0);

        assertFalse(copy.verified(), copy.toString());
        assertEquals(2, copy.problems().size(), copy.problems().toString());
        assertTrue(copy.problems().get(0).contains("fact F-1"), copy.problems().toString());
        assertTrue(copy.problems().get(1).contains("fact F-2"), copy.problems().toString());
        try (JdbcStore target = new JdbcStore(url())) {
            IntegrityReport r = target.verify(C);
            assertFalse(r.intact());
            assertEquals(List.of("F-1", "F-2"), r.problems().stream().map(p -> p.key()).toList());
        }
    }
}
