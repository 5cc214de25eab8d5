package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvyue.store.TestData.CONTRACT;
import static org.lvyue.store.TestData.fact;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.store.AppendResult;
import org.lvyue.api.store.ConflictingFactException;
import org.lvyue.api.store.StoreException;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StoreFactsTest extends StoreTest {
    private static final Instant T1 = Instant.parse("2023-01-10T02:00:00.123456789Z");
    /** T1 as the store records it: its clock ticks in microseconds, the precision every database keeps. */
    private static final Instant T1_STORED = Instant.parse("2023-01-10T02:00:00.123456Z");

    @Override
    JdbcStore newStore() {
        return open(T1);
    }

    private JdbcStore open(Instant now) {
        return new JdbcStore(url(), "sa", "", 4, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void a_time_with_nanoseconds_is_kept_to_the_microsecond_and_its_retry_is_a_duplicate() {
        Fact nanos = fact("f1").time(LocalDateTime.of(2022, 3, 7, 9, 15, 30, 123_456_500)).build();
        AppendResult first = store.appendFacts(CONTRACT, List.of(nanos), "alice");
        assertEquals(LocalDateTime.of(2022, 3, 7, 9, 15, 30, 123_457_000), first.stored().get(0).getTime(), "rounded half up");
        assertEquals(first.stored().get(0).getTime(), store.facts(CONTRACT).get(0).getTime());
        assertEquals(List.of("f1"), store.appendFacts(CONTRACT, List.of(nanos), "alice").duplicates());
        assertTrue(store.verify(CONTRACT).intact());
    }

    @Test
    void appended_facts_come_back_with_source_and_receipt_time() {
        AppendResult result = store.appendFacts(CONTRACT, List.of(fact("f1").build(), fact("f2").build()), "alice");
        assertEquals(List.of("f1", "f2"), result.stored().stream().map(Fact::getId).toList());
        assertEquals(List.of(), result.duplicates());
        for (Fact f : result.stored()) {
            assertEquals("alice", f.getSource());
            assertEquals(T1_STORED, f.getReceivedAt());
        }
        List<Fact> read = store.facts(CONTRACT);
        assertEquals(2, read.size());
        assertEquals("alice", read.get(0).getSource());
        assertEquals(T1_STORED, read.get(0).getReceivedAt());
        assertTrue(read.get(0).sameContentAs(fact("f1").build()));
        assertEquals(2, store.factCount(CONTRACT));
        assertEquals(0, store.factCount("another contract"));
    }

    @Test
    void several_kinds_read_at_once_are_each_kinds_own_read_over_the_same_days() {
        store.appendFacts(CONTRACT, List.of(
                fact("a1").date(LocalDate.of(2022, 3, 1)).build(),
                fact("a2").date(LocalDate.of(2022, 3, 31)).build(),
                fact("a3").date(LocalDate.of(2022, 4, 1)).build(),
                fact("b1").kind("fault.reported").date(LocalDate.of(2022, 3, 15)).build(),
                fact("c1").kind("drill.performed").date(LocalDate.of(2022, 3, 2)).build(),
                fact("a0").date(LocalDate.of(2022, 2, 28)).build()), "alice");
        LocalDate from = LocalDate.of(2022, 3, 1);
        LocalDate to = LocalDate.of(2022, 3, 31);

        java.util.Map<String, List<Fact>> read = store.facts(CONTRACT, List.of("inspection.performed", "fault.reported",
                "nothing.of.this.kind"), from, to);

        assertEquals(java.util.Set.of("inspection.performed", "fault.reported", "nothing.of.this.kind"), read.keySet(),
                "every kind asked for, and only those: drill.performed is left out");
        for (String kind : read.keySet()) {
            assertEquals(store.facts(CONTRACT, kind, from, to).stream().map(Fact::getId).toList(),
                    read.get(kind).stream().map(Fact::getId).toList(), kind);
        }
        assertEquals(List.of("a1", "a2"), read.get("inspection.performed").stream().map(Fact::getId).toList(),
                "the first and the last day in, the days either side out, in date order");
        assertEquals(List.of(), read.get("nothing.of.this.kind"));
    }

    @Test
    void a_dated_read_kept_across_appends_answers_as_a_store_reading_the_database_afresh() {
        List<String> kinds = List.of("inspection.performed", "fault.reported");
        LocalDate from = LocalDate.of(2022, 3, 1);
        LocalDate to = LocalDate.of(2022, 3, 31);
        store.appendFacts(CONTRACT, List.of(fact("a1").date(LocalDate.of(2022, 3, 10)).build(),
                fact("a2").date(LocalDate.of(2022, 3, 20)).build()), "alice");
        store.facts(CONTRACT, kinds, from, to);

        store.appendFacts(CONTRACT, List.of(
                fact("a3").date(LocalDate.of(2022, 3, 15)).amount(new BigDecimal("12.5")).build(),
                fact("a4").date(LocalDate.of(2022, 3, 20)).attributes(Map.of("note", "同日, 后到")).build(),
                fact("b1").kind("fault.reported").date(LocalDate.of(2022, 3, 1)).build(),
                fact("late").date(LocalDate.of(2022, 4, 1)).build(),
                fact("other").kind("drill.performed").date(LocalDate.of(2022, 3, 2)).build()), "bob");
        store.appendFacts(CONTRACT, List.of(fact("a1").date(LocalDate.of(2022, 3, 10)).build()), "alice");
        assertThrows(ConflictingFactException.class, () -> store.appendFacts(CONTRACT, List.of(
                fact("a5").date(LocalDate.of(2022, 3, 11)).build(),
                fact("a2").date(LocalDate.of(2022, 3, 21)).build()), "mallory"));
        store.appendFacts("another contract", List.of(fact("x1").contractId("another contract").date(LocalDate.of(2022, 3, 12)).build()),
                "alice");

        Map<String, List<Fact>> kept = store.facts(CONTRACT, kinds, from, to);
        Map<String, List<Fact>> afresh = open(T1).facts(CONTRACT, kinds, from, to);
        assertEquals(List.of("a1", "a3", "a2", "a4"), kept.get("inspection.performed").stream().map(Fact::getId).toList(),
                "by date, then as stored; the retried a1 once, the refused batch's a5 not at all");
        assertEquals(fields(afresh), fields(kept), "every field as the database gives it: two decimals, source, receipt time");
        assertEquals(new BigDecimal("12.50"), kept.get("inspection.performed").get(1).getAmount());
    }

    @Test
    void the_facts_page_and_count_of_a_kind_too_large_to_keep_whole_answer_as_a_store_reading_the_database_afresh() {
        String kind = "inspection.performed";
        // past half of the windows' 60,000 facts: the kind's window is read once, then only its head is kept
        for (int b = 0; b < 31; b++) {
            List<Fact> batch = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                int n = b * 1_000 + i;
                batch.add(fact(String.format("k%05d", n)).date(LocalDate.of(2022, 1, 1).plusDays(n % 300)).build());
            }
            store.appendFacts(CONTRACT, batch, "loader");
        }
        assertEquals(31_000, store.factCount(CONTRACT, kind));
        store.latestFacts(CONTRACT, kind, 50, 0);

        // a newest day, a fact on the newest day before the others by id, an old one, and another kind
        store.appendFacts(CONTRACT, List.of(fact("new").date(LocalDate.of(2022, 12, 1)).attributes(Map.of("note", "最新")).build(),
                fact("a-first").date(LocalDate.of(2022, 10, 27)).build(), fact("old").date(LocalDate.of(2021, 1, 1)).build(),
                fact("other").kind("fault.reported").date(LocalDate.of(2022, 12, 2)).build()), "bob");

        JdbcStore afresh = open(T1);
        assertEquals(afresh.factCount(CONTRACT, kind), store.factCount(CONTRACT, kind));
        assertEquals(31_003, store.factCount(CONTRACT, kind));
        for (int[] page : new int[][] {{0, 50}, {50, 50}, {975, 50}, {30_990, 50}}) {
            assertEquals(fields(Map.of(kind, afresh.latestFacts(CONTRACT, kind, page[1], page[0]))),
                    fields(Map.of(kind, store.latestFacts(CONTRACT, kind, page[1], page[0]))), "page at " + page[0]);
        }
        assertEquals("new", store.latestFacts(CONTRACT, kind, 1, 0).get(0).getId());
    }

    /** Every field of every fact, by kind (a fact equals another by its id alone). */
    private static Map<String, List<List<Object>>> fields(Map<String, List<Fact>> byKind) {
        Map<String, List<List<Object>>> out = new java.util.TreeMap<>();
        byKind.forEach((k, v) -> out.put(k, v.stream().map(f -> java.util.Arrays.<Object>asList(f.getId(), f.getContractId(),
                f.getDomain(), f.getKind(), f.getSubject(), f.getDate(), f.getTime(), f.getStatus(), f.getAmount(),
                f.getAttributes(), f.getSource(), f.getReceivedAt())).toList()));
        return out;
    }

    @Test
    void reopening_the_same_file_keeps_the_facts() {
        store.appendFacts(CONTRACT, List.of(fact("f1").amount(new BigDecimal("12.50")).build()), "alice");
        store.close();
        store = open(T1.plusSeconds(60));
        List<Fact> read = store.facts(CONTRACT);
        assertEquals(1, read.size());
        assertEquals(new BigDecimal("12.50"), read.get(0).getAmount());
        assertEquals(T1_STORED, read.get(0).getReceivedAt());
        AppendResult retried = store.appendFacts(CONTRACT, List.of(fact("f1").amount(new BigDecimal("12.5")).build()), "bob");
        assertEquals(List.of("f1"), retried.duplicates(), "the id is still known after the restart");
    }

    @Test
    void a_retried_batch_yields_duplicates_and_no_second_rows() {
        List<Fact> batch = List.of(fact("f1").build(), fact("f2").build(), fact("f3").build());
        AppendResult first = store.appendFacts(CONTRACT, batch, "alice");
        List<Fact> retry = List.of(fact("f1").build(), fact("f2").build(), fact("f3").build(), fact("f4").build());
        AppendResult second = store.appendFacts(CONTRACT, retry, "alice");
        assertEquals(List.of("f1", "f2", "f3"), second.duplicates());
        assertEquals(List.of("f4"), second.stored().stream().map(Fact::getId).toList());
        assertNotEquals(first.batchId(), second.batchId());
        assertEquals(4, store.factCount(CONTRACT));
        assertEquals(List.of("f1", "f2", "f3", "f4"), store.facts(CONTRACT).stream().map(Fact::getId).toList());
    }

    @Test
    void a_batch_of_only_duplicates_is_still_recorded_as_a_delivery() throws SQLException {
        store.appendFacts(CONTRACT, List.of(fact("f1").build()), "alice");
        AppendResult again = store.appendFacts(CONTRACT, List.of(fact("f1").build()), "bob");
        assertEquals(List.of(), again.stored());
        assertEquals(List.of("f1"), again.duplicates());
        assertEquals(List.of("alice|1", "bob|0"), rows("SELECT source || '|' || fact_count FROM fact_batch ORDER BY id"));
    }

    @Test
    void a_batch_with_a_conflicting_id_stores_nothing() throws SQLException {
        store.appendFacts(CONTRACT, List.of(fact("f1").status("ok").build()), "alice");
        List<Fact> batch = List.of(fact("f2").build(), fact("f1").status("abnormal").build(), fact("f3").build());
        ConflictingFactException e = assertThrows(ConflictingFactException.class,
                () -> store.appendFacts(CONTRACT, batch, "bob"));
        assertEquals(List.of(1), e.indexes());
        assertEquals(List.of("f1"), e.ids());
        assertEquals(List.of("f1"), store.facts(CONTRACT).stream().map(Fact::getId).toList());
        assertEquals("ok", store.facts(CONTRACT).get(0).getStatus(), "the acknowledged fact is not overwritten");
        assertEquals(List.of("alice"), rows("SELECT source FROM fact_batch"), "no batch row either");
    }

    @Test
    void an_id_twice_in_one_batch_with_the_same_content_is_stored_once() {
        List<Fact> batch = List.of(fact("f1").build(), fact("f2").build(), fact("f1").build(), fact("f1").build());
        AppendResult result = store.appendFacts(CONTRACT, batch, "alice");
        assertEquals(List.of("f1", "f2"), result.stored().stream().map(Fact::getId).toList());
        assertEquals(List.of("f1", "f1"), result.duplicates());
        assertEquals(2, store.factCount(CONTRACT));
    }

    @Test
    void an_id_twice_in_one_batch_with_different_content_is_a_conflict() {
        List<Fact> batch = List.of(fact("f1").build(), fact("f2").build(), fact("f1").subject("CHK-02").build());
        ConflictingFactException e = assertThrows(ConflictingFactException.class,
                () -> store.appendFacts(CONTRACT, batch, "alice"));
        assertEquals(List.of(2), e.indexes());
        assertEquals(List.of("f1"), e.ids());
        assertEquals(0, store.factCount(CONTRACT));
    }

    @Test
    void the_same_ids_in_another_contract_are_other_facts() {
        store.appendFacts(CONTRACT, List.of(fact("f1").build()), "alice");
        Fact other = fact("f1").contractId("HT-2023-007").status("abnormal").build();
        AppendResult result = store.appendFacts("HT-2023-007", List.of(other), "alice");
        assertEquals(1, result.stored().size());
        assertEquals("abnormal", store.facts("HT-2023-007").get(0).getStatus());
        assertEquals("ok", store.facts(CONTRACT).get(0).getStatus());
    }

    @Test
    void a_fact_of_another_contract_or_with_a_third_decimal_is_refused_before_anything_is_stored() {
        Fact foreign = fact("f2").contractId("HT-2023-007").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.appendFacts(CONTRACT, List.of(fact("f1").build(), foreign), "alice"));
        assertTrue(e.getMessage().contains("fact 1 (f2) belongs to contract HT-2023-007"), e.getMessage());
        Fact tooPrecise = fact("f3").amount(new BigDecimal("1.005")).build();
        e = assertThrows(IllegalArgumentException.class,
                () -> store.appendFacts(CONTRACT, List.of(tooPrecise), "alice"));
        assertTrue(e.getMessage().contains("amount 1.005 does not fit DECIMAL(19,2)"), e.getMessage());
        assertEquals(0, store.factCount(CONTRACT));
    }

    @Test
    void amounts_are_stored_and_returned_with_two_decimals() {
        AppendResult result = store.appendFacts(CONTRACT, List.of(fact("p1").amount(new BigDecimal("1E+3")).build(),
                fact("p2").amount(new BigDecimal("0.100")).build(), fact("p3").build()), "alice");
        assertEquals(List.of("1000.00", "0.10"), result.stored().stream().limit(2).map(f -> f.getAmount().toPlainString()).toList());
        List<Fact> read = store.facts(CONTRACT);
        assertEquals(new BigDecimal("1000.00"), read.get(0).getAmount());
        assertEquals(new BigDecimal("0.10"), read.get(1).getAmount());
        assertNull(read.get(2).getAmount());
    }

    @Test
    void a_database_error_rolls_the_whole_batch_back_and_says_what_failed() throws SQLException {
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE fact ADD CONSTRAINT refuse_f2 CHECK (id <> 'f2')"); // a database-side failure
        }
        StoreException e = assertThrows(StoreException.class,
                () -> store.appendFacts(CONTRACT, List.of(fact("f1").build(), fact("f2").build()), "alice"));
        assertTrue(e.getMessage().startsWith("appending 2 facts to contract " + CONTRACT + " failed"), e.getMessage());
        assertEquals(0, store.factCount(CONTRACT));
        assertEquals(List.of(), rows("SELECT id FROM fact_batch"));
        assertEquals(1, store.appendFacts(CONTRACT, List.of(fact("f1").build()), "alice").stored().size(),
                "the store is usable afterwards");
    }

    @Test
    void the_same_batch_sent_twice_at_once_is_stored_once() throws Exception {
        List<Fact> batch = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            batch.add(fact("C-" + i).build());
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Callable<AppendResult> send = () -> {
                start.await();
                return store.appendFacts(CONTRACT, batch, "alice");
            };
            Future<AppendResult> a = pool.submit(send);
            Future<AppendResult> b = pool.submit(send);
            start.countDown();
            AppendResult ra = a.get();
            AppendResult rb = b.get();
            assertEquals(200, ra.stored().size() + rb.stored().size());
            assertEquals(200, ra.duplicates().size() + rb.duplicates().size());
            assertEquals(200, store.factCount(CONTRACT));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ten_thousand_facts_round_trip_exactly() {
        List<Fact> batch = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Fact.Builder b = Fact.builder().id("F-" + i).contractId(CONTRACT).domain(i % 2 == 0 ? "payment" : "drill")
                    .kind(i % 2 == 0 ? "payment.received" : "drill.performed")
                    .date(LocalDate.of(2020, 1, 1).plusDays(i % 1500));
            if (i % 3 != 0) {
                b.subject("子项-" + (i % 17)).status(i % 5 == 0 ? "abnormal" : "ok");
            }
            if (i % 2 == 0) {
                b.amount(BigDecimal.valueOf(i * 1_000_003L + 7, 2)); // e.g. 12345678.91, always two decimals
            }
            if (i % 4 == 1) {
                b.time(LocalDateTime.of(2021, 6, 30, 23, 59, 59, i * 1_000)); // microseconds, which every database keeps
            }
            if (i % 7 != 0) {
                b.attributes(Map.of("operator", "张三" + i, "note", "line1\nline2 \"quoted\" \\ " + i, "empty", ""));
            }
            batch.add(b.build());
        }
        // first a part of it, then all: the second call must recognise 2,500 duplicates
        store.appendFacts(CONTRACT, batch.subList(0, 2_500), "loader");
        AppendResult rest = store.appendFacts(CONTRACT, batch, "loader");
        assertEquals(2_500, rest.duplicates().size());
        assertEquals(7_500, rest.stored().size());

        store.close();
        store = open(T1);
        List<Fact> read = store.facts(CONTRACT);
        assertEquals(10_000, read.size());
        for (int i = 0; i < read.size(); i++) {
            Fact expected = batch.get(i);
            Fact actual = read.get(i);
            assertEquals(expected.getId(), actual.getId());
            assertTrue(expected.sameContentAs(actual), () -> "differs: " + expected + " vs " + actual);
            assertEquals(expected.getAmount(), actual.getAmount(), "BigDecimal equals: value and scale");
            assertEquals(expected.getTime(), actual.getTime());
            assertEquals(expected.getDate(), actual.getDate());
            assertEquals(expected.getAttributes(), actual.getAttributes());
            assertEquals("loader", actual.getSource());
        }
    }

    private List<String> rows(String sql) throws SQLException {
        try (Connection c = jdbc(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }
}
