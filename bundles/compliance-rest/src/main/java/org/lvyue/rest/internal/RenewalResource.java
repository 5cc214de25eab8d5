package org.lvyue.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.annotation.security.RolesAllowed;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.lvyue.api.activity.ActivityLog;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.LintItem;
import org.lvyue.api.contract.Renewal;
import org.lvyue.api.service.Contracts;

/**
 * Next year's contract made from this one (续签): the administrator's, as {@code POST /contracts} is. Its own root
 * path: a resource at {@code contracts/{id}} would hide {@link ContractResource}'s sub-paths from JAX-RS matching.
 */
@Path("contracts/{id}/renewals")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class RenewalResource {
    static final Set<String> FIELDS = Set.of("id", "periodStart", "periodEnd", "amount", "signedOn", "awardNoticeOn");

    private final Contracts contracts;
    private final ObjectMapper mapper;
    private final Activity activity;

    RenewalResource(Contracts contracts, ObjectMapper mapper, Activity activity) {
        this.contracts = contracts;
        this.mapper = mapper;
        this.activity = activity;
    }

    /**
     * The new contract, what changed from the one it renews ({@code changes}: the lint's {@code renewal-*} items),
     * and its whole lint.
     */
    public record Renewed(ContractResource.ContractView contract, String renewedFrom, List<LintItem> changes,
                          List<LintItem> lint) {
    }

    /** Next year's contract made from this one (续签): new id, period, amount, signing date, award notice date. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response renew(@PathParam("id") String id, InputStream body, @Context SecurityContext security,
                          @Context HttpServletRequest request) throws IOException {
        contracts.contract(id);
        JsonNode json = mapper.readTree(Params.utf8(body.readAllBytes()));
        if (json == null || !json.isObject()) {
            throw Params.bad("$", "应为对象：{\"id\", \"periodStart\", \"periodEnd\", \"amount\", \"signedOn\", \"awardNoticeOn\"}");
        }
        Params.onlyFields(json, FIELDS);
        Renewal r = new Renewal(Params.string(json, "id"), Params.date("periodStart", Params.string(json, "periodStart"), null),
                Params.date("periodEnd", Params.string(json, "periodEnd"), null), amount(json),
                Params.date("signedOn", Params.string(json, "signedOn"), null),
                Params.date("awardNoticeOn", Params.string(json, "awardNoticeOn"), null));
        Contract c = contracts.renewContract(id, r, security.getUserPrincipal().getName());
        activity.record(security, request, ActivityLog.CONTRACT_RENEW, c.id(), "续签自 " + id + "：服务期 " + c.periodStart()
                + " 至 " + c.periodEnd() + "，合同金额 " + c.amount().toPlainString() + " 元");
        List<LintItem> lint = contracts.lint(c.id());
        List<LintItem> changes = lint.stream().filter(i -> i.code().startsWith("renewal-")).toList();
        return Response.status(201).entity(new Renewed(ContractResource.ContractView.of(c), id, changes, lint)).build();
    }

    /** The amount as a string ({@code "6300000.00"}) or a plain number, exactly; null when absent. */
    private static BigDecimal amount(JsonNode json) {
        JsonNode v = json.get("amount");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw Params.bad("amount", "应为金额（元），如 \"6300000.00\"");
        }
        try {
            return new BigDecimal(v.asText().strip());
        } catch (NumberFormatException e) {
            throw Params.bad("amount", "不是数字: '" + v.asText() + "'");
        }
    }
}
