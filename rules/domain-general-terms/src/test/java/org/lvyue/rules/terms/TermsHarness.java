package org.lvyue.rules.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.ledger.LedgerEntry;
import org.lvyue.core.internal.ContractDefinitionReader;
import org.lvyue.engine.internal.DomainSources;
import org.lvyue.engine.internal.DroolsEngine;

/** The general-terms rules on the real engine, over the demo contract as shipped (optionally with other interpretations). */
final class TermsHarness implements AutoCloseable {
    static final String DOMAIN = "general-terms";

    private final DroolsEngine engine = new DroolsEngine();
    final Contract contract;
    private final List<Fact> facts = new ArrayList<>();
    private int next;

    TermsHarness(String... interpretations) {
        this(false, interpretations);
    }

    private TermsHarness(boolean standardRules, String... interpretations) {
        if (standardRules) {
            var standard = engine.deploy(DomainSources.fromDirectory(Path.of("../obligations-standard/src/main/resources"),
                    "org.lvyue.obligations", "0.1.0", "obligations"));
            assertEquals(DomainState.ACTIVE, standard.state(), () -> "refused: " + standard.problems());
        }
        var status = engine.deploy(DomainSources.fromDirectory(Path.of("src/main/resources"),
                "org.lvyue.domain.general-terms", "0.1.0", DOMAIN));
        assertEquals(DomainState.ACTIVE, status.state(), () -> "refused: " + status.problems());
        contract = demoContract(interpretations);
    }

    /** The general terms with the standard obligation rules, which hold this catalogue's reports and tasks. */
    static TermsHarness withStandardRules(String... interpretations) {
        return new TermsHarness(true, interpretations);
    }

    /** The shipped demo contract, with {@code id=value} interpretations overriding its choices. */
    static Contract demoContract(String... interpretations) {
        try {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = (ObjectNode) mapper.readTree(ContractDefinitionReader.demoDefinition());
            // the tests' probe domain stands for any service the contract buys: held as a contract that does not say
            root.remove("services");
            for (String i : interpretations) {
                String[] kv = i.split("=", 2);
                ((ObjectNode) root.get("interpretations")).put(kv[0], kv[1]);
            }
            return ContractDefinitionReader.read(mapper.writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TermsHarness fact(String kind, String date, String subject, String status, String amount, String... attributes) {
        Map<String, String> attrs = new HashMap<>();
        for (int i = 0; i < attributes.length; i += 2) {
            attrs.put(attributes[i], attributes[i + 1]);
        }
        facts.add(Fact.builder().id(kind + "-" + (++next)).contractId(contract.id()).domain(DOMAIN).kind(kind)
                .subject(subject).date(LocalDate.parse(date)).status(status)
                .amount(amount == null ? null : new BigDecimal(amount)).attributes(attrs).source("test").build());
        return this;
    }

    /** The usual preconditions of payment: invoice on 12-15, bond (full amount, valid to year end) on 12-20. */
    TermsHarness invoiceAndBond() {
        fact("payment.invoice", "2022-12-15", null, null, "6085700.00", "invoiceNo", "INV-1");
        return fact("bond.received", "2022-12-20", null, null, "608570.00", "validUntil", "2022-12-31");
    }

    Evaluation at(String asOf) {
        engine.unload(contract.id());
        engine.load(contract, facts);
        return engine.evaluate(contract.id(), LocalDate.parse(asOf));
    }

    List<Finding> findings(String asOf, String rulePrefix) {
        return at(asOf).findings().stream().filter(f -> f.getRuleName().startsWith(rulePrefix)).toList();
    }

    List<LedgerEntry> ledger(String asOf, String rulePrefix) {
        return at(asOf).ledger().stream().filter(e -> e.getRule().startsWith(rulePrefix)).toList();
    }

    @Override
    public void close() {
        engine.close();
    }
}
