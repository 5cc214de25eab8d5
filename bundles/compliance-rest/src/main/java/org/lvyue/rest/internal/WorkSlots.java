package org.lvyue.rest.internal;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.lvyue.api.service.BusyException;

/**
 * Bounded concurrency for the heavy kinds of request, report rendering and what-if: each kind has its number
 * of slots; a request waits a short bounded time for one and past it is answered 503 with Retry-After
 * ({@link BusyException.Reason#NO_CAPACITY}), nothing changed. So a crowd asking for PDFs takes a few cores,
 * not every thread and the heap, and the writes and light reads beside it keep being answered.
 */
final class WorkSlots {
    static final int DEFAULT_REPORTS = 2;
    static final int DEFAULT_WHAT_IFS = 4;
    static final long DEFAULT_WAIT_MILLIS = 500;

    /** The bounded kinds, with what a user reads of them. */
    enum Kind {
        REPORT("报告生成", "report rendering"), WHAT_IF("假设评估", "what-if evaluation");

        final String zh;
        final String en;

        Kind(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }
    }

    private final Map<Kind, Semaphore> slots = new EnumMap<>(Kind.class);
    private final Map<Kind, Integer> sizes = new EnumMap<>(Kind.class);
    /** Recent duration of each kind, smoothed: the Retry-After of a refusal. */
    private final Map<Kind, AtomicLong> recentNanos = new EnumMap<>(Kind.class);
    private final long waitNanos;

    WorkSlots(int reports, int whatIfs, Duration wait) {
        if (reports < 1 || whatIfs < 1 || wait.isNegative()) {
            throw new IllegalArgumentException("slots must be at least one and the wait not negative: " + reports + ", "
                    + whatIfs + ", " + wait);
        }
        sizes.put(Kind.REPORT, reports);
        sizes.put(Kind.WHAT_IF, whatIfs);
        for (Kind k : Kind.values()) {
            slots.put(k, new Semaphore(sizes.get(k), true));
            recentNanos.put(k, new AtomicLong(TimeUnit.SECONDS.toNanos(1)));
        }
        this.waitNanos = wait.toNanos();
    }

    static WorkSlots defaults() {
        return new WorkSlots(DEFAULT_REPORTS, DEFAULT_WHAT_IFS, Duration.ofMillis(DEFAULT_WAIT_MILLIS));
    }

    /**
     * Runs {@code work} in a slot of its kind.
     *
     * @throws BusyException NO_CAPACITY when no slot came free within the wait (the work did not run)
     */
    <T> T run(Kind kind, Supplier<T> work) {
        Semaphore s = slots.get(kind);
        boolean got;
        try {
            got = s.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            got = false;
        }
        if (!got) {
            Duration retry = Duration.ofNanos(recentNanos.get(kind).get());
            throw new BusyException(BusyException.Reason.NO_CAPACITY, kind.zh + "繁忙：" + sizes.get(kind) + " 个并发名额均在使用中，"
                    + "本次请求未执行；请在 " + Math.max(1, (retry.toMillis() + 999) / 1000) + " 秒后重试 / every " + kind.en
                    + " slot is taken; nothing was done", retry);
        }
        long t0 = System.nanoTime();
        try {
            return work.get();
        } finally {
            long took = System.nanoTime() - t0;
            recentNanos.get(kind).updateAndGet(r -> (r * 3 + took) / 4);
            s.release();
        }
    }

    /** Slots of the kind free now. */
    int free(Kind kind) {
        return slots.get(kind).availablePermits();
    }
}
