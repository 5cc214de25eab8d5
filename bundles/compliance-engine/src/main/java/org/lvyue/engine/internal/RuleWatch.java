package org.lvyue.engine.internal;

import java.util.IdentityHashMap;
import java.util.Map;

import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/**
 * Attached to every session: which rule's consequence runs right now, and how often each rule fired
 * since the last {@link #reset()}. That is how a failure is traced to its domain: the rule that
 * threw, or, when an evaluation runs out of time, the domain whose rules fired most.
 *
 * <p>Written by the thread that fires the rules only; {@link #current()} is read by the thread that
 * watches it, the counts once that thread is done.
 */
final class RuleWatch extends DefaultAgendaEventListener {
    private volatile Rule current;
    private final Map<Rule, long[]> firings = new IdentityHashMap<>();

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        Rule rule = event.getMatch().getRule();
        current = rule;
        firings.computeIfAbsent(rule, r -> new long[1])[0]++;
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        current = null;
    }

    /** The rule whose consequence is running, or null between consequences. */
    Rule current() {
        return current;
    }

    void reset() {
        current = null;
        firings.clear();
    }

    /** Firings per rule since the last reset. */
    Map<Rule, Long> firings() {
        Map<Rule, Long> out = new IdentityHashMap<>();
        firings.forEach((r, n) -> out.put(r, n[0]));
        return out;
    }
}
