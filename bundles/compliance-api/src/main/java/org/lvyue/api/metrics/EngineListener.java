package org.lvyue.api.metrics;

import java.time.Duration;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: told how long the engine's work took. Called on the engine's or an evaluation's thread:
 * return at once. (When a rule set is in place and which one, {@link org.lvyue.api.engine.RuleSetListener} says.)
 */
@ConsumerType
public interface EngineListener {
    /** A contract evaluated (against its stored records, not a what-if), in {@code took}. */
    void evaluated(String contractId, Duration took);

    /**
     * A new rule set swapped in: {@code took} from the start of the change (compiling the bundles that came,
     * or dropping the ones that left) to the swap.
     */
    void ruleSetSwapped(long ruleSetVersion, Duration took);
}
