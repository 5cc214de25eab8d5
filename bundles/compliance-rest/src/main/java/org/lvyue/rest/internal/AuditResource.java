package org.lvyue.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
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

import com.fasterxml.jackson.databind.ObjectMapper;

import org.lvyue.api.audit.AuditCount;
import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.audit.AuditLog;
import org.lvyue.api.audit.AuditQuery;

/**
 * 安全审计: the business systems' audit log. Collectors post entries in batches; administrators,
 * engineers and evaluators search them by time, user, address (or a subnet prefix such as
 * {@code 10.12.}), resource and action, and count them by day, hour, user, address, resource or action.
 */
@Path("contracts/{id}/audit-events")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class AuditResource {
    /** Entries per batch: a day of a large system's log, small enough to validate and store in one transaction. */
    static final int MAX_BATCH = 50_000;

    private final AuditLog log;
    private final ObjectMapper mapper;
    private final PersonalData personal;

    AuditResource(AuditLog log, ObjectMapper mapper, PersonalData personal) {
        this.log = log;
        this.mapper = mapper;
        this.personal = personal;
    }

    public record AppendView(int received, int stored) {
    }

    public record PageView(long count, int limit, int offset, List<EntryView> items) {
    }

    /** An entry as stored, without the derived day and hour the rules use. */
    public record EntryView(String id, String at, String user, String address, String action, String resource,
                            boolean classified, String requestId, String system) {
        /** The entry, its user and address masked unless {@code whole} (README "Personal information"). */
        static EntryView of(AuditEvent e, boolean whole) {
            return new EntryView(e.id(), e.at().toString(), PersonalData.user(e.user(), whole),
                    PersonalData.address(e.address(), whole), e.action(), e.resource(), e.classified(), e.requestId(), e.system());
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.COLLECTOR})
    public AppendView append(@PathParam("id") String id, InputStream body, @Context SecurityContext security) throws IOException {
        List<Map<String, Object>> events = Params.jsonObjects(mapper, body, "审计日志", MAX_BATCH);
        return new AppendView(events.size(), log.append(id, events, security.getUserPrincipal().getName()));
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR})
    public PageView search(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("user") String user, @QueryParam("address") String address,
                           @QueryParam("resource") String resource, @QueryParam("action") String action,
                           @QueryParam("classified") String classified,
                           @QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("offset") @DefaultValue("0") int offset,
                           @QueryParam(PersonalData.PARAM) String personalParam, @Context SecurityContext security,
                           @Context javax.servlet.http.HttpServletRequest request) {
        boolean whole = PersonalData.whole(personalParam, security);
        if (limit < 1 || limit > 1000) {
            throw Params.bad("limit", "应在 1 到 1000 之间");
        }
        if (offset < 0) {
            throw Params.bad("offset", "不能为负数");
        }
        AuditQuery q = query(from, to, user, address, resource, action, classified, limit, offset);
        List<EntryView> items = log.query(id, q).stream().map(e -> EntryView.of(e, whole)).toList();
        if (whole) {
            personal.recordWhole(security, request, id, "审计日志 audit-events", items.size());
        }
        return new PageView(log.count(id, q), limit, offset, items);
    }

    @GET
    @Path("stats")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR})
    public List<AuditCount> stats(@PathParam("id") String id, @QueryParam("by") String by, @QueryParam("from") String from,
                                  @QueryParam("to") String to, @QueryParam("user") String user,
                                  @QueryParam("address") String address, @QueryParam("resource") String resource,
                                  @QueryParam("action") String action, @QueryParam("classified") String classified,
                                  @QueryParam("limit") @DefaultValue("50") int limit,
                                  @QueryParam(PersonalData.PARAM) String personalParam, @Context SecurityContext security,
                                  @Context javax.servlet.http.HttpServletRequest request) {
        boolean whole = PersonalData.whole(personalParam, security);
        AuditLog.GroupBy groupBy = Params.choice("by", by, AuditLog.GroupBy.class);
        if (groupBy == null) {
            throw Params.bad("by", "必填：day、hour、user、address、resource 或 action");
        }
        if (limit < 1 || limit > 1000) {
            throw Params.bad("limit", "应在 1 到 1000 之间");
        }
        List<AuditCount> counts = log.countBy(id, query(from, to, user, address, resource, action, classified, Integer.MAX_VALUE, 0),
                groupBy, limit);
        boolean personalKey = groupBy == AuditLog.GroupBy.USER || groupBy == AuditLog.GroupBy.ADDRESS;
        if (!personalKey) {
            return counts;
        }
        if (whole) {
            personal.recordWhole(security, request, id, "审计日志统计 audit-events/stats by=" + by, counts.size());
            return counts;
        }
        return counts.stream().map(c -> new AuditCount(groupBy == AuditLog.GroupBy.USER ? PersonalData.user(c.key(), false)
                : PersonalData.address(c.key(), false), c.count())).toList();
    }

    private static AuditQuery query(String from, String to, String user, String address, String resource, String action,
                                    String classified, int limit, int offset) {
        String actionText = Params.text(action);
        if (actionText != null && !AuditEvent.ACTIONS.contains(actionText)) {
            throw Params.bad("action", "应为 " + new java.util.TreeSet<>(AuditEvent.ACTIONS) + " 之一");
        }
        String classifiedText = Params.text(classified);
        if (classifiedText != null && !classifiedText.equals("true") && !classifiedText.equals("false")) {
            throw Params.bad("classified", "应为 true 或 false");
        }
        return new AuditQuery(time("from", from), time("to", to), Params.text(user), Params.text(address),
                Params.text(resource), actionText, classifiedText == null ? null : Boolean.valueOf(classifiedText), limit, offset);
    }

    /** {@code 2022-03-01} (midnight) or {@code 2022-03-01T09:30:00}. */
    private static LocalDateTime time(String field, String value) {
        String v = Params.text(value);
        if (v == null) {
            return null;
        }
        try {
            return v.length() == 10 ? java.time.LocalDate.parse(v).atStartOfDay() : LocalDateTime.parse(v);
        } catch (DateTimeParseException e) {
            throw Params.bad(field, "应为 yyyy-MM-dd 或 yyyy-MM-ddTHH:mm:ss: '" + value + "'");
        }
    }
}
