package org.lvyue.rest.internal;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.annotation.security.RolesAllowed;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.lvyue.api.activity.ActivityLog;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.security.CertificateLogin;

/**
 * SM2 login certificates ({@link CertificateLogin}). {@code /api/me/login-certificate}: a user logged in by password
 * registers their own certificate, and from then on logs in by its signature only ({@code PUT} with {@code {"certificate"}}, PEM or Base64 DER, and the proof that they
 * hold its key: a {@code "challenge"} of {@code POST /api/session/challenge} and its {@code "signature"}, as a login
 * signs it), reads it and removes it. {@code /api/login-certificates}: the security administrator lists every account's
 * and removes one (a lost key), and registers none: so no administrator can make a way into another account. Every
 * change is in the activity trail ({@link LoginCertificatesResource} is the security administrator's side).
 */
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
@Path("me/login-certificate")
public class LoginCertificateResource {
    private final CertificateLogin certificates;
    private final Activity activity;
    /** Forgets an account's remembered password logins: once registered, it logs in by signature only. */
    private final java.util.function.Consumer<String> forgetPasswordLogins;

    /** A registration's body: the certificate and the signed challenge proving its key. */
    public record Proof(String certificate, String challenge, String signature) {
    }

    /** @param certificates null only in tests of other things: then this answers 503 */
    LoginCertificateResource(CertificateLogin certificates, Activity activity,
                             java.util.function.Consumer<String> forgetPasswordLogins) {
        this.certificates = certificates;
        this.activity = activity;
        this.forgetPasswordLogins = forgetPasswordLogins;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR, Roles.COLLECTOR, Roles.SECADMIN, Roles.AUDITADMIN})
    public CertificateLogin.Registered mine(@Context SecurityContext who) {
        return certificates().registered(user(who)).orElseThrow(() -> new WebApplicationException(ApiError.response(404,
                "not-found", "本账号未登记登录证书", "This account has no login certificate")));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR, Roles.COLLECTOR, Roles.SECADMIN, Roles.AUDITADMIN})
    public Response register(Proof body, @Context SecurityContext who, @Context HttpServletRequest request) {
        String user = user(who);
        List<FactProblem> problems = new ArrayList<>();
        byte[] certificate = null;
        byte[] signature = null;
        if (body == null || body.certificate() == null || body.certificate().isBlank()) {
            problems.add(new FactProblem(-1, "certificate", "缺少证书（PEM 或 Base64 编码的 DER）/ the certificate is missing"));
        } else {
            certificate = body.certificate().contains("-----BEGIN") ? body.certificate().getBytes(java.nio.charset.StandardCharsets.US_ASCII)
                    : base64(body.certificate(), "certificate", problems);
        }
        if (body == null || body.challenge() == null || body.challenge().isBlank()) {
            problems.add(new FactProblem(-1, "challenge", "缺少挑战值（先 POST /api/session/challenge）/ the challenge is missing"));
        }
        if (body == null || body.signature() == null || body.signature().isBlank()) {
            problems.add(new FactProblem(-1, "signature", "缺少以该证书私钥所作的签名 / the signature proving the key is missing"));
        } else {
            signature = base64(body.signature(), "signature", problems);
        }
        if (!problems.isEmpty()) {
            return ApiError.response(400, "invalid-input", "登记登录证书的信息不完整：" + problems.get(0).reason(),
                    "Incomplete certificate registration", problems);
        }
        CertificateLogin.Registered r;
        try {
            r = certificates().register(user, certificate, body.challenge().trim(), RealmLogin.audience(request), signature);
        } catch (IllegalArgumentException e) {
            activity.record(who, request, ActivityLog.USER_CHANGE, user, "登录证书：登记被拒绝（" + e.getMessage() + "）");
            return ApiError.response(400, "invalid-input", "登录证书未登记：" + e.getMessage(), "Certificate not registered",
                    List.of(new FactProblem(-1, "certificate", e.getMessage())));
        }
        forgetPasswordLogins.accept(user);
        activity.record(who, request, ActivityLog.USER_CHANGE, user, "登录证书：已登记（" + r.subject() + "，SHA-256 "
                + r.sha256().substring(0, 16) + "…，有效至 " + r.notAfter() + "），此后只能以 SM2 签名登录");
        return Response.ok(r).build();
    }

    @DELETE
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR, Roles.COLLECTOR, Roles.SECADMIN, Roles.AUDITADMIN})
    public Response removeMine(@Context SecurityContext who, @Context HttpServletRequest request) {
        return remove(certificates(), activity, user(who), who, request, "本人");
    }

    static Response remove(CertificateLogin certificates, Activity activity, String user, SecurityContext who,
                           HttpServletRequest request, String by) {
        if (!certificates.remove(user)) {
            return ApiError.response(404, "not-found", "账号 " + user + " 未登记登录证书", "No login certificate for " + user);
        }
        activity.record(who, request, ActivityLog.USER_CHANGE, user, "登录证书：" + by + "已解除，此后不能以 SM2 签名登录");
        return Response.noContent().build();
    }

    private static byte[] base64(String text, String field, List<FactProblem> problems) {
        try {
            return Base64.getMimeDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            problems.add(new FactProblem(-1, field, "不是 Base64 编码 / not Base64"));
            return null;
        }
    }

    /** The caller, who must be a user logged in (by password or signature), not an API token. */
    private static String user(SecurityContext who) {
        if (!SecurityContext.BASIC_AUTH.equals(who.getAuthenticationScheme())
                && !SecurityContext.FORM_AUTH.equals(who.getAuthenticationScheme())) {
            throw new WebApplicationException(ApiError.response(403, "forbidden", "登录证书属于登录的用户：API 令牌不能登记",
                    "A login certificate belongs to a user who logged in, not to an API token"));
        }
        return who.getUserPrincipal().getName();
    }

    static CertificateLogin available(CertificateLogin certificates) {
        if (certificates == null) {
            throw new WebApplicationException(ApiError.response(503, "unavailable", "证书登录服务不可用", "No certificate login service"));
        }
        return certificates;
    }

    private CertificateLogin certificates() {
        return available(certificates);
    }
}
