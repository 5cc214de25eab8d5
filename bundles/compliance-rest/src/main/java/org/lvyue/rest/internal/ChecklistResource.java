package org.lvyue.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.annotation.security.RolesAllowed;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.lvyue.api.activity.ActivityLog;
import org.lvyue.api.checklist.CheckEntry;
import org.lvyue.api.checklist.CheckRecord;
import org.lvyue.api.checklist.Checklist;
import org.lvyue.api.checklist.ChecklistItem;
import org.lvyue.api.checklist.Checklists;
import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.IngestResult;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.spi.DomainCatalogue;

/**
 * 今日巡检: {@code GET /api/contracts/{id}/checklist/{yyyy-MM-dd}}, the check items due on the day with what is
 * recorded, and {@code POST} of the day's results, a JSON array of entries
 * {@code {"obligationId", "system", "result": "正常"|"异常", "note", "supersedes", "fault": {"description",
 * "reportedTo", "reportedAt"}}}, stored all or nothing as facts of the caller (each problem names the entry's index
 * and field). Engineers and collectors record; the contract's admins and evaluators read.
 */
@Path("contracts/{id}/checklist")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class ChecklistResource {
    /** Entries in one save: a day's busiest service has about 30 items on two systems. */
    static final int MAX_ENTRIES = 2000;
    private static final Set<String> FIELDS = Set.of("obligationId", "system", "result", "note", "supersedes", "fault");
    private static final Set<String> FAULT_FIELDS = Set.of("description", "reportedTo", "reportedAt");

    private final Contracts contracts;
    private final Checklists checklists;
    private final ComplianceEngine engine;
    private final ObjectMapper mapper;
    private final Activity activity;
    private final PersonalData personal;

    ChecklistResource(Contracts contracts, Checklists checklists, ComplianceEngine engine, ObjectMapper mapper,
                      Activity activity, PersonalData personal) {
        this.personal = personal;
        this.contracts = contracts;
        this.checklists = checklists;
        this.engine = engine;
        this.mapper = mapper;
        this.activity = activity;
    }

    /** One item as the console shows it: the API's item, whether it is done, and its service's title. */
    public record ItemView(String obligationId, String domain, String domainTitle, String title, String clause,
                           String frequency, String period, List<String> systems, String followUpKind, boolean done,
                           List<CheckRecord> records) {
        /** The item; its records' engineers and faults' recipients (personal names) masked unless {@code whole}. */
        static ItemView of(ChecklistItem i, String domainTitle, boolean whole) {
            return new ItemView(i.obligationId(), i.domain(), domainTitle, i.title(), i.clause(), i.frequency().name(),
                    i.period(), i.systems(), i.followUpKind(), i.done(),
                    whole ? i.records() : i.records().stream().map(PersonalData::masked).toList());
        }
    }

    /** The day's list; {@code today} is the product's, so that a page knows which days are still to come. */
    public record ChecklistView(String contractId, LocalDate day, LocalDate today, int due, int done, List<ItemView> items) {
    }

    @GET
    @Path("{day}")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR, Roles.COLLECTOR})
    public ChecklistView get(@PathParam("id") String id, @PathParam("day") String day,
                             @QueryParam(PersonalData.PARAM) String personalParam, @Context SecurityContext security,
                             @Context javax.servlet.http.HttpServletRequest request) {
        boolean whole = PersonalData.whole(personalParam, security);
        contracts.contract(id);
        Checklist list = checklists.checklist(id, Params.date("day", day, null));
        Map<String, String> titles = new java.util.HashMap<>();
        for (DomainCatalogue c : engine.catalogues()) {
            titles.put(c.domain(), c.title());
        }
        List<ItemView> items = list.items().stream().map(i -> ItemView.of(i, titles.getOrDefault(i.domain(), i.domain()), whole))
                .toList();
        if (whole) {
            personal.recordWhole(security, request, id, "今日巡检 checklist/" + day,
                    items.stream().mapToLong(i -> i.records().size()).sum());
        }
        return new ChecklistView(list.contractId(), list.day(), contracts.today(), items.size(),
                (int) items.stream().filter(ItemView::done).count(), items);
    }

    @POST
    @Path("{day}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ENGINEER, Roles.COLLECTOR})
    public IngestResult post(@PathParam("id") String id, @PathParam("day") String day, InputStream body,
                             @Context SecurityContext security, @Context HttpServletRequest request) throws IOException {
        contracts.contract(id);
        LocalDate d = Params.date("day", day, null);
        List<CheckEntry> entries = entries(Params.jsonObjects(mapper, body, "检查结果", MAX_ENTRIES));
        IngestResult r = checklists.record(id, d, security.getUserPrincipal().getName(), entries);
        activity.record(security, request, ActivityLog.FACTS_IMPORT, id, "今日巡检 " + d + "：批次 " + r.batchId() + "，提交 "
                + entries.size() + " 项，存储 " + r.stored() + " 条，重复 " + r.duplicateIds().size() + " 条");
        return r;
    }

    /** The entries, or every problem of every one (index and field) before anything is looked up. */
    static List<CheckEntry> entries(List<Map<String, Object>> raw) {
        List<FactProblem> problems = new ArrayList<>();
        List<CheckEntry> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Map<String, Object> e = raw.get(i);
            for (String f : e.keySet()) {
                if (!FIELDS.contains(f)) {
                    problems.add(new FactProblem(i, f, "未知字段；允许的字段：" + FIELDS.stream().sorted().toList() + " (unknown field)"));
                }
            }
            int before = problems.size();
            String result = text(e, "result", i, problems);
            Boolean normal = result == null ? null : switch (result) {
                case "正常", "normal" -> Boolean.TRUE;
                case "异常", "abnormal" -> Boolean.FALSE;
                default -> null;
            };
            if (result == null && problems.size() == before) {
                problems.add(new FactProblem(i, "result", "必填：正常 或 异常 (required: 正常 or 异常)"));
            } else if (result != null && normal == null) {
                problems.add(new FactProblem(i, "result", "应为 正常 或 异常，而不是 '" + result + "' (must be 正常 or 异常)"));
            }
            CheckEntry.FaultEntry fault = fault(e.get("fault"), i, problems);
            out.add(new CheckEntry(text(e, "obligationId", i, problems), text(e, "system", i, problems),
                    normal == null || normal, text(e, "note", i, problems), text(e, "supersedes", i, problems), fault));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("检查结果有误：第 " + problems.get(0).index() + " 条 " + problems.get(0).field() + " "
                    + problems.get(0).reason(), problems);
        }
        return out;
    }

    private static CheckEntry.FaultEntry fault(Object value, int i, List<FactProblem> problems) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> m)) {
            problems.add(new FactProblem(i, "fault", "应为对象 {description, reportedTo, reportedAt} (must be an object)"));
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> f = (Map<String, Object>) m;
        for (String k : f.keySet()) {
            if (!FAULT_FIELDS.contains(k)) {
                problems.add(new FactProblem(i, "fault." + k, "未知字段；允许的字段：" + FAULT_FIELDS.stream().sorted().toList()
                        + " (unknown field)"));
            }
        }
        String at = text(f, "reportedAt", "fault.reportedAt", i, problems);
        LocalDateTime when = null;
        if (at != null) {
            try {
                when = LocalDateTime.parse(at);
            } catch (DateTimeParseException x) {
                problems.add(new FactProblem(i, "fault.reportedAt", "应为日期时间 yyyy-MM-ddTHH:mm，而不是 '" + at + "'"));
            }
        }
        return new CheckEntry.FaultEntry(text(f, "description", "fault.description", i, problems),
                text(f, "reportedTo", "fault.reportedTo", i, problems), when);
    }

    /** A text field, or null when absent or blank; another JSON type is a problem of that field. */
    private static String text(Map<String, Object> e, String field, int i, List<FactProblem> problems) {
        return text(e, field, field, i, problems);
    }

    private static String text(Map<String, Object> e, String key, String field, int i, List<FactProblem> problems) {
        Object v = e.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            problems.add(new FactProblem(i, field, "应为文字 (must be text)"));
            return null;
        }
        return s.isBlank() ? null : s.strip();
    }
}
