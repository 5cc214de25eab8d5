package org.lvyue.rest.internal;

import java.util.List;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.lvyue.api.contract.LintItem;
import org.lvyue.api.service.Contracts;

/** The contradictions and gaps of a contract definition itself. */
@Path("contracts/{id}/lint")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class LintResource {
    private final Contracts contracts;

    LintResource(Contracts contracts) {
        this.contracts = contracts;
    }

    public record LintView(String contractId, int count, List<LintItem> items) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR})
    public LintView lint(@PathParam("id") String id) {
        List<LintItem> items = contracts.lint(id);
        return new LintView(id, items.size(), items);
    }
}
