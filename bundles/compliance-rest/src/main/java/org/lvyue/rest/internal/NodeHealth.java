package org.lvyue.rest.internal;

import java.util.ArrayList;
import java.util.List;

import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.service.Readiness;

/**
 * What {@code GET /api/health} says of the node: its status, rule set and domains, and what is still being
 * prepared. Either service may be absent while the node starts, and the answer is then {@code STARTING}.
 *
 * @param status         STARTING until the rule set of the domain bundles present at start runs and every
 *                       contract's findings stand on it; then UP when every domain bundle is active, DEGRADED
 *                       when one is refused or stopped, UNHEALTHY when a domain's rule hangs a thread the
 *                       engine could not stop
 * @param ruleSetVersion the active rule set's sequence number on this node (0 before the engine runs)
 * @param ruleSetDigest  the SHA-256 of the active rule set's contents (the bundles and the engine build): the same on
 *                       every node of a cluster that runs the same rules, whatever its version number; empty while
 *                       the rule set is being prepared
 * @param domains        every domain bundle seen
 * @param preparing      what is still being prepared while STARTING (Chinese, English beside it)
 * @param background     what runs after readiness and is not waited for (the evidence chains' verification)
 */
public record NodeHealth(String status, long ruleSetVersion, String ruleSetDigest, List<DomainStatus> domains,
                         List<String> preparing, List<String> background) {
    static final String ENGINE_STARTING = "规则引擎：正在启动 (rule engine: starting)";
    static final String SERVICES_STARTING = "合同服务：正在启动 (contract services: starting)";

    /** @param engine the engine, or null before it runs; @param readiness the core's readiness, or null before it runs */
    static NodeHealth of(ComplianceEngine engine, Readiness readiness) {
        if (engine == null) {
            return new NodeHealth("STARTING", 0, "", List.of(), List.of(ENGINE_STARTING, SERVICES_STARTING), List.of());
        }
        List<DomainStatus> domains = engine.domains();
        List<String> preparing = new ArrayList<>();
        if (readiness == null) {
            preparing.addAll(engine.preparing());
            preparing.add(SERVICES_STARTING);
        } else {
            preparing.addAll(readiness.preparing());
        }
        String status = !preparing.isEmpty() ? "STARTING"
                : domains.stream().anyMatch(d -> d.state() == DomainState.STUCK) ? "UNHEALTHY"
                : domains.stream().anyMatch(d -> d.state() != DomainState.ACTIVE) ? "DEGRADED" : "UP";
        return new NodeHealth(status, engine.ruleSetVersion(), engine.ruleSetDigest(), domains, List.copyOf(preparing),
                readiness == null ? List.of() : readiness.background());
    }
}
