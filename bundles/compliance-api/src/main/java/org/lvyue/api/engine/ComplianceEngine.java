package org.lvyue.api.engine;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.fact.FactKind;
import org.lvyue.api.spi.DomainCatalogue;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The rule engine: owns the rule set built from the active domain bundles and holds each contract's
 * facts against it. Implementations keep a working memory per contract, so adding facts is
 * incremental, and own its whole life: built from the contract's records at first use, kept current
 * as facts arrive, rebuilt beside the running one after a rule-set change and switched to when
 * ready, released and rebuilt on demand. A rule-set swap never mixes old and new rules within one
 * evaluation.
 */
@ProviderType
public interface ComplianceEngine {

    /** Every domain bundle seen, active or refused, sorted by domain id. */
    List<DomainStatus> domains();

    /** The catalogues of the active domains. */
    List<DomainCatalogue> catalogues();

    /**
     * The catalogues of the active domains that apply to the contract: those of every contract, and those of the
     * services it buys whose running bundle's version it accepts ({@link org.lvyue.api.contract.ContractService#accepts});
     * all of them when the contract does not say which services it buys.
     */
    List<DomainCatalogue> catalogues(org.lvyue.api.contract.Contract contract);

    /** The fact kind of that name among the active domains. */
    Optional<FactKind> factKind(String kind);

    /** The sequence number of the active rule set. */
    long ruleSetVersion();

    /**
     * A digest of what the active rule set is made of: the engine's build and each active domain bundle's identity and
     * content. Equal across restarts while neither changed, where {@link #ruleSetVersion()} starts again at 1. Empty
     * while the engine is {@link #preparing()}, or when it cannot tell its build apart from another: then nothing may be
     * taken to be evaluated on this rule set before.
     *
     * @since 1.3
     */
    default String ruleSetDigest() {
        return "";
    }

    /**
     * What the engine is still preparing before its rule set is the one the node starts on (the domain
     * bundles present at start, built together), each in a line (Chinese first, English beside it);
     * empty once it is. Until then a contract's findings would only stand on a partial rule set.
     */
    default List<String> preparing() {
        return List.of();
    }

    /**
     * Makes the engine hold a contract kept elsewhere, replacing whatever it held for it. Nothing is
     * read yet: the contract's working memory is built from what {@code loader} reads at its first
     * use, and again at the next use after {@link #release}.
     */
    void open(String contractId, ContractLoader loader);

    /**
     * Makes the engine hold this contract with these facts, replacing whatever it held for it. What
     * it is given is all there is of the contract, so {@link #release} frees its session only and
     * keeps the facts and entries to build the next one from (tests, benchmarks).
     */
    void load(Contract contract, Collection<Fact> facts);

    /** Whether the engine holds the contract (opened or loaded, released or not). */
    boolean isLoaded(String contractId);

    /**
     * Adds facts to a held contract (facts whose id it holds already are replaced). For an opened
     * contract, store them where its loader reads first: while its memory is released they are
     * only read from there.
     */
    void addFacts(String contractId, Collection<Fact> facts);

    /**
     * Adds audit-log entries to a held contract (entries whose id it holds are skipped); stored
     * first, as for {@link #addFacts}. They are kept apart from the facts: only rules that match
     * {@link org.lvyue.api.audit.AuditEvent} see them.
     */
    void addAuditEvents(String contractId, Collection<org.lvyue.api.audit.AuditEvent> events);

    /** Evaluates a held contract as of a day (see {@link #evaluate(String, LocalDate, EvaluationClock)}). */
    Evaluation evaluate(String contractId, LocalDate asOf);

    /**
     * Evaluates a held contract as of a day, the support clock reading {@code clock}
     * ({@link EvaluationClock}). After a rule-set change it answers from the previous rule set until
     * the engine has built the contract's memory for the new one ({@link Evaluation#ruleSetVersion()}
     * says which, {@link ContractSwitchListener} when it changes). A memory not built yet (first
     * use, after a release) is built first, on the engine's thread, while the caller waits.
     */
    Evaluation evaluate(String contractId, LocalDate asOf, EvaluationClock clock);

    /**
     * Evaluates a contract with extra facts without keeping them: the working memory of the contract
     * is left as it was.
     */
    Evaluation evaluateWith(String contractId, Collection<Fact> extraFacts, LocalDate asOf);

    /**
     * Lets a held contract's working memory go: its session and, for an opened contract, its facts
     * and entries. The contract stays held; its next use builds the memory again, from its loader,
     * on the rule set current then, with the same findings as before for the same records.
     */
    void release(String contractId);

    /** Forgets a contract. */
    void unload(String contractId);

    /**
     * What the memory budget holds and did: working memories held, their estimated bytes, releases
     * and rebuilds. Working memories unused for the idle time, or the least recently used when the
     * budget needs room, are {@linkplain #release released} by the engine itself.
     */
    MemoryFigures memory();
}
