import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.audit.AuditSelection;
import org.lvyue.api.engine.ContractLoader;
import org.lvyue.api.engine.SelectiveContractLoader;
import org.lvyue.api.engine.ContractRecords;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.Finding;
import org.lvyue.core.internal.ContractDefinitionReader;
import org.lvyue.demo.DemoData;
import org.lvyue.demo.DemoOptions;
import org.lvyue.demo.DemoYear;
import org.lvyue.engine.internal.DroolsEngine;

/**
 * Issue #22 item 4, in process on the real engine with every domain bundle of rules/ (bench/memory-bench.sh): a
 * portfolio of contracts held under the engine's memory budget. Each contract is the demo's seed contract under its
 * own id, with a demo year of its own seed, generated once and written to a file; its loader reads that file at
 * every build ({@link FileStore}), so the records live only in the engine's memory, as they do when the product reads
 * them from its store (the H2 store is not used: writing eleven demo years into it takes longer than the bench).
 *
 * <ol>
 * <li>The engine alone, then the demo year (scale 1) alone: its working memory weighed on the heap after GC (with
 * its records), its first build and its rebuilds after a release, the read from its file apart.
 * <li>A near-empty contract (one service, six facts): the objects and bytes it adds (class histogram of the live
 * heap, before and after).
 * <li>The reference: every contract of the portfolio evaluated alone from a fresh build.
 * <li>The bounded run: the budget set, every contract evaluated in a shuffled order for several rounds (the big one
 * every fifth evaluation); each answer compared with its reference; the heap after GC sampled every 2 s.
 * </ol>
 * Usage: MemoryBench [contracts=50] [scale=0.2] [budgetMiB=0: the engine's default] [rounds=3]; MemoryBench tiny: step 2 only
 */
public class MemoryBench {
    static final LocalDate AS_OF = LocalDate.of(2023, 3, 1);

    record Member(Contract contract, long seed, double scale) {
    }

    /**
     * The portfolio's store: each contract's year generated once from its seed and written to a file of its own
     * (kept between runs, keyed by seed and scale), then read from that file at every load, as the product reads its
     * store: new objects every time, held by the engine only. Records how long each read took. Like the product's store
     * it is a {@link SelectiveContractLoader}: the engine asks for the audit entries its rules read, and only those are
     * kept (about a quarter of the log), so the memory held is the product's.
     */
    static final class FileStore implements SelectiveContractLoader {
        final Map<String, Member> members = new ConcurrentHashMap<>();
        final Map<String, Long> lastReadNanos = new ConcurrentHashMap<>();
        final Map<String, String> domainOf;
        final Path dir;

        FileStore(Map<String, String> domainOf, Path dir) throws IOException {
            this.domainOf = domainOf;
            this.dir = Files.createDirectories(dir);
        }

        @Override
        public ContractRecords load(String contractId) {
            return load(contractId, (AuditSelection) null);
        }

        /** @param auditLog the entries to keep; null for every one */
        @Override
        public ContractRecords load(String contractId, AuditSelection auditLog) {
            Member m = members.get(contractId);
            Path file = dir.resolve(m.seed() + "-" + m.scale() + ".bin");
            try {
                if (!Files.exists(file)) {
                    write(m, file);
                }
                long t0 = System.nanoTime();
                ContractRecords read = read(m.contract(), file, auditLog);
                lastReadNanos.put(contractId, System.nanoTime() - t0);
                return read;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void write(Member m, Path file) throws IOException {
            var o = DemoOptions.standard();
            DemoData data = DemoYear.generate(new DemoOptions(m.seed(), m.scale(), o.from(), o.to()));
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                out.writeInt(data.facts().size());
                for (Map<String, Object> raw : data.facts()) {
                    Fact f = EvaluationBench.toFact("x", raw, domainOf);
                    str(out, f.getId());
                    str(out, f.getDomain());
                    str(out, f.getKind());
                    str(out, f.getSubject());
                    str(out, f.getDate().toString());
                    str(out, f.getTime() == null ? null : f.getTime().toString());
                    str(out, f.getStatus());
                    str(out, f.getAmount() == null ? null : f.getAmount().toPlainString());
                    Map<String, String> a = f.getAttributes() == null ? Map.of() : f.getAttributes();
                    out.writeInt(a.size());
                    for (Map.Entry<String, String> e : a.entrySet()) {
                        str(out, e.getKey());
                        str(out, e.getValue());
                    }
                }
                List<AuditEvent> events = new ArrayList<>();
                for (Iterator<?> it = EvaluationBench.auditIterator(data); it.hasNext(); ) {
                    events.add(EvaluationBench.toAuditEvent(it.next()));
                }
                out.writeInt(events.size());
                for (AuditEvent e : events) {
                    str(out, e.id());
                    str(out, e.at().toString());
                    str(out, e.user());
                    str(out, e.address());
                    str(out, e.action());
                    str(out, e.resource());
                    out.writeBoolean(e.classified());
                    str(out, e.requestId());
                    str(out, e.system());
                }
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }

        private static ContractRecords read(Contract c, Path file, AuditSelection auditLog) throws IOException {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                int n = in.readInt();
                List<Fact> facts = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    Fact.Builder b = Fact.builder().id(str(in)).contractId(c.id()).domain(str(in)).kind(str(in)).subject(str(in))
                            .date(LocalDate.parse(str(in)));
                    String time = str(in);
                    if (time != null) {
                        b.time(LocalDateTime.parse(time));
                    }
                    b.status(str(in));
                    String amount = str(in);
                    if (amount != null) {
                        b.amount(new BigDecimal(amount));
                    }
                    int attributes = in.readInt();
                    if (attributes > 0) {
                        Map<String, String> a = new HashMap<>();
                        for (int k = 0; k < attributes; k++) {
                            a.put(str(in), str(in));
                        }
                        b.attributes(a);
                    }
                    facts.add(b.source("bench").build());
                }
                int m = in.readInt();
                List<AuditEvent> events = new ArrayList<>(m);
                for (int i = 0; i < m; i++) {
                    AuditEvent e = new AuditEvent(str(in), LocalDateTime.parse(str(in)), str(in), str(in), str(in), str(in),
                            in.readBoolean(), str(in), str(in));
                    if (auditLog == null || auditLog.reads(e)) {
                        events.add(e);
                    }
                }
                return new ContractRecords(c, facts, events);
            }
        }

        private static void str(DataOutputStream out, String s) throws IOException {
            out.writeBoolean(s != null);
            if (s != null) {
                out.writeUTF(s);
            }
        }

        private static String str(DataInputStream in) throws IOException {
            return in.readBoolean() ? in.readUTF() : null;
        }
    }

    /** Writes the records of the portfolio's small contracts ahead of a run: MemoryBench write [contracts] [scale] [threads]. */
    static void writeAhead(String[] args) throws Exception {
        int n = Integer.parseInt(args[1]);
        double scale = Double.parseDouble(args[2]);
        int threads = Integer.parseInt(args[3]);
        DroolsEngine engine = EvaluationBench.engineWithEveryDomain();
        Map<String, String> domainOf = new HashMap<>();
        engine.catalogues().forEach(c -> c.factKinds().forEach(k -> domainOf.put(k.name(), c.domain())));
        engine.close();
        Contract seed = ContractDefinitionReader.read(ContractDefinitionReader.demoDefinitions().get(0));
        FileStore store = new FileStore(domainOf, Path.of(System.getProperty("records",
                System.getProperty("java.io.tmpdir") + "/lvyue-memory-bench")));
        List<String> ids = new ArrayList<>();
        for (int k = n; k >= 1; k--) {
            String id = String.format("mem-%02d", k);
            store.members.put(id, new Member(renamed(seed, id, seed.services()), DemoOptions.standard().seed() + k, scale));
            ids.add(id);
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        for (String id : ids) {
            pool.submit(() -> {
                store.load(id);
                System.out.println("written " + id);
            });
        }
        pool.shutdown();
        pool.awaitTermination(2, java.util.concurrent.TimeUnit.HOURS);
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("write")) {
            writeAhead(args);
            return;
        }
        int n = args.length > 0 && !args[0].equals("tiny") ? Integer.parseInt(args[0]) : 50;
        double scale = args.length > 1 ? Double.parseDouble(args[1]) : 0.2;
        long budgetMiB = args.length > 2 ? Long.parseLong(args[2]) : 0;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        long maxHeap = Runtime.getRuntime().maxMemory();
        long budget = budgetMiB > 0 ? budgetMiB << 20 : maxHeap / 2;

        DroolsEngine engine = EvaluationBench.engineWithEveryDomain();
        Map<String, String> domainOf = new HashMap<>();
        engine.catalogues().forEach(c -> c.factKinds().forEach(k -> domainOf.put(k.name(), c.domain())));
        Contract seed = ContractDefinitionReader.read(ContractDefinitionReader.demoDefinitions().get(0));
        FileStore store = new FileStore(domainOf, Path.of(System.getProperty("records",
                System.getProperty("java.io.tmpdir") + "/lvyue-memory-bench")));
        long base = heapAfterGc();
        System.out.printf("engine with every domain (%d), no contract: heap after GC %d MiB; max heap %d MiB, budget %d MiB%n",
                engine.catalogues().size(), base >> 20, maxHeap >> 20, budget >> 20);

        // 1. the demo year alone
        long standardSeed = DemoOptions.standard().seed();
        Member year = new Member(renamed(seed, "mem-year", seed.services()), standardSeed, 1.0);
        store.members.put("mem-year", year);
        boolean tinyOnly = args.length > 0 && args[0].equals("tiny");
        if (!tinyOnly) {
        store.load("mem-year"); // written to its file at the first run
        heapAfterGc();
        engine.open("mem-year", store);
        long t0 = System.nanoTime();
        Evaluation first = engine.evaluate("mem-year", AS_OF);
        double firstMs = (System.nanoTime() - t0) / 1e6;
        long held = heapAfterGc() - base;
        var f = engine.memory();
        System.out.printf("demo year (scale 1): %d facts; first build and evaluation %.0f ms (read %.0f ms); %d findings; "
                + "working memory after GC %d MiB with its records (estimate %d MiB)%n", first.factCount(), firstMs,
                store.lastReadNanos.get("mem-year") / 1e6, first.findings().size(), held >> 20, f.heldBytes() >> 20);
        List<String> yearKeys = keys(first);
        for (int r = 0; r < 3; r++) {
            engine.release("mem-year");
            heapAfterGc();
            t0 = System.nanoTime();
            Evaluation again = engine.evaluate("mem-year", AS_OF);
            double ms = (System.nanoTime() - t0) / 1e6;
            double read = store.lastReadNanos.get("mem-year") / 1e6;
            check("mem-year", yearKeys, again);
            System.out.printf("demo year rebuild %d: %.0f ms to the answer: read from its file %.0f ms, build %.0f ms%n", r + 1, ms,
                    read, ms - read);
        }
        engine.unload("mem-year");
        }

        // 2. a near-empty contract: one service, six facts
        String service = seed.services().get(0).domain();
        Contract tiny = renamed(seed, "mem-tiny", List.of(seed.services().get(0)));
        DemoData small = DemoYear.generate(new DemoOptions(standardSeed, 0.05, DemoOptions.standard().from(), DemoOptions.standard().to()));
        List<Fact> six = small.facts().stream().map(m -> EvaluationBench.toFact("mem-tiny", m, domainOf))
                .filter(x -> service.equals(x.getDomain())).limit(6).toList();
        Evaluation t = null;
        // the first contract of a set of services also makes that set's knowledge base; the second costs its session only
        for (String id : List.of("mem-tiny", "mem-tiny-2")) {
            long[] before = liveObjects();
            Map<String, Long> classesBefore = lastHistogram;
            engine.load(renamed(tiny, id, tiny.services()), six.stream().map(x -> x.toBuilder().contractId(id).build()).toList());
            t = engine.evaluate(id, AS_OF);
            long[] after = liveObjects();
            System.out.printf("near-empty contract %s (service %s, %d facts): %d findings, %d ledger entries; %d objects, %d KiB more on the live heap%n",
                    id, service, six.size(), t.findings().size(), t.ledger().size(), after[0] - before[0], (after[1] - before[1]) >> 10);
            System.out.printf("near-empty contract %s, most instances:%s%n", id, grown(classesBefore, lastHistogram, Integer.getInteger("classes", 12)));
        }
        Map<String, Integer> byRule = new java.util.TreeMap<>();
        t.findings().forEach(x -> byRule.merge(x.getRuleName(), 1, Integer::sum));
        System.out.printf("near-empty contract, findings by rule: %s%n", byRule);
        // the same contract on its first day: what it holds before a year of missed checks has made its findings
        long[] before = liveObjects();
        Map<String, Long> classesBefore = lastHistogram;
        engine.load(renamed(tiny, "mem-tiny-3", tiny.services()), six.stream().map(x -> x.toBuilder().contractId("mem-tiny-3").build()).toList());
        Evaluation first = engine.evaluate("mem-tiny-3", tiny.periodStart());
        long[] after = liveObjects();
        System.out.printf("near-empty contract mem-tiny-3 evaluated on its first day %s: %d findings; %d objects, %d KiB more on the live heap%n",
                tiny.periodStart(), first.findings().size(), after[0] - before[0], (after[1] - before[1]) >> 10);
        System.out.printf("near-empty contract mem-tiny-3, most instances:%s%n", grown(classesBefore, lastHistogram, Integer.getInteger("classes", 12)));
        engine.unload("mem-tiny-3");
        engine.unload("mem-tiny");
        engine.unload("mem-tiny-2");
        if (args.length > 0 && args[0].equals("tiny")) {
            engine.close();
            return;
        }

        // 3. the reference: every contract alone, from a fresh build
        List<Member> portfolio = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            String id = String.format("mem-%02d", k);
            portfolio.add(new Member(renamed(seed, id, seed.services()), standardSeed + k, scale));
        }
        portfolio.add(year);
        Map<String, List<String>> reference = new LinkedHashMap<>();
        long w0 = System.nanoTime();
        portfolio.forEach(m -> store.members.put(m.contract().id(), m));
        // generated and written at the first run only, on every processor: the demo's PKI makes real keys
        portfolio.parallelStream().forEach(m -> store.load(m.contract().id()));
        System.out.printf("portfolio's records ready in %.0f s (%s)%n", (System.nanoTime() - w0) / 1e9, store.dir);
        long r0 = System.nanoTime();
        for (Member m : portfolio) {
            String id = m.contract().id();
            store.members.put(id, m);
            engine.open(id, store);
            reference.put(id, keys(engine.evaluate(id, AS_OF)));
            engine.release(id);
        }
        System.out.printf("reference: %d contracts evaluated alone in %.0f s; findings per small contract: median %d%n",
                portfolio.size(), (System.nanoTime() - r0) / 1e9, reference.values().stream().map(List::size).sorted()
                        .toList().get(n / 2));

        // 4. the bounded run
        engine.setMemoryBudget(budget, Duration.ofMinutes(30));
        var start = engine.memory();
        List<long[]> samples = new CopyOnWriteArrayList<>();
        long s0 = System.nanoTime();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                samples.add(new long[] {(System.nanoTime() - s0) / 1_000_000_000L, heapAfterGc(), engine.memory().heldBytes() });
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        Random random = new Random(22);
        List<Double> smallRebuilds = new ArrayList<>();
        List<Double> smallReads = new ArrayList<>();
        List<Double> yearRebuilds = new ArrayList<>();
        List<Double> yearReads = new ArrayList<>();
        List<Double> hits = new ArrayList<>();
        int evaluations = 0;
        int wrong = 0;
        for (int r = 0; r < rounds; r++) {
            List<Member> order = new ArrayList<>(portfolio.subList(0, n));
            Collections.shuffle(order, random);
            for (int i = 0; i < order.size(); i++) {
                List<Member> now = i % 5 == 4 ? List.of(order.get(i), year) : List.of(order.get(i));
                for (Member m : now) {
                    String id = m.contract().id();
                    long rebuildsBefore = engine.memory().rebuilds();
                    long e0 = System.nanoTime();
                    Evaluation e = engine.evaluate(id, AS_OF);
                    double ms = (System.nanoTime() - e0) / 1e6;
                    evaluations++;
                    if (!keys(e).equals(reference.get(id))) {
                        wrong++;
                        System.out.printf("WRONG: %s answered %d findings, reference %d; domains not active: %s%n", id,
                                e.findings().size(), reference.get(id).size(), engine.domains().stream()
                                        .filter(d -> d.state() != org.lvyue.api.engine.DomainState.ACTIVE)
                                        .map(d -> d.domain() + " " + d.state()).toList());
                    }
                    if (engine.memory().rebuilds() > rebuildsBefore) {
                        double read = store.lastReadNanos.get(id) / 1e6;
                        (m == year ? yearRebuilds : smallRebuilds).add(ms);
                        (m == year ? yearReads : smallReads).add(read);
                    } else {
                        hits.add(ms);
                    }
                }
            }
        }
        sampler.interrupt();
        sampler.join();
        var end = engine.memory();
        System.out.printf("bounded run: %d rounds, %d evaluations, %d answers differing from the reference; held at the end %d of %d "
                + "(estimate %d MiB of a %d MiB budget)%n", rounds, evaluations, wrong, end.held(), portfolio.size(),
                end.heldBytes() >> 20, budget >> 20);
        System.out.printf("releases for the budget %d, idle %d; rebuilds %d (max %d ms)%n", end.budgetReleases() - start.budgetReleases(),
                end.idleReleases() - start.idleReleases(), end.rebuilds() - start.rebuilds(), end.maxRebuildMillis());
        System.out.printf("rebuild to the answer, small contracts: %s; of which the read from its file: %s%n", stats(smallRebuilds), stats(smallReads));
        System.out.printf("rebuild to the answer, demo year: %s; of which the read from its file: %s%n", stats(yearRebuilds), stats(yearReads));
        System.out.printf("answers from a held memory: %s%n", stats(hits));
        long maxHeld = samples.stream().mapToLong(s -> s[1]).max().orElse(0);
        StringBuilder series = new StringBuilder();
        for (long[] s : samples) {
            series.append(String.format(" %ds:%d/%d", s[0], s[1] >> 20, s[2] >> 20));
        }
        System.out.printf("heap after GC: max %d MiB over %d samples (budget %d MiB, max heap %d MiB)%n", maxHeld >> 20, samples.size(),
                budget >> 20, maxHeap >> 20);
        System.out.printf("heap over time (s: heap after GC MiB / estimate held MiB):%s%n", series);
        engine.close();
        if (wrong > 0) {
            System.exit(1);
        }
    }

    static Contract renamed(Contract c, String id, List<org.lvyue.api.contract.ContractService> services) {
        return new Contract(id, c.version(), c.name(), c.number(), c.procurementNo(), c.client(), c.supplier(), c.amount(),
                c.periodStart(), c.periodEnd(), c.signedOn(), c.terms(), c.interpretations(), c.evaluator(), services);
    }

    static List<String> keys(Evaluation e) {
        List<String> out = new ArrayList<>();
        for (Finding f : e.findings()) {
            out.add(f.getKey() + " " + f.getSeverity() + " " + f.getTitle());
        }
        e.ledger().forEach(l -> out.add(l.getKey()));
        return out;
    }

    static void check(String id, List<String> expected, Evaluation e) {
        if (!keys(e).equals(expected)) {
            throw new IllegalStateException(id + ": the rebuilt memory answers otherwise");
        }
    }

    static String stats(List<Double> xs) {
        if (xs.isEmpty()) {
            return "none";
        }
        return String.format("%d, median %.0f ms, max %.0f ms", xs.size(), EvaluationBench.median(xs), EvaluationBench.max(xs));
    }

    static long heapAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Instances and bytes on the live heap (a class histogram, which collects first); per class in {@link #lastHistogram}. */
    static long[] liveObjects() throws Exception {
        Process p = new ProcessBuilder("jcmd", String.valueOf(ProcessHandle.current().pid()), "GC.class_histogram")
                .redirectErrorStream(true).start();
        long[] total = new long[2];
        Map<String, Long> byClass = new HashMap<>();
        for (String line : new String(p.getInputStream().readAllBytes()).split("\n")) {
            String s = line.trim();
            String[] w = s.split("\\s+");
            if (s.startsWith("Total")) {
                total[0] = Long.parseLong(w[1]);
                total[1] = Long.parseLong(w[2]);
            } else if (w.length >= 4 && w[0].endsWith(":")) {
                byClass.merge(w[3], Long.parseLong(w[1]), Long::sum);
            }
        }
        p.waitFor();
        lastHistogram = byClass;
        return total;
    }

    static Map<String, Long> lastHistogram = Map.of();

    /** The classes whose instances grew most between two histograms. */
    static String grown(Map<String, Long> before, Map<String, Long> after, int top) {
        StringBuilder sb = new StringBuilder();
        after.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0).sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(top)
                .forEach(e -> sb.append(String.format(" %s %d;", e.getKey().replaceAll(".*\\.", ""), e.getValue())));
        return sb.toString();
    }
}
