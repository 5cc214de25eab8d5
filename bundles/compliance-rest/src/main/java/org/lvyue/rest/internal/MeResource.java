package org.lvyue.rest.internal;

import java.util.List;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/** {@code GET /api/me}: who is logged in, with the product roles they hold (the console shows what they may do). */
@Path("me")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class MeResource {
    static final List<String> ROLES = List.of(Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR, Roles.COLLECTOR);

    public record Me(String user, List<String> roles) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR, Roles.COLLECTOR})
    public Me me(@Context SecurityContext security) {
        return new Me(security.getUserPrincipal().getName(), ROLES.stream().filter(security::isUserInRole).toList());
    }
}
