package org.lvyue.engine.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A gate a rule consequence can stop at, so a test can act while an evaluation is under way. DRL
 * calls {@link #pass()}; it returns at once unless a test {@link #arm() armed} the gate, in which
 * case the first caller signals {@link #awaitEntered()} and waits for {@link #release()}. Every
 * wait has a time limit so a bug fails the test instead of hanging it. Public because the rule
 * classes Drools generates live in the DRL's package.
 */
public final class EvaluationGate {
    static final long TIMEOUT_SECONDS = 10;

    private static volatile CountDownLatch entered;
    private static volatile CountDownLatch released;

    private EvaluationGate() {
    }

    /** Called from a rule consequence. */
    public static void pass() {
        CountDownLatch in = entered;
        CountDownLatch out = released;
        if (in == null || out == null) {
            return;
        }
        in.countDown();
        try {
            if (!out.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("evaluation gate was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at the evaluation gate", e);
        }
    }

    static void arm() {
        entered = new CountDownLatch(1);
        released = new CountDownLatch(1);
    }

    static boolean awaitEntered() throws InterruptedException {
        return entered.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    static void release() {
        CountDownLatch out = released;
        if (out != null) {
            out.countDown();
        }
    }

    /** Releases anyone waiting and makes {@link #pass()} a no-op again. */
    static void disarm() {
        release();
        entered = null;
        released = null;
    }
}
