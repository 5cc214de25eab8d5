package org.lvyue.api.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Which bundle versions serve a contract's service, as OSGi reads a version range. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ContractServiceTest {
    @Test
    void a_half_open_range_takes_its_lower_end_and_not_its_upper_end() {
        ContractService s = new ContractService("support", "[1.0,2)", Map.of());

        assertTrue(s.accepts("1.0.0"));
        assertTrue(s.accepts("1.9.9.SNAPSHOT"));
        assertFalse(s.accepts("2.0.0"));
        assertFalse(s.accepts("0.9.0"));
    }

    @Test
    void an_exclusive_lower_end_and_an_inclusive_upper_end_read_the_other_way_round() {
        ContractService s = new ContractService("support", "(1.0,2.0]", Map.of());

        assertFalse(s.accepts("1.0.0"));
        assertTrue(s.accepts("1.0.1"));
        assertTrue(s.accepts("2.0.0"));
    }

    @Test
    void a_single_version_is_that_version_or_any_later_and_no_range_is_any() {
        assertTrue(new ContractService("support", "1.2", Map.of()).accepts("3.0.0"));
        assertFalse(new ContractService("support", "1.2", Map.of()).accepts("1.1.9"));
        assertTrue(ContractService.of("support").accepts("0.1.0.SNAPSHOT"));
    }

    @Test
    void overrides_are_kept_in_key_order_whatever_order_they_came_in() {
        ContractService s = new ContractService("staffing", null,
                Map.of("st.b", Map.of("minYears", "3", "count", "2"), "st.a", Map.of("count", "1")));

        assertEquals(List.of("st.a", "st.b"), List.copyOf(s.overrides().keySet()));
        assertEquals(List.of("count", "minYears"), List.copyOf(s.overrides().get("st.b").keySet()));
    }

    @Test
    void a_contract_without_services_buys_every_domain_and_one_with_services_only_those() {
        Contract every = new Contract("c", 1, "n", "", "", null, null, java.math.BigDecimal.ONE,
                java.time.LocalDate.of(2022, 1, 1), java.time.LocalDate.of(2022, 12, 31), null);
        Contract one = new Contract("c", 1, "n", "", "", null, null, java.math.BigDecimal.ONE,
                java.time.LocalDate.of(2022, 1, 1), java.time.LocalDate.of(2022, 12, 31), null, List.of(), List.of(), null,
                List.of(ContractService.of("support")));

        assertTrue(every.buys("pki"));
        assertTrue(one.buys("support"));
        assertFalse(one.buys("pki"));
    }
}
