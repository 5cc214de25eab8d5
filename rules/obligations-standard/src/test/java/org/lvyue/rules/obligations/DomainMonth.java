package org.lvyue.rules.obligations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lvyue.api.calendar.WorkingCalendar;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.spi.DomainCatalogue;
import org.lvyue.api.spi.Frequency;
import org.lvyue.api.spi.Obligation;
import org.lvyue.api.spi.Obligation.Category;
import org.lvyue.api.spi.PeriodLabels;
import org.lvyue.core.internal.ContractDefinitionReader;
import org.lvyue.engine.internal.DomainSources;
import org.lvyue.engine.internal.DroolsEngine;

/**
 * A domain's catalogue and the standard obligation rules on the real engine, over the demo contract
 * shortened to start on a given day, with a generator of "everything done" records from the
 * catalogue itself. A test takes the complete records, removes or changes a few (the known gaps) and
 * asserts the exact findings they produce.
 */
public final class DomainMonth implements AutoCloseable {
    private final DroolsEngine engine = new DroolsEngine();
    private final Contract contract;
    private final DomainCatalogue catalogue;
    private final String domain;
    private final List<Fact> facts = new ArrayList<>();
    private int next;

    /**
     * @param domainDir     the domain module's {@code src/main/resources}
     * @param domain        its domain id
     * @param periodStart   the first day of the (shortened) service period
     */
    public DomainMonth(Path domainDir, String domain, LocalDate periodStart) {
        this(domainDir, domain, periodStart, new String[0]);
    }

    /**
     * As above, with {@code id=value} interpretations of the demo contract changed, or {@code id=} for the default
     * reading (the demo contract chooses some readings of its own).
     */
    public DomainMonth(Path domainDir, String domain, LocalDate periodStart, String... interpretations) {
        this.domain = domain;
        Path standard = locate("obligations-standard");
        DomainStatus s = engine.deploy(DomainSources.fromDirectory(standard, "org.lvyue.obligations", "0.1.0", "obligations"));
        assertEquals(DomainState.ACTIVE, s.state(), () -> "standard rules refused: " + s.problems());
        DomainStatus d = engine.deploy(DomainSources.fromDirectory(domainDir, "org.lvyue.domain." + domain, "0.1.0", domain));
        assertEquals(DomainState.ACTIVE, d.state(), () -> domain + " refused: " + d.problems());
        catalogue = engine.catalogues().stream().filter(c -> c.domain().equals(domain)).findFirst().orElseThrow();
        contract = demoContract(periodStart, interpretations);
    }

    /** Deploys another domain beside this one (its module's {@code src/main/resources}), as the distribution does. */
    public DomainMonth alsoDeploy(String module, String domainId) {
        DomainStatus s = engine.deploy(DomainSources.fromDirectory(locate(module), "org.lvyue." + domainId, "0.1.0", domainId));
        assertEquals(DomainState.ACTIVE, s.state(), () -> domainId + " refused: " + s.problems());
        return this;
    }

    private static Path locate(String module) {
        for (Path p : List.of(Path.of("..", module), Path.of("rules", module))) {
            if (Files.isDirectory(p)) {
                return p.resolve("src/main/resources");
            }
        }
        throw new IllegalStateException("module " + module + " not found from " + Path.of("").toAbsolutePath());
    }

    private static Contract demoContract(LocalDate periodStart, String... interpretations) {
        try {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = (ObjectNode) mapper.readTree(ContractDefinitionReader.demoDefinition());
            root.put("periodStart", periodStart.toString());
            // the test domains are none of the services the demo buys: held as a contract that does not say, every domain
            root.remove("services");
            ObjectNode chosen = (ObjectNode) root.get("interpretations");
            for (String i : interpretations) {
                String[] kv = i.split("=", 2);
                if (kv[1].isEmpty()) {
                    chosen.remove(kv[0]);
                } else {
                    chosen.put(kv[0], kv[1]);
                }
            }
            return ContractDefinitionReader.read(mapper.writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public DomainCatalogue catalogue() {
        return catalogue;
    }

    /**
     * Records every periodic CHECK and TASK as done, normal, in every period from the contract's
     * start through {@code through}: daily ones on each working day, weekly on the week's first
     * working day, monthly, quarterly and yearly on their first working day.
     */
    public DomainMonth everythingDoneThrough(LocalDate through) {
        WorkingCalendar calendar = WorkingCalendar.china();
        Set<String> seen = new HashSet<>();
        for (LocalDate day = contract.periodStart(); !day.isAfter(through); day = day.plusDays(1)) {
            if (!calendar.isWorkingDay(day)) {
                continue;
            }
            for (Obligation o : catalogue.obligations()) {
                if ((o.category() == Category.CHECK || o.category() == Category.TASK) && o.frequency() != Frequency.PER_EVENT
                        && seen.add(o.id() + "@" + PeriodLabels.of(o.frequency(), day))) {
                    record(o.id(), day, o.category() == Category.CHECK ? "normal" : null);
                }
            }
        }
        return this;
    }

    /** A record of the obligation's evidence kind on that day (status {@code normal}, {@code abnormal}, or null for a task). */
    public DomainMonth record(String obligationId, LocalDate day, String status) {
        Obligation o = obligation(obligationId);
        Map<String, String> attrs = new HashMap<>();
        if (o.category() == Category.CHECK) {
            attrs.put("inspector", "张工");
        }
        facts.add(newFact(o.evidenceKind(), o.evidenceSubject(), day, status, attrs));
        return this;
    }

    /** A fact of any kind of the domain (or the standard one, {@code special-period}). */
    public DomainMonth fact(String kind, String subject, LocalDate day, String status, Map<String, String> attrs) {
        facts.add(newFact(kind, subject, day, status, attrs));
        return this;
    }

    private Fact newFact(String kind, String subject, LocalDate day, String status, Map<String, String> attrs) {
        String owner = kind.equals("special-period") ? "obligations" : domain;
        return Fact.builder().id(kind + "-" + (++next)).contractId(contract.id()).domain(owner).kind(kind)
                .subject(subject).date(day).status(status).attributes(attrs).source("test").build();
    }

    /** The id of the fact added last (to refer to an event from the record that answers it). */
    public String lastId() {
        return facts.get(facts.size() - 1).getId();
    }

    /** Removes the records matching the predicate (the known gaps). */
    public DomainMonth without(Predicate<Fact> gap) {
        int before = facts.size();
        facts.removeIf(gap);
        if (facts.size() == before) {
            throw new IllegalArgumentException("the gap removed nothing: the fixture is wrong");
        }
        return this;
    }

    public Obligation obligation(String id) {
        return catalogue.obligations().stream().filter(o -> o.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no obligation " + id + " in " + domain));
    }

    public List<Fact> facts() {
        return facts;
    }

    /** Adds records to the loaded working memory (as intake does), then evaluates: the incremental path. */
    public List<String> addThenFindings(List<Fact> added, LocalDate asOf) {
        return lines(addThenFindingsRaw(added, asOf));
    }

    /** As {@link #addThenFindings}, the findings themselves. */
    public List<Finding> addThenFindingsRaw(List<Fact> added, LocalDate asOf) {
        engine.addFacts(contract.id(), added);
        facts.addAll(added);
        return engine.evaluate(contract.id(), asOf).findings();
    }

    public Evaluation at(LocalDate asOf) {
        engine.unload(contract.id());
        engine.load(contract, facts);
        return engine.evaluate(contract.id(), asOf);
    }

    /** Findings as {@code period obligation rule}, sorted: one string each, easy to read in a failed assertion. */
    public List<String> findings(LocalDate asOf) {
        return lines(at(asOf).findings());
    }

    private static List<String> lines(List<Finding> findings) {
        List<String> out = new ArrayList<>();
        for (Finding f : findings) {
            out.add(f.getPeriodLabel() + " " + (f.getObligationId() == null ? "-" : f.getObligationId()) + " " + f.getRuleName());
        }
        out.sort(null);
        return out;
    }

    public List<Finding> raw(LocalDate asOf) {
        return at(asOf).findings();
    }

    @Override
    public void close() {
        engine.close();
    }
}
