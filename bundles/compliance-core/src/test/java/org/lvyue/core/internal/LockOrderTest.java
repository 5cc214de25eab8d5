package org.lvyue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LockOrderTest {
    private static final LocalDate DAY = LocalDate.of(2023, 1, 10);
    private final LockOrder locks = new LockOrder();

    @Test
    void the_locks_are_declared_in_the_order_the_class_comment_lists_them() throws Exception {
        String source = Files.readString(Path.of("src/main/java/org/lvyue/core/internal/LockOrder.java"), StandardCharsets.UTF_8);
        String comment = source.substring(0, source.indexOf("public final class LockOrder"));
        Matcher m = Pattern.compile("<li><b>(\\w+)</b>").matcher(comment);
        List<String> documented = new ArrayList<>();
        while (m.find()) {
            documented.add(m.group(1));
        }
        List<String> declared = Arrays.stream(LockOrder.Level.values()).map(l -> l.name().toLowerCase()).toList();
        assertEquals(declared, documented);
    }

    @Test
    void a_dashboard_lock_may_be_taken_while_holding_a_contract_lock() {
        boolean inside = locks.underContract("c1", () -> {
            try (LockOrder.Held d = locks.dashboard("c1", DAY, true)) {
                return d != null && locks.holdsContract("c1");
            }
        });
        assertTrue(inside);
        assertEquals(0, locks.locksInUse());
    }

    @Test
    void a_contract_lock_is_refused_while_holding_a_dashboard_lock_before_it_is_waited_for() {
        try (LockOrder.Held d = locks.dashboard("c1", DAY, true)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> locks.underContract("c1", () -> 1));
            assertTrue(e.getMessage().contains("contract locks come first"), e.getMessage());
        }
        assertEquals(0, locks.locksInUse(), "the refused lock is not left behind");
    }

    @Test
    void two_contracts_locks_are_never_held_at_once() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> locks.underContract("c1", () -> locks.underContract("c2", () -> 1)));
        assertTrue(e.getMessage().contains("one contract lock at a time"), e.getMessage());
    }

    @Test
    void two_dashboards_locks_are_never_held_at_once() {
        try (LockOrder.Held d = locks.dashboard("c1", DAY, true)) {
            assertThrows(IllegalStateException.class, () -> locks.dashboard("c1", DAY.plusDays(1), true));
        }
    }

    @Test
    void a_lock_held_may_be_taken_again_by_its_thread() {
        int n = locks.underContract("c1", () -> locks.underContract("c1", () -> 7));
        assertEquals(7, n);
        assertFalse(locks.holdsContract("c1"));
        assertEquals(0, locks.locksInUse());
    }

    @Test
    void a_contract_lock_keeps_other_threads_out_until_it_is_released() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> locks.underContract("c1", () -> {
            held.countDown();
            await(release);
            return null;
        }));
        assertTrue(held.await(10, TimeUnit.SECONDS));
        AtomicInteger ran = new AtomicInteger();
        CompletableFuture<Integer> waiter = CompletableFuture.supplyAsync(() -> locks.underContract("c1", ran::incrementAndGet));
        Thread.sleep(200);
        assertEquals(0, ran.get(), "waits while the lock is held");
        assertEquals(1, locks.underContract("c2", () -> 1), "another contract's lock is free meanwhile");

        release.countDown();
        assertEquals(1, waiter.get(10, TimeUnit.SECONDS));
        holder.get(10, TimeUnit.SECONDS);
        assertEquals(0, locks.locksInUse());
    }

    @Test
    void a_dashboard_lock_not_waited_for_is_null_while_another_thread_holds_it() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> builder = CompletableFuture.runAsync(() -> {
            try (LockOrder.Held d = locks.dashboard("c1", DAY, true)) {
                held.countDown();
                await(release);
            }
        });
        assertTrue(held.await(10, TimeUnit.SECONDS));
        assertNull(locks.dashboard("c1", DAY, false));
        try (LockOrder.Held other = locks.dashboard("c1", DAY.plusDays(1), false)) {
            assertNotNull(other, "another day's dashboard is another lock");
        }
        release.countDown();
        builder.get(10, TimeUnit.SECONDS);
        try (LockOrder.Held again = locks.dashboard("c1", DAY, false)) {
            assertNotNull(again);
        }
        assertEquals(0, locks.locksInUse());
    }

    @Test
    void locks_exist_only_while_held_so_every_day_asked_for_leaves_nothing_behind() {
        for (int i = 0; i < 1000; i++) {
            try (LockOrder.Held d = locks.dashboard("c1", DAY.plusDays(i), true)) {
                assertEquals(1, locks.locksInUse());
            }
        }
        assertEquals(0, locks.locksInUse());
    }

    @Test
    void work_that_needs_the_contract_lock_fails_without_it() {
        assertThrows(IllegalStateException.class, () -> locks.requireContract("c1"));
        locks.underContract("c1", () -> {
            locks.requireContract("c1");
            assertThrows(IllegalStateException.class, () -> locks.requireContract("c2"));
            return null;
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
