package org.lvyue.rest.internal;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import javax.annotation.Priority;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import javax.ws.rs.NotAuthorizedException;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.SecurityContext;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP Basic authentication against Karaf's JAAS realm. A request without credentials goes on
 * anonymously (role checks then answer 401); wrong credentials answer 401 at once. A successful
 * login is remembered for a minute, keyed by the exact header, so a collector posting many batches
 * does not pay for a JAAS login each time; a changed password takes effect within that minute.
 */
@Priority(Priorities.AUTHENTICATION)
final class BasicAuthFilter implements ContainerRequestFilter {
    private static final Logger LOG = LoggerFactory.getLogger(BasicAuthFilter.class);
    private static final long TTL_NANOS = 60_000_000_000L;
    private static final int MAX_CACHED = 1024;

    private final String realm;
    private final Activity activity;
    private final Map<String, Login> cache = new ConcurrentHashMap<>();
    @javax.ws.rs.core.Context
    private javax.servlet.http.HttpServletRequest servletRequest;

    private record Login(String user, Set<String> roles, long expiresAt) {
    }

    /** @param activity records each JAAS login that runs (not the cached ones), and each refused one */
    BasicAuthFilter(String realm, Activity activity) {
        this.realm = realm;
        this.activity = activity;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return;
        }
        Login login = cache.get(header);
        if (login == null || login.expiresAt() < System.nanoTime()) {
            login = authenticate(header);
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(header, login);
        }
        boolean secure = request.getSecurityContext().isSecure();
        Login who = login;
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return who::user;
            }

            @Override
            public boolean isUserInRole(String role) {
                return who.roles().contains(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return BASIC_AUTH;
            }
        });
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
        } catch (LoginException e) {
            LOG.info("REST login failed for user '{}'", user);
            activity.record(user, servletRequest, org.lvyue.api.activity.ActivityLog.LOGIN_FAILED, null,
                    "HTTP Basic 登录失败（用户名或密码错误）");
            throw new NotAuthorizedException("Basic");
        }
        Set<String> roles = subject.getPrincipals(RolePrincipal.class).stream().map(RolePrincipal::getName)
                .collect(Collectors.toUnmodifiableSet());
        activity.record(user, servletRequest, org.lvyue.api.activity.ActivityLog.LOGIN, null,
                "HTTP Basic 登录，角色：" + String.join("、", new java.util.TreeSet<>(roles)));
        return new Login(user, roles, System.nanoTime() + TTL_NANOS);
    }
}
