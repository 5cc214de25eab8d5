package org.lvyue.rest.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import javax.annotation.security.RolesAllowed;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.ForbiddenException;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.lvyue.api.activity.ActivityEntry;
import org.lvyue.api.activity.ActivityLog;

/**
 * The product's own record of who did what (logins, imports, waivers, bundle changes, contract definitions), its
 * security trail: {@code GET /api/activity} newest first, {@code GET /api/activity/export} a time range as CSV or JSON
 * with the chain's head, {@code GET /api/activity/integrity} the chain recomputed. For the audit administrator only
 * (三权分立: not the system administrator whose actions it records); the export and the verification are themselves
 * recorded. Nothing here, nor anywhere in the API, changes or deletes an entry.
 */
@Path("activity")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class ActivityResource {
    /** An export larger than this is refused: a narrower range is asked for, rather than a partial file. */
    static final int MAX_EXPORT = 100_000;
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final String HEAD_HEADER = "X-Lvyue-Trail-Head";
    static final String INTACT_HEADER = "X-Lvyue-Trail-Intact";
    private final Supplier<ActivityLog> log;
    private final Activity activity;

    ActivityResource(Supplier<ActivityLog> log, Activity activity) {
        this.log = log;
        this.activity = activity;
    }

    public record Entry(long id, Instant at, String user, String address, String action, String target, String detail,
                        String result, String previous, String hash) {
        static Entry of(ActivityEntry e) {
            return new Entry(e.id(), e.at(), e.user(), e.address(), e.action(), e.target(), e.detail(), e.result(), e.previous(),
                    e.hash());
        }
    }

    public record Page(long total, int count, List<Entry> entries) {
    }

    /** The chain's last entry, to be written down and checked against a later export. */
    public record Head(long id, String hash) {
    }

    /** The chain recomputed. */
    public record Integrity(boolean intact, String verdict, String algorithm, long entries, Head head, Long firstBroken,
                            String problem) {
        static Integrity of(ActivityLog.Verification v) {
            return new Integrity(v.intact(), v.intact() ? "安全审计记录链完整 (intact)" : "安全审计记录链已被破坏 (BROKEN)", "SM3",
                    v.entries(), new Head(v.headId(), v.headHash()), v.intact() ? null : v.firstBroken(), v.problem());
        }
    }

    /** A time range of the trail, with the chain as it stood when it was exported. */
    public record Export(Instant from, Instant to, String algorithm, int count, Integrity chain, List<Entry> entries) {
    }

    @GET
    @RolesAllowed(Roles.AUDITADMIN)
    public Page list(@QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("offset") @DefaultValue("0") int offset,
                     @QueryParam("user") String user, @QueryParam("action") String action,
                     @Context ContainerRequestContext request) {
        auditAdmin(request);
        if (limit < 1 || limit > 1000) {
            throw Params.bad("limit", "应在 1 到 1000 之间");
        }
        if (offset < 0) {
            throw Params.bad("offset", "不能为负数");
        }
        String a = Params.text(action);
        List<String> actions = new ArrayList<>(ActivityLog.ACTIONS);
        actions.addAll(ActivityLog.SECURITY_ACTIONS);
        actions.addAll(org.lvyue.api.access.Parties.ACTIONS);
        if (a != null && !actions.contains(a)) {
            throw Params.bad("action", "取值 '" + a + "' 不允许，应为 " + String.join("、", actions));
        }
        ActivityLog.Query q = new ActivityLog.Query(Params.text(user), a, limit, offset);
        List<Entry> entries = log.get().list(q).stream().map(Entry::of).toList();
        return new Page(log.get().count(q), entries.size(), entries);
    }

    /**
     * The entries of a time range, oldest first: {@code from} and {@code to} are days ({@code yyyy-MM-dd}, Beijing time,
     * both included) or instants ({@code 2023-03-01T00:00:00Z}, {@code to} excluded); {@code format} is {@code json}
     * (the default) or {@code csv}. The export is recorded first, so a range reaching now holds its own entry.
     */
    @GET
    @Path("export")
    @Produces({MediaType.APPLICATION_JSON + ";charset=UTF-8", "text/csv;charset=UTF-8"})
    @RolesAllowed(Roles.AUDITADMIN)
    public Response export(@QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("format") @DefaultValue("json") String format,
                           @Context ContainerRequestContext request, @Context HttpServletRequest http) {
        auditAdmin(request);
        Instant start = instant("from", from, false);
        Instant end = instant("to", to, true);
        if (!end.isAfter(start)) {
            throw Params.bad("to", "应晚于 from");
        }
        String f = Params.text(format) == null ? "json" : format.trim().toLowerCase(java.util.Locale.ROOT);
        if (!f.equals("json") && !f.equals("csv")) {
            throw Params.bad("format", "应为 json 或 csv");
        }
        activity.record(PartyScopeFilter.scope(request).caller().name(), http, ActivityLog.ACTIVITY_EXPORT, start + ".." + end,
                "导出安全审计记录（" + f + "）");
        List<ActivityEntry> entries = log.get().between(start, end, MAX_EXPORT + 1);
        if (entries.size() > MAX_EXPORT) {
            throw Params.bad("to", "该时间范围内超过 " + MAX_EXPORT + " 条记录，请缩小范围分次导出");
        }
        Integrity chain = Integrity.of(log.get().verify());
        String head = chain.head().id() + ":" + chain.head().hash();
        String name = "lvyue-activity-" + start.atZone(BEIJING).toLocalDate() + "-" + end.atZone(BEIJING).toLocalDate();
        Response.ResponseBuilder answer;
        if (f.equals("csv")) {
            answer = Response.ok(csv(entries).getBytes(StandardCharsets.UTF_8), "text/csv;charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
        } else {
            answer = Response.ok(new Export(start, end, "SM3", entries.size(), chain, entries.stream().map(Entry::of).toList()),
                    MediaType.APPLICATION_JSON + ";charset=UTF-8");
        }
        return answer.header(HEAD_HEADER, head).header(INTACT_HEADER, chain.intact()).header("Cache-Control", "no-store").build();
    }

    /** The whole chain recomputed: intact, or the first entry that does not match; recorded. */
    @GET
    @Path("integrity")
    @RolesAllowed(Roles.AUDITADMIN)
    public Integrity integrity(@Context ContainerRequestContext request, @Context HttpServletRequest http) {
        auditAdmin(request);
        Integrity chain = Integrity.of(log.get().verify());
        activity.record(PartyScopeFilter.scope(request).caller().name(), http, ActivityLog.ACTIVITY_VERIFY, null,
                chain.verdict() + "，共 " + chain.entries() + " 条" + (chain.intact() ? "" : "，首个不符：第 " + chain.firstBroken() + " 条"));
        return chain;
    }

    /** The trail is the whole installation's: the realm's audit administrators only, never a role held elsewhere. */
    private static void auditAdmin(ContainerRequestContext request) {
        if (!PartyScopeFilter.scope(request).caller().realmRoles().contains(Roles.AUDITADMIN)) {
            throw new ForbiddenException(ApiError.response(403, "installation-trail",
                    "安全审计记录涵盖整个平台的所有机构与合同，只对审计管理员（auditadmin 组用户）开放",
                    "The security trail covers every organisation: only the audit administrator (realm group auditadmin) reads it"));
        }
    }

    private static Instant instant(String field, String value, boolean end) {
        String v = Params.text(value);
        if (v == null) {
            throw Params.bad(field, "必填：日期 yyyy-MM-dd 或时刻 2023-03-01T00:00:00Z");
        }
        try {
            if (v.length() == 10) {
                LocalDate day = LocalDate.parse(v);
                return (end ? day.plusDays(1) : day).atStartOfDay(BEIJING).toInstant();
            }
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw Params.bad(field, "'" + v + "' 不是日期 yyyy-MM-dd 或时刻 2023-03-01T00:00:00Z");
        }
    }

    /** RFC 4180: a header line, then one line per entry, every field that needs it quoted. */
    static String csv(List<ActivityEntry> entries) {
        StringBuilder out = new StringBuilder("id,at,user,address,action,target,detail,result,previous,hash\r\n");
        for (ActivityEntry e : entries) {
            out.append(e.id()).append(',').append(e.at()).append(',').append(cell(e.user())).append(',').append(cell(e.address()))
                    .append(',').append(cell(e.action())).append(',').append(cell(e.target())).append(',').append(cell(e.detail()))
                    .append(',').append(cell(e.result())).append(',').append(cell(e.previous())).append(',').append(cell(e.hash()))
                    .append("\r\n");
        }
        return out.toString();
    }

    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        // exactly the value that was hashed, so the export can be checked; a spreadsheet is not its reader
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
