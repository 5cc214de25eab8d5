package org.lvyue.metrics.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Set;
import java.util.function.Supplier;

import org.lvyue.api.security.AccessPolicy;
import org.lvyue.api.security.LoginAttempts;

/**
 * Who may read {@code /metrics}: a user of the realm holding one of the configured roles (HTTP Basic), under the
 * product's {@link AccessPolicy} (the production profile refuses the demo credentials, and may require HTTPS);
 * anyone when the login is switched off (a scrape port behind a firewall).
 */
final class MetricsAccess {
    /** The realm's answer: the user's roles, or null when the user name and password do not log in. */
    @FunctionalInterface
    interface Realm {
        Set<String> login(String user, char[] password);
    }

    /** The answer: 200, or 401 / 403 / 429 with the reason in Chinese and English (and, for 429, when to retry). */
    record Decision(int status, String message, long retryAfterSeconds) {
        Decision(int status, String message) {
            this(status, message, 0);
        }

        boolean allowed() {
            return status == 200;
        }
    }

    static final Decision ALLOWED = new Decision(200, null);

    private final Realm realm;
    private final AccessPolicy policy;
    private final Set<String> roles;
    private final boolean loginRequired;
    /** What failed logins cost, shared with the REST API's logins; none while the service is away. */
    private final Supplier<LoginAttempts> attempts;

    MetricsAccess(Realm realm, AccessPolicy policy, Collection<String> roles, boolean loginRequired,
                  Supplier<LoginAttempts> attempts) {
        this.attempts = attempts;
        this.realm = realm;
        this.policy = policy;
        this.roles = Set.copyOf(roles);
        this.loginRequired = loginRequired;
    }

    /**
     * @param authorization the request's {@code Authorization} header, or null
     * @param secure        whether it came over HTTPS
     * @param address       the client's address
     */
    Decision decide(String authorization, boolean secure, String address) {
        if (!loginRequired) {
            return ALLOWED;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new Decision(401, "需要登录：请以具有 " + String.join("、", roles) + " 角色的用户经 HTTP Basic 登录 / "
                    + "login required (HTTP Basic, a user with the role " + String.join(" or ", roles) + ")");
        }
        if (!secure && policy.httpsRequired()) {
            return new Decision(403, "请使用 HTTPS：本服务要求经 HTTPS 发送登录信息 / use HTTPS: logins over plain HTTP are refused");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new Decision(401, "登录信息无法解析 / the Basic credentials do not decode");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return new Decision(401, "登录信息无法解析 / the Basic credentials do not decode");
        }
        String user = decoded.substring(0, colon);
        char[] password = decoded.substring(colon + 1).toCharArray();
        LoginAttempts counted = attempts.get();
        LoginAttempts.Wait wait = counted == null ? null : counted.refusal(user, address);
        if (wait != null) {
            return new Decision(429, wait.message() + " / " + wait.messageEn(), wait.retryAfterSeconds());
        }
        AccessPolicy.Refusal refusal = policy.refusal(user, password);
        if (refusal != null) {
            if (counted != null) {
                counted.failed(user, address);
            }
            return new Decision(401, refusal.message() + " / " + refusal.messageEn());
        }
        Set<String> held = realm.login(user, password);
        if (held == null) {
            if (counted != null) {
                counted.failed(user, address);
            }
            return new Decision(401, "用户名或密码错误 / wrong user name or password");
        }
        if (counted != null) {
            counted.succeeded(user, address);
        }
        AccessPolicy.Refusal terminal = policy.terminalRefusal(user, held, address);
        if (terminal != null) {
            return new Decision(403, terminal.message() + " / " + terminal.messageEn());
        }
        if (held.stream().noneMatch(roles::contains)) {
            return new Decision(403, "用户 " + user + " 没有读取指标所需的角色（" + String.join("、", roles) + "） / "
                    + "the user has no role that may read the metrics");
        }
        return ALLOWED;
    }
}
