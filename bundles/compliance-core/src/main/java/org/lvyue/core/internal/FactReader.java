package org.lvyue.core.internal;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import org.lvyue.api.fact.Fact;
import org.lvyue.api.fact.FactKindCount;
import org.lvyue.api.fact.FactPage;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.FactQueries;
import org.lvyue.api.service.FactsDigest;
import org.lvyue.api.store.ComplianceStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A contract's stored facts read back: by kind and dates, by page, counted by kind, by id, and as a
 * digest (kept while the contract's fact count is unchanged).
 */
@Component(service = FactQueries.class)
public final class FactReader implements FactQueries {
    /** How many contracts' digests are kept. */
    static final int DIGESTS_KEPT = 64;

    /** A digest with the fact count it was made at. */
    private record Digest(long factCount, FactsDigest digest) {
    }

    private final ComplianceStore store;
    private final Contracts contracts;
    /**
     * The last digest per contract: facts are append-only, so an unchanged count (whoever appended:
     * intake, collectors, PKI) means unchanged facts.
     */
    private final BoundedCache<String, Digest> digests = new BoundedCache<>(DIGESTS_KEPT);

    @Activate
    public FactReader(@Reference ComplianceStore store, @Reference Contracts contracts) {
        this.store = store;
        this.contracts = contracts;
    }

    @Override
    public List<Fact> facts(String contractId, String kind, LocalDate from, LocalDate to) {
        contracts.contract(contractId);
        return store.facts(contractId, kind, from, to);
    }

    @Override
    public FactPage latestFacts(String contractId, String kind, int limit, int offset) {
        contracts.contract(contractId);
        return new FactPage(contractId, kind, store.factCount(contractId, kind), store.latestFacts(contractId, kind, limit, offset));
    }

    @Override
    public List<FactKindCount> factKinds(String contractId) {
        contracts.contract(contractId);
        return store.factKinds(contractId);
    }

    @Override
    public List<Fact> factsWithIds(String contractId, Collection<String> ids) {
        contracts.contract(contractId);
        return store.factsWithIds(contractId, ids);
    }

    @Override
    public FactsDigest factsDigest(String contractId, LocalDate asOf) {
        contracts.contract(contractId);
        long count = store.factCount(contractId);
        Digest cached = digests.get(contractId);
        if (cached != null && cached.factCount() == count && cached.digest().asOf().equals(asOf)) {
            return cached.digest();
        }
        FactsDigest digest = FactsDigests.of(store.facts(contractId), asOf);
        digests.put(contractId, new Digest(count, digest));
        return digest;
    }
}
