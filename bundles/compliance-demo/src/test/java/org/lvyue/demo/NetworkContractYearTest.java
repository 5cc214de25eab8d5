package org.lvyue.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.core.internal.DemoValidation;
import org.lvyue.engine.internal.DroolsEngine;

/**
 * The portfolio's second demo contract (bj-hrss-2022-wl: network security, on-site staff and support, another
 * supplier) on the real engine with every domain bundle deployed, beside the seed's contract: it is held only to the
 * services it buys, with its own parameters, and its findings are exactly the violations injected into its year.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NetworkContractYearTest {
    private static final Set<String> ITS_DOMAINS = Set.of("network-security", "staffing", "support", "general-terms", "obligations");
    private static DroolsEngine engine;
    private static ContractYear year;
    private static Contract contract;
    private static List<Fact> facts;
    private static Evaluation evaluation;

    @BeforeAll
    static void evaluateTheYear() throws Exception {
        engine = DemoFixture.engineWithEveryDomain();
        year = DemoYear.network(DemoFixture.options());
        contract = DemoValidation.demoContract(DemoYear.NETWORK_CONTRACT);
        facts = DemoFixture.validate(contract, year.facts());
        engine.load(contract, facts);
        // the seed's contract in the same engine: one contract's records never reach the other's findings
        engine.load(DemoValidation.demoContract(), DemoFixture.validated(DemoFixture.standard()));
        evaluation = engine.evaluate(contract.id(), DemoFixture.TODAY);
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private static boolean finds(Finding f, InjectedViolation v) {
        return DemoFixture.finds(f, v, year.missing());
    }

    @Test
    void its_findings_are_of_the_services_it_buys_and_of_its_own_records_only() {
        Set<String> domains = evaluation.findings().stream().map(Finding::getDomain).collect(Collectors.toCollection(TreeSet::new));
        Set<String> ids = facts.stream().map(Fact::getId).collect(Collectors.toSet());

        assertTrue(ITS_DOMAINS.containsAll(domains), "findings of services it does not buy: " + domains);
        assertTrue(engine.domains().stream().allMatch(d -> d.state() == org.lvyue.api.engine.DomainState.ACTIVE),
                "no domain stopped on either contract's records: " + engine.domains());
        assertTrue(evaluation.findings().stream().allMatch(f -> f.getContractId().equals(contract.id())));
        assertTrue(evaluation.findings().stream().flatMap(f -> f.getFactIds().stream()).allMatch(ids::contains),
                "a finding names a record that is not this contract's");
    }

    @Test
    void each_injected_violation_is_found_by_the_rule_it_names_and_nothing_else_is_found() {
        assertFalse(year.violations().isEmpty());
        List<String> unfound = new ArrayList<>();
        for (InjectedViolation v : year.violations()) {
            boolean found = evaluation.findings().stream().anyMatch(f -> finds(f, v))
                    || evaluation.ledger().stream().anyMatch(e -> DemoFixture.books(e, v));
            if (!found) {
                unfound.add(v.id() + " " + v.expectedRule() + " " + v.description());
            }
        }
        assertEquals(List.of(), unfound);
        Map<String, Integer> unexplained = new TreeMap<>();
        for (Finding f : evaluation.findings()) {
            if (year.violations().stream().noneMatch(v -> finds(f, v))) {
                unexplained.merge(f.getRuleName() + " | " + f.getTitle(), 1, Integer::sum);
            }
        }
        assertEquals(Map.of(), unexplained);
    }

    @Test
    void its_year_follows_its_own_parameters_not_the_catalogues() {
        // staffing: 1 project manager, 3 network engineers and 1 support engineer (the catalogue's 15 are 5), counted
        // among those who have not left (one is replaced during the year)
        Map<String, Long> roles = facts.stream().filter(f -> f.getKind().equals("staff.member") && f.getAttributes().get("left") == null)
                .collect(Collectors.groupingBy(f -> f.getAttributes().get("role"), TreeMap::new, Collectors.counting()));
        assertEquals(Map.of("staff.network", 3L, "staff.pm", 1L, "staff.support", 1L), roles);
        // ns.d02 weekly instead of daily: in 2022, one day a week with its records, against every working day for ns.d01
        long patrolDays = days("ns.d02");
        long dailyDays = days("ns.d01");
        assertTrue(patrolDays >= 50 && patrolDays <= 53, "days with the ns.d02 patrol in 2022: " + patrolDays);
        assertTrue(dailyDays >= 240, "days with the ns.d01 check in 2022: " + dailyDays);
        // no record of a service it does not buy
        assertTrue(facts.stream().noneMatch(f -> f.getKind().startsWith("identity-auth.") || f.getKind().startsWith("pki.")));
    }

    private static long days(String check) {
        return facts.stream().filter(f -> f.getKind().equals("network-security.inspection") && check.equals(f.getSubject())
                && f.getDate().getYear() == 2022).map(Fact::getDate).distinct().count();
    }

    @Test
    void a_record_of_a_service_it_does_not_buy_is_refused() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DemoFixture.validate(contract,
                List.of(Map.of("id", "x", "kind", "identity-auth.inspection", "subject", "ia.d01", "date", "2022-03-01",
                        "status", "normal", "attributes", Map.of("inspector", "张三")))));
        assertTrue(e.problems().get(0).reason().contains("未购买服务领域 'identity-auth'"), e.problems().toString());
    }
}
