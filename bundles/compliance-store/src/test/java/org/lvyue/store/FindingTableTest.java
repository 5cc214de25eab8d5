package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.finding.Severity;

/**
 * {@link FindingTable} on a real H2 file: a finding written by a reconciliation reads back column for
 * column, and the digest of its row in the evidence chain is the one the store always computed for it
 * (SM3 and SHA-256). A finding without a deadline digests as it did before findings had one.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FindingTableTest extends DatabaseTest {
    private static final String C = TestData.CONTRACT;
    private static final Instant T1 = Instant.parse("2023-01-10T08:00:00Z");
    private static final Instant T2 = Instant.parse("2023-01-11T08:00:00.5Z");
    private static final Instant T3 = Instant.parse("2023-01-12T08:00:00Z");
    private static final String BASIS = "自 2022-03-31 次日起算 5 个工作日";


    private FindingTable table() {
        return new FindingTable(dialect());
    }

    private static Finding.Builder monthly() {
        return Finding.builder().contractId(C).key("inspection|daily|2022-03").domain("inspection").obligation("ia.d05")
                .rule("每日检查未执行").clause("附件三 1.6.1").severity(Severity.HIGH)
                .period(LocalDate.of(2022, 3, 1), LocalDate.of(2022, 3, 31), "2022-03").title("未按期巡检")
                .detail("应巡检 22 次，实际 20 次").facts(List.of("F-1", "F-2")).occurrences(2);
    }

    private static Evaluation evaluation(List<Finding> findings, DomainStatus... domains) {
        return new Evaluation(C, LocalDate.of(2023, 1, 10), 1, List.of(domains), 0, findings, List.of(), Duration.ZERO);
    }

    /**
     * Reconciles each evaluation in turn, at its time, as the store does (with the findings recorded
     * by the one before); returns the row read back and the digest of the last chain entry.
     */
    private FindingRecord[] reconciled(String algorithm, String[] chained, Object... evaluationsAndTimes)
            throws SQLException {
        try (Connection c = schema()) {
            EvidenceTable chain = new EvidenceTable(dialect(), algorithm);
            for (int i = 0; i < evaluationsAndTimes.length; i += 2) {
                Evaluation e = (Evaluation) evaluationsAndTimes[i];
                Map<String, Finding> produced = new LinkedHashMap<>();
                e.findings().forEach(f -> produced.put(f.getKey(), f));
                table().reconcile(c, C, table().recorded(c, C), e, produced, Set.of(), (Instant) evaluationsAndTimes[i + 1],
                        chain);
            }
            List<FindingRecord> rows = new ArrayList<>();
            table().forEach(c, C, rows::add);
            chain.forEach(c, C, entry -> chained[0] = entry.contentDigest());
            c.commit();
            return rows.toArray(FindingRecord[]::new);
        }
    }

    @Test
    void a_finding_first_recorded_at_a_nanosecond_instant_keeps_it_and_drops_the_old_remainder_as_it_resolves()
            throws SQLException {
        // as a finding of a store written before microseconds, moved here: its times carry nanoseconds
        Instant nanos = Instant.parse("2023-01-10T08:00:00.123456789Z");
        String[] chained = new String[1];
        FindingRecord[] rows = reconciled("SM3", chained, evaluation(List.of(monthly().build())), nanos,
                evaluation(List.of()), T3);

        assertEquals(nanos, rows[0].firstSeenAt());
        assertEquals(T3, rows[0].changedAt());
        assertEquals(T3, rows[0].resolvedAt());
        assertEquals(chained[0], table().digest(ChainDigest.of("SM3"), rows[0]), "the row reads back to the digest chained");
    }

    /** Every column of the row, one by one: {@link Finding#equals} compares only some. */
    private static void assertSameRow(FindingRecord expected, FindingRecord actual) {
        Finding e = expected.finding();
        Finding a = actual.finding();
        assertEquals(List.of(e.getKey(), e.getDomain(), String.valueOf(e.getObligationId()), e.getRuleName(), e.getClause(),
                        e.getSeverity(), e.getPeriodStart(), e.getPeriodEnd(), e.getPeriodLabel(), e.getTitle(),
                        String.valueOf(e.getDetail()), e.getFactIds(), e.getOccurrences(), String.valueOf(e.getDeadline()),
                        String.valueOf(e.getDeadlineBasis())),
                List.of(a.getKey(), a.getDomain(), String.valueOf(a.getObligationId()), a.getRuleName(), a.getClause(),
                        a.getSeverity(), a.getPeriodStart(), a.getPeriodEnd(), a.getPeriodLabel(), a.getTitle(),
                        String.valueOf(a.getDetail()), a.getFactIds(), a.getOccurrences(), String.valueOf(a.getDeadline()),
                        String.valueOf(a.getDeadlineBasis())));
        assertEquals(expected, actual, "status, the three times and the rule bundle");
    }

    @Test
    void a_changed_open_finding_without_a_deadline_reads_back_column_for_column_and_digests_as_before_deadlines()
            throws SQLException {
        DomainStatus bundle = TestData.domain("inspection", "org.lvyue.rules.inspection", "1.2.0");
        Finding first = monthly().detail("应巡检 22 次，实际 21 次").build();
        Finding now = monthly().build();
        String[] chained = new String[1];
        FindingRecord[] rows = reconciled("SM3", chained, evaluation(List.of(first), bundle), T1,
                evaluation(List.of(now), bundle), T2);

        assertEquals(1, rows.length);
        FindingRecord row = rows[0];
        assertSameRow(new FindingRecord(now, FindingStatus.OPEN, T1, T2, null, "org.lvyue.rules.inspection", "1.2.0"), row);
        assertNull(row.finding().getDeadline());
        assertNull(row.finding().getDeadlineBasis());

        assertEquals("0d17b16b759847452ab38ec0cf64d59c5377a7dee1d7dc49d5feebb354be7f93", table().digest(ChainDigest.of("SM3"), row));
        assertEquals("d523d377406d1a8aa814ebabd303f57ab700d718de05f1dc35b5e5f849534254",
                table().digest(ChainDigest.of("SHA-256"), row));
        assertEquals("0d17b16b759847452ab38ec0cf64d59c5377a7dee1d7dc49d5feebb354be7f93", chained[0],
                "the entry of the change holds the same digest");
    }

    @Test
    void a_resolved_finding_with_a_deadline_reads_back_with_it_and_digests_the_deadline_too() throws SQLException {
        Finding late = monthly().deadline(LocalDate.of(2022, 4, 7), BASIS).build();
        String[] chained = new String[1];
        FindingRecord[] rows = reconciled("SHA-256", chained, evaluation(List.of(late)), T1, evaluation(List.of()), T3);

        assertEquals(1, rows.length);
        FindingRecord row = rows[0];
        assertSameRow(new FindingRecord(late, FindingStatus.RESOLVED, T1, T3, T3, null, null), row);
        assertEquals(LocalDate.of(2022, 4, 7), row.finding().getDeadline());
        assertEquals(BASIS, row.finding().getDeadlineBasis());

        assertEquals("8360403c703aa09742ba7f7872650c0e4d2e6d7296dbf602f6e69ddac2b7db25", table().digest(ChainDigest.of("SM3"), row));
        assertEquals("6a6387e81deecdd3568d804868a42073c18779a34db2335dfa5c6b2884164897",
                table().digest(ChainDigest.of("SHA-256"), row));
        assertEquals("6a6387e81deecdd3568d804868a42073c18779a34db2335dfa5c6b2884164897", chained[0],
                "the entry of the resolution holds the same digest");
    }

    @Test
    void a_finding_with_every_optional_column_null_reads_back_null_and_digests_as_it_always_did() throws SQLException {
        Finding bare = Finding.builder().contractId(C).key("k2").domain("support").obligation(null).rule("r").clause("七.2")
                .severity(Severity.LOW).period(LocalDate.of(2022, 1, 1), LocalDate.of(2022, 12, 31), "2022").title("t")
                .detail(null).facts(List.of()).build();
        String[] chained = new String[1];
        FindingRecord row = reconciled("SM3", chained, evaluation(List.of(bare)), T1)[0];

        assertSameRow(new FindingRecord(bare, FindingStatus.OPEN, T1, T1, null, null, null), row);
        assertEquals("afef61795b5c93dc0322f06e66db49604ae8fedf1e0f5725355f9ac9bbb53956", table().digest(ChainDigest.of("SM3"), row));
        assertEquals("5c8840c1be669839f0edc91146ed6aa6169d18ead4d055e872263cf9e1df4318",
                table().digest(ChainDigest.of("SHA-256"), row));
        assertEquals("afef61795b5c93dc0322f06e66db49604ae8fedf1e0f5725355f9ac9bbb53956", chained[0]);
    }
}
