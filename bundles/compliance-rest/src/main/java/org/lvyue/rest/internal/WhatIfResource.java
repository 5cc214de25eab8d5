package org.lvyue.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.Accounts;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.service.WhatIf;
import org.lvyue.rest.internal.MoneyViews.LedgerView;

/**
 * What-if: the findings and the ledger with hypothetical facts, none stored. Body:
 * {@code {"asOf": "2023-03-20", "facts": [ ... ]}}; facts are validated as for intake.
 */
@Path("contracts/{id}/what-if")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class WhatIfResource {
    private final Contracts contracts;
    private final Accounts accounts;
    private final ObjectMapper mapper;
    private final WorkSlots slots;

    WhatIfResource(Contracts contracts, Accounts accounts, ObjectMapper mapper) {
        this(contracts, accounts, mapper, WorkSlots.defaults());
    }

    /** A what-if takes a slot of {@code slots}: past them the answer is 503 with Retry-After. */
    WhatIfResource(Contracts contracts, Accounts accounts, ObjectMapper mapper, WorkSlots slots) {
        this.contracts = contracts;
        this.accounts = accounts;
        this.mapper = mapper;
        this.slots = slots;
    }

    public record FindingSummary(String key, String clause, String severity, String period, String title) {
        static FindingSummary of(Finding f) {
            return new FindingSummary(f.getKey(), f.getClause(), f.getSeverity().name(), f.getPeriodLabel(), f.getTitle());
        }
    }

    public record WhatIfView(String contractId, boolean stored, List<String> findingsAdded, List<String> findingsRemoved,
                             String netBefore, String netAfter, String netChange, List<FindingSummary> findings,
                             LedgerView ledger) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR})
    public WhatIfView whatIf(@PathParam("id") String id, InputStream body, @Context SecurityContext security)
            throws IOException {
        contracts.contract(id);
        JsonNode root = mapper.readTree(body);
        if (root == null || !root.isObject() || !root.path("facts").isArray()) {
            throw new InvalidInputException("请求体应为 {\"asOf\": \"yyyy-MM-dd\", \"facts\": [ ... ]}",
                    List.of(new FactProblem(-1, "facts", "必填：假设事实的 JSON 数组")));
        }
        Params.onlyFields(root, java.util.Set.of("asOf", "facts"));
        JsonNode facts = root.get("facts");
        if (facts.size() > ContractResource.MAX_BATCH) {
            throw new InvalidInputException("一次最多 " + ContractResource.MAX_BATCH + " 条假设事实",
                    List.of(new FactProblem(-1, "facts", "收到 " + facts.size() + " 条")));
        }
        for (int i = 0; i < facts.size(); i++) {
            if (!facts.get(i).isObject()) {
                throw new InvalidInputException("第 " + i + " 条不是 JSON 对象", List.of(new FactProblem(i, "$", "应为 JSON 对象")));
            }
        }
        var asOf = Params.date("asOf", Params.string(root, "asOf"), contracts.today());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> raw = mapper.convertValue(facts, List.class);
        String user = security.getUserPrincipal().getName();
        WhatIf w = slots.run(WorkSlots.Kind.WHAT_IF, () -> accounts.whatIf(id, raw, asOf, user));
        return new WhatIfView(id, false, w.findingsAdded(), w.findingsRemoved(), MoneyViews.yuan(w.netBefore()),
                MoneyViews.yuan(w.ledger().net()), MoneyViews.yuan(w.netChange()),
                w.findings().stream().map(FindingSummary::of).toList(), LedgerView.of(w.ledger()));
    }
}
