package org.lvyue.rest.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Priority;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.ws.rs.NotAuthorizedException;
import javax.ws.rs.Priorities;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.Cookie;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.lvyue.api.access.ApiToken;
import org.lvyue.api.access.Parties;
import org.lvyue.api.security.AccessPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is asking: HTTP Basic against Karaf's JAAS realm ({@link RealmLogin}), a collector's per-contract API token as
 * {@code Authorization: Bearer <token>} ({@link Parties#authenticate}), or the console's session cookie
 * ({@link ConsoleSessions}). A request without credentials goes on anonymously (role checks then answer 401); wrong
 * credentials answer 401 at once, a locked account or a slowed-down address 429. The {@link AccessPolicy} speaks
 * first: under the production profile it refuses demo credentials and unhashed passwords (401 with the reason), and
 * it may require HTTPS (403 over plain HTTP).
 * <p>
 * A successful Basic login is remembered for a minute, so a collector posting many batches does not pay for a JAAS
 * login (a deliberately slow password hash) each time; a changed password takes effect within that minute, a second
 * factor taken at once (the code is part of the key, and a login remembered without one is dropped). The cache
 * is keyed by a keyed hash of the header, so no password sits in the cache in a readable form, and an entry made under
 * another profile is not reused.
 * <p>
 * One login per header runs at a time: the requests that arrive while it runs wait for it instead of each hashing the
 * password again (at 200 requests a second, a 0.1 s hash per request would take the two processors and never catch
 * up). When an entry expires, one request logs in again while the others go on with the expiring entry for those few
 * hundred milliseconds.
 * <p>
 * A console session that ended (idle, logged out, or a restart) is no login: the request goes on anonymously with the
 * header {@value #SESSION_HEADER}{@code : ended}, so the console can say why it asks to log in again. A request with
 * the session that changes something (any method but GET, HEAD and OPTIONS) must carry the session's CSRF token, or it
 * is refused with 403.
 */
@Priority(Priorities.AUTHENTICATION)
final class BasicAuthFilter implements ContainerRequestFilter {
    static final String SESSION_HEADER = "X-Lvyue-Session";
    private static final Logger LOG = LoggerFactory.getLogger(BasicAuthFilter.class);
    private static final long TTL_NANOS = 60_000_000_000L;
    private static final int MAX_CACHED = 1024;
    private static final String BEARER = "Bearer ";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final RealmLogin realm;
    private final Activity activity;
    private final Parties parties;
    private final ConsoleSessions sessions;
    private final Map<String, Login> cache = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.locks.ReentrantLock> logins = new ConcurrentHashMap<>();
    private final SecretKeySpec cacheKey = randomKey();
    @javax.ws.rs.core.Context
    private javax.servlet.http.HttpServletRequest servletRequest;

    /** @param withCode whether a one-time code was checked: one made without, for an account enrolled since, is no login */
    private record Login(String user, Set<String> roles, long expiresAt, String profile, boolean withCode) {
    }

    /** @param activity records each refused token (logins are recorded by {@code realm}) */
    BasicAuthFilter(RealmLogin realm, Activity activity, Parties parties, ConsoleSessions sessions) {
        this.realm = realm;
        this.activity = activity;
        this.parties = parties;
        this.sessions = sessions;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        boolean secure = request.getSecurityContext().isSecure();
        if (header == null) {
            Cookie cookie = request.getCookies().get(ConsoleSessions.COOKIE);
            // logging in and out is open to anyone: a session cookie there neither helps nor needs a CSRF token
            String path = request.getUriInfo().getPath();
            if (cookie != null && !"session".equals(path) && !path.startsWith("session/")) {
                session(request, cookie.getValue(), secure);
            }
            return;
        }
        requireHttpsIfAsked(secure);
        Caller who;
        String scheme;
        if (header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            who = bearer(header.substring(BEARER.length()).trim());
            scheme = "Bearer";
        } else {
            // the code is part of the key: a remembered login of an account with a second factor is no way in without it
            String code = request.getHeaderString(RealmLogin.SECOND_FACTOR_HEADER);
            Login login = login(digest(header + "\n" + (code == null ? "" : code.trim())), header, code);
            // a login remembered from before a lock does not outlive it
            realm.refuseIfWaiting(login.user(), null, servletRequest);
            realm.requireTerminal(login.user(), login.roles(), servletRequest, "HTTP Basic 请求");
            who = new Caller(login.user(), login.roles(), null);
            scheme = SecurityContext.BASIC_AUTH;
        }
        request.setSecurityContext(who.securityContext(scheme, secure));
    }

    private void requireHttpsIfAsked(boolean secure) {
        if (!secure && realm.policy().httpsRequired()) {
            throw new WebApplicationException(ApiError.response(403, "https-required",
                    "请使用 HTTPS：本服务要求经 HTTPS 发送登录信息，明文 HTTP 上的认证请求被拒绝（etc/org.lvyue.security.cfg 的 requireHttps）",
                    "Use HTTPS: authenticated requests over plain HTTP are refused (requireHttps)"));
        }
    }

    /** The console's session: the caller it stands for, or anonymous (marked) when it has ended. */
    private void session(ContainerRequestContext request, String id, boolean secure) {
        ConsoleSessions.Session s = sessions.use(id);
        if (s != null && !s.profile.equals(realm.policy().profile())) {
            sessions.close(id); // logged in under another security profile: log in again under this one
            s = null;
        }
        if (s == null) {
            request.setProperty(SESSION_HEADER, "ended");
            return;
        }
        requireHttpsIfAsked(secure);
        realm.refuseIfWaiting(s.user, null, servletRequest);
        realm.requireTerminal(s.user, s.roles, servletRequest, "控制台会话请求");
        if (!SAFE_METHODS.contains(request.getMethod())
                && !java.security.MessageDigest.isEqual(s.csrf.getBytes(StandardCharsets.US_ASCII),
                String.valueOf(request.getHeaderString(ConsoleSessions.CSRF_HEADER)).getBytes(StandardCharsets.US_ASCII))) {
            throw new WebApplicationException(ApiError.response(403, "csrf",
                    "请求缺少有效的 CSRF 令牌（" + ConsoleSessions.CSRF_HEADER + "），未执行；请刷新页面后重试",
                    "The request lacks the session's CSRF token (" + ConsoleSessions.CSRF_HEADER + "); nothing was done"));
        }
        request.setSecurityContext(new Caller(s.user, s.roles, null).securityContext(SecurityContext.FORM_AUTH, secure));
    }

    /**
     * A collector's API token: looked up by its hash at each request (a digest and an indexed read, no
     * slow password hash to spare), so a revoked token is refused from the next request on.
     */
    private Caller bearer(String secret) {
        String address = Activity.address(servletRequest);
        realm.refuseIfWaiting(null, address, servletRequest);
        ApiToken token = parties.authenticate(secret).orElse(null);
        if (token == null) {
            realm.failed(null, address); // a guessed token slows its address down, as a guessed password does
            LOG.info("REST request with an unknown or revoked API token from {}", address);
            activity.record("token", servletRequest, org.lvyue.api.activity.ActivityLog.LOGIN_FAILED, null,
                    "API 令牌无效或已吊销");
            throw new WebApplicationException(Response.fromResponse(ApiError.response(401, "token-refused",
                    "API 令牌无效或已吊销，请向合同管理员申请新的令牌", "The API token is unknown or revoked"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"lvyue\"").build());
        }
        return new Caller(token.principal(), Set.of(), token);
    }

    /**
     * Forgets the remembered password logins of {@code user} on this node: its next request logs in again (after it
     * registered a login certificate, by which alone it logs in from then on).
     */
    void forget(String user) {
        cache.values().removeIf(login -> login.user().equals(user));
    }

    private boolean current(Login login) {
        return login != null && login.expiresAt() >= System.nanoTime() && login.profile().equals(realm.policy().profile())
                && (login.withCode() || !realm.hasSecondFactor(login.user()));
    }

    /** The cached login of the header, or a new one: at most one JAAS login per header at a time. */
    private Login login(String key, String header, String code) {
        Login cached = cache.get(key);
        if (current(cached)) {
            return cached;
        }
        java.util.concurrent.locks.ReentrantLock lock = logins.computeIfAbsent(key, k -> new java.util.concurrent.locks.ReentrantLock());
        boolean expiring = cached != null && cached.profile().equals(realm.policy().profile())
                && (cached.withCode() || !realm.hasSecondFactor(cached.user()));
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
            Login fresh = authenticate(header, code);
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

    private Login authenticate(String header, String code) {
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
        RealmLogin.Login in = realm.login(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray(), code,
                servletRequest, "HTTP Basic");
        return new Login(in.user(), in.roles(), System.nanoTime() + TTL_NANOS, in.profile(), realm.hasSecondFactor(in.user()));
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

    /** Tells the console that the session its cookie named has ended ({@value #SESSION_HEADER}{@code : ended}). */
    static final class EndedSessionHeader implements javax.ws.rs.container.ContainerResponseFilter {
        @Override
        public void filter(ContainerRequestContext request, javax.ws.rs.container.ContainerResponseContext response) {
            Object ended = request.getProperty(SESSION_HEADER);
            if (ended != null) {
                response.getHeaders().putSingle(SESSION_HEADER, ended.toString());
            }
        }
    }
}
