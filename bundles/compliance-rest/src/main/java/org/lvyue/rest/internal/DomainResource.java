package org.lvyue.rest.internal;

import java.util.List;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.spi.DomainCatalogue;

/** {@code GET /api/domains}: the domain bundles with their catalogues (obligations and fact kinds). */
@Path("domains")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
@RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR, Roles.COLLECTOR})
public class DomainResource {
    private final ComplianceEngine engine;

    DomainResource(ComplianceEngine engine) {
        this.engine = engine;
    }

    public record Domains(long ruleSetVersion, List<DomainStatus> bundles, List<DomainCatalogue> catalogues) {
    }

    @GET
    public Domains domains() {
        return new Domains(engine.ruleSetVersion(), engine.domains(), engine.catalogues());
    }
}
