package org.lvyue.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.contract.ContractService;
import org.lvyue.api.finding.Severity;

/** A contract setting an obligation differently from its catalogue: what may change, and what is refused. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ObligationOverridesTest {
    private static final Obligation ENGINEERS = new Obligation("st.engineer", "staffing", "网络工程师", "附件二 7", Frequency.DAILY, 4,
            "staff.member", null, Severity.HIGH, null, Obligation.Category.ROLE, null, null, Map.of("minYears", "3", "certificate", "CISP"));
    private static final Obligation PATROL = new Obligation("ns.patrol", "network-security", "每周巡检", "附件三 2.1", Frequency.WEEKLY, 1,
            "ns.patrol", null, Severity.MEDIUM, null, Obligation.Category.CHECK, null, null, Map.of());

    @Test
    void a_role_takes_the_contracts_head_count_years_and_certificate() {
        Obligation o = ENGINEERS.overriddenBy(Map.of("count", "2", "minYears", "5", "certificate", "CISSP"));

        assertEquals(2, o.count());
        assertEquals("5", o.params().get("minYears"));
        assertEquals("CISSP", o.params().get("certificate"));
        assertEquals(Frequency.DAILY, o.frequency(), "what the contract does not set stays the catalogue's");
    }

    @Test
    void a_check_takes_the_contracts_frequency_and_severity() {
        Obligation o = PATROL.overriddenBy(Map.of("frequency", "DAILY", "severity", "HIGH"));

        assertEquals(Frequency.DAILY, o.frequency());
        assertEquals(Severity.HIGH, o.severity());
    }

    @Test
    void a_wrong_type_or_an_unknown_parameter_is_refused_naming_it() {
        IllegalArgumentException words = assertThrows(IllegalArgumentException.class, () -> ENGINEERS.overriddenBy(Map.of("minYears", "五年")));
        assertTrue(words.getMessage().startsWith("minYears: 应为不小于 0 的整数"), words.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> PATROL.overriddenBy(Map.of("count", "0")));
        assertTrue(zero.getMessage().startsWith("count: 应为不小于 1 的整数"), zero.getMessage());
        IllegalArgumentException frequency = assertThrows(IllegalArgumentException.class, () -> PATROL.overriddenBy(Map.of("frequency", "weekly")));
        assertTrue(frequency.getMessage().startsWith("frequency: 取值应为 DAILY、WEEKLY"), frequency.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> PATROL.overriddenBy(Map.of("sites", "3")));
        assertTrue(unknown.getMessage().startsWith("sites: 义务 ns.patrol 没有此参数"), unknown.getMessage());
    }

    @Test
    void a_catalogue_as_a_contract_buys_it_drops_what_it_drops_and_names_an_obligation_it_lacks() {
        DomainCatalogue catalogue = new DomainCatalogue("staffing", "人员", "Staffing", "附件二 7", List.of(), List.of(ENGINEERS, PATROL));

        DomainCatalogue bought = catalogue.as(new ContractService("staffing", null,
                Map.of("ns.patrol", Map.of("applies", "false"), "st.engineer", Map.of("count", "2"))));

        assertEquals(List.of("st.engineer"), bought.obligations().stream().map(Obligation::id).toList());
        assertEquals(2, bought.obligations().get(0).count());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> catalogue.as(new ContractService("staffing", null, Map.of("st.manager", Map.of("count", "1")))));
        assertTrue(missing.getMessage().startsWith("st.manager: "), missing.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> catalogue.as(new ContractService("staffing", null, Map.of("st.engineer", Map.of("count", "x")))));
        assertTrue(bad.getMessage().startsWith("st.engineer.count: "), bad.getMessage());
    }
}
