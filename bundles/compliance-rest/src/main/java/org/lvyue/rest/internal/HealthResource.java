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
     * @param status         UP when every domain bundle is active, DEGRADED when one is refused
     * @param ruleSetVersion the active rule set's sequence number
     * @param domains        every domain bundle seen
     */
    public record Health(String status, long ruleSetVersion, List<DomainStatus> domains) {
    }

    @GET
    public Health health() {
        List<DomainStatus> domains = engine.domains();
        boolean refused = domains.stream().anyMatch(d -> d.state() == DomainState.REFUSED);
        return new Health(refused ? "DEGRADED" : "UP", engine.ruleSetVersion(), domains);
    }
}
