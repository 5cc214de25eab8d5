package org.lvyue.rest.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.FactQueries;
import org.lvyue.api.service.Findings;
import org.lvyue.api.service.Accounts;
import org.lvyue.rest.internal.ContractResource.FindingView;
import org.lvyue.rest.internal.MoneyViews.WaiverView;

/**
 * {@code GET /api/contracts/{id}/findings/detail?key=}: one finding with the rule that derived it,
 * the clause it enforces in the contract's own words, the facts behind it and every waiver ever made
 * for it. The key goes in the query: finding keys contain slashes.
 */
@Path("contracts/{id}/findings/detail")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class FindingDetailResource {
    private final Contracts contracts;
    private final FactQueries queries;
    private final Findings findings;
    private final Accounts accounts;
    private final PersonalData personal;

    /** @param personal masks the facts' personal values; null shows them as stored (tests of other things) */
    FindingDetailResource(Contracts contracts, FactQueries queries, Findings findings, Accounts accounts,
                          PersonalData personal) {
        this.personal = personal;
        this.contracts = contracts;
        this.queries = queries;
        this.findings = findings;
        this.accounts = accounts;
    }

    public record RuleView(String name, String bundle, String bundleVersion) {
    }

    /** @param text the contract's words, or null when they are not on record for this clause */
    public record ClauseView(String id, String text) {
    }

    /**
     * @param unresolvedFactIds ids the finding names that are no stored fact (e.g. audit-log entries)
     * @param waivers           every waiver ever made for the key, newest first
     */
    public record Detail(FindingView finding, RuleView rule, ClauseView clause, List<FactView> facts,
                         List<String> unresolvedFactIds, List<WaiverView> waivers) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR, Roles.COLLECTOR})
    public Detail detail(@PathParam("id") String id, @QueryParam("key") String key) {
        contracts.contract(id);
        if (Params.text(key) == null) {
            throw Params.bad("key", "必填：发现的 key（见 GET .../findings 的 key 字段）");
        }
        FindingRecord r = findings.finding(id, key.trim());
        var f = r.finding();
        Map<String, Fact> byId = queries.factsWithIds(id, f.getFactIds()).stream()
                .collect(Collectors.toMap(Fact::getId, Function.identity(), (a, b) -> a));
        List<FactView> facts = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        for (String factId : f.getFactIds()) {
            Fact fact = byId.get(factId);
            if (fact == null) {
                unresolved.add(factId);
            } else {
                // masked for every reader: the whole values are in GET .../facts?personal=whole, for the roles that need them
                facts.add(personal == null ? FactView.of(fact) : personal.view(fact, false));
            }
        }
        LocalDate today = contracts.today();
        List<WaiverView> waivers = accounts.waivers(id).stream().filter(w -> w.key().equals(f.getKey()))
                .map(w -> WaiverView.of(w, today)).toList();
        return new Detail(FindingView.of(r), new RuleView(f.getRuleName(), r.ruleBundle(), r.ruleBundleVersion()),
                new ClauseView(f.getClause(), contracts.clauseText(id, f.getClause()).orElse(null)), facts, unresolved, waivers);
    }
}
