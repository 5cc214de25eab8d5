package org.lvyue.rest.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletResponse;

/**
 * The API's requests served at once, bounded: a request waits a short time for a slot and past it is answered
 * 503 with Retry-After before anything is read or done. Without it, offered more than the node can serve, requests
 * pile up on the HTTP threads and the database connections until every one of them, health included, times out.
 * {@code /api/health} is never held back ({@link HealthServlet} is a servlet of its own): monitoring must see a busy
 * node as busy, not as dead.
 */
final class RequestSlots {
    static final int DEFAULT_MAX = 16;
    static final long DEFAULT_WAIT_MILLIS = 500;
    /**
     * One per processor of the machine this was measured on (two): a view of a whole contract keeps a processor busy
     * for its whole time, so more of them at once only make each one, and every write, slower.
     */
    static final int DEFAULT_HEAVY_READS = 2;
    /** Short: a view refused at once and asked again is better than one that waits and then takes seconds. */
    static final long DEFAULT_HEAVY_READ_WAIT_MILLIS = 100;

    private final Semaphore slots;
    private final long waitNanos;

    RequestSlots(int max, Duration wait) {
        if (max < 1 || wait.isNegative()) {
            throw new IllegalArgumentException("at least one request slot and a wait not negative: " + max + ", " + wait);
        }
        this.slots = new Semaphore(max, true);
        this.waitNanos = wait.toNanos();
    }

    /** Takes a slot, waiting up to the configured time; false when none came free. */
    boolean enter() {
        try {
            return slots.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void leave() {
        slots.release();
    }

    /** The answer to a request that found no slot: 503, Retry-After, the API's error shape; nothing was done. */
    static void refuse(ServletResponse response) throws IOException {
        HttpServletResponse http = (HttpServletResponse) response;
        http.setStatus(503);
        http.setHeader("Retry-After", "1");
        http.setContentType("application/json;charset=UTF-8");
        byte[] body = RestServlet.mapper().writeValueAsBytes(new ApiError(503, "unavailable",
                "服务繁忙：同时处理的请求已达上限，本次请求未执行；请在 1 秒后重试",
                "The server is busy; nothing was done, retry after 1 s", List.of()));
        http.setContentLength(body.length);
        http.getOutputStream().write(body);
    }

    /** Slots free now. */
    int free() {
        return slots.availablePermits();
    }
}
