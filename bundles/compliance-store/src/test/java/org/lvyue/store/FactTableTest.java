package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.fact.Fact;

/**
 * {@link FactTable} on a real H2 file and a real PostgreSQL database: a fact's row reads back column for column, and its digest in
 * the evidence chain is the one the store always computed for that row (SM3 and SHA-256), since every
 * chain in use holds such digests.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FactTableTest extends DatabaseTest {
    private static final String C = TestData.CONTRACT;
    private static final Instant RECEIVED = Instant.parse("2023-01-10T02:00:00.123456789Z");
    /** What the store's clock gives: it ticks in microseconds, the precision every database keeps. */
    private static final Instant RECEIVED_MICROS = Instant.parse("2023-01-10T02:00:00.123456Z");
    private static final String ATTRIBUTES = "{\"note\":\"巡检正常\",\"system\":\"社保业务系统\"}";


    private FactTable table() {
        return new FactTable(dialect());
    }

    private static Fact everyColumn() {
        return TestData.fact("F-1").subject("CHK-01").date(LocalDate.of(2022, 3, 7))
                .time(LocalDateTime.of(2022, 3, 7, 9, 15, 30, 123_456_789)).status("ok").amount(new BigDecimal("12.50"))
                .attributes(Map.of("system", "社保业务系统", "note", "巡检正常")).build();
    }

    private static Fact onlyTheRequired() {
        return Fact.builder().id("F-2").contractId(C).domain("inspection").kind("inspection.performed")
                .date(LocalDate.of(2022, 3, 8)).build();
    }

    /** Appends one fact as a batch of its own and reads its row back, with the evidence entry's row digests. */
    private FactTable.Row roundTrip(Fact fact, String source, Instant now, String algorithm, byte[][] chained)
            throws SQLException {
        try (Connection c = schema()) {
            EvidenceTable chain = new EvidenceTable(dialect(), algorithm);
            long batch = table().append(c, C, FactTable.checked(C, List.of(fact)), source, now, chain).batchId();
            List<FactTable.Row> rows = new ArrayList<>();
            table().forEach(c, C, rows::add);
            chain.forEach(c, C, e -> chained[0] = e.rowDigests());
            c.commit();
            assertEquals(1, rows.size());
            assertEquals(batch, rows.get(0).batchId());
            return rows.get(0);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Test
    void a_fact_with_every_column_set_reads_back_column_for_column_and_the_chain_holds_its_digest() throws SQLException {
        byte[][] chained = new byte[1][];
        FactTable.Row row = roundTrip(everyColumn(), "rest", RECEIVED_MICROS, "SM3", chained);

        // the time at the precision every database keeps: microseconds, rounded half up
        assertEquals(new FactTable.Row(row.batchId(), "F-1", "inspection", "inspection.performed", "CHK-01",
                LocalDate.of(2022, 3, 7), LocalDateTime.of(2022, 3, 7, 9, 15, 30, 123_457_000), "ok", new BigDecimal("12.50"),
                ATTRIBUTES, "rest", RECEIVED_MICROS), row);
        Fact back = row.fact(C);
        assertTrue(back.sameContentAs(FactTable.checked(C, List.of(everyColumn())).get(0)), back::toString);
        assertEquals("rest", back.getSource());
        assertEquals(RECEIVED_MICROS, back.getReceivedAt());
        assertEquals(hex(FactTable.digest(ChainDigest.of("SM3"), row)), hex(chained[0]), "the batch's entry holds the row's digest");
    }

    @Test
    void a_row_with_every_column_set_digests_as_it_always_did() {
        // rows chained before microsecond rounding kept nanoseconds in H2; their digests must not change
        FactTable.Row row = new FactTable.Row(3, "F-1", "inspection", "inspection.performed", "CHK-01",
                LocalDate.of(2022, 3, 7), LocalDateTime.of(2022, 3, 7, 9, 15, 30, 123_456_789), "ok", new BigDecimal("12.50"),
                ATTRIBUTES, "rest", RECEIVED);
        assertEquals("12a207aa0f5344f1b0bee2684ccd495d", hex(FactTable.digest(ChainDigest.of("SM3"), row)));
        assertEquals("d004e74371d0f59ec2b0a90b7de9efaf", hex(FactTable.digest(ChainDigest.of("SHA-256"), row)));
    }

    @Test
    void a_fact_with_every_optional_column_null_reads_back_null_and_digests_as_it_always_did() throws SQLException {
        byte[][] chained = new byte[1][];
        Instant received = Instant.parse("2023-01-10T02:00:00Z");
        FactTable.Row row = roundTrip(onlyTheRequired(), null, received, "SHA-256", chained);

        assertEquals(new FactTable.Row(row.batchId(), "F-2", "inspection", "inspection.performed", null,
                LocalDate.of(2022, 3, 8), null, null, null, null, null, received), row);
        assertEquals(Map.of(), row.fact(C).getAttributes());

        assertEquals("70725f19b1e1699e92a1254a996aca38", hex(FactTable.digest(ChainDigest.of("SM3"), row)));
        assertEquals("7b47d7271c8a6622c98afc662d8dffb4", hex(FactTable.digest(ChainDigest.of("SHA-256"), row)));
        assertEquals("7b47d7271c8a6622c98afc662d8dffb4", hex(chained[0]), "the batch's entry holds the same digest");
    }
}
