package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.security.LoginAttempts.Lock;

/**
 * Failed logins and account locks as two nodes' stores on one database (H2 and PostgreSQL) keep them: the failures of
 * an account are counted together within the window, a lock is made once and seen by both, and an ended lock is
 * released to one sweep only.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StoreAccountLocksTest extends StoreTest {
    private static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private JdbcStore other;

    @BeforeEach
    void secondNode() {
        other = anotherNode();
    }

    @Test
    void both_nodes_count_an_accounts_failures_together_and_forget_those_older_than_the_window() {
        assertEquals(1, store.failed("zhang", T0, T0.minus(WINDOW)));
        assertEquals(2, other.failed("zhang", T0.plusSeconds(60), T0.plusSeconds(60).minus(WINDOW)));
        assertEquals(1, other.failed("li", T0.plusSeconds(60), T0.plusSeconds(60).minus(WINDOW)), "per account");
        // 16 minutes after the first: it is out of the window, the second is not
        Instant later = T0.plus(Duration.ofMinutes(16));
        assertEquals(2, store.failed("zhang", later, later.minus(WINDOW)));

        other.forgetFailures("zhang");
        assertEquals(1, store.failed("zhang", later, later.minus(WINDOW)), "a success forgets them on every node");
    }

    @Test
    void a_lock_is_made_once_seen_by_both_nodes_and_released_by_one() {
        store.failed("zhang", T0, T0.minus(WINDOW));
        Lock lock = new Lock("zhang", T0, T0.plus(Duration.ofMinutes(30)), 5, "10.0.0.4");
        assertTrue(store.lock(lock));
        assertFalse(other.lock(new Lock("zhang", T0.plusSeconds(1), T0.plusSeconds(1801), 5, "10.0.0.5")),
                "locked already: the first lock stands");

        assertEquals(lock, other.lock("zhang").orElseThrow());
        assertEquals(List.of(lock), other.locks());
        assertEquals(1, store.failed("zhang", T0.plusSeconds(2), T0.minus(WINDOW)), "locking forgot the failures");

        assertEquals(lock, other.unlock("zhang").orElseThrow());
        assertTrue(store.unlock("zhang").isEmpty(), "released already");
        assertTrue(store.lock("zhang").isEmpty());
    }

    @Test
    void an_ended_lock_is_released_to_one_sweep_of_the_two_nodes_sweeping_at_once() throws Exception {
        for (int i = 0; i < 20; i++) {
            store.lock(new Lock("user" + i, T0, T0.plusSeconds(60 + i), 5, null));
        }
        store.lock(new Lock("later", T0, T0.plusSeconds(3600), 5, null));
        store.failed("old", T0, T0.minus(WINDOW));
        Instant now = T0.plusSeconds(120);

        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Callable<List<Lock>>> sweeps = List.of(() -> store.sweep(now, now.minus(WINDOW)),
                    () -> other.sweep(now, now.minus(WINDOW)));
            List<String> released = new ArrayList<>();
            for (Future<List<Lock>> f : two.invokeAll(sweeps)) {
                f.get().forEach(l -> released.add(l.user()));
            }
            assertEquals(20, released.size(), "every ended lock once: " + released);
            assertEquals(20, released.stream().distinct().count());
        } finally {
            two.shutdownNow();
        }
        assertEquals(List.of("later"), other.locks().stream().map(Lock::user).toList());
        Instant much = T0.plus(Duration.ofMinutes(20));
        assertEquals(1, store.failed("old", much, much.minus(WINDOW)), "the sweep forgot the failures out of the window");
    }
}
