package org.lvyue.rest.internal;

import java.util.List;

import javax.annotation.security.RolesAllowed;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.lvyue.api.activity.ActivityLog;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.security.SecondFactor;

/**
 * {@code /api/me/second-factor}: a user's own second factor. {@code POST} draws a new secret for the authenticator app
 * (shown once); {@code POST …/confirm} with {@code {"code"}} puts it in force; {@code DELETE} with the current code in
 * {@value RealmLogin#SECOND_FACTOR_HEADER} removes it. Only for a login by password (an API token is no user); each
 * change is in the activity trail. A lost phone is the security administrator's: {@code compliance:second-factor --remove}.
 */
@Path("me/second-factor")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
@RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR, Roles.COLLECTOR, Roles.SECADMIN, Roles.AUDITADMIN})
public class SecondFactorResource {
    private final SecondFactor factor;
    private final Activity activity;

    /** Whether the caller's logins need a code, and whether their roles require one. */
    public record State(boolean enrolled, boolean required) {
    }

    /** The confirmation's body. */
    public record Code(String code) {
    }

    /** @param factor null only in tests of other things: then this answers 503 */
    SecondFactorResource(SecondFactor factor, Activity activity) {
        this.factor = factor;
        this.activity = activity;
    }

    @GET
    public State state(@Context SecurityContext who) {
        String user = passwordUser(who);
        return new State(factor().enrolled(user), factor().requiredRoles().stream().anyMatch(who::isUserInRole));
    }

    @POST
    public Response enrol(@Context SecurityContext who, @Context HttpServletRequest request) {
        String user = passwordUser(who);
        SecondFactor.Enrolment e = factor().enrol(user);
        activity.record(who, request, ActivityLog.USER_CHANGE, user, "动态口令：生成新密钥，待确认");
        return Response.ok(e).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response confirm(Code body, @Context SecurityContext who, @Context HttpServletRequest request) {
        String user = passwordUser(who);
        if (body == null || body.code() == null || !factor().confirm(user, body.code().trim())) {
            activity.record(who, request, ActivityLog.USER_CHANGE, user, "动态口令：确认失败（动态口令不正确或没有待确认的密钥）");
            return ApiError.response(400, "invalid-input", "动态口令不正确，或没有待确认的密钥：请先 POST /api/me/second-factor 生成密钥，"
                    + "在验证器应用中添加后填写其当前的 6 位动态口令", "The code is not the new secret's current one, or no secret waits",
                    List.of(new FactProblem(-1, "code", "不是新密钥当前的 6 位动态口令 / not the current code of the new secret")));
        }
        activity.record(who, request, ActivityLog.USER_CHANGE, user, "动态口令：已绑定，此后登录需动态口令");
        return Response.noContent().build();
    }

    @DELETE
    public Response remove(@HeaderParam(RealmLogin.SECOND_FACTOR_HEADER) String code, @Context SecurityContext who,
                           @Context HttpServletRequest request) {
        String user = passwordUser(who);
        if (!factor().enrolled(user) || code == null || !factor().verify(user, code.trim())) {
            activity.record(who, request, ActivityLog.USER_CHANGE, user, "动态口令：解除被拒绝（动态口令不正确）");
            return ApiError.response(400, "invalid-input", "解除动态口令须在请求头 " + RealmLogin.SECOND_FACTOR_HEADER
                    + " 提供当前的动态口令（每个只能用一次）", "Removing it needs a current, unused code in " + RealmLogin.SECOND_FACTOR_HEADER,
                    List.of(new FactProblem(-1, RealmLogin.SECOND_FACTOR_HEADER, "缺失、不正确或已用过 / missing, wrong or used")));
        }
        factor().remove(user);
        activity.record(who, request, ActivityLog.USER_CHANGE, user, "动态口令：已解除");
        return Response.noContent().build();
    }

    private static String passwordUser(SecurityContext who) {
        if (!SecurityContext.BASIC_AUTH.equals(who.getAuthenticationScheme())
                && !SecurityContext.FORM_AUTH.equals(who.getAuthenticationScheme())) {
            throw new WebApplicationException(ApiError.response(403, "forbidden", "动态口令属于以口令登录的用户：API 令牌不能绑定",
                    "A second factor belongs to a user logged in by password, not to an API token"));
        }
        return who.getUserPrincipal().getName();
    }

    private SecondFactor factor() {
        if (factor == null) {
            throw new WebApplicationException(ApiError.response(503, "unavailable", "动态口令服务不可用", "No second factor service"));
        }
        return factor;
    }
}
