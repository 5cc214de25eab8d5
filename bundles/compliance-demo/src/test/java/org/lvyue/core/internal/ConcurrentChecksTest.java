package org.lvyue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.checklist.CheckEntry;
import org.lvyue.api.checklist.CheckRecord;
import org.lvyue.api.checklist.ChecklistItem;
import org.lvyue.api.service.ConflictException;
import org.lvyue.api.service.FactIntake;
import org.lvyue.api.service.IngestResult;

/**
 * Two engineers save the same item of the same day at once, on the real store (an H2 file) through the real intake:
 * the first to get in stores its record; the second, whose page showed what the first changed, is refused (409,
 * {@link ConflictException}) with who recorded the item and when, and stores nothing. The first save is held inside
 * the intake (a latch) until the second is seen waiting for it, so the two are truly at the same point at once: without
 * the per-contract save step, the second would reach the intake too and both records would stand.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConcurrentChecksTest {
    private static final String DEMO = ChecklistHarness.DEMO;
    private static final LocalDate MONDAY = LocalDate.of(2022, 2, 7);

    @TempDir
    Path dir;

    private ChecklistHarness core;
    private final CountDownLatch firstInside = new CountDownLatch(1);
    private final CountDownLatch releaseFirst = new CountDownLatch(1);
    private final AtomicInteger ingests = new AtomicInteger();
    private DailyChecklists checklists;

    @BeforeEach
    void start() {
        core = new ChecklistHarness(dir, LocalDate.of(2022, 2, 8));
        checklists = core.checklists(heldIntake(core.intake));
    }

    @AfterEach
    void stop() {
        releaseFirst.countDown();
        core.close();
    }

    /** The real intake, whose first {@code ingest} waits inside until the test lets it go on. */
    private FactIntake heldIntake(FactIntake real) {
        return (FactIntake) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{FactIntake.class}, (proxy, method, args) -> {
            if (method.getName().equals("ingest") && ingests.incrementAndGet() == 1) {
                firstInside.countDown();
                assertTrue(releaseFirst.await(60, TimeUnit.SECONDS), "the first save was never let go");
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    private ChecklistItem item(String id) {
        return checklists.checklist(DEMO, MONDAY).items().stream().filter(i -> i.obligationId().equals(id)).findFirst().orElseThrow();
    }

    /** Waits (polling, no fixed sleep) until the second save is queued behind the first, or has reached the intake itself. */
    private void awaitSecondWaitingOrInside(Thread second) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!checklists.waitingToSave(DEMO, second) && ingests.get() < 2) {
            assertTrue(System.nanoTime() < deadline, "the second save neither waited nor reached the intake");
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    @Test
    void two_engineers_recording_the_same_unrecorded_item_at_once_store_one_record_and_the_second_is_told_who_and_when() throws Exception {
        CompletableFuture<Object> zhang = new CompletableFuture<>();
        CompletableFuture<Object> li = new CompletableFuture<>();
        Thread first = new Thread(() -> save(zhang, "zhang", new CheckEntry("ia.d05", "主", true, "正常", null, null)), "zhang");
        Thread second = new Thread(() -> save(li, "li", new CheckEntry("ia.d05", "主", true, "运行正常", null, null)), "li");
        first.start();
        assertTrue(firstInside.await(60, TimeUnit.SECONDS), "the first save reached the intake");
        second.start();
        awaitSecondWaitingOrInside(second);
        releaseFirst.countDown();
        first.join();
        second.join();

        assertEquals(1, ((IngestResult) zhang.get()).stored(), String.valueOf(zhang.get()));
        ConflictException refused = assertInstanceOf(ConflictException.class, li.get(), String.valueOf(li.get()));
        List<CheckRecord> records = item("ia.d05").records();
        assertEquals(1, records.size(), records::toString);
        CheckRecord stored = records.get(0);
        assertEquals("zhang", stored.engineer());
        String at = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(stored.recordedAt().atZone(ZoneId.of("Asia/Shanghai")));
        assertTrue(refused.getMessage().startsWith("未保存：检查项 ia.d05（主） 在 2022-02-07 已由 zhang 于 " + at + " 记录"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains(stored.factId()), refused.getMessage());
    }

    @Test
    void two_engineers_correcting_the_same_record_at_once_leave_one_correction_and_the_second_is_told_who_corrected_it() throws Exception {
        // the item recorded before either page was opened (not held: the first ingest of the test is this one)
        releaseFirst.countDown();
        checklists.record(DEMO, MONDAY, "wang", List.of(new CheckEntry("ia.d05", "主", true, null, null, null)));
        String shown = item("ia.d05").records().get(0).factId();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger corrections = new AtomicInteger();
        DailyChecklists held = core.checklists((FactIntake) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{FactIntake.class}, (proxy, method, args) -> {
                    if (method.getName().equals("ingest") && corrections.incrementAndGet() == 1) {
                        inside.countDown();
                        assertTrue(release.await(60, TimeUnit.SECONDS));
                    }
                    try {
                        return method.invoke(core.intake, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));

        CompletableFuture<Object> zhang = new CompletableFuture<>();
        CompletableFuture<Object> li = new CompletableFuture<>();
        Thread first = new Thread(() -> save(held, zhang, "zhang", new CheckEntry("ia.d05", "主", true, "复查：服务正常", shown, null)), "zhang");
        Thread second = new Thread(() -> save(held, li, "li", new CheckEntry("ia.d05", "主", true, "复查正常", shown, null)), "li");
        first.start();
        assertTrue(inside.await(60, TimeUnit.SECONDS));
        second.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!held.waitingToSave(DEMO, second) && corrections.get() < 2) {
            assertTrue(System.nanoTime() < deadline, "the second correction neither waited nor reached the intake");
            Thread.onSpinWait();
            Thread.yield();
        }
        release.countDown();
        first.join();
        second.join();

        assertEquals(1, ((IngestResult) zhang.get()).stored(), String.valueOf(zhang.get()));
        ConflictException refused = assertInstanceOf(ConflictException.class, li.get(), String.valueOf(li.get()));
        List<CheckRecord> records = item("ia.d05").records();
        assertEquals(2, records.size(), records::toString);
        CheckRecord correction = records.stream().filter(r -> shown.equals(r.supersedes())).findFirst().orElseThrow();
        assertEquals("zhang", correction.engineer());
        assertNull(correction.supersededBy());
        assertTrue(refused.getMessage().contains("已被 zhang 于 ") && refused.getMessage().contains(correction.factId()),
                refused.getMessage());
    }

    private void save(CompletableFuture<Object> outcome, String engineer, CheckEntry entry) {
        save(checklists, outcome, engineer, entry);
    }

    /** The outcome of a save: its result, or what it threw. */
    private static void save(DailyChecklists room, CompletableFuture<Object> outcome, String engineer, CheckEntry entry) {
        try {
            outcome.complete(room.record(DEMO, MONDAY, engineer, List.of(entry)));
        } catch (RuntimeException | Error e) {
            outcome.complete(e);
        }
    }
}
