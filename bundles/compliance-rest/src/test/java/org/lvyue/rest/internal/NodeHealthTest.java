package org.lvyue.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.service.Readiness;
import org.lvyue.testing.FakeEngine;

import com.fasterxml.jackson.databind.JsonNode;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NodeHealthTest {
    private static DomainStatus domain(String id, DomainState state) {
        return new DomainStatus("org.lvyue.domain-" + id, "1.0.0", 40, id, id, state, 3, List.of(), Instant.EPOCH);
    }

    private static Readiness readiness(List<String> preparing) {
        return new Readiness() {
            @Override
            public List<String> preparing() {
                return preparing;
            }

            @Override
            public List<String> background() {
                return List.of("证据链校验 (evidence chains: verifying)");
            }
        };
    }

    @Test
    void before_the_engine_runs_a_monitor_sees_starting_and_what_is_coming_up_not_a_404() throws Exception {
        NodeHealth health = NodeHealth.of(null, null);
        assertEquals("STARTING", health.status());
        assertEquals(List.of(NodeHealth.ENGINE_STARTING, NodeHealth.SERVICES_STARTING), health.preparing());
        // the JSON a monitor reads has the same fields at every stage of a start
        JsonNode json = RestServlet.mapper().readTree(RestServlet.mapper().writeValueAsBytes(health));
        List<String> fields = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("status", "ruleSetVersion", "ruleSetDigest", "domains", "preparing", "background"), fields);
    }

    @Test
    void with_the_engine_but_not_the_contract_services_it_is_still_starting() {
        FakeEngine engine = new FakeEngine();
        engine.domains.add(domain("pki", DomainState.ACTIVE));
        NodeHealth health = NodeHealth.of(engine, null);
        assertEquals("STARTING", health.status());
        assertEquals(7, health.ruleSetVersion());
        assertEquals(List.of(NodeHealth.SERVICES_STARTING), health.preparing());
        engine.ruleSetDigest = "ab".repeat(32);
        assertEquals("ab".repeat(32), NodeHealth.of(engine, null).ruleSetDigest(), "what tells two nodes' rule sets apart");
    }

    @Test
    void ready_with_every_domain_active_is_up_and_a_stopped_domain_makes_it_degraded() {
        FakeEngine engine = new FakeEngine();
        engine.domains.add(domain("pki", DomainState.ACTIVE));
        assertEquals("UP", NodeHealth.of(engine, readiness(List.of())).status());
        assertEquals(List.of("证据链校验 (evidence chains: verifying)"), NodeHealth.of(engine, readiness(List.of())).background());
        engine.domains.add(domain("staffing", DomainState.STOPPED));
        assertEquals("DEGRADED", NodeHealth.of(engine, readiness(List.of())).status());
        engine.domains.add(domain("support", DomainState.STUCK));
        assertEquals("UNHEALTHY", NodeHealth.of(engine, readiness(List.of())).status());
        assertEquals("STARTING", NodeHealth.of(engine, readiness(List.of("合同 x：正在评估"))).status());
    }
}
