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

    HealthResource(ComplianceEngine engine) {
        this.engine = engine;
    }

    /**
     * @param status         UP when every domain bundle is active, DEGRADED when one is refused or stopped,
     *                       UNHEALTHY when a domain's rule hangs a thread the engine could not stop
     * @param ruleSetVersion the active rule set's sequence number
     * @param domains        every domain bundle seen
     */
    public record Health(String status, long ruleSetVersion, List<DomainStatus> domains) {
    }

    @GET
    public Health health() {
        List<DomainStatus> domains = engine.domains();
        String status = domains.stream().anyMatch(d -> d.state() == DomainState.STUCK) ? "UNHEALTHY"
                : domains.stream().anyMatch(d -> d.state() != DomainState.ACTIVE) ? "DEGRADED" : "UP";
        return new Health(status, engine.ruleSetVersion(), domains);
    }
}
