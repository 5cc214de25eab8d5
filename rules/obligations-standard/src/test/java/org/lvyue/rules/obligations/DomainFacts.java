package org.lvyue.rules.obligations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.spi.Obligation;
import org.lvyue.core.internal.ContractDefinitionReader;
import org.lvyue.engine.internal.DomainSources;
import org.lvyue.engine.internal.DroolsEngine;

/**
 * One domain bundle alone on the real engine, over the demo contract, with the facts a test adds:
 * the fixture of the baseline checks' tests, which hold hand-made facts against one bundle's rules.
 */
public final class DomainFacts implements AutoCloseable {
    private final DroolsEngine engine = new DroolsEngine();
    private final Contract contract = ContractDefinitionReader.read(ContractDefinitionReader.demoDefinition());
    private final String domain;
    private final List<Fact> facts = new ArrayList<>();
    private int next;

    /** Deploys the module's {@code src/main/resources} as domain {@code domain}. */
    public DomainFacts(Path domainDir, String domain) {
        this.domain = domain;
        DomainStatus s = engine.deploy(DomainSources.fromDirectory(domainDir, "org.lvyue.domain." + domain, "0.1.0", domain));
        assertEquals(DomainState.ACTIVE, s.state(), () -> domain + " refused: " + s.problems());
    }

    public DroolsEngine engine() {
        return engine;
    }

    public Contract contract() {
        return contract;
    }

    /** The facts added so far, in order. */
    public List<Fact> facts() {
        return facts;
    }

    /** Adds a fact with the next id ({@code <kind>-<n>}). */
    public Fact add(String kind, String subject, String date, Map<String, String> attributes) {
        Fact f = Fact.builder().id(kind + "-" + (++next)).contractId(contract.id()).domain(domain).kind(kind)
                .subject(subject).date(LocalDate.parse(date)).attributes(attributes).source("test").build();
        facts.add(f);
        return f;
    }

    /** Loads every fact added and evaluates as of {@code asOf}. */
    public List<Finding> evaluate(LocalDate asOf) {
        engine.load(contract, facts);
        return engine.evaluate(contract.id(), asOf).findings();
    }

    /** Each finding as {@code check period object} (the object being the finding key's last part), sorted. */
    public List<String> failed(LocalDate asOf) {
        List<String> out = new ArrayList<>();
        for (Finding f : evaluate(asOf)) {
            out.add(f.getObligationId() + " " + f.getPeriodLabel() + " " + f.getKey().substring(f.getKey().lastIndexOf('/') + 1));
        }
        out.sort(null);
        return out;
    }

    /**
     * The domain's BASELINE checks, having asserted that each carries rationale, remediation and
     * references and has exactly one rule named {@code 基线 <id> ...} in {@code drl}, and that the file
     * has no rule for a check the catalogue lacks.
     */
    public List<Obligation> baselineChecks(Path drl) throws IOException {
        Map<String, Integer> rules = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^rule \"基线 (\\S+) ").matcher(Files.readString(drl, StandardCharsets.UTF_8));
        while (m.find()) {
            rules.merge(m.group(1), 1, Integer::sum);
        }
        List<Obligation> checks = engine.catalogues().stream().filter(c -> c.domain().equals(domain))
                .flatMap(c -> c.obligations().stream()).filter(o -> o.category() == Obligation.Category.BASELINE).toList();
        for (Obligation o : checks) {
            assertEquals(1, rules.getOrDefault(o.id(), 0), o.id() + ": one rule");
            for (String p : List.of("rationale", "remediation", "references")) {
                assertFalse(o.params().getOrDefault(p, "").isBlank(), o.id() + " " + p);
            }
        }
        assertEquals(checks.size(), rules.size(), "a rule for a check the catalogue lacks");
        return checks;
    }

    @Override
    public void close() {
        engine.close();
    }
}
