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
 * A contract's own text: its clause texts, part of its definition, read and replaced (a new version of the
 * definition, the administrator's, as {@code POST /contracts} is). Its own root path: a resource at
 * {@code contracts/{id}} would hide {@link ContractResource}'s sub-paths from JAX-RS matching.
 */
@Path("contracts/{id}/clauses")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class ClauseTextResource {
    private final Contracts contracts;
    private final ObjectMapper mapper;
    private final Activity activity;

    ClauseTextResource(Contracts contracts, ObjectMapper mapper, Activity activity) {
        this.contracts = contracts;
        this.mapper = mapper;
        this.activity = activity;
    }

    /** The clause texts of the contract's definition as stored: clause id to text. */
    public record Clauses(String contractId, int version, int count, Map<String, String> clauses) {
    }

    /** A new definition version with these clause texts, its lint (e.g. cited clauses still without text). */
    public record ClausesDefined(String contractId, int version, int count, List<LintItem> lint) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR, Roles.COLLECTOR})
    public Clauses clauses(@PathParam("id") String id) throws IOException {
        Contract c = contracts.contract(id);
        Map<String, String> texts = new LinkedHashMap<>();
        mapper.readTree(contracts.contractDefinition(id)).path("clauses").fields()
                .forEachRemaining(e -> texts.put(e.getKey(), e.getValue().asText()));
        return new Clauses(id, c.version(), texts.size(), texts);
    }

    /** The contract's text, split into clauses by its numbering; a new version of the definition holds them. */
    @PUT
    @Consumes(MediaType.TEXT_PLAIN)
    @RolesAllowed(Roles.ADMIN)
    public ClausesDefined putText(@PathParam("id") String id, InputStream body, @Context SecurityContext security,
                                  @Context HttpServletRequest request) throws IOException {
        contracts.contract(id);
        String text = Params.utf8(body.readAllBytes());
        Contract c = contracts.defineClauseText(id, text, security.getUserPrincipal().getName());
        return defined(c, "合同文本按编号拆分", security, request);
    }

    /** The clause texts as JSON: an object of clause id to text, as the definition's {@code clauses}. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public ClausesDefined putJson(@PathParam("id") String id, InputStream body, @Context SecurityContext security,
                                  @Context HttpServletRequest request) throws IOException {
        contracts.contract(id);
        JsonNode json = mapper.readTree(Params.utf8(body.readAllBytes()));
        if (json == null || !json.isObject()) {
            throw Params.bad("clauses", "应为对象：{\"条款编号\": \"条款原文\"}");
        }
        Map<String, String> clauses = new LinkedHashMap<>();
        json.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw Params.bad("clauses." + e.getKey(), "应为文字（条款原文）");
            }
            clauses.put(e.getKey(), e.getValue().textValue());
        });
        Contract c = contracts.defineClauses(id, clauses, security.getUserPrincipal().getName());
        return defined(c, "JSON", security, request);
    }

    private ClausesDefined defined(Contract c, String how, SecurityContext security, HttpServletRequest request)
            throws IOException {
        int count = mapper.readTree(contracts.contractDefinition(c.id())).path("clauses").size();
        activity.record(security, request, ActivityLog.CONTRACT_DEFINE, c.id(),
                "版本 " + c.version() + "：条款原文 " + count + " 条（" + how + "）");
        return new ClausesDefined(c.id(), c.version(), count, contracts.lint(c.id()));
    }

}
