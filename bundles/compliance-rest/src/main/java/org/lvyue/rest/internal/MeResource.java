package org.lvyue.rest.internal;

import java.util.List;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/** {@code GET /api/me}: who is logged in, with the product roles and memberships they hold (the console shows what they may do). */
@Path("me")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class MeResource {
    static final List<String> ROLES = List.of(Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR, Roles.COLLECTOR, Roles.SECADMIN,
            Roles.AUDITADMIN);

    /**
     * @param roles       the roles outside any one contract (the realm's groups and the roles of every membership)
     * @param operator    a user of the realm's {@code admin} group (the system administrator): acts as admin on every contract
     * @param memberships the organisations the user acts for, and in which role
     */
    public record Me(String user, List<String> roles, boolean operator, List<org.lvyue.api.access.Membership> memberships) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR, Roles.COLLECTOR, Roles.SECADMIN, Roles.AUDITADMIN})
    public Me me(@Context SecurityContext security, @Context javax.ws.rs.container.ContainerRequestContext request) {
        PartyScopeFilter.Scoped scope = PartyScopeFilter.scope(request);
        return new Me(security.getUserPrincipal().getName(), ROLES.stream().filter(security::isUserInRole).toList(),
                scope.caller().operator(), scope.memberships());
    }
}
