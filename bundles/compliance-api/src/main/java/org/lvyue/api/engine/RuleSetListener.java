package org.lvyue.api.engine;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: told after the engine switched to a new rule set (a domain bundle was added,
 * updated, removed, refused, or stopped because a rule of it failed while running). Called on the
 * thread that made the change (the engine's own, or an evaluation's); keep it short or hand off.
 */
@ConsumerType
public interface RuleSetListener {
    void ruleSetChanged(long ruleSetVersion, java.util.List<DomainStatus> domains);
}
