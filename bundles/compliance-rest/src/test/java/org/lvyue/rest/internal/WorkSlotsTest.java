package org.lvyue.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.service.BusyException;

/** Report rendering and what-if in bounded slots, with real threads: past the slots, 503 and nothing run. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WorkSlotsTest {
    private final CountDownLatch inside = new CountDownLatch(1);
    private final CountDownLatch finish = new CountDownLatch(1);

    private CompletableFuture<String> occupy(WorkSlots slots, WorkSlots.Kind kind) throws InterruptedException {
        CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> slots.run(kind, () -> {
            inside.countDown();
            try {
                finish.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "rendered";
        }));
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        return running;
    }

    @Test
    void a_report_asked_while_every_report_slot_is_taken_is_answered_503_with_retry_after_and_not_rendered() throws Exception {
        WorkSlots slots = new WorkSlots(1, 1, Duration.ZERO);
        CompletableFuture<String> first = occupy(slots, WorkSlots.Kind.REPORT);
        AtomicBoolean ran = new AtomicBoolean();

        BusyException busy = assertThrows(BusyException.class, () -> slots.run(WorkSlots.Kind.REPORT, () -> {
            ran.set(true);
            return "second";
        }));
        assertEquals(BusyException.Reason.NO_CAPACITY, busy.reason());
        assertEquals(503, busy.httpStatus());
        assertTrue(busy.retryAfter().compareTo(Duration.ofSeconds(1)) >= 0);
        assertTrue(busy.getMessage().startsWith("报告生成繁忙"), busy.getMessage());
        assertFalse(ran.get(), "nothing of the refused request ran");

        finish.countDown();
        assertEquals("rendered", first.get(30, TimeUnit.SECONDS));
        assertEquals("again", slots.run(WorkSlots.Kind.REPORT, () -> "again"), "a freed slot is taken again");
        assertEquals(1, slots.free(WorkSlots.Kind.REPORT));
    }

    @Test
    void the_kinds_have_their_own_slots_so_reports_do_not_hold_up_what_ifs() throws Exception {
        WorkSlots slots = new WorkSlots(1, 1, Duration.ZERO);
        CompletableFuture<String> report = occupy(slots, WorkSlots.Kind.REPORT);

        assertEquals("what-if", slots.run(WorkSlots.Kind.WHAT_IF, () -> "what-if"));
        finish.countDown();
        report.get(30, TimeUnit.SECONDS);
    }

    @Test
    void a_slot_freed_within_the_wait_is_taken_instead_of_refusing() throws Exception {
        WorkSlots slots = new WorkSlots(1, 1, Duration.ofSeconds(30));
        CompletableFuture<String> first = occupy(slots, WorkSlots.Kind.WHAT_IF);
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> slots.run(WorkSlots.Kind.WHAT_IF, () -> "second"));
        assertFalse(second.isDone());

        finish.countDown();
        assertEquals("second", second.get(30, TimeUnit.SECONDS));
        first.get(30, TimeUnit.SECONDS);
    }

    @Test
    void a_slot_is_given_back_when_the_work_throws() {
        WorkSlots slots = new WorkSlots(1, 1, Duration.ZERO);
        assertThrows(IllegalStateException.class, () -> slots.run(WorkSlots.Kind.REPORT, () -> {
            throw new IllegalStateException("rendering failed");
        }));
        assertEquals(1, slots.free(WorkSlots.Kind.REPORT));
    }
}
