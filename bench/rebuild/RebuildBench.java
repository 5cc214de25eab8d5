import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.audit.AuditSelection;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.ContractRecords;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.engine.SelectiveContractLoader;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.store.StoredContract;
import org.lvyue.core.internal.ContractDefinitionReader;
import org.lvyue.core.internal.StoreContractLoader;
import org.lvyue.demo.DemoData;
import org.lvyue.demo.DemoOptions;
import org.lvyue.demo.DemoYear;
import org.lvyue.engine.internal.DroolsEngine;
import org.lvyue.store.JdbcStore;

/**
 * Issue #22 items 4 and 6 (bench/rebuild-bench.sh): the rebuild of the demo contract's working memory from the
 * real H2 store, in process on the real engine with every domain bundle of rules/.
 *
 * <ol>
 * <li>The demo year (facts and audit-log entries) is written once into an H2 store of its own, straight through the
 * store (no intake, no evaluation), and kept between runs (keyed by seed and scale).
 * <li>The engine opens the contract with a loader that reads the store as the product's does, and evaluates it once:
 * the first build; the working memory it holds after a full GC, with its records.
 * <li>Then, several times: release, full GC, evaluate again: the rebuild, to the answer, with the reads of the facts
 * and of the audit log apart; every answer compared with the first (finding keys, severities, titles, ledger keys).
 * <li>The live heap's classes that grew most with the memory (jcmd GC.class_histogram before and after).
 * </ol>
 * Usage: RebuildBench [scale=1] [rounds=5]
 */
public class RebuildBench {
    static final LocalDate AS_OF = LocalDate.of(2023, 3, 1);

    /**
     * Reads the contract from the store with the product's loader (bundles/compliance-core StoreContractLoader: facts
     * and the audit-log entries the rules read, side by side), timing the read.
     */
    static final class TimedLoader implements SelectiveContractLoader {
        final StoreContractLoader product;
        volatile long readNanos, entries;
        volatile AuditSelection selection;

        TimedLoader(JdbcStore store, Contract contract) {
            this.product = new StoreContractLoader(store, id -> contract);
        }

        @Override
        public ContractRecords load(String contractId) {
            return timed(() -> product.load(contractId));
        }

        @Override
        public ContractRecords load(String contractId, AuditSelection auditLog) {
            selection = auditLog;
            return timed(() -> product.load(contractId, auditLog));
        }

        private ContractRecords timed(java.util.function.Supplier<ContractRecords> read) {
            long t0 = System.nanoTime();
            ContractRecords r = read.get();
            readNanos = System.nanoTime() - t0;
            entries = r.auditLog().size();
            return r;
        }
    }

    public static void main(String[] args) throws Exception {
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createDirectories(Path.of(System.getProperty("records",
                System.getProperty("java.io.tmpdir") + "/lvyue-rebuild-bench")));
        DroolsEngine engine = EvaluationBench.engineWithEveryDomain();
        Map<String, String> domainOf = new HashMap<>();
        engine.catalogues().forEach(c -> c.factKinds().forEach(k -> domainOf.put(k.name(), c.domain())));
        String definition = ContractDefinitionReader.demoDefinitions().get(0);
        Contract contract = ContractDefinitionReader.read(definition);
        var o = DemoOptions.standard();
        String name = "demo-" + o.seed() + "-" + scale;
        Path loaded = dir.resolve(name + ".loaded");
        if (!Files.exists(loaded)) {
            try (var files = Files.list(dir)) {
                for (Path p : files.filter(p -> p.getFileName().toString().startsWith(name + ".")).toList()) {
                    Files.delete(p);
                }
            }
            long w0 = System.nanoTime();
            try (JdbcStore store = new JdbcStore("jdbc:h2:file:" + dir.resolve(name))) {
                store.saveContract(new StoredContract(contract.id(), contract.version(), definition, Instant.now(), "bench"));
                DemoData data = DemoYear.generate(new DemoOptions(o.seed(), scale, o.from(), o.to()));
                List<Fact> facts = data.facts().stream().map(m -> EvaluationBench.toFact(contract.id(), m, domainOf)).toList();
                for (int i = 0; i < facts.size(); i += 1000) {
                    store.appendFacts(contract.id(), facts.subList(i, Math.min(facts.size(), i + 1000)), "bench");
                }
                List<AuditEvent> batch = new ArrayList<>();
                long n = 0;
                for (Iterator<?> it = EvaluationBench.auditIterator(data); it.hasNext(); ) {
                    batch.add(EvaluationBench.toAuditEvent(it.next()));
                    if (batch.size() == 10_000 || !it.hasNext()) {
                        n += store.appendAuditEvents(contract.id(), batch);
                        batch = new ArrayList<>();
                    }
                }
                System.out.printf("store written: %d facts, %d audit entries in %.0f s (%s)%n", facts.size(), n,
                        (System.nanoTime() - w0) / 1e9, dir.resolve(name));
            }
            Files.createFile(loaded);
        }
        long o0 = System.nanoTime();
        // -Dstore.url.options=;SETTING=VALUE tries H2 settings on the rebuilds' reads
        try (JdbcStore store = new JdbcStore("jdbc:h2:file:" + dir.resolve(name) + System.getProperty("store.url.options", ""))) {
            System.out.printf("store opened in %.0f ms (with the migrations it applied)%n", (System.nanoTime() - o0) / 1e6);
            TimedLoader loader = new TimedLoader(store, contract);
            long base = heapAfterGc();
            long[] before = MemoryBench.liveObjects();
            Map<String, Long> classesBefore = MemoryBench.lastHistogram;
            engine.open(contract.id(), loader);
            long t0 = System.nanoTime();
            Evaluation first = engine.evaluate(contract.id(), AS_OF);
            double firstMs = (System.nanoTime() - t0) / 1e6;
            long held = heapAfterGc() - base;
            long[] after = MemoryBench.liveObjects();
            System.out.printf("first build and evaluation: %.0f ms (facts and audit log read side by side %.0f ms: %d entries); "
                    + "%d facts, %d findings, %d ledger entries%n", firstMs, loader.readNanos / 1e6,
                    loader.entries, first.factCount(), first.findings().size(), first.ledger().size());
            System.out.printf("working memory after GC, with its records: %d MiB; %d objects (estimate of the engine %d MiB)%n",
                    held >> 20, after[0] - before[0], engine.memory().heldBytes() >> 20);
            System.out.printf("most instances:%s%n", MemoryBench.grown(classesBefore, MemoryBench.lastHistogram, 15));
            List<String> keys = MemoryBench.keys(first);
            List<Double> totals = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                engine.release(contract.id());
                heapAfterGc();
                t0 = System.nanoTime();
                Evaluation again = engine.evaluate(contract.id(), AS_OF);
                double ms = (System.nanoTime() - t0) / 1e6;
                MemoryBench.check(contract.id(), keys, again);
                double read = loader.readNanos / 1e6;
                totals.add(ms);
                System.out.printf("rebuild %d: %.0f ms to the answer: facts and audit log read side by side %.0f ms (%d entries), build and evaluation %.0f ms%n",
                        r, ms, read, loader.entries, ms - read);
            }
            System.out.printf("rebuilds: median %.0f ms, min %.0f ms, max %.0f ms; every answer as the first%n",
                    EvaluationBench.median(totals), EvaluationBench.min(totals), EvaluationBench.max(totals));
            // the two sides of the read apart: which one the rebuild waits for
            for (int r = 1; r <= 3; r++) {
                long f0 = System.nanoTime();
                int n = store.facts(contract.id()).size();
                System.out.printf("rebuild read apart %d: the facts alone %.0f ms (%d)%n", r, (System.nanoTime() - f0) / 1e6, n);
            }
            for (int r = 1; r <= 5; r++) {
                long a0 = System.nanoTime();
                long[] n = {0};
                store.forEachAuditEvent(contract.id(), loader.selection, e -> n[0]++);
                System.out.printf("rebuild read apart %d: the audit log alone %.0f ms (%d)%n", r, (System.nanoTime() - a0) / 1e6, n[0]);
            }
            // a what-if of 50 daily inspections, half of them abnormal, on the memory just rebuilt; then the memory
            // must answer as before
            List<org.lvyue.api.fact.Fact> inspections = loader.product.load(contract.id()).facts().stream()
                    .filter(f -> f.getKind().endsWith(".inspection")).limit(50).toList();
            List<org.lvyue.api.fact.Fact> extra = new ArrayList<>();
            for (int i = 0; i < inspections.size(); i++) {
                org.lvyue.api.fact.Fact f = inspections.get(i);
                extra.add(f.toBuilder().id("what-if-" + i).date(f.getDate().plusDays(1)).status(i % 2 == 0 ? "abnormal" : "normal").build());
            }
            List<Double> whatIfs = new ArrayList<>();
            int changed = 0;
            for (int r = 1; r <= rounds; r++) {
                t0 = System.nanoTime();
                Evaluation w = engine.evaluateWith(contract.id(), extra, AS_OF);
                whatIfs.add((System.nanoTime() - t0) / 1e6);
                changed = w.findings().size() - first.findings().size();
                MemoryBench.check(contract.id(), keys, engine.evaluate(contract.id(), AS_OF));
            }
            System.out.printf("what-if of %d facts on the held memory: median %.0f ms, min %.0f ms, max %.0f ms (%+d findings); "
                    + "the memory answered as before after each%n", extra.size(), EvaluationBench.median(whatIfs),
                    EvaluationBench.min(whatIfs), EvaluationBench.max(whatIfs), changed);
        }
        engine.close();
    }

    static long heapAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
