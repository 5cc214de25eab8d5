package org.lvyue.rest.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's logins (GB/T 22239-2019 8.1.4.1 b, 登录连接超时自动退出): after one login the browser holds a random
 * session id in an HttpOnly, SameSite=Strict cookie instead of the password, and the session ends at logout, after
 * {@code idle} without a request, or {@value #MAX_HOURS} hours after the login, whichever comes first. Each session has
 * its own CSRF token, which a request that changes something must echo in {@value #CSRF_HEADER}.
 *
 * <p>Kept in memory on this node: a restart ends every session (the console asks to log in again). At most
 * {@value #MAX_SESSIONS} are kept; past that the least recently used goes first.
 */
final class ConsoleSessions {
    static final String COOKIE = "LVYUE_SESSION";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final int MAX_SESSIONS = 10_000;
    static final int MAX_HOURS = 12;
    static final Duration DEFAULT_IDLE = Duration.ofMinutes(15);

    private final Duration idle;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** One console login. */
    static final class Session {
        final String user;
        final Set<String> roles;
        final String profile;
        final String csrf;
        final Instant created;
        volatile Instant lastSeen;

        Session(String user, Set<String> roles, String profile, String csrf, Instant created) {
            this.user = user;
            this.roles = Set.copyOf(roles);
            this.profile = profile;
            this.csrf = csrf;
            this.created = created;
            this.lastSeen = created;
        }
    }

    /** A session just opened: its id (for the cookie) and the session. */
    record Opened(String id, Session session) {
    }

    ConsoleSessions(Duration idle, Clock clock) {
        if (idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("the idle time must be positive: " + idle);
        }
        this.idle = idle;
        this.clock = clock;
    }

    Duration idle() {
        return idle;
    }

    /** A new session of a user the realm let in; a new id every time, so a planted id is never adopted. */
    Opened open(RealmLogin.Login login) {
        Instant now = clock.instant();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.entrySet().removeIf(e -> ended(e.getValue(), now));
            while (sessions.size() >= MAX_SESSIONS) {
                sessions.entrySet().stream().min(Comparator.comparing(e -> e.getValue().lastSeen))
                        .ifPresent(e -> sessions.remove(e.getKey(), e.getValue()));
            }
        }
        Session s = new Session(login.user(), login.roles(), login.profile(), token(16), now);
        String id = token(32);
        sessions.put(id, s);
        return new Opened(id, s);
    }

    /** The live session of {@code id}, its idle time restarted; null when there is none or it has ended (then gone). */
    Session use(String id) {
        Session s = id == null ? null : sessions.get(id);
        if (s == null) {
            return null;
        }
        Instant now = clock.instant();
        if (ended(s, now)) {
            sessions.remove(id, s);
            return null;
        }
        s.lastSeen = now;
        return s;
    }

    /** Ends the session of {@code id}; returns it, or null when there was none. */
    Session close(String id) {
        return id == null ? null : sessions.remove(id);
    }

    int size() {
        return sessions.size();
    }

    private boolean ended(Session s, Instant now) {
        return !s.lastSeen.plus(idle).isAfter(now) || !s.created.plus(Duration.ofHours(MAX_HOURS)).isAfter(now);
    }

    private String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
