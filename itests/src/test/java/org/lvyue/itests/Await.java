package org.lvyue.itests;

import java.util.function.Supplier;

/**
 * Waits for a condition the product reaches asynchronously (fileinstall polling, a rule set swap),
 * checking it repeatedly up to a deadline; fails with the last value seen. Not a sleep-and-hope:
 * it returns as soon as the condition holds.
 */
final class Await {
    private Await() {
    }

    static <T> T until(String what, Supplier<T> probe, java.util.function.Predicate<T> done, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for " + what + "; last: " + last);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = probe.get();
        }
        return last;
    }
}
