package org.lvyue.rest.internal;

import java.util.List;

import javax.annotation.security.PermitAll;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;

/** {@code GET /api/health}: open to all, for monitoring and for engineers watching a deployment. */
@Path("health")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
@PermitAll
public class HealthResource {
    private final ComplianceEngine engine;
    private final java.util.function.Supplier<org.lvyue.api.service.Readiness> readiness;

    HealthResource(ComplianceEngine engine) {
        this(engine, () -> null);
    }

    HealthResource(ComplianceEngine engine, java.util.function.Supplier<org.lvyue.api.service.Readiness> readiness) {
        this.engine = engine;
        this.readiness = readiness;
    }

    /**
     * @param status         STARTING until the rule set of the domain bundles present at start runs and every
     *                       contract's findings stand on it; then UP when every domain bundle is active, DEGRADED
     *                       when one is refused or stopped, UNHEALTHY when a domain's rule hangs a thread the
     *                       engine could not stop
     * @param ruleSetVersion the active rule set's sequence number
     * @param domains        every domain bundle seen
     * @param preparing      what is still being prepared while STARTING (Chinese, English beside it)
     * @param background     what runs after readiness and is not waited for (the evidence chains' verification)
     */
    public record Health(String status, long ruleSetVersion, List<DomainStatus> domains, List<String> preparing,
                         List<String> background) {
    }

    @GET
    public Health health() {
        List<DomainStatus> domains = engine.domains();
        org.lvyue.api.service.Readiness r = readiness.get();
        List<String> preparing = new java.util.ArrayList<>();
        if (r == null) {
            preparing.addAll(engine.preparing());
            preparing.add("合同服务：正在启动 (contract services: starting)");
        } else {
            preparing.addAll(r.preparing());
        }
        String status = !preparing.isEmpty() ? "STARTING"
                : domains.stream().anyMatch(d -> d.state() == DomainState.STUCK) ? "UNHEALTHY"
                : domains.stream().anyMatch(d -> d.state() != DomainState.ACTIVE) ? "DEGRADED" : "UP";
        return new Health(status, engine.ruleSetVersion(), domains, List.copyOf(preparing),
                r == null ? List.of() : r.background());
    }
}
