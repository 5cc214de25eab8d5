package org.lvyue.engine.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvyue.engine.internal.TestDomains.AS_OF;
import static org.lvyue.engine.internal.TestDomains.CONTRACT;
import static org.lvyue.engine.internal.TestDomains.record;
import static org.lvyue.engine.internal.TestDomains.working;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.ContractService;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.spi.DomainCatalogue;
import org.lvyue.api.spi.Frequency;

/**
 * A contract is held only to the services it buys: the rules and obligations of a domain it does not list never
 * apply to it, those of every contract always do, a bundle outside the version range it accepts does not serve it,
 * and its overrides reach the rules.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ContractServicesTest extends EngineTest {
    /** A domain of every contract: one finding per contract, "terms: held". */
    private static final String TERMS_DRL = TestDomains.drl("terms", """
            rule "terms: held"
            when
                $c : Contract()
            then
                insertLogical(Finding.builder().contractId($c.id()).domain("terms").rule(drools.getRule().getName())
                    .clause("一般条款").severity(Severity.INFO).period($c.periodStart(), $c.periodEnd(), "全年")
                    .title("terms").build());
            end
            """);
    private static final byte[] TERMS_CATALOGUE = """
            { "domain": "terms", "title": "一般条款", "clause": "一般条款", "everyContract": true,
              "factKinds": [ { "name": "terms.record", "title": "记录" } ], "obligations": [] }
            """.getBytes(UTF_8);

    /** Says the count of each of its obligations the session holds: "count=<n>". */
    private static final String COUNTED_DRL = TestDomains.drl("gamma", """
            rule "gamma: count"
            when
                $c : Contract()
                $o : Obligation(domain == "gamma")
            then
                insertLogical(Finding.builder().contractId($c.id()).domain("gamma").obligation($o.id())
                    .rule(drools.getRule().getName()).clause($o.clause()).severity(Severity.INFO)
                    .period($c.periodStart(), $c.periodEnd(), "全年").discriminator("count=" + $o.count())
                    .title($o.frequency() + " × " + $o.count()).build());
            end
            """);

    @BeforeEach
    void deploy() {
        assertEquals(DomainState.ACTIVE, engine.deploy(working(1, "test.alpha", "1.0.0", "alpha", "alpha")).state());
        assertEquals(DomainState.ACTIVE, engine.deploy(working(2, "test.beta", "1.0.0", "beta", "beta")).state());
        assertEquals(DomainState.ACTIVE, engine.deploy(TestDomains.domain(3, "test.terms", "1.0.0", "terms",
                Map.of("rules/terms.drl", TERMS_DRL), TERMS_CATALOGUE)).state());
        assertEquals(DomainState.ACTIVE, engine.deploy(TestDomains.domain(4, "test.gamma", "1.0.0", "gamma", COUNTED_DRL)).state());
    }

    private static Contract buying(ContractService... services) {
        Contract c = CONTRACT;
        return new Contract(c.id(), c.version(), c.name(), c.number(), c.procurementNo(), c.client(), c.supplier(), c.amount(),
                c.periodStart(), c.periodEnd(), c.signedOn(), c.terms(), c.interpretations(), null, List.of(services));
    }

    private static List<String> domains(Evaluation e) {
        return e.findings().stream().map(Finding::getDomain).distinct().sorted().toList();
    }

    @Test
    void a_contract_that_buys_one_service_gets_findings_of_that_service_and_of_every_contracts_terms_only() {
        engine.load(buying(ContractService.of("alpha")), List.of(record("a1", "alpha", "2022-03-01", "ok")));

        Evaluation e = engine.evaluate(CONTRACT.id(), AS_OF);

        // alpha: its record a1 (the year has one, so no "year without a record"); terms: held; beta and gamma: nothing
        assertEquals(List.of("alpha", "terms"), domains(e));
        assertEquals(List.of("alpha", "terms"), engine.catalogues(buying(ContractService.of("alpha"))).stream()
                .map(DomainCatalogue::domain).sorted().toList());
    }

    @Test
    void a_contract_that_does_not_say_which_services_it_buys_is_held_to_every_domain() {
        engine.load(CONTRACT, List.of());

        Evaluation e = engine.evaluate(CONTRACT.id(), AS_OF);

        // alpha and beta: a year without a record each; gamma: its count; terms: held
        assertEquals(List.of("alpha", "beta", "gamma", "terms"), domains(e));
    }

    @Test
    void a_bundle_outside_the_version_range_the_contract_accepts_does_not_serve_it() {
        Contract c = buying(ContractService.of("alpha"), new ContractService("beta", "[2.0,3)", Map.of()));
        engine.load(c, List.of());

        Evaluation e = engine.evaluate(CONTRACT.id(), AS_OF);

        // beta runs 1.0.0 and the contract accepts only 2.x: alpha's missing year and the terms, nothing of beta
        assertEquals(List.of("alpha", "terms"), domains(e));
    }

    @Test
    void the_contracts_overrides_reach_the_rules_and_a_dropped_obligation_is_not_held() {
        Contract c = buying(new ContractService("gamma", null, Map.of("gamma.yearly", Map.of("count", "3", "frequency", "QUARTERLY"))));
        engine.load(c, List.of());

        Evaluation e = engine.evaluate(CONTRACT.id(), AS_OF);

        // the catalogue says YEARLY × 1; the contract says QUARTERLY × 3, and the rule reads what the contract says
        List<String> gamma = e.findings().stream().filter(f -> f.getDomain().equals("gamma")).map(Finding::getTitle).toList();
        assertEquals(List.of("QUARTERLY × 3"), gamma);
        DomainCatalogue bought = engine.catalogues(c).stream().filter(k -> k.domain().equals("gamma")).findFirst().orElseThrow();
        assertEquals(Frequency.QUARTERLY, bought.obligations().get(0).frequency());

        Contract dropping = buying(new ContractService("gamma", null, Map.of("gamma.yearly", Map.of("applies", "false"))));
        engine.load(dropping, List.of());
        assertEquals(List.of("terms"), domains(engine.evaluate(CONTRACT.id(), AS_OF)));
    }

    @Test
    void contracts_that_buy_the_same_services_share_one_knowledge_base_built_for_them() {
        Contract alpha = buying(ContractService.of("alpha"));
        RuleSet rules = engine.ruleSet();

        assertSame(rules.knowledgeBaseFor(alpha), rules.knowledgeBaseFor(buying(ContractService.of("alpha"))));
        assertSame(rules.knowledgeBase(), rules.knowledgeBaseFor(CONTRACT), "a contract of every domain uses the whole rule set's");
        assertTrue(rules.knowledgeBaseFor(alpha).getKiePackages().stream().noneMatch(p -> p.getName().equals("test.beta")),
                "the knowledge base of a contract buying alpha holds no rule of beta");
    }
}
