import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.lvyue.api.calendar.WorkingCalendar;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.spi.DomainCatalogue;
import org.lvyue.api.spi.Frequency;
import org.lvyue.api.spi.Obligation;
import org.lvyue.api.spi.PeriodLabels;
import org.lvyue.core.internal.ContractDefinitionReader;
import org.lvyue.engine.internal.DomainSources;
import org.lvyue.engine.internal.DroolsEngine;

/**
 * Issue #4 figures, in process on the real engine: every domain bundle of rules/ deployed from its
 * sources, a full year (2022) of inspection records of every domain generated from the catalogues
 * (every daily, weekly, monthly, quarterly and yearly check and task on each working day it falls
 * due; each check recorded for the main and the standby system, and one in three also for the
 * disaster-recovery system, as 巡检记录单 list them per system; about 1 in 50 records missing and
 * 1 in 100 abnormal), then
 *   1. a full evaluation from scratch (new working memory with every fact), and
 *   2. one new record added to the loaded contract, to its updated findings.
 * Usage: bench/year-bench.sh [runs]
 */
public class YearBench {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
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
        Contract contract = ContractDefinitionReader.read(ContractDefinitionReader.demoDefinition());
        List<Fact> year = year(engine.catalogues(), contract);
        System.out.printf("domains: %d, obligations: %d, facts for 2022: %d%n", engine.catalogues().size(),
                engine.catalogues().stream().mapToInt(c -> c.obligations().size()).sum(), year.size());

        List<Double> full = new ArrayList<>();
        int findings = 0;
        for (int r = 0; r < runs + 2; r++) {
            engine.unload(contract.id());
            long t0 = System.nanoTime();
            engine.load(contract, year);
            Evaluation e = engine.evaluate(contract.id(), LocalDate.of(2023, 1, 10));
            double ms = (System.nanoTime() - t0) / 1e6;
            findings = e.findings().size();
            if (r >= 2) full.add(ms);
        }
        full.sort(null);
        System.out.printf("full evaluation of the year: median %.0f ms, max %.0f ms over %d runs (%d findings)%n",
                full.get(runs / 2), full.get(runs - 1), runs, findings);

        List<Double> one = new ArrayList<>();
        Obligation daily = engine.catalogues().stream().flatMap(c -> c.obligations().stream())
                .filter(o -> o.frequency() == Frequency.DAILY && o.category() == Obligation.Category.CHECK).findFirst().orElseThrow();
        for (int r = 0; r < runs * 4 + 5; r++) {
            LocalDate day = LocalDate.of(2022, 3, 1).plusDays(r);
            Fact f = Fact.builder().id("bench-one-" + r).contractId(contract.id()).domain(daily.domain())
                    .kind(daily.evidenceKind()).subject(daily.evidenceSubject()).date(day).status("abnormal")
                    .attributes(Map.of("inspector", "张工")).source("bench").build();
            long t0 = System.nanoTime();
            engine.addFacts(contract.id(), List.of(f));
            Evaluation e = engine.evaluate(contract.id(), LocalDate.of(2023, 1, 10));
            double ms = (System.nanoTime() - t0) / 1e6;
            if (e.findings().stream().noneMatch(x -> x.getFactIds().contains(f.getId()))) {
                throw new IllegalStateException("the abnormal record gave no finding");
            }
            if (r >= 5) one.add(ms);
        }
        one.sort(null);
        System.out.printf("one new record to its updated finding: median %.1f ms, max %.1f ms over %d records%n",
                one.get(one.size() / 2), one.get(one.size() - 1), one.size());
        engine.close();
    }

    /** Every periodic check and task of every catalogue, on each working day it falls due, with gaps and faults. */
    static List<Fact> year(List<DomainCatalogue> catalogues, Contract c) {
        WorkingCalendar calendar = WorkingCalendar.china();
        List<Fact> facts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int n = 0;
        for (LocalDate day = c.periodStart(); !day.isAfter(c.periodEnd()); day = day.plusDays(1)) {
            if (!calendar.isWorkingDay(day)) {
                continue;
            }
            for (DomainCatalogue cat : catalogues) {
                for (Obligation o : cat.obligations()) {
                    if ((o.category() != Obligation.Category.CHECK && o.category() != Obligation.Category.TASK)
                            || o.frequency() == Frequency.PER_EVENT || !seen.add(o.id() + "@" + PeriodLabels.of(o.frequency(), day))) {
                        continue;
                    }
                    boolean check = o.category() == Obligation.Category.CHECK;
                    List<String> systems = !check ? List.of("-") : n % 3 == 0 ? List.of("主", "备", "灾备") : List.of("主", "备");
                    for (String system : systems) {
                        n++;
                        if (n % 50 == 0) {
                            continue; // a missed check
                        }
                        String status = check ? (n % 100 == 1 ? "abnormal" : "normal") : null;
                        facts.add(Fact.builder().id("y-" + n).contractId(c.id()).domain(o.domain()).kind(o.evidenceKind())
                                .subject(o.evidenceSubject()).date(day).status(status)
                                .attributes(Map.of("inspector", "张工", "system", system)).source("bench").build());
                    }
                }
            }
        }
        return facts;
    }
}
