package org.lvyue.rest.internal;

import java.util.ArrayList;
import java.util.List;

import javax.annotation.security.PermitAll;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.CookieParam;
import javax.ws.rs.DELETE;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.lvyue.api.activity.ActivityLog;
import org.lvyue.api.fact.FactProblem;

/**
 * {@code /api/session}: the console's login and logout. {@code POST} with {@code {"user", "password"}} (and {@code "code"},
 * the one-time code, for an account with a second factor) logs in as HTTP
 * Basic does (lock, policy, realm, trail) and answers with the session's CSRF token and a cookie
 * ({@value ConsoleSessions#COOKIE}: HttpOnly, SameSite=Strict, Secure over HTTPS, path {@code /api}) that stands for the
 * login until logout or the idle time; {@code DELETE} ends it.
 */
@Path("session")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
@PermitAll
public class SessionResource {
    private final RealmLogin realm;
    private final ConsoleSessions sessions;
    private final Activity activity;

    /** What a login answers: who, the token to echo in {@value ConsoleSessions#CSRF_HEADER}, and the idle minutes. */
    public record Opened(String user, String csrfToken, long idleMinutes) {
    }

    /** The login's body; {@code code} is the one-time code of an account with a second factor. */
    public record Credentials(String user, String password, String code) {
    }

    SessionResource(RealmLogin realm, ConsoleSessions sessions, Activity activity) {
        this.realm = realm;
        this.sessions = sessions;
        this.activity = activity;
    }

    @POST
    @javax.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    public Response login(Credentials credentials, @Context HttpServletRequest request) {
        List<FactProblem> problems = new ArrayList<>();
        if (credentials == null || credentials.user() == null || credentials.user().isBlank()) {
            problems.add(new FactProblem(-1, "user", "缺少用户名 / the user name is missing"));
        }
        if (credentials == null || credentials.password() == null || credentials.password().isEmpty()) {
            problems.add(new FactProblem(-1, "password", "缺少口令 / the password is missing"));
        }
        if (!problems.isEmpty()) {
            return ApiError.response(400, "invalid-input", "登录信息不完整：" + problems.get(0).reason(),
                    "Incomplete credentials", problems);
        }
        RealmLogin.Login in = realm.login(credentials.user().trim(), credentials.password().toCharArray(), credentials.code(),
                request, "控制台");
        ConsoleSessions.Opened opened = sessions.open(in);
        return Response.ok(new Opened(in.user(), opened.session().csrf, sessions.idle().toMinutes()))
                .header("Set-Cookie", cookie(opened.id(), request.isSecure(), -1)).header("Cache-Control", "no-store").build();
    }

    @DELETE
    public Response logout(@CookieParam(ConsoleSessions.COOKIE) String id, @Context HttpServletRequest request) {
        ConsoleSessions.Session ended = sessions.close(id);
        if (ended != null) {
            activity.record(ended.user, request, ActivityLog.LOGOUT, null, "控制台退出登录");
        }
        return Response.noContent().header("Set-Cookie", cookie("", request.isSecure(), 0)).build();
    }

    /** The session cookie; JAX-RS 2.1's {@code NewCookie} cannot say SameSite, so the header is written here. */
    static String cookie(String value, boolean secure, int maxAge) {
        return ConsoleSessions.COOKIE + "=" + value + "; Path=/api; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
                + (maxAge >= 0 ? "; Max-Age=" + maxAge : "");
    }
}
