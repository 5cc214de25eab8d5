package org.lvyue.core.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.lvyue.api.service.BusyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each contract's line of batches that are stored (or being stored) and wait for their evaluation, and the
 * one drain per contract that evaluates them: whatever was stored while an evaluation ran is handed to the
 * engine and evaluated together in the next one, so a contract pays one evaluation per round instead of one
 * per batch, and a burst of writers shares the rounds instead of queueing behind each other's evaluations.
 *
 * <p>A line is bounded by count and by bytes, counted from before a batch is stored until the evaluation
 * that includes it has answered: past either bound a batch is refused before anything is stored
 * ({@link BusyException.Reason#QUEUE_FULL}, with a Retry-After from the recent evaluation time), so the
 * client retries it with the same ids, which the store takes as duplicates of nothing or of what it kept.
 *
 * <p>The drains run on {@code lvyue-intake} threads, at most one per contract at a time, and take the
 * contract's lock for the hand-over and the evaluation (never the engine's own thread: see {@link LockOrder}).
 */
final class IntakeQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IntakeQueue.class);
    static final int DEFAULT_MAX_BATCHES = 32;
    static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
    static final int DEFAULT_WAIT_SECONDS = 60;
    static final long DEFAULT_CROWDED_WAIT_MILLIS = 500;

    /** What one evaluation gave every batch it took in: the recorded findings, or why it failed. */
    record Evaluated(Reevaluator.Recorded recorded, String failure) {
    }

    /** Under the contract's lock: hands the stored batches to the engine, then evaluates the contract once. */
    interface Evaluation {
        Evaluated run(String contractId, List<Runnable> toEngine);
    }

    /** Room taken in a contract's line, from before its batch is stored until its evaluation answered. */
    static final class Place {
        private final Line line;
        private final long bytes;
        private boolean left;

        private Place(Line line, long bytes) {
            this.line = line;
            this.bytes = bytes;
        }
    }

    private record Waiting(Place place, Runnable toEngine, CompletableFuture<Evaluated> done) {
    }

    /** One contract's line. Guarded by itself. */
    private static final class Line {
        final String contractId;
        int batches;
        long bytes;
        List<Waiting> queued = new ArrayList<>();
        boolean draining;
        /** Recent evaluation time, smoothed, for the Retry-After of a refusal. */
        long evaluationNanos;
        long evaluations;

        Line(String contractId) {
            this.contractId = contractId;
        }
    }

    private final int maxBatches;
    private final long maxBytes;
    private final Duration wait;
    private final Duration crowdedWait;
    private final Evaluation evaluation;
    private final Map<String, Line> lines = new ConcurrentHashMap<>();
    private final ExecutorService drains;

    /**
     * @param wait        how long a request waits for the evaluation of its batch when the batch came alone
     * @param crowdedWait how long when other batches of the contract were in the line with it: under load the
     *                    answer is the acknowledgement that the batch is on disk, not the evaluation's findings
     */
    IntakeQueue(int maxBatches, long maxBytes, Duration wait, Duration crowdedWait, Evaluation evaluation) {
        if (maxBatches < 1 || maxBytes < 1 || wait.isNegative() || wait.isZero() || crowdedWait.isNegative()) {
            throw new IllegalArgumentException("intake queue bounds must be positive: " + maxBatches + " batches, "
                    + maxBytes + " bytes, wait " + wait + ", crowded " + crowdedWait);
        }
        this.maxBatches = maxBatches;
        this.maxBytes = maxBytes;
        this.wait = wait;
        this.crowdedWait = crowdedWait;
        this.evaluation = evaluation;
        AtomicInteger n = new AtomicInteger();
        // one thread per contract being drained at most: as many as contracts written at once, as before,
        // when each request evaluated on its own thread
        this.drains = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "lvyue-intake-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Takes room for a batch of about {@code bytes} in the contract's line, before it is stored.
     *
     * @throws BusyException QUEUE_FULL when the line holds its bound of batches or bytes already; a batch larger
     *                       than the byte bound alone is taken when the line is empty, so that it is never refused for ever
     */
    Place reserve(String contractId, long bytes) {
        Line line = lines.computeIfAbsent(contractId, Line::new);
        synchronized (line) {
            boolean roomForCount = line.batches < maxBatches;
            boolean roomForBytes = line.batches == 0 || line.bytes + bytes <= maxBytes;
            if (!roomForCount || !roomForBytes) {
                Duration retry = retryAfter(line);
                throw new BusyException(BusyException.Reason.QUEUE_FULL, "合同 " + contractId + " 待评估的批次已满（"
                        + line.batches + " 批，约 " + line.bytes / 1024 + " KiB；上限 " + maxBatches + " 批、" + maxBytes / 1024
                        + " KiB），本批未保存；请在 " + Math.max(1, (retry.toMillis() + 999) / 1000)
                        + " 秒后以相同的 id 重试 / the contract's queue is full; nothing was stored", retry);
            }
            line.batches++;
            line.bytes += bytes;
            return new Place(line, bytes);
        }
    }

    /** The batch of that place was not stored (refused or failed): its room is free again. */
    void abandon(Place place) {
        leave(place);
    }

    /**
     * The batch of that place is stored: queues its hand-over to the engine for the contract's next evaluation
     * and waits for that evaluation.
     *
     * @return what the evaluation gave, or null when it did not end within the configured wait, the short one when
     * other batches of the contract were in the line (the batch stays queued and is evaluated all the same)
     */
    Evaluated stored(Place place, Runnable toEngine) {
        return stored(place, toEngine, false);
    }

    /**
     * As {@link #stored(Place, Runnable)}, with the short wait also when {@code hurried}: the caller knows the next
     * evaluation will be long (the contract's memory is being built, after a start or a takeover).
     */
    Evaluated stored(Place place, Runnable toEngine, boolean hurried) {
        Waiting w = new Waiting(place, toEngine, new CompletableFuture<>());
        Line line = place.line;
        boolean start;
        boolean crowded;
        synchronized (line) {
            crowded = hurried || line.batches > 1;
            line.queued.add(w);
            start = !line.draining;
            line.draining = true;
        }
        if (start) {
            try {
                drains.execute(() -> drain(line));
            } catch (RejectedExecutionException closing) {
                drain(line); // stopping: the request's own thread evaluates what is queued
            }
        }
        try {
            return w.done().get((crowded ? crowdedWait : wait).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return new Evaluated(null, String.valueOf(e.getCause()));
        }
    }

    /** How many evaluations the drain of the contract has run. */
    long evaluations(String contractId) {
        Line line = lines.get(contractId);
        if (line == null) {
            return 0;
        }
        synchronized (line) {
            return line.evaluations;
        }
    }

    /** A contract's line now: batches stored or being stored and not yet answered by an evaluation, and their bytes. */
    record Depth(String contractId, int batches, long bytes) {
    }

    /** Every contract's line that has held a batch, now (the operators' metrics). */
    List<Depth> depths() {
        List<Depth> out = new ArrayList<>();
        for (Line line : lines.values()) {
            synchronized (line) {
                out.add(new Depth(line.contractId, line.batches, line.bytes));
            }
        }
        return out;
    }

    /** Whether no batch of the contract is being stored or waits for its evaluation: all it stored was evaluated. */
    boolean settled(String contractId) {
        Line line = lines.get(contractId);
        if (line == null) {
            return true;
        }
        synchronized (line) {
            return line.batches == 0;
        }
    }

    /** Batches of the contract stored and not yet taken by an evaluation (tests). */
    int waiting(String contractId) {
        Line line = lines.get(contractId);
        if (line == null) {
            return 0;
        }
        synchronized (line) {
            return line.queued.size();
        }
    }

    /** Batches of the contract stored or being stored and not yet answered by an evaluation. */
    int queued(String contractId) {
        Line line = lines.get(contractId);
        if (line == null) {
            return 0;
        }
        synchronized (line) {
            return line.batches;
        }
    }

    @Override
    public void close() {
        drains.shutdown();
        try {
            drains.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Evaluates the line's queued batches, round after round, until a round finds none. */
    private void drain(Line line) {
        while (true) {
            List<Waiting> round;
            synchronized (line) {
                if (line.queued.isEmpty()) {
                    line.draining = false;
                    return;
                }
                round = line.queued;
                line.queued = new ArrayList<>();
            }
            long t0 = System.nanoTime();
            Evaluated result;
            try (org.slf4j.MDC.MDCCloseable mdc = org.slf4j.MDC.putCloseable(Intake.CONTRACT_MDC, line.contractId)) {
                result = evaluation.run(line.contractId, round.stream().map(Waiting::toEngine).toList());
            } catch (RuntimeException | Error e) {
                // the batches are stored: whatever failed here is reported beside them, never as a refusal
                LOG.error("Contract {}: {} stored batches could not be evaluated", line.contractId, round.size(), e);
                result = new Evaluated(null, String.valueOf(e.getMessage() != null ? e.getMessage() : e));
            }
            long took = System.nanoTime() - t0;
            synchronized (line) {
                line.evaluationNanos = line.evaluations == 0 ? took : (line.evaluationNanos * 3 + took) / 4;
                line.evaluations++;
            }
            for (Waiting w : round) {
                leave(w.place());
                w.done().complete(result);
            }
        }
    }

    private static void leave(Place place) {
        Line line = place.line;
        synchronized (line) {
            if (!place.left) {
                place.left = true;
                line.batches--;
                line.bytes -= place.bytes;
            }
        }
    }

    /** Two evaluations from now: the one running and the one the line would join. Called holding the line. */
    private static Duration retryAfter(Line line) {
        return Duration.ofNanos(2 * Math.max(line.evaluationNanos, TimeUnit.MILLISECONDS.toNanos(250)));
    }

    /** About the bytes of the JSON a batch was read from: what its values print as, with some for the syntax. */
    static long sizeOf(Object value) {
        if (value instanceof Map<?, ?> m) {
            long n = 2;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                n += sizeOf(e.getKey()) + sizeOf(e.getValue()) + 2;
            }
            return n;
        }
        if (value instanceof Iterable<?> items) {
            long n = 2;
            for (Object item : items) {
                n += sizeOf(item) + 1;
            }
            return n;
        }
        if (value instanceof CharSequence text) {
            return text.length() + 2L;
        }
        // numbers and booleans as JSON writes them, about; nothing else comes out of a JSON parser
        return value == null || value instanceof Boolean ? 5 : value instanceof Number ? 12 : String.valueOf(value).length() + 2L;
    }
}
