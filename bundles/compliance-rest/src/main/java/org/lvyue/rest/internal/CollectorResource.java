package org.lvyue.rest.internal;

import java.util.List;
import java.util.function.Supplier;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.lvyue.api.baseline.CollectorRun;
import org.lvyue.api.service.Collectors;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.FactQueries;
import org.lvyue.api.service.ConflictException;

/**
 * The active collectors of a contract: {@code GET .../collectors} lists the configured targets and
 * the latest run of each; {@code POST .../collectors/run} runs them all now.
 */
@Path("contracts/{id}/collectors")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class CollectorResource {
    private final Contracts contracts;
    private final FactQueries queries;
    private final Supplier<Collectors> collectors;

    CollectorResource(Contracts contracts, FactQueries queries, Supplier<Collectors> collectors) {
        this.contracts = contracts;
        this.queries = queries;
        this.collectors = collectors;
    }

    public record Status(String contractId, List<String> targets, List<CollectorRun> latest) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR})
    public Status status(@PathParam("id") String id) {
        List<CollectorRun> latest = queries.collectorRuns(id);
        Collectors c = collectors.get();
        return new Status(id, c != null && id.equals(c.contractId()) ? c.targets() : List.of(), latest);
    }

    @POST
    @Path("run")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER})
    public List<CollectorRun> run(@PathParam("id") String id) {
        contracts.contract(id);
        Collectors collectors = this.collectors.get();
        if (collectors == null || collectors.contractId() == null || collectors.targets().isEmpty()) {
            throw new ConflictException("采集器未配置：请在 etc/org.lvyue.pki.collectors.cfg 中设置 contract 与 tlsTargets、crlSources 或 folder");
        }
        if (!id.equals(collectors.contractId())) {
            throw new ConflictException("采集器配置给合同 '" + collectors.contractId() + "'，不是 '" + id + "'");
        }
        return collectors.runNow();
    }
}
