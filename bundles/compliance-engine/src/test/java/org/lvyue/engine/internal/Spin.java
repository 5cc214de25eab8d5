package org.lvyue.engine.internal;

/**
 * A Java loop for a rule consequence, the kind nothing in a JVM can stop: it ignores halts and
 * interrupts and spins until a test {@link #release() releases} it, so the test can end it instead
 * of leaving a processor busy for the rest of the run. Public because the rule classes Drools
 * generates live in the DRL's package.
 */
public final class Spin {
    private static volatile boolean released;
    private static volatile boolean spinning;

    private Spin() {
    }

    /** Called from a rule consequence: returns only once released. */
    public static void forever() {
        spinning = true;
        long turns = 0;
        while (!released) {
            turns++; // busy: no sleep, no wait, nothing an interrupt reaches
        }
        spinning = false;
        if (turns < 0) {
            throw new IllegalStateException("unreachable, keeps the loop from being optimised away");
        }
    }

    static boolean spinning() {
        return spinning;
    }

    static void reset() {
        released = false;
        spinning = false;
    }

    static void release() {
        released = true;
    }
}
