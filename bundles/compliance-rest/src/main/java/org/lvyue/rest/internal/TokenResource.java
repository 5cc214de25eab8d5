package org.lvyue.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import javax.annotation.security.RolesAllowed;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.lvyue.api.access.ApiToken;
import org.lvyue.api.access.IssuedToken;
import org.lvyue.api.access.Parties;
import org.lvyue.api.service.NotFoundException;

/**
 * A contract's collector tokens, managed by its admins (an admin of one of its organisations) and the security
 * administrator, not by the operator as such (separation of duties, {@link ContractAccess#managesTokens}). The secret is in the answer to the issue and nowhere else, ever.
 */
@Path("contracts/{id}/tokens")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class TokenResource {
    static final String SHOWN_ONCE = "令牌只显示这一次，请立即保存；产品只保存其摘要，无法再次显示。采集程序以 Authorization: Bearer <令牌> 发送。";
    private final org.lvyue.api.service.Contracts contracts;
    private final Parties parties;
    private final ObjectMapper mapper;

    TokenResource(org.lvyue.api.service.Contracts contracts, Parties parties, ObjectMapper mapper) {
        this.contracts = contracts;
        this.parties = parties;
        this.mapper = mapper;
    }

    public record TokenBody(String name) {
    }

    /** A token as the API shows it: never its secret; {@code principal} is the name the activity trail gives its requests. */
    public record TokenView(long id, String contract, String name, java.time.Instant createdAt, String createdBy,
                            java.time.Instant lastUsed, java.time.Instant revokedAt, boolean revoked, String principal) {
        static TokenView of(ApiToken t) {
            return new TokenView(t.id(), t.contract(), t.name(), t.createdAt(), t.createdBy(), t.lastUsed(), t.revokedAt(),
                    t.revoked(), t.principal());
        }
    }

    public record Issued(TokenView token, String secret, String note) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SECADMIN})
    public List<TokenView> list(@PathParam("id") String id, @Context javax.ws.rs.container.ContainerRequestContext request) {
        managed(id, request);
        return parties.tokens(id).stream().map(TokenView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SECADMIN})
    public Response issue(@PathParam("id") String id, InputStream body, @Context SecurityContext security,
                          @Context HttpServletRequest http, @Context javax.ws.rs.container.ContainerRequestContext request)
            throws IOException {
        managed(id, request);
        TokenBody b = mapper.readValue(Params.utf8(body.readAllBytes()), TokenBody.class);
        IssuedToken t = parties.issueToken(id, b.name(), security.getUserPrincipal().getName(), Activity.address(http));
        return Response.status(201).header("Cache-Control", "no-store").entity(new Issued(TokenView.of(t.token()), t.secret(), SHOWN_ONCE))
                .build();
    }

    @DELETE
    @Path("{tokenId}")
    @RolesAllowed({Roles.ADMIN, Roles.SECADMIN})
    public TokenView revoke(@PathParam("id") String id, @PathParam("tokenId") long tokenId, @Context SecurityContext security,
                           @Context HttpServletRequest http, @Context javax.ws.rs.container.ContainerRequestContext request) {
        managed(id, request);
        if (!parties.revokeToken(id, tokenId, security.getUserPrincipal().getName(), Activity.address(http))) {
            throw new NotFoundException("合同 '" + id + "' 没有编号为 " + tokenId + " 的有效令牌");
        }
        return parties.tokens(id).stream().filter(t -> t.id() == tokenId).map(TokenView::of).findFirst().orElseThrow();
    }

    /** The caller manages this contract's tokens, or the answer is 403 (the operator's admin role does not reach them). */
    private void managed(String id, javax.ws.rs.container.ContainerRequestContext request) {
        PartyScopeFilter.Scoped scope = PartyScopeFilter.scope(request);
        if (!ContractAccess.managesTokens(contracts.contract(id), scope.caller(), scope.memberships())) {
            throw new javax.ws.rs.ForbiddenException(ApiError.response(403, "forbidden",
                    "三权分立：采集令牌由安全管理员或合同所属机构的管理员管理，系统管理员不能签发或查看",
                    "Separation of duties: collector tokens are managed by the security administrator or an admin of the"
                            + " contract's organisations, not by the system administrator"));
        }
    }
}
