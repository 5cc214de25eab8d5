package org.lvyue.rest.internal;


import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.lvyue.api.service.ComplianceService;
import org.lvyue.rest.internal.MoneyViews.LedgerView;

/** The ledger: every amount owed either way, explained, on a day (today unless {@code asOf} is given). */
@Path("contracts/{id}/ledger")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class LedgerResource {
    private final ComplianceService service;

    LedgerResource(ComplianceService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR})
    public LedgerView ledger(@PathParam("id") String id, @QueryParam("asOf") String asOf) {
        service.contract(id);
        return LedgerView.of(service.ledger(id, Params.date("asOf", asOf, service.today())));
    }

}
