import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.fact.Fact;
import org.lvyue.core.internal.ContractDefinitionReader;
import org.lvyue.demo.ContractYear;
import org.lvyue.demo.DemoData;
import org.lvyue.demo.DemoOptions;
import org.lvyue.demo.DemoYear;
import org.lvyue.engine.internal.DroolsEngine;

/**
 * Issue #21 figures, in process on the real engine with every domain bundle of rules/ deployed from its sources:
 * the demo portfolio (the seed's contract with its whole year and audit log; the network contract, which buys three
 * services) held together. For each contract, the full evaluation from scratch (median of the runs) and the heap it
 * holds after GC; and the network contract again as a contract that does not say which services it buys (every
 * domain applies), to show what its three services cost against the whole catalogue.
 * Usage: PortfolioBench [runs] [scale]
 */
public class PortfolioBench {
    static final LocalDate AS_OF = LocalDate.of(2023, 3, 1);

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        double scale = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        DroolsEngine engine = EvaluationBench.engineWithEveryDomain();
        Map<String, String> domainOf = new HashMap<>();
        engine.catalogues().forEach(c -> c.factKinds().forEach(k -> domainOf.put(k.name(), c.domain())));
        List<Contract> portfolio = ContractDefinitionReader.demoDefinitions().stream().map(ContractDefinitionReader::read).toList();
        Contract seed = portfolio.get(0);
        Contract network = portfolio.get(1);
        var o = DemoOptions.standard();
        DemoOptions options = new DemoOptions(o.seed(), scale, o.from(), o.to());
        DemoData data = DemoYear.generate(options);
        List<Fact> seedFacts = data.facts().stream().map(m -> EvaluationBench.toFact(seed.id(), m, domainOf)).toList();
        List<AuditEvent> events = new ArrayList<>();
        for (Iterator<?> it = EvaluationBench.auditIterator(data); it.hasNext(); ) {
            events.add(EvaluationBench.toAuditEvent(it.next()));
        }
        ContractYear year = DemoYear.network(options);
        List<Fact> networkFacts = year.facts().stream().map(m -> EvaluationBench.toFact(network.id(), m, domainOf)).toList();
        Contract networkOfEveryDomain = new Contract(network.id(), network.version(), network.name(), network.number(),
                network.procurementNo(), network.client(), network.supplier(), network.amount(), network.periodStart(),
                network.periodEnd(), network.signedOn(), network.terms(), network.interpretations(), network.evaluator(), List.of());
        System.out.printf("domains: %d; %s: %d facts + %d audit entries; %s: %d facts, services %s%n", engine.catalogues().size(),
                seed.id(), seedFacts.size(), events.size(), network.id(), networkFacts.size(),
                network.services().stream().map(s -> s.domain()).toList());

        long base = heapAfterGc();
        Figure n3 = measure(engine, network, networkFacts, List.of(), runs);
        Figure nAll = measure(engine, networkOfEveryDomain, networkFacts, List.of(), runs);
        Figure s = measure(engine, seed, seedFacts, events, runs);
        System.out.printf("network contract, its 3 services: full evaluation median %.0f ms (min %.0f); %d findings; heap held %d MiB%n",
                n3.median, n3.min, n3.findings, n3.heap >> 20);
        System.out.printf("network contract as if it bought every domain: full evaluation median %.0f ms (min %.0f); %d findings; heap held %d MiB%n",
                nAll.median, nAll.min, nAll.findings, nAll.heap >> 20);
        System.out.printf("seed contract, 13 services and its audit log: full evaluation median %.0f ms (min %.0f); %d findings; heap held %d MiB%n",
                s.median, s.min, s.findings, s.heap >> 20);

        engine.load(seed, seedFacts);
        engine.addAuditEvents(seed.id(), events);
        engine.evaluate(seed.id(), AS_OF);
        engine.load(network, networkFacts);
        engine.evaluate(network.id(), AS_OF);
        long both = heapAfterGc();
        System.out.printf("portfolio held: heap after GC %d MiB (engine with every domain, no contract: %d MiB; max heap %d MiB)%n",
                both >> 20, base >> 20, Runtime.getRuntime().maxMemory() >> 20);
        engine.close();
    }

    record Figure(double median, double min, int findings, long heap) {
    }

    /** Loads and evaluates the contract from scratch runs + 1 times (the first warms up), then holds it once to weigh it. */
    static Figure measure(DroolsEngine engine, Contract c, List<Fact> facts, List<AuditEvent> events, int runs) {
        List<Double> times = new ArrayList<>();
        Evaluation last = null;
        for (int r = 0; r < runs + 1; r++) {
            engine.unload(c.id());
            System.gc();
            long t0 = System.nanoTime();
            engine.load(c, facts);
            if (!events.isEmpty()) {
                engine.addAuditEvents(c.id(), events);
            }
            last = engine.evaluate(c.id(), AS_OF);
            if (r > 0) {
                times.add((System.nanoTime() - t0) / 1e6);
            }
        }
        engine.unload(c.id());
        long before = heapAfterGc();
        engine.load(c, facts);
        if (!events.isEmpty()) {
            engine.addAuditEvents(c.id(), events);
        }
        engine.evaluate(c.id(), AS_OF);
        long held = heapAfterGc() - before;
        engine.unload(c.id());
        return new Figure(EvaluationBench.median(times), times.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                last.findings().size(), held);
    }

    static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
