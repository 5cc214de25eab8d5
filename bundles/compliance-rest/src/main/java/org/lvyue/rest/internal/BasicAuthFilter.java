package org.lvyue.rest.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import javax.annotation.Priority;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import javax.ws.rs.NotAuthorizedException;
import javax.ws.rs.Priorities;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.lvyue.api.access.ApiToken;
import org.lvyue.api.access.Parties;
import org.lvyue.api.security.AccessPolicy;
import org.lvyue.api.security.LoginAttempts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP Basic authentication against Karaf's JAAS realm, and a collector's per-contract API token as
 * {@code Authorization: Bearer <token>} ({@link Parties#authenticate}). A request without credentials goes on
 * anonymously (role checks then answer 401); wrong credentials answer 401 at once. The
 * {@link AccessPolicy} speaks first: under the production profile it refuses demo credentials and
 * unhashed passwords (401 with the reason), and it may require HTTPS (403 over plain HTTP).
 * <p>
 * A successful login is remembered for a minute, so a collector posting many batches does not pay
 * for a JAAS login (a deliberately slow password hash) each time; a changed password takes effect
 * within that minute. The cache is keyed by a keyed hash of the header, so no password sits in the
 * cache in a readable form, and an entry made under another profile is not reused.
 * <p>
 * One login per header runs at a time: the requests that arrive while it runs wait for it instead of
 * each hashing the password again (at 200 requests a second, a 0.1 s hash per request would take the
 * two processors and never catch up). When an entry expires, one request logs in again while the
 * others go on with the expiring entry for those few hundred milliseconds.
 */
@Priority(Priorities.AUTHENTICATION)
final class BasicAuthFilter implements ContainerRequestFilter {
    private static final Logger LOG = LoggerFactory.getLogger(BasicAuthFilter.class);
    private static final long TTL_NANOS = 60_000_000_000L;
    private static final int MAX_CACHED = 1024;
    private static final String BEARER = "Bearer ";

    private final String realm;
    private final Activity activity;
    private final AccessPolicy policy;
    private final Parties parties;
    /** Null only in tests of other things: then failed logins cost nothing. */
    private final LoginAttempts attempts;
    private final Map<String, Login> cache = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.locks.ReentrantLock> logins = new ConcurrentHashMap<>();
    private final SecretKeySpec cacheKey = randomKey();
    @javax.ws.rs.core.Context
    private javax.servlet.http.HttpServletRequest servletRequest;

    private record Login(String user, Set<String> roles, long expiresAt, String profile) {
    }

    /**
     * @param activity records each JAAS login that runs (not the cached ones), and each refused one
     * @param attempts counts failed logins: a locked account or a slowed-down address is answered 429 before any
     *                 password is checked
     */
    BasicAuthFilter(String realm, Activity activity, AccessPolicy policy, Parties parties, LoginAttempts attempts) {
        this.realm = realm;
        this.activity = activity;
        this.policy = policy;
        this.parties = parties;
        this.attempts = attempts;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return;
        }
        boolean secure = request.getSecurityContext().isSecure();
        if (!secure && policy.httpsRequired()) {
            throw new WebApplicationException(ApiError.response(403, "https-required",
                    "请使用 HTTPS：本服务要求经 HTTPS 发送登录信息，明文 HTTP 上的认证请求被拒绝（etc/org.lvyue.security.cfg 的 requireHttps）",
                    "Use HTTPS: authenticated requests over plain HTTP are refused (requireHttps)"));
        }
        Caller who;
        String scheme;
        if (header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            who = bearer(header.substring(BEARER.length()).trim());
            scheme = "Bearer";
        } else {
            Login login = login(digest(header), header);
            // a login remembered from before a lock does not outlive it
            refuseIfWaiting(login.user(), null);
            who = new Caller(login.user(), login.roles(), null);
            scheme = SecurityContext.BASIC_AUTH;
        }
        request.setSecurityContext(who.securityContext(scheme, secure));
    }

    /**
     * A collector's API token: looked up by its hash at each request (a digest and an indexed read, no
     * slow password hash to spare), so a revoked token is refused from the next request on.
     */
    private Caller bearer(String secret) {
        String address = Activity.address(servletRequest);
        refuseIfWaiting(null, address);
        ApiToken token = parties.authenticate(secret).orElse(null);
        if (token == null) {
            if (attempts != null) {
                attempts.failed(null, address); // a guessed token slows its address down, as a guessed password does
            }
            LOG.info("REST request with an unknown or revoked API token from {}", Activity.address(servletRequest));
            activity.record("token", servletRequest, org.lvyue.api.activity.ActivityLog.LOGIN_FAILED, null,
                    "API 令牌无效或已吊销");
            throw new WebApplicationException(Response.fromResponse(ApiError.response(401, "token-refused",
                    "API 令牌无效或已吊销，请向合同管理员申请新的令牌", "The API token is unknown or revoked"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"lvyue\"").build());
        }
        return new Caller(token.principal(), Set.of(), token);
    }

    private boolean current(Login login) {
        return login != null && login.expiresAt() >= System.nanoTime() && login.profile().equals(policy.profile());
    }

    /** The cached login of the header, or a new one: at most one JAAS login per header at a time. */
    private Login login(String key, String header) {
        Login cached = cache.get(key);
        if (current(cached)) {
            return cached;
        }
        java.util.concurrent.locks.ReentrantLock lock = logins.computeIfAbsent(key, k -> new java.util.concurrent.locks.ReentrantLock());
        boolean expiring = cached != null && cached.profile().equals(policy.profile());
        if (expiring && !lock.tryLock()) {
            return cached; // another request is logging in again right now
        }
        if (!expiring) {
            lock.lock();
        }
        try {
            Login again = cache.get(key);
            if (current(again)) {
                return again;
            }
            Login fresh = authenticate(header);
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
                logins.keySet().retainAll(java.util.Set.of(key));
            }
            cache.put(key, fresh);
            return fresh;
        } finally {
            lock.unlock();
        }
    }

    private Login authenticate(String header) {
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new NotAuthorizedException("Basic");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new NotAuthorizedException("Basic");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new NotAuthorizedException("Basic");
        }
        String user = decoded.substring(0, colon);
        char[] password = decoded.substring(colon + 1).toCharArray();
        String profile = policy.profile();
        String address = Activity.address(servletRequest);
        refuseIfWaiting(user, address);
        AccessPolicy.Refusal refusal = policy.refusal(user, password);
        if (refusal != null) {
            if (attempts != null) {
                attempts.failed(user, address);
            }
            LOG.warn("REST login refused for user '{}' from {} by the {} profile: {}", user, Activity.address(servletRequest),
                    profile, refusal.messageEn());
            activity.record(user, servletRequest, org.lvyue.api.activity.ActivityLog.LOGIN_FAILED, null,
                    "HTTP Basic 登录被拒绝：" + refusal.message());
            Response r = ApiError.response(401, "login-refused", refusal.message(), refusal.messageEn());
            throw new WebApplicationException(Response.fromResponse(r)
                    .header(HttpHeaders.WWW_AUTHENTICATE, ErrorMappers.CHALLENGE).build());
        }
        Subject subject = new Subject();
        try {
            LoginContext context = new LoginContext(realm, subject, callbacks -> {
                for (Callback cb : callbacks) {
                    if (cb instanceof NameCallback nc) {
                        nc.setName(user);
                    } else if (cb instanceof PasswordCallback pc) {
                        pc.setPassword(password);
                    } else {
                        throw new UnsupportedCallbackException(cb);
                    }
                }
            });
            context.login();
        } catch (LoginException | RuntimeException e) {
            // a realm that throws (a broken users file, the hashing service gone) refuses like a wrong password
            if (e instanceof RuntimeException) {
                LOG.warn("REST login of user '{}' failed in the JAAS realm", user, e);
            }
            LOG.info("REST login failed for user '{}'", user);
            if (attempts != null) {
                attempts.failed(user, address);
            }
            activity.record(user, servletRequest, org.lvyue.api.activity.ActivityLog.LOGIN_FAILED, null,
                    "HTTP Basic 登录失败（用户名或密码错误）");
            throw new NotAuthorizedException("Basic");
        }
        if (attempts != null) {
            attempts.succeeded(user, address);
        }
        Set<String> roles = subject.getPrincipals(RolePrincipal.class).stream().map(RolePrincipal::getName)
                .collect(Collectors.toUnmodifiableSet());
        activity.record(user, servletRequest, org.lvyue.api.activity.ActivityLog.LOGIN, null,
                "HTTP Basic 登录，角色：" + String.join("、", new java.util.TreeSet<>(roles)));
        return new Login(user, roles, System.nanoTime() + TTL_NANOS, profile);
    }

    /**
     * Answers 429 with Retry-After, before any password is checked, while the account is locked or the address must
     * wait after failed logins; the refusal is in the trail as a failed login.
     */
    private void refuseIfWaiting(String user, String address) {
        LoginAttempts.Wait wait = attempts == null ? null : attempts.refusal(user, address);
        if (wait == null) {
            return;
        }
        LOG.info("REST login of '{}' from {} refused: {}", user, Activity.address(servletRequest), wait.messageEn());
        activity.record(user == null ? "token" : user, servletRequest, org.lvyue.api.activity.ActivityLog.LOGIN_FAILED, null,
                "登录被拒绝：" + wait.message());
        throw new WebApplicationException(Response.fromResponse(ApiError.response(429, "login-wait", wait.message(),
                wait.messageEn())).header(HttpHeaders.RETRY_AFTER, String.valueOf(wait.retryAfterSeconds())).build());
    }

    /**
     * The cache key: an HMAC-SHA256 of the header under a key drawn at start, not the header (which holds
     * the password in Base64), nor a plain digest a dictionary could be matched against.
     */
    private String digest(String header) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(cacheKey);
            return Base64.getEncoder().encodeToString(mac.doFinal(header.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SecretKeySpec randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SecretKeySpec(key, "HmacSHA256");
    }
}
