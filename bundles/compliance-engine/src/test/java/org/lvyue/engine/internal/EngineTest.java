package org.lvyue.engine.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.lvyue.api.engine.ContractSwitchListener;
import org.lvyue.api.engine.Evaluation;

/**
 * A fresh engine for every test, closed afterwards, and what it tells about contracts switching rule
 * sets. A test that hangs (a preparation nobody ends) fails at the time limit instead.
 */
@Timeout(60)
abstract class EngineTest {
    protected DroolsEngine engine;
    protected Switches switches;

    @BeforeEach
    void newEngine() {
        engine = new DroolsEngine();
        switches = new Switches();
        engine.addSwitchListener(switches);
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    /**
     * Evaluates the contract once its memory stands on the engine's rule set: after a swap the
     * engine builds it on its own thread and evaluations answer from the previous one until then.
     * Waits for the engine's word that it switched, never for a while.
     */
    protected Evaluation evaluateOnCurrent(String contractId, LocalDate asOf) {
        while (true) {
            int seen = switches.count();
            Evaluation e = engine.evaluate(contractId, asOf);
            if (e.ruleSetVersion() == engine.ruleSetVersion()) {
                return e;
            }
            switches.awaitMoreThan(seen);
        }
    }

    /** Every switch the engine told of, in order. */
    static final class Switches implements ContractSwitchListener {
        record Switch(String contractId, long ruleSetVersion) {
        }

        private final List<Switch> told = new ArrayList<>();

        @Override
        public synchronized void switched(String contractId, long ruleSetVersion) {
            told.add(new Switch(contractId, ruleSetVersion));
            notifyAll();
        }

        synchronized int count() {
            return told.size();
        }

        synchronized List<Switch> told() {
            return List.copyOf(told);
        }

        /** Waits until more than {@code seen} switches were told; fails after {@link EvaluationGate#TIMEOUT_SECONDS}. */
        synchronized void awaitMoreThan(int seen) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EvaluationGate.TIMEOUT_SECONDS);
            while (told.size() <= seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the engine told of no switch after the " + seen + " before: " + told);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for a switch", e);
                }
            }
        }
    }
}
