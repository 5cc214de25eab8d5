package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvyue.store.TestData.CONTRACT;
import static org.lvyue.store.TestData.fact;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.fact.Fact;

/**
 * The bookkeeping of {@link FactWindows} where a real store cannot stage it: appends that commit while a window is
 * being read, and a log that no longer reaches back. {@code StoreFactsTest} shows the windows against a real database.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FactWindowsTest {
    private static final String KIND = "inspection.performed";
    private static final LocalDate FROM = LocalDate.of(2022, 3, 1);
    private static final LocalDate TO = LocalDate.of(2022, 3, 31);

    /** A stand-in for the fact table: what is "stored", and how often it was read whole. */
    private final Map<String, Fact> stored = new LinkedHashMap<>();
    private final AtomicInteger wholeReads = new AtomicInteger();
    private final FactWindows windows = new FactWindows(1_000);

    private Map<String, List<Fact>> readWhole() {
        wholeReads.incrementAndGet();
        List<Fact> inRange = new ArrayList<>();
        stored.values().stream().filter(f -> f.getKind().equals(KIND) && !f.getDate().isBefore(FROM) && !f.getDate().isAfter(TO))
                .sorted(java.util.Comparator.comparing(Fact::getDate)).forEach(inRange::add);
        return new HashMap<>(Map.of(KIND, inRange));
    }

    private Map<String, Fact> byIds(List<String> ids) {
        Map<String, Fact> out = new HashMap<>();
        ids.forEach(id -> {
            if (stored.containsKey(id)) {
                out.put(id, stored.get(id));
            }
        });
        return out;
    }

    private void commit(Fact... facts) {
        for (Fact f : facts) {
            stored.put(f.getId(), f);
        }
        windows.appended(CONTRACT, List.of(facts));
    }

    private List<String> ids(FactWindows.ByIds byIds, java.util.function.Supplier<Map<String, List<Fact>>> read) {
        return windows.get(CONTRACT, List.of(KIND), FROM, TO, read, byIds).get(KIND).stream().map(Fact::getId).toList();
    }

    private List<String> ids() {
        return ids(this::byIds, this::readWhole);
    }

    @Test
    void a_window_read_once_takes_later_appends_in_date_then_stored_order_without_a_second_whole_read() {
        commit(fact("a").date(FROM.plusDays(2)).build(), fact("b").date(FROM.plusDays(9)).build());
        assertEquals(List.of("a", "b"), ids());

        // c before b by date, d on b's day (after it: stored later), e outside the days, f another kind
        commit(fact("c").date(FROM.plusDays(5)).build(), fact("d").date(FROM.plusDays(9)).build(),
                fact("e").date(TO.plusDays(1)).build(), fact("f").kind("fault.reported").date(FROM).build());

        assertEquals(List.of("a", "c", "b", "d"), ids());
        assertEquals(1, wholeReads.get());
    }

    @Test
    void an_append_committed_while_the_window_is_read_is_in_it_once_whether_the_read_saw_it_or_not() {
        commit(fact("a").date(FROM).build());
        Fact seen = fact("seen").date(FROM.plusDays(1)).build();
        Fact unseen = fact("unseen").date(FROM.plusDays(2)).build();

        List<String> first = ids(this::byIds, () -> {
            Map<String, List<Fact>> read = readWhole();
            commit(seen);      // committed before the read reached it: the read has it
            read = readWhole();
            commit(unseen);    // committed after the read passed: only the log has it
            return read;
        });

        assertEquals(List.of("a", "seen", "unseen"), first);
        assertEquals(List.of("a", "seen", "unseen"), ids());
    }

    @Test
    void a_window_the_log_no_longer_reaches_back_to_is_read_again_whole() {
        commit(fact("a").date(FROM).build());
        assertEquals(List.of("a"), ids());
        for (int i = 0; i <= FactWindows.LOG_LENGTH; i++) {
            commit(fact("x" + i).date(TO.plusDays(1)).build());
        }
        commit(fact("b").date(FROM.plusDays(1)).build());

        assertEquals(List.of("a", "b"), ids());
        assertEquals(2, wholeReads.get());
    }

    @Test
    void an_append_larger_than_the_log_keeps_is_not_logged_and_the_windows_it_may_fall_in_are_read_again() {
        commit(fact("a").date(FROM).build());
        assertEquals(List.of("a"), ids());
        Fact[] upload = new Fact[FactWindows.LOGGED_FACTS + 1];
        for (int i = 0; i < upload.length; i++) {
            upload[i] = fact("u" + i).date(TO.plusDays(1)).build();
        }
        upload[0] = fact("u0").date(FROM.plusDays(3)).build();   // one of them in the window
        commit(upload);

        assertEquals(List.of("a", "u0"), ids());
        assertEquals(2, wholeReads.get());
    }

    @Test
    void a_window_of_another_contract_or_other_days_is_another_read() {
        commit(fact("a").date(FROM).build());
        ids();
        windows.get("another contract", List.of(KIND), FROM, TO, () -> Map.of(KIND, List.of()), ids -> Map.of());
        windows.get(CONTRACT, List.of(KIND), FROM, TO.plusDays(1), this::readWhole, this::byIds);
        assertEquals(2, wholeReads.get(), "the other contract's read is its own supplier's");
    }

    @Test
    void past_the_limit_the_least_recently_used_windows_are_read_again() {
        FactWindows small = new FactWindows(6);
        commit(fact("a").date(FROM).build(), fact("b").date(FROM).build());
        for (int before = 0; before < 4; before++) {   // four windows of two facts: the fourth pushes the first out
            small.get(CONTRACT, List.of(KIND), FROM.minusDays(before), TO, this::readWhole, this::byIds);
        }
        small.get(CONTRACT, List.of(KIND), FROM.minusDays(1), TO, this::readWhole, this::byIds);
        assertEquals(4, wholeReads.get(), "the second window was still kept");
        small.get(CONTRACT, List.of(KIND), FROM, TO, this::readWhole, this::byIds);
        assertEquals(5, wholeReads.get(), "the first was not");
    }

    @Test
    void a_window_larger_than_half_the_limit_is_answered_but_not_kept_and_said_to_be_too_large() {
        FactWindows small = new FactWindows(3);
        commit(fact("a").date(FROM).build(), fact("b").date(FROM).build());
        assertFalse(small.oversized(CONTRACT, List.of(KIND), FROM, TO), "not read yet");
        assertEquals(2, small.get(CONTRACT, List.of(KIND), FROM, TO, this::readWhole, this::byIds).get(KIND).size());
        small.get(CONTRACT, List.of(KIND), FROM, TO, this::readWhole, this::byIds);
        assertEquals(2, wholeReads.get());
        assertTrue(small.oversized(CONTRACT, List.of(KIND), FROM, TO));
        assertFalse(windows.oversized(CONTRACT, List.of(KIND), FROM, TO));
    }

    /** As the store reads a kind's head: its count and newest facts, at the log's number. */
    private final AtomicInteger headReads = new AtomicInteger();

    private FactWindows.Head readHead(java.util.function.LongSupplier last) {
        headReads.incrementAndGet();
        List<Fact> ofKind = stored.values().stream().filter(f -> f.getKind().equals(KIND)).sorted(FactWindows.NEWEST_FIRST).toList();
        return new FactWindows.Head(ofKind.size(), ofKind.subList(0, Math.min(FactWindows.HEAD_DEPTH, ofKind.size())),
                last.getAsLong());
    }

    private FactWindows.Head head() {
        return windows.head(CONTRACT, KIND, this::readHead, this::byIds);
    }

    @Test
    void a_kinds_head_counts_every_later_append_and_keeps_its_newest_facts_by_date_then_id_without_a_second_read() {
        for (int i = 0; i < FactWindows.HEAD_DEPTH + 10; i++) {
            commit(fact(String.format("a%05d", i)).date(FROM.plusDays(i % 20)).build());
        }
        FactWindows.Head first = head();
        assertEquals(FactWindows.HEAD_DEPTH + 10, first.count());
        assertEquals(FactWindows.HEAD_DEPTH, first.newest().size());
        assertFalse(first.holds(FactWindows.HEAD_DEPTH - 10, 50), "the last pages are beyond the head");

        // z: the newest date; b: on the newest day but a smaller id than the a's of that day; c: older than the
        // head's last; d: another kind
        commit(fact("z").date(TO).build(), fact("b").date(FROM.plusDays(19)).build(), fact("c").date(FROM.minusDays(5)).build(),
                fact("d").kind("fault.reported").date(TO).build());
        FactWindows.Head later = head();

        assertEquals(1, headReads.get(), "the appends were merged from the log");
        assertEquals(FactWindows.HEAD_DEPTH + 13, later.count(), "z, b and c counted, d of another kind not");
        List<Fact> expected = stored.values().stream().filter(f -> f.getKind().equals(KIND)).sorted(FactWindows.NEWEST_FIRST)
                .limit(FactWindows.HEAD_DEPTH).toList();
        assertEquals(expected.stream().map(Fact::getId).toList(), later.newest().stream().map(Fact::getId).toList());
        assertEquals("z", later.page(0, 1).get(0).getId());
        assertEquals(later.newest().subList(50, 100), later.page(50, 50));
    }

    @Test
    void a_head_the_log_no_longer_reaches_back_to_is_read_again() {
        commit(fact("a").date(FROM).build());
        assertEquals(1, head().count());
        for (int i = 0; i < FactWindows.LOG_LENGTH + 1; i++) {
            commit(fact("x" + i).kind("fault.reported").date(FROM).build());
        }
        commit(fact("b").date(FROM.plusDays(1)).build());

        FactWindows.Head h = head();
        assertEquals(2, h.count());
        assertEquals(List.of("b", "a"), h.newest().stream().map(Fact::getId).toList());
        assertEquals(2, headReads.get());
        assertTrue(h.holds(0, 50), "the head holds every fact of the kind: any page is in it");
    }
}
