import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.spi.DomainCatalogue;
import org.lvyue.core.internal.ContractDefinitionReader;
import org.lvyue.demo.DemoData;
import org.lvyue.demo.DemoOptions;
import org.lvyue.demo.DemoYear;
import org.lvyue.engine.internal.DomainSources;
import org.lvyue.engine.internal.DroolsEngine;

/**
 * Issue #7 figures, in process on the real engine with every domain bundle of rules/ deployed from its
 * sources, over the demo year (bundles/compliance-demo, seed 20220101):
 *   1. a full evaluation from scratch: a new working memory with every fact and every audit-log entry,
 *      all domains, baselines and ledger, as of 2023-03-01; median of the runs, and the heap in use
 *      after it (after a GC);
 *   2. the same checks written by hand in plain Java (HandWrittenChecks) over the same in-memory facts,
 *      after proving both find the same findings for those checks; the ratio of the two medians;
 *   3. one new fact to its updated findings, p50 and p99.
 * Usage: bench/evaluation-bench.sh [runs] [scale]
 */
public class EvaluationBench {
    static final LocalDate AS_OF = LocalDate.of(2023, 3, 1);

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        double scale = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        DroolsEngine engine = engineWithEveryDomain();
        Contract contract = ContractDefinitionReader.read(ContractDefinitionReader.demoDefinition());
        long g0 = System.nanoTime();
        var o = DemoOptions.standard();
        DemoData data = DemoYear.generate(new DemoOptions(o.seed(), scale, o.from(), o.to()));
        Map<String, String> domainOf = new HashMap<>();
        engine.catalogues().forEach(c -> c.factKinds().forEach(k -> domainOf.put(k.name(), c.domain())));
        List<Fact> facts = data.facts().stream().map(m -> toFact(contract.id(), m, domainOf)).toList();
        List<AuditEvent> events = new ArrayList<>();
        for (Iterator<?> it = auditIterator(data); it.hasNext(); ) {
            events.add(toAuditEvent(it.next()));
        }
        System.out.printf("domains: %d; demo year: %d facts + %d audit entries = %d, generated in %.1f s (certificates are not facts here)%n",
                engine.catalogues().size(), facts.size(), events.size(), facts.size() + events.size(), (System.nanoTime() - g0) / 1e9);

        // 1. full evaluation
        List<Double> full = new ArrayList<>();
        Evaluation last = null;
        long heap = 0;
        for (int r = 0; r < runs + 1; r++) {
            engine.unload(contract.id());
            System.gc();
            long t0 = System.nanoTime();
            engine.load(contract, facts);
            engine.addAuditEvents(contract.id(), events);
            last = engine.evaluate(contract.id(), AS_OF);
            double ms = (System.nanoTime() - t0) / 1e6;
            if (r > 0) {
                full.add(ms);
            }
            System.gc();
            heap = Math.max(heap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        System.out.printf("full evaluation: median %.0f ms (min %.0f, max %.0f) over %d runs; %d findings, %d ledger entries; heap in use after it %d MiB (max heap %d MiB)%n",
                median(full), min(full), max(full), runs, last.findings().size(), last.ledger().size(), heap >> 20,
                Runtime.getRuntime().maxMemory() >> 20);

        // 2. the same checks by hand, after proving they agree
        List<DomainCatalogue> catalogues = engine.catalogues();
        Set<String> byEngine = last.findings().stream().filter(f -> HandWrittenChecks.RULES.contains(f.getRuleName()))
                .map(Finding::getKey).collect(Collectors.toCollection(TreeSet::new));
        Set<String> byHand = HandWrittenChecks.evaluate(contract, catalogues, facts, events, AS_OF).stream().map(Finding::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
        if (!byEngine.equals(byHand)) {
            Set<String> onlyEngine = new TreeSet<>(byEngine);
            onlyEngine.removeAll(byHand);
            Set<String> onlyHand = new TreeSet<>(byHand);
            onlyHand.removeAll(byEngine);
            throw new IllegalStateException("engine and hand-written disagree: only engine " + onlyEngine.size() + " "
                    + onlyEngine.stream().limit(5).toList() + ", only hand " + onlyHand.size() + " " + onlyHand.stream().limit(5).toList());
        }
        List<Double> hand = new ArrayList<>();
        for (int r = 0; r < runs + 2; r++) {
            long t0 = System.nanoTime();
            int n = HandWrittenChecks.evaluate(contract, catalogues, facts, events, AS_OF).size();
            double ms = (System.nanoTime() - t0) / 1e6;
            if (r >= 2) {
                hand.add(ms);
            }
            if (n != byHand.size()) {
                throw new IllegalStateException("hand-written checks are not deterministic");
            }
        }
        // the engine on exactly those checks' domains, for the like-for-like ratio
        System.out.printf("hand-written (%d rules: periodic checks and tasks, follow-ups, support SLA, four audit-log checks): median %.0f ms over %d runs; %d findings, identical to the engine's for those rules%n",
                HandWrittenChecks.RULES.size(), median(hand), runs, byHand.size());
        System.out.printf("ratio full engine evaluation / hand-written subset: %.1f%n", median(full) / median(hand));

        // the full engine's working memory (about 0.7 GB) is let go while the subset is measured, so the
        // subset's collections do not also trace it; it is loaded again for the incremental figures
        engine.unload(contract.id());
        System.gc();

        // like for like: an engine with only the rules the hand-written code replaces (checks-and-tasks.drl of
        // obligations-standard, the catalogues, support, security-audit), over the same facts and log
        DroolsEngine subset = new DroolsEngine();
        Path tmp = Files.createTempDirectory("bench-subset");
        try (Stream<Path> modules = Files.list(Path.of("rules"))) {
            for (Path m : modules.filter(p -> Files.isDirectory(p.resolve("src/main/resources"))).sorted().toList()) {
                Path res = m.resolve("src/main/resources");
                String domain = new com.fasterxml.jackson.databind.ObjectMapper().readTree(res.resolve("catalogue.json").toFile())
                        .path("domain").asText();
                boolean catalogueOnly = !Files.isDirectory(res.resolve("rules"));
                if (!(catalogueOnly || Set.of("obligations", "support", "security-audit").contains(domain))) {
                    continue;
                }
                Path copy = tmp.resolve(domain);
                Files.createDirectories(copy.resolve("rules"));
                Files.copy(res.resolve("catalogue.json"), copy.resolve("catalogue.json"));
                if (!catalogueOnly) {
                    try (Stream<Path> drl = Files.list(res.resolve("rules"))) {
                        for (Path f : drl.toList()) {
                            if (!domain.equals("obligations") || f.getFileName().toString().equals("checks-and-tasks.drl")) {
                                Files.copy(f, copy.resolve("rules").resolve(f.getFileName()));
                            }
                        }
                    }
                }
                var status = subset.deploy(DomainSources.fromDirectory(copy, "subset." + domain, "1.0.0", domain));
                if (!status.state().name().equals("ACTIVE")) {
                    throw new IllegalStateException(domain + " refused: " + status.problems());
                }
            }
        }
        // engine and hand-written runs alternate, so both see the same machine (JIT, GC, neighbours)
        List<Double> like = new ArrayList<>();
        List<Double> handPaired = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        Evaluation subsetEvaluation = null;
        for (int r = 0; r < runs + 1; r++) {
            subset.unload(contract.id());
            System.gc();
            long t0 = System.nanoTime();
            subset.load(contract, facts);
            subset.addAuditEvents(contract.id(), events);
            subsetEvaluation = subset.evaluate(contract.id(), AS_OF);
            double engineMs = (System.nanoTime() - t0) / 1e6;
            System.gc();
            t0 = System.nanoTime();
            HandWrittenChecks.evaluate(contract, catalogues, facts, events, AS_OF);
            double handMs = (System.nanoTime() - t0) / 1e6;
            if (r > 0) {
                like.add(engineMs);
                handPaired.add(handMs);
                ratios.add(engineMs / handMs);
            }
        }
        Set<String> bySubset = subsetEvaluation.findings().stream().filter(f -> HandWrittenChecks.RULES.contains(f.getRuleName()))
                .map(Finding::getKey).collect(Collectors.toCollection(TreeSet::new));
        if (!bySubset.equals(byHand)) {
            throw new IllegalStateException("the rule subset and the hand-written checks disagree");
        }
        System.out.printf("engine with only those rules (%d findings): median %.0f ms, hand-written in the same runs median %.0f ms, over %d alternating runs; ratio engine / hand-written, like for like: %.1f (median of the runs' ratios %.2f, range %.2f-%.2f)%n",
                subsetEvaluation.findings().size(), median(like), median(handPaired), runs, median(like) / median(handPaired),
                median(ratios), min(ratios), max(ratios));

        // the same without the audit log: how much of the gap is the million audit entries
        List<Double> likeFacts = new ArrayList<>();
        List<Double> handFacts = new ArrayList<>();
        for (int r = 0; r < runs + 1; r++) {
            subset.unload(contract.id());
            System.gc();
            long t0 = System.nanoTime();
            subset.load(contract, facts);
            subset.evaluate(contract.id(), AS_OF);
            double engineMs = (System.nanoTime() - t0) / 1e6;
            t0 = System.nanoTime();
            HandWrittenChecks.evaluate(contract, catalogues, facts, List.of(), AS_OF);
            double handMs = (System.nanoTime() - t0) / 1e6;
            if (r > 0) {
                likeFacts.add(engineMs);
                handFacts.add(handMs);
            }
        }
        subset.close();
        System.out.printf("engine with those rules / hand-written, facts only (no audit log): median %.0f ms / %.0f ms = %.1f%n",
                median(likeFacts), median(handFacts), median(likeFacts) / median(handFacts));

        // 3. one new fact to its updated findings (incremental)
        engine.load(contract, facts);
        engine.addAuditEvents(contract.id(), events);
        engine.evaluate(contract.id(), AS_OF);
        List<Double> one = new ArrayList<>();
        var daily = catalogues.stream().flatMap(c -> c.obligations().stream())
                .filter(x -> x.frequency() == org.lvyue.api.spi.Frequency.DAILY && x.category() == org.lvyue.api.spi.Obligation.Category.CHECK)
                .findFirst().orElseThrow();
        for (int r = 0; r < 220; r++) {
            LocalDate day = LocalDate.of(2022, 3, 1).plusDays(r % 250);
            Fact f = Fact.builder().id("bench-one-" + r).contractId(contract.id()).domain(daily.domain()).kind(daily.evidenceKind())
                    .subject(daily.evidenceSubject()).date(day).status("abnormal").attributes(Map.of("inspector", "张工", "system", "主"))
                    .source("bench").build();
            long t0 = System.nanoTime();
            engine.addFacts(contract.id(), List.of(f));
            Evaluation e = engine.evaluate(contract.id(), AS_OF);
            double ms = (System.nanoTime() - t0) / 1e6;
            if (e.findings().stream().noneMatch(x -> x.getFactIds().contains(f.getId()))) {
                throw new IllegalStateException("the abnormal record gave no finding");
            }
            if (r >= 20) {
                one.add(ms);
            }
        }
        one.sort(null);
        System.out.printf("one new fact to its updated findings: p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d facts%n",
                one.get(one.size() / 2), one.get((int) Math.ceil(one.size() * 0.99) - 1), one.get(one.size() - 1), one.size());
        engine.close();
    }

    /** The real engine with every domain bundle of rules/ deployed from its sources. */
    static DroolsEngine engineWithEveryDomain() throws Exception {
        DroolsEngine engine = new DroolsEngine();
        try (Stream<Path> modules = Files.list(Path.of("rules"))) {
            for (Path m : modules.filter(p -> Files.isDirectory(p.resolve("src/main/resources"))).sorted().toList()) {
                String domain = new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(m.resolve("src/main/resources/catalogue.json").toFile()).path("domain").asText();
                var status = engine.deploy(DomainSources.fromDirectory(m.resolve("src/main/resources"), "bench." + domain, "1.0.0", domain));
                if (!status.state().name().equals("ACTIVE")) {
                    throw new IllegalStateException(domain + " refused: " + status.problems());
                }
            }
        }
        return engine;
    }

    static Iterator<?> auditIterator(DemoData data) throws Exception {
        Object events = DemoData.class.getMethod("auditEvents").invoke(data);
        return events instanceof Iterator<?> it ? it : ((Stream<?>) events).iterator();
    }

    /** The demo's audit record to the API's (same fields). */
    static AuditEvent toAuditEvent(Object e) throws Exception {
        if (e instanceof AuditEvent a) {
            return a;
        }
        var c = e.getClass();
        return new AuditEvent((String) c.getMethod("id").invoke(e), (LocalDateTime) c.getMethod("at").invoke(e),
                (String) c.getMethod("user").invoke(e), (String) c.getMethod("address").invoke(e), (String) c.getMethod("action").invoke(e),
                (String) c.getMethod("resource").invoke(e), (Boolean) c.getMethod("classified").invoke(e),
                (String) c.getMethod("requestId").invoke(e), (String) c.getMethod("system").invoke(e));
    }

    @SuppressWarnings("unchecked")
    static Fact toFact(String contractId, Map<String, Object> m, Map<String, String> domainOf) {
        String kind = (String) m.get("kind");
        Fact.Builder b = Fact.builder().id((String) m.get("id")).contractId(contractId).domain(domainOf.get(kind)).kind(kind)
                .subject((String) m.get("subject")).date(LocalDate.parse((String) m.get("date"))).status((String) m.get("status"))
                .source("bench");
        if (m.get("time") != null) {
            b.time(LocalDateTime.parse((String) m.get("time")));
        }
        if (m.get("amount") != null) {
            b.amount(new BigDecimal(m.get("amount").toString()));
        }
        Object attributes = m.get("attributes");
        if (attributes != null) {
            Map<String, String> a = new HashMap<>();
            ((Map<String, Object>) attributes).forEach((k, v) -> a.put(k, String.valueOf(v)));
            b.attributes(a);
        }
        return b.build();
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    static double min(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    static double max(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
