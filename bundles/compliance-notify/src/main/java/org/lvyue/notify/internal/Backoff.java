package org.lvyue.notify.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * When a failed message is tried again: {@code first}, then twice as long each time up to {@code longest}; after
 * {@code attempts} failed attempts it is given up.
 */
record Backoff(Duration first, Duration longest, int attempts) {
    Backoff {
        if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0 || attempts < 1) {
            throw new IllegalArgumentException("backoff: first > 0, longest >= first, attempts >= 1: " + first + ", "
                    + longest + ", " + attempts);
        }
    }

    /**
     * @param failed the failed attempts so far, this one included
     * @return when to try again, or null to give up
     */
    Instant retryAt(int failed, Instant now) {
        if (failed >= attempts) {
            return null;
        }
        Duration wait = first;
        for (int i = 1; i < failed && wait.compareTo(longest) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return now.plus(wait.compareTo(longest) > 0 ? longest : wait);
    }
}
