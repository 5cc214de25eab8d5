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
import org.lvyue.api.security.CertificateLogin;

/**
 * {@code /api/session}: the console's login and logout. {@code POST} with {@code {"user", "password"}} (and {@code "code"},
 * the one-time code, for an account with a second factor) logs in as HTTP
 * Basic does (lock, policy, realm, trail) and answers with the session's CSRF token and a cookie
 * ({@value ConsoleSessions#COOKIE}: HttpOnly, SameSite=Strict, Secure over HTTPS, path {@code /api}) that stands for the
 * login until logout or the idle time; {@code DELETE} ends it.
 *
 * <p>A login by SM2 signature (an account with a registered login certificate) takes two requests: {@code POST
 * /api/session/challenge} gives a challenge, good once for two minutes; the holder signs {@link CertificateLogin#signedText}
 * of the account, the challenge and the host it addresses with its SM2 key (a USB key's signing tool or
 * {@code bin/sm2-login}), and {@code POST /api/session/certificate} with {@code {"user", "challenge", "signature"}}
 * (Base64 DER) opens the same session.
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

    /** A challenge to sign, when it stops being accepted, and the host to name in the signed text. */
    public record Challenge(String challenge, java.time.Instant expiresAt, String host) {
    }

    /** A signed login's body: the account, the challenge as given, and the SM3withSM2 signature (Base64 of its DER). */
    public record SignedLogin(String user, String challenge, String signature) {
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
        return opened(in, request);
    }

    @POST
    @Path("challenge")
    public Response challenge(@Context HttpServletRequest request) {
        CertificateLogin.Challenge c = realm.challenge();
        if (c == null) {
            return ApiError.response(404, "certificate-login-unavailable", "本节点未启用证书登录", "Certificate login is not available");
        }
        return Response.ok(new Challenge(c.value(), c.expires(), RealmLogin.audience(request))).header("Cache-Control", "no-store")
                .build();
    }

    @POST
    @Path("certificate")
    @javax.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    public Response loginBySignature(SignedLogin body, @Context HttpServletRequest request) {
        List<FactProblem> problems = new ArrayList<>();
        if (body == null || body.user() == null || body.user().isBlank()) {
            problems.add(new FactProblem(-1, "user", "缺少用户名 / the user name is missing"));
        }
        if (body == null || body.challenge() == null || body.challenge().isBlank()) {
            problems.add(new FactProblem(-1, "challenge", "缺少挑战值（先 POST /api/session/challenge）/ the challenge is missing"));
        }
        byte[] signature = null;
        if (body == null || body.signature() == null || body.signature().isBlank()) {
            problems.add(new FactProblem(-1, "signature", "缺少签名 / the signature is missing"));
        } else {
            try {
                signature = java.util.Base64.getMimeDecoder().decode(body.signature().trim());
            } catch (IllegalArgumentException e) {
                problems.add(new FactProblem(-1, "signature", "签名不是 Base64 编码 / the signature is not Base64"));
            }
        }
        if (!problems.isEmpty()) {
            return ApiError.response(400, "invalid-input", "证书登录信息不完整：" + problems.get(0).reason(),
                    "Incomplete certificate login", problems);
        }
        RealmLogin.Login in = realm.loginBySignature(body.user().trim(), body.challenge().trim(), signature, request, "控制台");
        return opened(in, request);
    }

    @DELETE
    public Response logout(@CookieParam(ConsoleSessions.COOKIE) String id, @Context HttpServletRequest request) {
        ConsoleSessions.Session ended = sessions.close(id);
        if (ended != null) {
            activity.record(ended.user, request, ActivityLog.LOGOUT, null, "控制台退出登录");
        }
        return Response.noContent().header("Set-Cookie", cookie("", request.isSecure(), 0)).build();
    }

    /** A new session for the login: its CSRF token in the body, its id in the cookie. */
    private Response opened(RealmLogin.Login in, HttpServletRequest request) {
        ConsoleSessions.Opened opened = sessions.open(in);
        return Response.ok(new Opened(in.user(), opened.session().csrf, sessions.idle().toMinutes()))
                .header("Set-Cookie", cookie(opened.id(), request.isSecure(), -1)).header("Cache-Control", "no-store").build();
    }

    /** The session cookie; JAX-RS 2.1's {@code NewCookie} cannot say SameSite, so the header is written here. */
    static String cookie(String value, boolean secure, int maxAge) {
        return ConsoleSessions.COOKIE + "=" + value + "; Path=/api; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
                + (maxAge >= 0 ? "; Max-Age=" + maxAge : "");
    }
}
