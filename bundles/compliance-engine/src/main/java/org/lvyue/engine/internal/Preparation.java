package org.lvyue.engine.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.engine.ContractRecords;
import org.lvyue.api.fact.Fact;

/**
 * A contract's next session, built on the engine's thread beside the running one (or where none
 * runs). It is queued first and takes the rule set current when it starts, so swaps that come
 * while it waits cost one build; from its start it collects the facts and entries that arrive, to
 * replay them into the new session at the switch. Whoever needs it waits for its end.
 *
 * <p>Guarded by its memory's lock, but for the end, which any thread may wait for.
 */
final class Preparation {
    private RuleSet target;
    private ContractRecords snapshot;
    private final List<Fact> factsMeanwhile = new ArrayList<>();
    private final List<AuditEvent> entriesMeanwhile = new ArrayList<>();
    private final CompletableFuture<Void> end = new CompletableFuture<>();

    /** Starts building a session of {@code rules} from {@code snapshot}, or from the loader's records when null. */
    void start(RuleSet rules, ContractRecords snapshot) {
        this.target = rules;
        this.snapshot = snapshot;
    }

    boolean started() {
        return target != null;
    }

    /** The rule set it builds, once started. */
    RuleSet target() {
        return target;
    }

    /** The records it builds from, or null when it reads them from the loader. */
    ContractRecords snapshot() {
        return snapshot;
    }

    /** Facts that arrived since it started; before, its snapshot or the loader has them. */
    void arrived(Collection<Fact> facts) {
        if (started()) {
            factsMeanwhile.addAll(facts);
        }
    }

    void arrivedAuditEvents(Collection<AuditEvent> entries) {
        if (started()) {
            entriesMeanwhile.addAll(entries);
        }
    }

    List<Fact> factsMeanwhile() {
        return factsMeanwhile;
    }

    List<AuditEvent> entriesMeanwhile() {
        return entriesMeanwhile;
    }

    /** Switched, discarded or found needless: whoever waited looks again at what runs. */
    void end() {
        end.complete(null);
    }

    void fail(RuntimeException cause) {
        end.completeExceptionally(cause);
    }

    /** Waits for the end; throws what it failed with. */
    void await() {
        try {
            end.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
