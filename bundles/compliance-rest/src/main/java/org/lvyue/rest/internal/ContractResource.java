package org.lvyue.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.servlet.http.HttpServletRequest;

import org.lvyue.api.activity.ActivityLog;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.Party;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.FindingQuery;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.FactIntake;
import org.lvyue.api.service.FactQueries;
import org.lvyue.api.service.IngestResult;
import org.lvyue.api.service.InvalidInputException;

/** Contracts, their facts and their findings. */
@Path("contracts")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class ContractResource {
    static final int MAX_BATCH = 10_000;

    static final int MAX_FACTS_PAGE = 1000;

    private final Contracts contracts;
    private final FactIntake intake;
    private final FactQueries queries;
    /** Qualified: {@link Findings} here is the response body of a findings page. */
    private final org.lvyue.api.service.Findings findings;
    private final ObjectMapper mapper;
    private final Activity activity;
    private final org.lvyue.api.access.Parties parties;
    private final PersonalData personal;

    ContractResource(Contracts contracts, FactIntake intake, FactQueries queries,
                     org.lvyue.api.service.Findings findings, ObjectMapper mapper, Activity activity,
                     org.lvyue.api.access.Parties parties) {
        this(contracts, intake, queries, findings, mapper, activity, parties, null);
    }

    /** @param personal masks the facts' personal values; null shows them as stored (tests of access alone) */
    ContractResource(Contracts contracts, FactIntake intake, FactQueries queries,
                     org.lvyue.api.service.Findings findings, ObjectMapper mapper, Activity activity,
                     org.lvyue.api.access.Parties parties, PersonalData personal) {
        this.personal = personal;
        this.parties = parties;
        this.contracts = contracts;
        this.intake = intake;
        this.queries = queries;
        this.findings = findings;
        this.mapper = mapper;
        this.activity = activity;
    }

    public record ContractView(String id, int version, String name, String number, String procurementNo, Party client,
                               Party supplier, BigDecimal amount, LocalDate periodStart, LocalDate periodEnd,
                               LocalDate signedOn) {
        static ContractView of(Contract c) {
            return new ContractView(c.id(), c.version(), c.name(), c.number(), c.procurementNo(), c.client(),
                    c.supplier(), c.amount(), c.periodStart(), c.periodEnd(), c.signedOn());
        }
    }

    /** @param findingsRuleSetVersion the rule set of the last recorded evaluation; equal to health's when findings are current */
    public record ContractDetail(ContractView contract, long findingsRuleSetVersion, JsonNode definition) {
    }

    public record FindingView(String key, String domain, String obligationId, String rule, String clause,
                              Severity severity, String severityLabel, LocalDate periodStart, LocalDate periodEnd,
                              String period, String title, String detail, List<String> factIds, FindingStatus status,
                              String statusLabel, Instant firstSeenAt, Instant changedAt, Instant resolvedAt,
                              String ruleBundle, String ruleBundleVersion, LocalDate deadline, String deadlineBasis) {
        static FindingView of(FindingRecord r) {
            Finding f = r.finding();
            return new FindingView(f.getKey(), f.getDomain(), f.getObligationId(), f.getRuleName(), f.getClause(),
                    f.getSeverity(), f.getSeverity().label(), f.getPeriodStart(), f.getPeriodEnd(), f.getPeriodLabel(),
                    f.getTitle(), f.getDetail(), f.getFactIds(), r.status(), r.status().label(), r.firstSeenAt(),
                    r.changedAt(), r.resolvedAt(), r.ruleBundle(), r.ruleBundleVersion(), f.getDeadline(),
                    f.getDeadlineBasis());
        }
    }

    public record Findings(String contractId, int count, List<FindingView> findings) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR, Roles.COLLECTOR})
    public List<ContractView> list(@Context javax.ws.rs.container.ContainerRequestContext request) {
        PartyScopeFilter.Scoped scope = PartyScopeFilter.scope(request);
        return contracts.contracts().stream().filter(scope::sees).map(ContractView::of).toList();
    }

    public record Defined(ContractView contract, List<org.lvyue.api.contract.LintItem> lint) {
    }

    /** Adds a contract, or replaces one with a higher version; the body is a contract definition. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public javax.ws.rs.core.Response define(InputStream body, @Context SecurityContext security,
                                            @Context HttpServletRequest request,
                                            @Context javax.ws.rs.container.ContainerRequestContext scoped) throws IOException {
        String json = Params.utf8(body.readAllBytes());
        JsonNode tree = mapper.readTree(json); // malformed JSON is refused here with line and column
        DefinitionParties.check(tree, parties, contracts, PartyScopeFilter.scope(scoped));
        Contract c = contracts.defineContract(json, security.getUserPrincipal().getName());
        activity.record(security, request, ActivityLog.CONTRACT_DEFINE, c.id(), "版本 " + c.version() + "：" + c.name());
        return javax.ws.rs.core.Response.status(201).entity(new Defined(ContractView.of(c), contracts.lint(c.id()))).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR, Roles.COLLECTOR})
    public ContractDetail get(@PathParam("id") String id) throws IOException {
        Contract c = contracts.contract(id);
        return new ContractDetail(ContractView.of(c), findings.findingsRuleSetVersion(id),
                mapper.readTree(contracts.contractDefinition(id)));
    }

    @POST
    @Path("{id}/facts")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.COLLECTOR})
    public Object postFacts(@PathParam("id") String id, @QueryParam("dryRun") String dryRun, InputStream body,
                            @Context SecurityContext security, @Context HttpServletRequest request) throws IOException {
        contracts.contract(id);
        boolean check = Params.bool("dryRun", dryRun);
        List<Map<String, Object>> facts = Params.jsonObjects(mapper, body, "事实", MAX_BATCH);
        if (check) {
            return DryRun.of(intake.checkFacts(id, facts, security.getUserPrincipal().getName()));
        }
        IngestResult result = intake.ingest(id, facts, security.getUserPrincipal().getName());
        recordImport(id, result, "JSON", security, request);
        return result;
    }

    private void recordImport(String id, IngestResult r, String how, SecurityContext security, HttpServletRequest request) {
        activity.record(security, request, ActivityLog.FACTS_IMPORT, id, "批次 " + r.batchId() + "（" + how + "）：提交 "
                + r.received() + " 条，存储 " + r.stored() + " 条，重复 " + r.duplicateIds().size() + " 条");
    }

    /** A row's problem in a dry run: the row (JSON: position in the array from 0; CSV: line number), field and reason. */
    public record RowProblem(int row, String field, String message) {
    }

    /** What an import would do; nothing was stored. */
    public record DryRun(boolean dryRun, int rows, int valid, int invalid, int duplicates, List<RowProblem> problems) {
        static DryRun of(org.lvyue.api.service.ImportCheck c) {
            return new DryRun(true, c.rows(), c.valid(), c.invalid(), c.duplicates(),
                    c.problems().stream().map(p -> new RowProblem(p.index(), p.field(), p.reason())).toList());
        }
    }

    /**
     * The sheets engineers keep, as CSV: {@code ?format=inspection} (巡检记录单), {@code support}
     * (技术支持工单) or {@code attendance} (考勤表). All rows or none; problems carry the CSV line.
     */
    @POST
    @Path("{id}/facts")
    @Consumes({"text/csv", "application/csv"})
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.COLLECTOR})
    public Object postCsv(@PathParam("id") String id, @QueryParam("format") String format,
                          @QueryParam("dryRun") String dryRun, InputStream body, @Context SecurityContext security,
                          @Context HttpServletRequest request) {
        contracts.contract(id);
        boolean check = Params.bool("dryRun", dryRun);
        if (format == null || format.isBlank()) {
            throw Params.bad("format", "必填：inspection（巡检记录单）、support（技术支持工单）或 attendance（考勤表）");
        }
        // not strict: bytes that are not UTF-8 become U+FFFD, which the sheet reader refuses cell by cell
        java.io.Reader csv = new java.io.InputStreamReader(body, java.nio.charset.StandardCharsets.UTF_8);
        if (check) {
            return DryRun.of(intake.checkCsv(id, format, csv, security.getUserPrincipal().getName()));
        }
        IngestResult result = intake.ingestCsv(id, format, csv, security.getUserPrincipal().getName());
        recordImport(id, result, "CSV " + format.trim(), security, request);
        return result;
    }

    @GET
    @Path("{id}/findings")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR, Roles.COLLECTOR})
    public Findings findings(@PathParam("id") String id, @QueryParam("domain") String domain,
                             @QueryParam("period") String period, @QueryParam("status") String status,
                             @QueryParam("severity") String severity, @QueryParam("clause") String clause,
                             @QueryParam("limit") @DefaultValue("500") int limit,
                             @QueryParam("offset") @DefaultValue("0") int offset) {
        LocalDate[] range = period == null || period.isBlank() ? new LocalDate[2] : period(period);
        FindingStatus st = Params.choice("status", status, FindingStatus.class);
        Severity sev = Params.choice("severity", severity, Severity.class);
        if (limit < 1 || limit > 5000) {
            throw Params.bad("limit", "应在 1 到 5000 之间");
        }
        if (offset < 0) {
            throw Params.bad("offset", "不能为负数");
        }
        List<FindingView> views = findings.findings(id, new FindingQuery(Params.text(domain), range[0], range[1], st, limit, offset,
                        sev, Params.text(clause)))
                .stream().map(FindingView::of).toList();
        return new Findings(id, views.size(), views);
    }

    public record FactsPage(String contractId, String kind, long total, int count, List<FactView> facts) {
    }

    /** The contract's stored facts, newest first (date, then id), optionally of one kind. */
    @GET
    @Path("{id}/facts")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR, Roles.COLLECTOR})
    public FactsPage facts(@PathParam("id") String id, @QueryParam("kind") String kind,
                           @QueryParam("limit") @DefaultValue("50") int limit,
                           @QueryParam("offset") @DefaultValue("0") int offset,
                           @QueryParam(PersonalData.PARAM) String personalParam, @Context SecurityContext security,
                           @Context HttpServletRequest request) {
        boolean whole = PersonalData.whole(personalParam, security);
        if (limit < 1 || limit > MAX_FACTS_PAGE) {
            throw Params.bad("limit", "应在 1 到 " + MAX_FACTS_PAGE + " 之间");
        }
        if (offset < 0) {
            throw Params.bad("offset", "不能为负数");
        }
        org.lvyue.api.fact.FactPage page = queries.latestFacts(id, Params.text(kind), limit, offset);
        if (personal == null) {
            List<FactView> facts = page.facts().stream().map(FactView::of).toList();
            return new FactsPage(id, page.kind(), page.total(), facts.size(), facts);
        }
        List<FactView> facts = page.facts().stream().map(f -> personal.view(f, whole)).toList();
        if (whole) {
            personal.recordWhole(security, request, id, "事实 facts" + (kind == null || kind.isBlank() ? "" : " kind=" + kind),
                    personal.withPersonal(page.facts()));
        }
        return new FactsPage(id, page.kind(), page.total(), facts.size(), facts);
    }

    public record KindCount(String kind, long count, String domain) {
    }

    /** How many facts of each kind the contract holds. */
    @GET
    @Path("{id}/facts/kinds")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR, Roles.COLLECTOR})
    public List<KindCount> factKinds(@PathParam("id") String id) {
        return queries.factKinds(id).stream().map(k -> new KindCount(k.kind(), k.count(), k.domain())).toList();
    }

    /** {@code 2022}, {@code 2022-Q3}, {@code 2022-03} or {@code 2022-03-07} as a date range. */
    static LocalDate[] period(String text) {
        return org.lvyue.api.finding.PeriodRange.parse(text).map(r -> new LocalDate[] {r.first(), r.last()})
                .orElseThrow(() -> Params.bad("period", "'" + text + "' 不是期间；应为 " + org.lvyue.api.finding.PeriodRange.FORMS));
    }


}
