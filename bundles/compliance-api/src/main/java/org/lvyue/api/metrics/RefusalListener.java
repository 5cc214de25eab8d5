package org.lvyue.api.metrics;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: told of every request refused for overload (429 or 503 with Retry-After, nothing done).
 * Called on the request's thread: return at once.
 */
@ConsumerType
@FunctionalInterface
public interface RefusalListener {
    /**
     * @param status the HTTP status answered, 429 or 503
     * @param reason why: a {@link org.lvyue.api.service.BusyException.Reason} name ({@code QUEUE_FULL},
     *               {@code NO_CAPACITY}, {@code NOT_READY}), {@code REQUEST_SLOTS} when every request slot of the
     *               API was taken, {@code HEAVY_READ_SLOTS} when every slot for the views computed from a whole
     *               contract was, or {@code NOT_OWNER} when another node of a cluster took the contract over
     */
    void refused(int status, String reason);
}
