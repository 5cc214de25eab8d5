package org.lvyue.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The memory budget's policy on its own, with a clock the test moves: idle memories are released,
 * the least recently used go first when the budget needs room, and a memory in use is never let go.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MemoryBudgetTest {
    private final AtomicLong now = new AtomicLong();
    private final List<String> released = new ArrayList<>();
    private final MemoryBudget budget = new MemoryBudget(100, Duration.ofMinutes(30), now::get);

    private MemoryBudget.Held memory(String id) {
        MemoryBudget.Held m = () -> released.add(id);
        budget.track(id, m);
        return m;
    }

    /** A use of the memory that builds its session of {@code bytes} (its first, or after a release). */
    private void build(String id, long bytes) {
        budget.enter(id);
        budget.building(id);
        budget.built(id, bytes, Duration.ofMillis(700).toNanos());
        budget.exit(id);
    }

    /** A use of a memory held: an evaluation answered from it. */
    private void touch(String id) {
        budget.enter(id);
        budget.exit(id);
    }

    private void later(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void a_memory_unused_for_the_idle_time_is_released_and_one_used_since_is_kept() {
        memory("a");
        memory("b");
        build("a", 10);
        later(Duration.ofMinutes(20));
        build("b", 10);
        later(Duration.ofMinutes(10));

        budget.sweep();

        assertEquals(List.of("a"), released);
        org.lvyue.api.engine.MemoryFigures f = budget.figures();
        assertEquals(1, f.held());
        assertEquals(10, f.heldBytes());
        assertEquals(1, f.idleReleases());
        assertEquals(0, f.budgetReleases());
    }

    @Test
    void when_a_build_would_exceed_the_budget_the_least_recently_used_memories_are_released_first() {
        memory("a");
        memory("b");
        memory("c");
        memory("d");
        build("a", 40);
        later(Duration.ofSeconds(1));
        build("b", 40);
        later(Duration.ofSeconds(1));
        touch("a"); // b is now the least recently used
        later(Duration.ofSeconds(1));

        build("c", 40);

        assertEquals(List.of("b"), released, "the least recently used went");
        assertEquals(80, budget.figures().heldBytes());
        later(Duration.ofSeconds(1));
        build("d", 70);
        // a (used before c) goes first, then c: d alone fits
        assertEquals(List.of("b", "a", "c"), released);
        assertEquals(70, budget.figures().heldBytes());
        assertEquals(3, budget.figures().budgetReleases());
    }

    @Test
    void a_rebuild_makes_room_for_twice_its_last_size_before_it_starts_and_gives_the_extra_back_when_built() {
        memory("a");
        memory("b");
        build("a", 40);
        later(Duration.ofMinutes(20));
        build("b", 40);
        later(Duration.ofMinutes(10));
        budget.sweep(); // a was idle for 30 minutes
        assertEquals(List.of("a"), released);

        budget.enter("a");
        budget.building("a");
        // 40 for b and twice 40 for a while its records and its new session are both on the heap: 120 > 100
        assertEquals(List.of("a", "b"), released, "b went before a's rebuild started");
        budget.built("a", 40, Duration.ofMillis(900).toNanos());
        budget.exit("a");
        assertEquals(40, budget.figures().heldBytes());

        memory("c");
        build("c", 50);
        assertEquals(List.of("a", "b"), released, "a built counts once: 40 + 50 fit");
    }

    @Test
    void a_build_that_ends_without_a_session_gives_back_the_room_kept_for_it() {
        memory("a");
        memory("b");
        build("a", 40);
        budget.released("a"); // released through the engine
        budget.enter("a");
        budget.building("a"); // counts 80 while it builds...
        budget.notBuilt("a"); // ...and fails
        budget.exit("a");

        build("b", 50);
        assertEquals(List.of(), released, "a's 40 and b's 50 fit the 100: nothing was released for a build that failed");
    }

    @Test
    void a_memory_in_use_is_never_released_neither_idle_nor_for_the_budget() {
        memory("a");
        memory("b");
        build("a", 60);
        budget.enter("a"); // an evaluation of a runs...
        later(Duration.ofHours(2));

        budget.sweep();
        build("b", 60); // ...while b is built: over the budget, but a is in use

        assertEquals(List.of(), released);
        assertEquals(120, budget.figures().heldBytes());
        assertEquals(1, budget.figures().inUse(), "b's use ended, a's goes on");
        later(Duration.ofSeconds(1));
        budget.exit("a"); // a was used last now
        budget.sweep();
        assertEquals(List.of("b"), released, "once a's use ended, the least recently used of the two goes");
    }

    @Test
    void a_rebuild_after_a_release_is_counted_with_its_time_and_a_first_build_is_not() {
        memory("a");
        build("a", 10);
        assertEquals(0, budget.figures().rebuilds());
        later(Duration.ofHours(1));
        budget.sweep();
        assertEquals(List.of("a"), released);

        budget.enter("a");
        budget.building("a");
        budget.built("a", 12, Duration.ofMillis(1_234).toNanos());
        budget.exit("a");

        org.lvyue.api.engine.MemoryFigures f = budget.figures();
        assertEquals(2, f.builds());
        assertEquals(1, f.rebuilds());
        assertEquals(1_234, f.lastRebuildMillis());
        assertEquals(1_234, f.maxRebuildMillis());
        assertEquals(12, f.heldBytes());
    }

    @Test
    void a_memory_released_through_the_engine_no_longer_counts_and_a_forgotten_one_is_not_tracked() {
        MemoryBudget.Held a = memory("a");
        memory("b");
        build("a", 50);
        build("b", 50);
        budget.released("b");
        assertEquals(50, budget.figures().heldBytes());
        budget.forget("a", a);
        assertEquals(0, budget.figures().held());
        later(Duration.ofHours(1));
        budget.sweep();
        assertEquals(List.of(), released, "nothing left to release");
    }

    @Test
    void a_budget_or_idle_time_that_is_not_positive_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> budget.configure(0, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> budget.configure(100, Duration.ZERO));
    }
}
