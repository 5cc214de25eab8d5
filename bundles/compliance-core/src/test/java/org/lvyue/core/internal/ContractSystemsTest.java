package org.lvyue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.InvalidInputException;

/** The client's systems a service's check items are checked on, as a contract definition names them. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ContractSystemsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ObjectNode demo() throws Exception {
        return (ObjectNode) MAPPER.readTree(ContractDefinitionReader.demoDefinition());
    }

    @Test
    void the_demo_contract_names_主_and_备_for_its_system_services_and_the_two_networks_for_network_security() throws Exception {
        Contract c = ContractDefinitionReader.readSubmitted(demo().toString());
        assertEquals(List.of("主", "备"), DailyChecklists.systems(c, "identity-auth"));
        assertEquals(List.of("互联网", "政务外网"), DailyChecklists.systems(c, "network-security"));
        assertEquals(List.of(""), DailyChecklists.systems(c, "support"), "a service naming none: one unnamed system");
    }

    @Test
    void systems_that_are_not_distinct_non_empty_names_are_refused_by_position() throws Exception {
        ObjectNode d = demo();
        ((ObjectNode) d.get("services").get("identity-auth")).set("systems", MAPPER.readTree("[\"主\", \" \", \"主\", 3]"));
        ((ObjectNode) d.get("services").get("certificates")).put("systems", "主备");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ContractDefinitionReader.readSubmitted(d.toString()));
        assertEquals(List.of("services.certificates.systems", "services.identity-auth.systems[1]", "services.identity-auth.systems[2]",
                "services.identity-auth.systems[3]"), e.problems().stream().map(FactProblem::field).sorted().toList());
    }
}
