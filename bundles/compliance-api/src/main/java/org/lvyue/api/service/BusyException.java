package org.lvyue.api.service;

import java.time.Duration;
import java.util.Objects;

/**
 * The product cannot take the request now, and says when to try again: nothing was stored or
 * changed, so the same request (with the same fact ids) is safe to repeat after {@link #retryAfter()}.
 * Over HTTP it is 429 for a client that sends more than its contract's queue holds
 * ({@link Reason#QUEUE_FULL}) and 503 for work the node has no room for now ({@link Reason#NO_CAPACITY},
 * {@link Reason#NOT_READY}), each with {@code Retry-After}.
 */
public class BusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the request is not taken now. */
    public enum Reason {
        /** The contract's queue of batches waiting for evaluation is full (count or bytes): HTTP 429. */
        QUEUE_FULL,
        /** Every slot of a bounded kind of work (report rendering, what-if) is taken: HTTP 503. */
        NO_CAPACITY,
        /** What the request needs is still being prepared (start-up, re-evaluation after a rule change): HTTP 503. */
        NOT_READY
    }

    private final Reason reason;
    private final Duration retryAfter;

    /** {@code message} says in Chinese first what is busy and what to do; {@code retryAfter} is at least one second. */
    public BusyException(Reason reason, String message, Duration retryAfter) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(retryAfter, "retryAfter");
        this.retryAfter = retryAfter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    /** When the request may succeed, at least one second. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The HTTP status this answer takes: 429 when the client should slow down, 503 otherwise. */
    public int httpStatus() {
        return reason == Reason.QUEUE_FULL ? 429 : 503;
    }
}
