package org.lvyue.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.Accounts;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.waiver.Waiver;
import org.lvyue.rest.internal.MoneyViews.WaiverView;

/**
 * Waivers of findings and ledger amounts: administrators only, a justification always, an expiry
 * optionally; withdrawing keeps the record.
 */
@Path("contracts/{id}/waivers")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class WaiverResource {
    private static final java.util.Set<String> FIELDS = java.util.Set.of("target", "key", "justification", "expiresOn");
    private final Contracts contracts;
    private final Accounts accounts;
    private final ObjectMapper mapper;
    private final Activity activity;

    WaiverResource(Contracts contracts, Accounts accounts, ObjectMapper mapper, Activity activity) {
        this.contracts = contracts;
        this.accounts = accounts;
        this.mapper = mapper;
        this.activity = activity;
    }

    public record Waivers(String contractId, int count, List<WaiverView> waivers) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR})
    public Waivers list(@PathParam("id") String id) {
        LocalDate today = contracts.today();
        List<WaiverView> views = accounts.waivers(id).stream().map(w -> WaiverView.of(w, today)).toList();
        return new Waivers(id, views.size(), views);
    }

    /** Body: {@code {"target": "FINDING"|"LEDGER", "key": "...", "justification": "...", "expiresOn": "yyyy-MM-dd"}}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response waive(@PathParam("id") String id, InputStream body, @Context SecurityContext security,
                          @Context javax.servlet.http.HttpServletRequest request) throws IOException {
        contracts.contract(id);
        JsonNode root = mapper.readTree(body);
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("请求体应为 JSON 对象", List.of(new FactProblem(-1, "$", "应为 JSON 对象")));
        }
        Params.onlyFields(root, FIELDS);
        Waiver.Target target = Params.choice("target", Params.string(root, "target"), Waiver.Target.class);
        LocalDate expires = Params.date("expiresOn", Params.string(root, "expiresOn"), null);
        Waiver w = accounts.waive(id, target, Params.string(root, "key"), Params.string(root, "justification"),
                expires, security.getUserPrincipal().getName());
        activity.record(security, request, org.lvyue.api.activity.ActivityLog.WAIVER_ADD, id, "豁免 " + w.id() + "（"
                + w.target() + " " + w.key() + "）：" + w.justification() + (w.expiresOn() == null ? "" : "，至 " + w.expiresOn()));
        return Response.status(201).entity(WaiverView.of(w, contracts.today())).build();
    }

    @DELETE
    @Path("{waiverId}")
    @RolesAllowed(Roles.ADMIN)
    public WaiverView withdraw(@PathParam("id") String id, @PathParam("waiverId") long waiverId,
                               @QueryParam("reason") String reason, @Context SecurityContext security,
                               @Context javax.servlet.http.HttpServletRequest request) {
        Waiver w = accounts.withdrawWaiver(id, waiverId, reason, security.getUserPrincipal().getName());
        activity.record(security, request, org.lvyue.api.activity.ActivityLog.WAIVER_WITHDRAW, id, "撤回豁免 " + w.id() + "（"
                + w.target() + " " + w.key() + "）：" + w.withdrawReason());
        return WaiverView.of(w, contracts.today());
    }

}
