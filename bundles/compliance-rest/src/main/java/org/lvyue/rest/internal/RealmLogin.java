package org.lvyue.rest.internal;

import java.util.Set;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.NotAuthorizedException;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.lvyue.api.activity.ActivityLog;
import org.lvyue.api.security.AccessPolicy;
import org.lvyue.api.security.LoginAttempts;
import org.lvyue.api.security.RealmAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One login of a user name and password, as every login path of the API does it: the account's lock and the
 * address's wait first (429), then the {@link AccessPolicy} (401 with the reason), then Karaf's realm
 * ({@link RealmAuthenticator}, 401); the outcome counted by {@link LoginAttempts} and recorded in the activity trail.
 */
final class RealmLogin {
    private static final Logger LOG = LoggerFactory.getLogger(RealmLogin.class);

    /** Null only in tests of other things, which never log in: then every password is refused. */
    private final RealmAuthenticator realm;
    private final Activity activity;
    private final AccessPolicy policy;
    /** Null only in tests of other things: then failed logins cost nothing. */
    private final LoginAttempts attempts;

    /** A user the realm let in: name, roles, and the security profile it was checked under. */
    record Login(String user, Set<String> roles, String profile) {
    }

    RealmLogin(RealmAuthenticator realm, Activity activity, AccessPolicy policy, LoginAttempts attempts) {
        this.realm = realm;
        this.activity = activity;
        this.policy = policy;
        this.attempts = attempts;
    }

    AccessPolicy policy() {
        return policy;
    }

    /**
     * @param how what the trail says of the way in, e.g. {@code HTTP Basic} or {@code 控制台}
     * @throws WebApplicationException 401 or 429, with the reason in Chinese and English
     */
    Login login(String user, char[] password, HttpServletRequest request, String how) {
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
        java.util.Optional<Set<String>> roles = realm == null ? java.util.Optional.empty() : realm.authenticate(user, password);
        if (roles.isEmpty()) {
            LOG.info("REST login failed for user '{}'", user);
            failed(user, address);
            activity.record(user, request, ActivityLog.LOGIN_FAILED, null, how + " 登录失败（用户名或密码错误）");
            throw new NotAuthorizedException("Basic");
        }
        if (attempts != null) {
            attempts.succeeded(user, address);
        }
        activity.record(user, request, ActivityLog.LOGIN, null, how + " 登录，角色：" + String.join("、", new java.util.TreeSet<>(roles.get())));
        return new Login(user, roles.get(), profile);
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
