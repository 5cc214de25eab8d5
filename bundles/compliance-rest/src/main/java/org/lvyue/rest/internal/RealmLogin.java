package org.lvyue.rest.internal;

import java.util.Set;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.NotAuthorizedException;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.lvyue.api.activity.ActivityLog;
import org.lvyue.api.security.AccessPolicy;
import org.lvyue.api.security.CertificateLogin;
import org.lvyue.api.security.LoginAttempts;
import org.lvyue.api.security.RealmAuthenticator;
import org.lvyue.api.security.SecondFactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One login of a user name and password, as every login path of the API does it: the account's lock and the
 * address's wait first (429), then the {@link AccessPolicy} (401 with the reason), then, for an account with a second
 * factor, its one-time code ({@link SecondFactor}), then Karaf's realm ({@link RealmAuthenticator}, 401); the outcome
 * counted by {@link LoginAttempts} and recorded in the activity trail.
 *
 * <p>An account that registered an SM2 login certificate ({@link CertificateLogin}) logs in by its signature only: its
 * right password is refused with that reason, so the password is no weaker door beside the key.
 *
 * <p>The code is checked before the password, and both refusals read alike: a caller without the account's phone
 * never learns whether the password was right. An account whose roles require a second factor and that has none is
 * refused after its password, with what to do.
 */
final class RealmLogin {
    private static final Logger LOG = LoggerFactory.getLogger(RealmLogin.class);
    /** Where an HTTP Basic client gives the one-time code of an account with a second factor. */
    static final String SECOND_FACTOR_HEADER = "X-Lvyue-OTP";

    /** Null only in tests of other things, which never log in: then every password is refused. */
    private final RealmAuthenticator realm;
    private final Activity activity;
    private final AccessPolicy policy;
    /** Null only in tests of other things: then failed logins cost nothing. */
    private final LoginAttempts attempts;
    /** Null only in tests of other things: then no account has a second factor. */
    private final SecondFactor secondFactor;
    /** Null only in tests of other things: then no alarm is raised. */
    private final org.lvyue.api.security.SecurityAlarms alarms;
    /** Null only in tests of other things: then every signed login is refused. */
    private final CertificateLogin certificates;

    /** A user the realm let in: name, roles, and the security profile it was checked under. */
    record Login(String user, Set<String> roles, String profile) {
    }

    RealmLogin(RealmAuthenticator realm, Activity activity, AccessPolicy policy, LoginAttempts attempts,
               SecondFactor secondFactor, org.lvyue.api.security.SecurityAlarms alarms, CertificateLogin certificates) {
        this.alarms = alarms;
        this.certificates = certificates;
        this.realm = realm;
        this.activity = activity;
        this.policy = policy;
        this.attempts = attempts;
        this.secondFactor = secondFactor;
    }

    AccessPolicy policy() {
        return policy;
    }

    /** Whether the account's password logins need its one-time code. */
    boolean hasSecondFactor(String user) {
        return secondFactor != null && secondFactor.enrolled(user);
    }

    /**
     * @param code the one-time code given with the password, or null
     * @param how  what the trail says of the way in, e.g. {@code HTTP Basic} or {@code 控制台}
     * @throws WebApplicationException 401 or 429, with the reason in Chinese and English
     */
    Login login(String user, char[] password, String code, HttpServletRequest request, String how) {
        String profile = policy.profile();
        String address = Activity.address(request);
        refuseIfWaiting(user, address, request);
        AccessPolicy.Refusal refusal = policy.refusal(user, password);
        if (refusal != null) {
            failed(user, address);
            LOG.warn("REST login refused for user '{}' from {} by the {} profile: {}", user, address, profile, refusal.messageEn());
            activity.record(user, request, ActivityLog.LOGIN_FAILED, null, how + " 登录被拒绝：" + refusal.message());
            Response r = ApiError.response(401, "login-refused", refusal.message(), refusal.messageEn());
            throw new WebApplicationException(ErrorMappers.fromScript(request) ? r : Response.fromResponse(r)
                    .header(HttpHeaders.WWW_AUTHENTICATE, ErrorMappers.CHALLENGE).build());
        }
        boolean twoFactors = secondFactor != null && secondFactor.enrolled(user);
        if (twoFactors && (code == null || !secondFactor.verify(user, code.trim()))) {
            LOG.info("REST login of user '{}' failed: one-time code {}", user, code == null || code.isBlank() ? "missing" : "wrong");
            failed(user, address);
            activity.record(user, request, ActivityLog.LOGIN_FAILED, null, how + " 登录失败（动态口令"
                    + (code == null || code.isBlank() ? "缺失" : "错误或已用过") + "）");
            throw refused(request);
        }
        java.util.Optional<Set<String>> roles = realm == null ? java.util.Optional.empty() : realm.authenticate(user, password);
        if (roles.isEmpty()) {
            LOG.info("REST login failed for user '{}'", user);
            failed(user, address);
            activity.record(user, request, ActivityLog.LOGIN_FAILED, null, how + " 登录失败（用户名或密码错误）");
            if (twoFactors) {
                throw refused(request);
            }
            throw new NotAuthorizedException("Basic");
        }
        if (certificates != null && certificates.registered(user).isPresent()) {
            // told only to whoever knew the password: the account's certificate is not given away to a guesser
            LOG.info("REST password login of user '{}' refused: the account logs in by its SM2 certificate only", user);
            activity.record(user, request, ActivityLog.LOGIN_FAILED, null, how + " 口令登录被拒绝：本账号已登记登录证书，只能以证书签名登录");
            throw new WebApplicationException(ApiError.response(401, "certificate-login-only",
                    "本账号已登记 SM2 登录证书，只能以证书签名登录（POST /api/session/challenge，再 POST /api/session/certificate；"
                            + "或 bin/sm2-login login）；证书丢失时请安全管理员解除（DELETE /api/login-certificates/" + user + "）",
                    "This account registered an SM2 login certificate and logs in by its signature only; a security"
                            + " administrator removes a lost one"));
        }
        requireTerminal(user, roles.get(), request, how + " 登录");
        if (!twoFactors && secondFactor != null && roles.get().stream().anyMatch(secondFactor.requiredRoles()::contains)) {
            // a secret the security administrator drew for the account is put in force by its first code
            if (code != null && secondFactor.confirm(user, code.trim())) {
                activity.record(user, request, ActivityLog.USER_CHANGE, user, how + " 登录时以动态口令确认了新密钥，此后登录需动态口令");
            } else {
                LOG.warn("REST login of user '{}' refused: its roles require a second factor and it has none", user);
                activity.record(user, request, ActivityLog.LOGIN_FAILED, null, how + " 登录被拒绝：角色要求动态口令，账号尚未绑定");
                throw new WebApplicationException(ApiError.response(401, "second-factor-enrolment-required",
                        "该账号的角色要求动态口令（第二因素），账号尚未绑定：请安全管理员在 Karaf 控制台执行 compliance:second-factor --enrol "
                                + user + " 生成密钥，在验证器应用中添加后，登录时填写其当前的动态口令",
                        "This account's roles require a second factor and it has none: a security administrator draws a secret with"
                                + " compliance:second-factor --enrol " + user + "; log in with its current code"));
            }
        }
        return succeeded(user, roles.get(), profile, request, how + " 登录");
    }

    /** A login let in: its failures forgotten, the trail told how and with which roles. */
    private Login succeeded(String user, Set<String> roles, String profile, HttpServletRequest request, String what) {
        if (attempts != null) {
            attempts.succeeded(user, Activity.address(request));
        }
        activity.record(user, request, ActivityLog.LOGIN, null, what + "，角色：" + String.join("、", new java.util.TreeSet<>(roles)));
        return new Login(user, roles, profile);
    }

    /** A challenge for a login by signature; null when certificate logins are not available here. */
    CertificateLogin.Challenge challenge() {
        return certificates == null ? null : certificates.challenge();
    }

    /** The server a signed login is meant for, as its holder addressed it: the request's {@code Host}. */
    static String audience(HttpServletRequest request) {
        String host = request.getHeader(HttpHeaders.HOST);
        return host != null && !host.isBlank() ? host.trim() : request.getServerName() + ":" + request.getServerPort();
    }

    /**
     * A login by SM2 signature ({@link CertificateLogin}): the account's lock and the address's wait first (429), then
     * the signature over the product's challenge, the account and this server, against the account's registered
     * certificate (401 with the reason), then the realm's roles for the account and the management networks; counted and
     * recorded as a password login is. The signature is the cryptographic factor (the key's own PIN or password the
     * other), so no one-time code is asked.
     */
    Login loginBySignature(String user, String challenge, byte[] signature, HttpServletRequest request, String how) {
        String profile = policy.profile();
        String address = Activity.address(request);
        refuseIfWaiting(user, address, request);
        CertificateLogin.Result result = certificates == null ? CertificateLogin.Result.NO_CERTIFICATE
                : certificates.verify(user, challenge, audience(request), signature);
        if (result != CertificateLogin.Result.ACCEPTED) {
            LOG.info("REST login of user '{}' by SM2 signature refused: {}", user, result);
            failed(user, address);
            activity.record(user, request, ActivityLog.LOGIN_FAILED, null, how + " 证书登录失败（" + result.label() + "）");
            throw new WebApplicationException(ApiError.response(401, "login-refused-certificate",
                    "证书登录失败：" + result.label() + "（挑战值须在两分钟内、只用一次，签名原文为 LVYUE-SM2-LOGIN、用户名、挑战值与"
                            + "所访问的主机名，各占一行）",
                    "Certificate login refused: " + result.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                            + " (a challenge is answered once within two minutes; the signed text is LVYUE-SM2-LOGIN, the user,"
                            + " the challenge and the host addressed, one per line)"));
        }
        java.util.Optional<Set<String>> roles = realm == null ? java.util.Optional.empty() : realm.roles(user);
        if (roles.isEmpty()) {
            LOG.warn("REST login of user '{}' by SM2 signature refused: the realm has no such account", user);
            failed(user, address);
            activity.record(user, request, ActivityLog.LOGIN_FAILED, null, how + " 证书登录失败（账号已不存在）");
            throw new WebApplicationException(ApiError.response(401, "login-refused-certificate",
                    "证书登录失败：账号已不存在或已停用", "Certificate login refused: the account no longer exists"));
        }
        requireTerminal(user, roles.get(), request, how + " 证书登录");
        return succeeded(user, roles.get(), profile, request, how + " 证书登录（SM2 签名）");
    }

    /**
     * Refuses with 403 an account of the administrators that acts from an address outside the management networks
     * ({@link AccessPolicy#terminalRefusal}), at its login and at each request of a remembered login or a session;
     * each refusal is in the trail.
     *
     * @param what what the trail calls the refused act, e.g. {@code 控制台 登录} or {@code 会话请求}
     */
    void requireTerminal(String user, Set<String> roles, HttpServletRequest request, String what) {
        String address = Activity.address(request);
        AccessPolicy.Refusal refusal = policy.terminalRefusal(user, roles, address);
        if (refusal == null) {
            return;
        }
        LOG.warn("REST {} of user '{}' from {} refused: {}", what, user, address, refusal.messageEn());
        activity.record(user, request, ActivityLog.LOGIN_FAILED, null, what + "被拒绝：" + refusal.message());
        if (alarms != null) {
            alarms.raise(org.lvyue.api.security.SecurityAlarms.TERMINAL_REFUSED, user, address, what + "被拒绝：" + refusal.message());
        }
        throw new WebApplicationException(ApiError.response(403, "terminal-refused", refusal.message(), refusal.messageEn()));
    }

    /** One answer for a wrong code and for a wrong password after a code was asked: neither tells which was wrong. */
    private static WebApplicationException refused(HttpServletRequest request) {
        Response r = ApiError.response(401, "login-refused-second-factor",
                "登录失败：用户名、口令或动态口令错误（动态口令每个只能用一次；控制台填写“动态口令”栏，HTTP Basic 用请求头 "
                        + SECOND_FACTOR_HEADER + "）",
                "Login failed: wrong user name, password or one-time code (each code works once; HTTP Basic clients send it"
                        + " in " + SECOND_FACTOR_HEADER + ")");
        return new WebApplicationException(ErrorMappers.fromScript(request) ? r : Response.fromResponse(r)
                .header(HttpHeaders.WWW_AUTHENTICATE, ErrorMappers.CHALLENGE).build());
    }

    /** A guessed credential that is not a password (a collector token): counted against its address only. */
    void failed(String user, String address) {
        if (attempts != null) {
            attempts.failed(user, address);
        }
    }

    /**
     * Answers 429 with Retry-After, before any password is checked, while the account is locked or the address must
     * wait after failed logins; the refusal is in the trail as a failed login.
     */
    void refuseIfWaiting(String user, String address, HttpServletRequest request) {
        LoginAttempts.Wait wait = attempts == null ? null : attempts.refusal(user, address);
        if (wait == null) {
            return;
        }
        LOG.info("REST login of '{}' from {} refused: {}", user, Activity.address(request), wait.messageEn());
        activity.record(user == null ? "token" : user, request, ActivityLog.LOGIN_FAILED, null, "登录被拒绝：" + wait.message());
        throw new WebApplicationException(Response.fromResponse(ApiError.response(429, "login-wait", wait.message(),
                wait.messageEn())).header(HttpHeaders.RETRY_AFTER, String.valueOf(wait.retryAfterSeconds())).build());
    }
}
