package org.lvyue.core.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.dashboard.Dashboard;
import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.FindingQuery;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.ledger.Ledger;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.store.ComplianceStore;
import org.lvyue.api.waiver.Waiver;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The console's dashboard of a contract on a day, built by {@link Dashboards} from the evaluation, the
 * recorded findings, the ledger and the facts it shows. A build reads the contract's facts (once, for every kind
 * it shows), so the last one per contract and day is kept and served while its inputs are
 * the same; one build at a time per contract and day, and while facts stream in, requests meanwhile get
 * the one before (a batch old).
 */
@Component(service = org.lvyue.api.service.Dashboards.class)
public final class DashboardBuilder implements org.lvyue.api.service.Dashboards {
    /** How many contract-days' dashboards are kept. */
    static final int KEPT = 64;

    /**
     * What a dashboard was built from: the evaluation (the engine hands back the same object while no
     * fact, rule or day changed), the recorded findings (the store hands back the same list while they
     * did not change), the waivers, and the contract definition.
     */
    private record Inputs(Contract contract, Evaluation evaluation, List<FindingRecord> findings, List<Waiver> waivers,
                          long findingsVersion) {
        boolean same(Inputs o) {
            return contract == o.contract && evaluation == o.evaluation && findings == o.findings
                    && findingsVersion == o.findingsVersion && waivers.equals(o.waivers);
        }
    }

    private record Built(Inputs inputs, Dashboard dashboard) {
    }

    private final ComplianceStore store;
    private final ComplianceEngine engine;
    private final Contracts contracts;
    private final Reevaluator reevaluator;
    private final LockOrder locks;
    private final BusinessClock days;
    private final BoundedCache<String, Built> built = new BoundedCache<>(KEPT);
    /**
     * Per contract, the fact kinds its builds asked for (a score of the catalogues' kinds, none of the daily records):
     * read as one dated window, which the store keeps up to date as records arrive, instead of every fact at each build.
     */
    private final Map<String, Set<String>> kindsAsked = new java.util.concurrent.ConcurrentHashMap<>();

    @Activate
    public DashboardBuilder(@Reference ComplianceStore store, @Reference ComplianceEngine engine,
                            @Reference Contracts contracts, @Reference Reevaluator reevaluator, @Reference LockOrder locks,
                            @Reference BusinessClock days) {
        this.store = store;
        this.engine = engine;
        this.contracts = contracts;
        this.reevaluator = reevaluator;
        this.locks = locks;
        this.days = days;
    }

    @Override
    public Dashboard dashboard(String contractId, LocalDate asOf) {
        Contract c = contracts.contract(contractId);
        Evaluation e = engine.evaluate(contractId, asOf, days.evaluationClock(asOf));
        Inputs inputs = new Inputs(c, e, store.findings(contractId, FindingQuery.all(), asOf), store.waivers(contractId),
                reevaluator.recordedVersion(contractId));
        String key = contractId + "@" + asOf;
        Built last = built.get(key);
        if (last != null && last.inputs().same(inputs)) {
            return last.dashboard();
        }
        // one build at a time: with one to show, a request meanwhile does not wait for the next
        try (LockOrder.Held building = locks.dashboard(contractId, asOf, last == null)) {
            if (building == null) {
                return last.dashboard();
            }
            Built again = built.get(key);
            if (again != null && again.inputs().same(inputs)) {
                return again.dashboard();
            }
            Dashboard d = build(c, asOf, e, inputs);
            built.put(key, new Built(inputs, d));
            return d;
        }
    }

    private Dashboard build(Contract c, LocalDate asOf, Evaluation e, Inputs inputs) {
        String contractId = c.id();
        Ledger ledger = Ledger.of(contractId, asOf, e.ruleSetVersion(), c.interpretations(), e.ledger(), inputs.waivers());
        Set<String> known = kindsAsked.getOrDefault(contractId, Set.of());
        Map<String, List<Fact>> windows = known.isEmpty() ? Map.of() : store.facts(contractId, known, ComplianceStore.FIRST_DAY, ComplianceStore.LAST_DAY);
        Set<String> asked = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicReference<Map<String, List<Fact>>> whole = new AtomicReference<>();
        Dashboard d = Dashboards.build(c, asOf, inputs.findingsVersion(), engine.catalogues(c), inputs.findings(), ledger,
                kind -> {
                    asked.add(kind);
                    List<Fact> kept = windows.get(kind);
                    return kept != null ? kept : whole.updateAndGet(read -> read != null ? read : byKind(store.facts(contractId)))
                            .getOrDefault(kind, List.of());
                });
        if (!known.containsAll(asked)) {
            kindsAsked.merge(contractId, Set.copyOf(asked), (a, b) -> {
                Set<String> both = new java.util.TreeSet<>(a);
                both.addAll(b);
                return Set.copyOf(both);
            });
        }
        return d;
    }

    /**
     * The contract's facts by kind, each kind in date order (then as stored), from one read of them all: a
     * build asks for a score of kinds, and the store has no index on kind (one would slow every insert), so
     * reading kind by kind read every fact once per kind.
     */
    static Map<String, List<Fact>> byKind(List<Fact> stored) {
        Map<String, List<Fact>> byKind = new HashMap<>();
        for (Fact f : stored) {
            byKind.computeIfAbsent(f.getKind(), k -> new ArrayList<>()).add(f);
        }
        byKind.values().forEach(facts -> facts.sort(Comparator.comparing(Fact::getDate))); // stable: as stored within a day
        return byKind;
    }
}
