package org.lvyue.api.engine;

/**
 * Whiteboard service: told after the engine switched to a new rule set (a domain bundle was added,
 * updated, removed, or refused). Called on the engine's own thread; keep it short or hand off.
 */
public interface RuleSetListener {
    void ruleSetChanged(long ruleSetVersion, java.util.List<DomainStatus> domains);
}
