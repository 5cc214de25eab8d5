package org.lvyue.rest.internal;

import java.util.List;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.lvyue.api.baseline.BaselineResult;
import org.lvyue.api.service.Findings;

/** {@code GET /api/contracts/{id}/baselines?domain=pki&result=FAIL}: every baseline check and its result. */
@Path("contracts/{id}/baselines")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class BaselineResource {
    private final Findings findings;

    BaselineResource(Findings findings) {
        this.findings = findings;
    }

    public record Baselines(String contractId, int count, List<BaselineResult> checks) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR})
    public Baselines list(@PathParam("id") String id, @QueryParam("domain") String domain, @QueryParam("result") String result) {
        List<BaselineResult> checks = findings.baselines(id, Params.text(domain),
                Params.choice("result", result, BaselineResult.Result.class));
        return new Baselines(id, checks.size(), checks);
    }
}
