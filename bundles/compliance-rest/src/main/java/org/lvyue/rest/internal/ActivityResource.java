package org.lvyue.rest.internal;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.lvyue.api.activity.ActivityEntry;
import org.lvyue.api.activity.ActivityLog;

/**
 * {@code GET /api/activity}: the product's own record of who did what (logins, imports, waivers,
 * bundle changes, contract definitions), newest first; for administrators and evaluators.
 */
@Path("activity")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class ActivityResource {
    private final Supplier<ActivityLog> log;

    ActivityResource(Supplier<ActivityLog> log) {
        this.log = log;
    }

    public record Entry(long id, Instant at, String user, String address, String action, String target, String detail) {
        static Entry of(ActivityEntry e) {
            return new Entry(e.id(), e.at(), e.user(), e.address(), e.action(), e.target(), e.detail());
        }
    }

    public record Page(long total, int count, List<Entry> entries) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.EVALUATOR})
    public Page list(@QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("offset") @DefaultValue("0") int offset,
                     @QueryParam("user") String user, @QueryParam("action") String action,
                     @javax.ws.rs.core.Context javax.ws.rs.container.ContainerRequestContext request) {
        // the trail is the whole installation's, every organisation's contracts in it: the realm's groups only,
        // not a role held in one organisation
        java.util.Set<String> groups = PartyScopeFilter.scope(request).caller().realmRoles();
        if (!groups.contains(Roles.ADMIN) && !groups.contains(Roles.EVALUATOR)) {
            throw new javax.ws.rs.ForbiddenException(ApiError.response(403, "installation-trail",
                    "操作记录涵盖整个平台的所有机构与合同，只对用户文件中 admin 或 evaluator 组的用户开放",
                    "The activity trail covers every organisation: only the realm's admin and evaluator groups read it"));
        }
        if (limit < 1 || limit > 1000) {
            throw Params.bad("limit", "应在 1 到 1000 之间");
        }
        if (offset < 0) {
            throw Params.bad("offset", "不能为负数");
        }
        String a = Params.text(action);
        List<String> actions = new java.util.ArrayList<>(ActivityLog.ACTIONS);
        actions.addAll(org.lvyue.api.access.Parties.ACTIONS);
        if (a != null && !actions.contains(a)) {
            throw Params.bad("action", "取值 '" + a + "' 不允许，应为 " + String.join("、", actions));
        }
        ActivityLog.Query q = new ActivityLog.Query(Params.text(user), a, limit, offset);
        List<Entry> entries = log.get().list(q).stream().map(Entry::of).toList();
        return new Page(log.get().count(q), entries.size(), entries);
    }
}
