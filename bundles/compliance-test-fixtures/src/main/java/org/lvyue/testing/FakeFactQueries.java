package org.lvyue.testing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.lvyue.api.fact.Fact;
import org.lvyue.api.fact.FactKindCount;
import org.lvyue.api.fact.FactPage;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.FactQueries;
import org.lvyue.api.service.FactsDigest;

/** The stored facts of a test's contracts, read back by kind and date, and a fixed fingerprint of them. */
public class FakeFactQueries implements FactQueries {
    private final Contracts contracts;
    public final List<Fact> facts = new ArrayList<>();
    /** What {@link #factsDigest} answers, with the day asked for: how many facts and their digest. */
    public int digestCount;
    public String digestSha256;

    public FakeFactQueries(Contracts contracts) {
        this.contracts = contracts;
    }

    /** The facts of the kind dated within {@code [from, to]}, in the facts' natural (date) order. */
    @Override
    public List<Fact> facts(String contractId, String kind, LocalDate from, LocalDate to) {
        contracts.contract(contractId);
        return facts.stream().filter(f -> f.getKind().equals(kind) && !f.getDate().isBefore(from) && !f.getDate().isAfter(to))
                .sorted(Comparator.naturalOrder()).toList();
    }

    @Override
    public List<Fact> factsWithIds(String contractId, Collection<String> ids) {
        contracts.contract(contractId);
        return facts.stream().filter(f -> ids.contains(f.getId())).toList();
    }

    @Override
    public FactsDigest factsDigest(String contractId, LocalDate asOf) {
        contracts.contract(contractId);
        return new FactsDigest(asOf, digestCount, digestSha256);
    }

    @Override
    public FactPage latestFacts(String contractId, String kind, int limit, int offset) {
        throw Unused.because("latestFacts", "the console's fact pages are tested against the real store");
    }

    @Override
    public List<FactKindCount> factKinds(String contractId) {
        throw Unused.because("factKinds", "counts by kind are tested against the real store");
    }
}
