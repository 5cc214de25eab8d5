package org.lvyue.api.engine;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.fact.FactKind;
import org.lvyue.api.spi.DomainCatalogue;

/**
 * The rule engine: owns the rule set built from the active domain bundles and holds each contract's
 * facts against it. Implementations keep a working memory per contract, so adding facts is
 * incremental; a rule-set swap never mixes old and new rules within one evaluation.
 */
public interface ComplianceEngine {

    /** Every domain bundle seen, active or refused, sorted by domain id. */
    List<DomainStatus> domains();

    /** The catalogues of the active domains. */
    List<DomainCatalogue> catalogues();

    /** The fact kind of that name among the active domains. */
    Optional<FactKind> factKind(String kind);

    /** The sequence number of the active rule set. */
    long ruleSetVersion();

    /** Makes the engine hold this contract with these facts, replacing whatever it held for it. */
    void load(Contract contract, Collection<Fact> facts);

    /** Whether the engine holds the contract. */
    boolean isLoaded(String contractId);

    /** Adds facts to a loaded contract's working memory (facts whose id it holds already are replaced). */
    void addFacts(String contractId, Collection<Fact> facts);

    /**
     * Adds audit-log entries to a loaded contract's working memory (entries whose id it holds are
     * skipped). They are kept apart from the facts: only rules that match
     * {@link org.lvyue.api.audit.AuditEvent} see them.
     */
    void addAuditEvents(String contractId, Collection<org.lvyue.api.audit.AuditEvent> events);

    /** Evaluates a loaded contract as of a day. */
    Evaluation evaluate(String contractId, LocalDate asOf);

    /** Evaluates a loaded contract as of a day, the support clock reading {@code clock} ({@link EvaluationClock}). */
    Evaluation evaluate(String contractId, LocalDate asOf, EvaluationClock clock);

    /**
     * Gets a loaded contract's working memory ready for the current rule set, evaluated as of
     * {@code asOf}, without stopping evaluations meanwhile: until it returns they answer from the
     * previous rule set (see {@link Evaluation#ruleSetVersion()}). Call it after a rule-set change,
     * before the evaluation that records the new findings. When a preparation is under way already
     * (see {@link #startPreparing}) it waits for that one. An engine that cannot prepare ahead
     * rebuilds on the next evaluation instead.
     */
    default void prepare(String contractId, LocalDate asOf, EvaluationClock clock) {
    }

    /**
     * Starts {@link #prepare} on the engine's own thread and returns at once: from this call until
     * the memory is ready, evaluations of the contract answer from the previous rule set. A write
     * calls it before it takes the contract's lock, so that no request thread builds a memory and no
     * writer waits behind one. Does nothing when the memory is current or a preparation is under way.
     */
    default void startPreparing(String contractId, LocalDate asOf, EvaluationClock clock) {
    }

    /**
     * Evaluates a contract with extra facts without keeping them: the working memory of the contract
     * is left as it was.
     */
    Evaluation evaluateWith(String contractId, Collection<Fact> extraFacts, LocalDate asOf);

    /** Forgets a contract. */
    void unload(String contractId);
}
