package org.lvyue.api.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.FindingQuery;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.waiver.Waiver;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The durable record: contracts, facts (with who sent them and when) and findings. Every write is
 * one transaction, committed to disk before the call returns.
 */
@ProviderType
public interface ComplianceStore {

    /** Stores a contract definition; a higher version replaces a lower one. */
    void saveContract(StoredContract contract);

    List<StoredContract> contracts();

    /**
     * Each stored contract's version, by id, without the definitions: what a node of a cluster compares at every
     * round to learn of contracts defined or changed on the others.
     *
     * @since 1.6
     */
    default java.util.Map<String, Integer> contractVersions() {
        java.util.Map<String, Integer> versions = new java.util.TreeMap<>();
        contracts().forEach(c -> versions.put(c.id(), c.version()));
        return versions;
    }

    Optional<StoredContract> contract(String id);

    /**
     * Appends a batch of facts in one transaction: all of it or none. Facts whose id is already
     * stored with the same content are skipped and reported as duplicates.
     *
     * @throws ConflictingFactException when an id is already stored with different content
     */
    AppendResult appendFacts(String contractId, List<Fact> facts, String source);

    /**
     * As {@link #appendFacts(String, List, String)}, the attributes the catalogue marks confidential stored
     * encrypted (SM4, keys outside the database) and read back in clear.
     *
     * @param confidential the attributes to encrypt, each {@code <kind>/<attribute>}
     * @throws UnsupportedOperationException when this store cannot encrypt and {@code confidential} is not empty
     */
    default AppendResult appendFacts(String contractId, List<Fact> facts, String source, java.util.Set<String> confidential) {
        if (!confidential.isEmpty()) {
            throw new UnsupportedOperationException("this store cannot encrypt the confidential attributes " + confidential);
        }
        return appendFacts(contractId, facts, source);
    }

    /** The first day both databases keep: a dated read from it to {@link #LAST_DAY} is every fact of its kinds. @since 1.4 */
    LocalDate FIRST_DAY = LocalDate.of(1, 1, 1);
    /** The last day both databases keep. @since 1.4 */
    LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

    /**
     * Keeps what a clean stop knew of the contract's recorded findings, replacing what was kept before.
     *
     * @since 1.4
     */
    default void saveRestartStamp(String contractId, RestartStamp stamp) {
    }

    /**
     * The restart stamp of the contract, removed as it is read: it speaks of one start only, the next after the stop
     * that wrote it. Empty when there is none.
     *
     * @since 1.4
     */
    default java.util.Optional<RestartStamp> takeRestartStamp(String contractId) {
        return java.util.Optional.empty();
    }

    /** All facts of a contract, in the order they were stored. */
    List<Fact> facts(String contractId);

    long factCount(String contractId);

    /** How many facts of each kind the contract holds. */
    Map<String, Long> factCountsByKind(String contractId);

    /** The facts of one kind whose date lies in {@code [from, to]}, in date order. */
    List<Fact> facts(String contractId, String kind, LocalDate from, LocalDate to);

    /**
     * The facts of several kinds whose date lies in {@code [from, to]}, in one read of the store: by kind (every kind
     * asked for is a key, with an empty list when it has none), each in date order. For a caller that would otherwise
     * read kind by kind over the same days, such as a month's checklists, which read some thirty kinds.
     *
     * @since 1.3
     */
    Map<String, List<Fact>> facts(String contractId, java.util.Collection<String> kinds, LocalDate from, LocalDate to);

    /**
     * A page of the contract's facts, newest first: by date descending, then id descending.
     *
     * @param kind only this kind, or null for every kind
     */
    List<Fact> latestFacts(String contractId, String kind, int limit, int offset);

    /** How many facts of the contract there are of one kind, or of every kind when {@code kind} is null. */
    long factCount(String contractId, String kind);

    /** How many facts of each kind (and the domain they belong to) the contract holds, by kind. */
    List<org.lvyue.api.fact.FactKindCount> factKinds(String contractId);

    /** The stored facts among these ids (any order); ids not stored are left out. */
    List<Fact> factsWithIds(String contractId, java.util.Collection<String> ids);

    /**
     * Records an evaluation: findings it produced are opened or refreshed; open findings it no
     * longer produced are resolved. One transaction.
     *
     * @return how many findings were opened and resolved, and how many are open and not waived
     */
    FindingChanges reconcileFindings(Evaluation evaluation, Instant at);

    /**
     * The recorded findings, filtered; an open finding with a waiver in force on {@code asOf} has the
     * status WAIVED (and is filtered as such).
     */
    List<FindingRecord> findings(String contractId, FindingQuery query, LocalDate asOf);

    /**
     * One recorded finding by its key, with its status on {@code asOf} (WAIVED when a waiver is in force).
     */
    Optional<FindingRecord> finding(String contractId, String key, LocalDate asOf);

    /** Records a waiver; one transaction. */
    Waiver addWaiver(String contractId, Waiver.Target target, String key, String justification, LocalDate expiresOn,
                     String by, Instant at);

    /**
     * Withdraws a waiver, keeping it on record.
     *
     * @return the withdrawn waiver, or empty when the contract has no waiver with that id
     * @throws IllegalStateException when it was already withdrawn
     */
    Optional<Waiver> withdrawWaiver(String contractId, long id, String by, String reason, Instant at);

    /** Every waiver of the contract, withdrawn ones included, newest first. */
    List<Waiver> waivers(String contractId);

    /**
     * Counts of what one reconciliation changed.
     *
     * @param opened   findings newly open
     * @param resolved findings that were open and are not any more
     * @param open     findings open after it
     */
    record FindingChanges(int opened, int resolved, int open) {
    }

    /**
     * Stores a batch of audit-log entries in one transaction: entries whose id is stored with the same
     * content are skipped, another content under a stored id refuses the whole batch.
     *
     * @return how many were new
     * @throws ConflictingFactException when an id is reused with other content
     */
    int appendAuditEvents(String contractId, List<org.lvyue.api.audit.AuditEvent> events);

    List<org.lvyue.api.audit.AuditEvent> auditEvents(String contractId, org.lvyue.api.audit.AuditQuery query);

    long auditEventCount(String contractId, org.lvyue.api.audit.AuditQuery query);

    List<org.lvyue.api.audit.AuditCount> auditEventCounts(String contractId, org.lvyue.api.audit.AuditQuery query,
                                                          org.lvyue.api.audit.AuditLog.GroupBy by, int limit);

    /** Every audit-log entry of the contract, in time order, handed over one by one. */
    void forEachAuditEvent(String contractId, java.util.function.Consumer<org.lvyue.api.audit.AuditEvent> sink);

    /**
     * The entries of the contract that {@code selection} reads, in time order, handed over one by one: what the
     * engine builds a working memory from. A store selects them in its query; this default reads every entry and
     * drops the others.
     */
    default void forEachAuditEvent(String contractId, org.lvyue.api.audit.AuditSelection selection,
                                   java.util.function.Consumer<org.lvyue.api.audit.AuditEvent> sink) {
        forEachAuditEvent(contractId, e -> {
            if (selection.reads(e)) {
                sink.accept(e);
            }
        });
    }
}
