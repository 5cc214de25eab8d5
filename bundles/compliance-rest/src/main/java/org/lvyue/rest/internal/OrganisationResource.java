package org.lvyue.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import javax.annotation.security.RolesAllowed;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.ForbiddenException;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.lvyue.api.access.Membership;
import org.lvyue.api.access.Organisation;
import org.lvyue.api.access.Parties;
import org.lvyue.api.security.AccessPolicy;
import org.lvyue.api.security.Duties;
import org.lvyue.api.service.NotFoundException;

/**
 * Organisations and their members. The operator (the realm's {@code admin} group) adds and changes
 * organisations and sees all of them; an organisation's own admins manage its members; anyone else sees
 * the organisations they belong to, and another organisation answers 404 as one that does not exist.
 */
@Path("organisations")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class OrganisationResource {
    private final Parties parties;
    private final ObjectMapper mapper;

    private final AccessPolicy policy;

    OrganisationResource(Parties parties, ObjectMapper mapper, AccessPolicy policy) {
        this.parties = parties;
        this.mapper = mapper;
        this.policy = policy;
    }

    /** A request body: an organisation (null fields are refused field by field, not with a 500). */
    public record OrganisationBody(String id, String name, String kind) {
        Organisation organisation() {
            return new Organisation(id == null ? "" : id.trim(), name == null ? "" : name.trim(), kind == null ? "" : kind.trim());
        }
    }

    public record MemberBody(String user, String role) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR, Roles.COLLECTOR, Roles.SECADMIN})
    public List<Organisation> list(@Context ContainerRequestContext request) {
        PartyScopeFilter.Scoped scope = PartyScopeFilter.scope(request);
        return parties.organisations().stream()
                .filter(o -> ContractAccess.sees(o.id(), scope.caller(), scope.memberships())).toList();
    }

    /** Adds an organisation or changes its name and kind: the security administrator only. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SECADMIN)
    public Response save(InputStream body, @Context ContainerRequestContext request, @Context HttpServletRequest http)
            throws IOException {
        PartyScopeFilter.Scoped scope = PartyScopeFilter.scope(request);
        if (!scope.caller().securityAdmin()) {
            throw new ForbiddenException(ApiError.response(403, "security-admin-only",
                    "只有安全管理员（secadmin 组用户）可以新建或修改机构", "Only the security administrator (realm group secadmin) manages organisations"));
        }
        Organisation o = mapper.readValue(Params.utf8(body.readAllBytes()), OrganisationBody.class).organisation();
        boolean existed = parties.organisation(o.id()).isPresent();
        parties.saveOrganisation(o, scope.caller().name(), Activity.address(http));
        return Response.status(existed ? 200 : 201).entity(o).build();
    }

    @GET
    @Path("{org}/members")
    @RolesAllowed({Roles.ADMIN, Roles.SECADMIN})
    public List<Membership> members(@PathParam("org") String org, @Context ContainerRequestContext request) {
        managed(org, PartyScopeFilter.scope(request));
        return parties.members(org);
    }

    /** Gives a user a role in the organisation: 201 when new, 200 when they held it already. */
    @POST
    @Path("{org}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SECADMIN})
    public Response addMember(@PathParam("org") String org, InputStream body, @Context ContainerRequestContext request,
                              @Context HttpServletRequest http) throws IOException {
        PartyScopeFilter.Scoped scope = PartyScopeFilter.scope(request);
        managed(org, scope);
        MemberBody b = mapper.readValue(Params.utf8(body.readAllBytes()), MemberBody.class);
        Membership m = new Membership(b.user() == null ? "" : b.user().trim(), org, b.role() == null ? "" : b.role().trim());
        if (policy != null && policy.realmRoles(m.user()).contains(Duties.AUDIT_ADMIN)) {
            // the audit administrator reads the trail and nothing else: no organisation's role either
            throw Params.bad("user", "三权分立：'" + m.user() + "' 是审计管理员，只能审阅和导出安全审计记录，不能担任机构角色 "
                    + m.role() + " (an audit administrator holds no organisation role)");
        }
        boolean added = parties.addMember(m, scope.caller().name(), Activity.address(http));
        return Response.status(added ? 201 : 200).entity(m).build();
    }

    /** Takes a role away: {@code ?role=}; 404 when the user does not hold it. */
    @DELETE
    @Path("{org}/members/{user}")
    @RolesAllowed({Roles.ADMIN, Roles.SECADMIN})
    public Membership removeMember(@PathParam("org") String org, @PathParam("user") String user,
                                   @QueryParam("role") String role, @Context ContainerRequestContext request,
                                   @Context HttpServletRequest http) {
        PartyScopeFilter.Scoped scope = PartyScopeFilter.scope(request);
        managed(org, scope);
        String r = Params.text(role);
        if (r == null || !Membership.ROLES.contains(r)) {
            throw Params.bad("role", "应为 " + String.join("、", Membership.ROLES) + " 之一");
        }
        Membership m = new Membership(user, org, r);
        if (!parties.removeMember(m, scope.caller().name(), Activity.address(http))) {
            throw new NotFoundException("用户 '" + user + "' 不是机构 '" + org + "' 的 " + r);
        }
        return m;
    }

    /**
     * The organisation exists and the caller manages its members; another organisation answers 404 as one
     * that does not exist, a member who is not its admin 403.
     */
    private void managed(String org, PartyScopeFilter.Scoped scope) {
        if (parties.organisation(org).isEmpty() || !ContractAccess.sees(org, scope.caller(), scope.memberships())) {
            throw new NotFoundException("机构 '" + org + "' 不存在");
        }
        if (!ContractAccess.managesMembers(org, scope.caller(), scope.memberships())) {
            throw new ForbiddenException(ApiError.response(403, "organisation-admin-only",
                    "只有本机构的管理员或安全管理员可以管理成员", "Only the organisation's admins or the security administrator manage its members"));
        }
    }
}
