package org.lvyue.rest.internal;


import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.Accounts;
import org.lvyue.rest.internal.MoneyViews.LedgerView;

/** The ledger: every amount owed either way, explained, on a day (today unless {@code asOf} is given). */
@Path("contracts/{id}/ledger")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class LedgerResource {
    private final Contracts contracts;
    private final Accounts accounts;

    LedgerResource(Contracts contracts, Accounts accounts) {
        this.contracts = contracts;
        this.accounts = accounts;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR})
    public LedgerView ledger(@PathParam("id") String id, @QueryParam("asOf") String asOf) {
        contracts.contract(id);
        return LedgerView.of(accounts.ledger(id, Params.date("asOf", asOf, contracts.today())));
    }

}
