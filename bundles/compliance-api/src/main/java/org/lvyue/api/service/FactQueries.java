package org.lvyue.api.service;

import java.time.LocalDate;
import java.util.List;

import org.lvyue.api.baseline.CollectorRun;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.fact.FactKindCount;
import org.lvyue.api.fact.FactPage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The stored facts of a contract read back: by kind and date, newest first by page, counted by kind, by id, as a
 * fingerprint, and the collectors' latest runs.
 */
@ProviderType
public interface FactQueries {

    /**
     * The stored facts of one kind dated from {@code from} to {@code to} (inclusive), in date order.
     *
     * @throws NotFoundException when the contract does not exist
     */
    List<Fact> facts(String contractId, String kind, LocalDate from, LocalDate to);

    /** Every stored fact of one kind, whatever its date, in date order. */
    default List<Fact> facts(String contractId, String kind) {
        return facts(contractId, kind, LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31));
    }

    /**
     * A page of the contract's stored facts, newest first (date, then id).
     *
     * @param kind only this kind, or null for all
     * @throws NotFoundException when there is no such contract
     */
    FactPage latestFacts(String contractId, String kind, int limit, int offset);

    /** How many facts of each kind the contract holds, with the kind's domain. */
    List<FactKindCount> factKinds(String contractId);

    /** The stored facts with these ids (any order); unknown ids are left out. */
    List<Fact> factsWithIds(String contractId, java.util.Collection<String> ids);

    /**
     * The fingerprint of the contract's facts dated on or before {@code asOf}.
     *
     * @throws NotFoundException when the contract does not exist
     */
    FactsDigest factsDigest(String contractId, LocalDate asOf);

    /** The latest run of each collector target of the contract (see {@link CollectorRun}). */
    default List<CollectorRun> collectorRuns(String contractId) {
        return CollectorRun.latestPerTarget(facts(contractId, CollectorRun.KIND)
                .stream().map(CollectorRun::of).toList());
    }
}
