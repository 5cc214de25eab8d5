package org.lvyue.rest.internal;

import java.util.List;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.lvyue.api.contract.ServiceStatus;
import org.lvyue.api.service.Contracts;

/** The services a contract buys and whether each runs for it now: a service not running is never compliant. */
@Path("contracts/{id}/services")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class ServicesResource {
    private final Contracts contracts;

    ServicesResource(Contracts contracts) {
        this.contracts = contracts;
    }

    /**
     * @param status   UP when every service runs, DEGRADED when one does not
     * @param declared whether the definition lists the services it buys (otherwise every domain applies)
     */
    public record ServicesView(String contractId, String status, boolean declared, List<ServiceStatus> services) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR})
    public ServicesView services(@PathParam("id") String id) {
        List<ServiceStatus> services = contracts.services(id);
        boolean declared = !contracts.contract(id).services().isEmpty();
        return new ServicesView(id, services.stream().allMatch(ServiceStatus::running) ? "UP" : "DEGRADED", declared, services);
    }
}
