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

import org.lvyue.api.store.SharedSessions;

/**
 * The console's logins (GB/T 22239-2019 8.1.4.1 b, 登录连接超时自动退出): after one login the browser holds a random
 * session id in an HttpOnly, SameSite=Strict cookie instead of the password, and the session ends at logout, after
 * {@code idle} without a request, or {@value #MAX_HOURS} hours after the login, whichever comes first. Each session has
 * its own CSRF token, which a request that changes something must echo in {@value #CSRF_HEADER}.
 *
 * <p>Kept in memory on this node: a restart ends every session (the console asks to log in again). At most
 * {@value #MAX_SESSIONS} are kept; past that the least recently used goes first. On a node of a cluster each session is
 * also in the shared database ({@link #share}), by the hash of its id, so that any node honours it: a node reads it
 * again every {@link #SHARED_CHECK} (a logout on another node ends it here within that time) and writes its uses every
 * {@link #SHARED_WRITE}.
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
    /** The cluster's sessions in the shared database; null on a single node, where this map is all there is. */
    private volatile SharedSessions shared;
    /** How long a node trusts what it holds of a shared session before it reads it again (ended elsewhere?). */
    static final Duration SHARED_CHECK = Duration.ofSeconds(5);
    /** How often a use of a session is written for the other nodes: the idle time is this much less exact there. */
    static final Duration SHARED_WRITE = Duration.ofSeconds(30);

    /** One console login. */
    static final class Session {
        final String user;
        final Set<String> roles;
        final String profile;
        final String csrf;
        final Instant created;
        volatile Instant lastSeen;
        /** When the shared record was last read, and when this node last wrote a use to it (a cluster only). */
        volatile Instant checked;
        volatile Instant written;

        Session(String user, Set<String> roles, String profile, String csrf, Instant created) {
            this.user = user;
            this.roles = Set.copyOf(roles);
            this.profile = profile;
            this.csrf = csrf;
            this.created = created;
            this.lastSeen = created;
            this.checked = created;
            this.written = created;
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

    /** Shares the sessions with the other nodes of a cluster through {@code records}; null: this node's alone. */
    void share(SharedSessions records) {
        this.shared = records;
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
        SharedSessions records = shared;
        if (records != null) {
            records.opened(new SharedSessions.Session(hash(id), s.user, s.roles, s.profile, s.csrf, now, now));
        }
        sessions.put(id, s);
        return new Opened(id, s);
    }

    /** The live session of {@code id}, its idle time restarted; null when there is none or it has ended (then gone). */
    Session use(String id) {
        if (id == null) {
            return null;
        }
        SharedSessions records = shared;
        Session s = sessions.get(id);
        Instant now = clock.instant();
        if (records != null && (s == null || ended(s, now) || !s.checked.plus(SHARED_CHECK).isAfter(now))) {
            s = fromShared(records, id, s, now);
        }
        if (s == null) {
            return null;
        }
        if (ended(s, now)) {
            close(id);
            return null;
        }
        s.lastSeen = now;
        if (records != null && !s.written.plus(SHARED_WRITE).isAfter(now)) {
            s.written = now;
            records.seen(hash(id), now);
        }
        return s;
    }

    /** The session as the cluster's database has it now (used on another node, ended there), or null when gone. */
    private Session fromShared(SharedSessions records, String id, Session held, Instant now) {
        var record = records.session(hash(id));
        if (record.isEmpty()) {
            sessions.remove(id);
            return null;
        }
        Session s = held;
        if (s == null) {
            var r = record.get();
            s = new Session(r.user(), r.roles(), r.profile(), r.csrf(), r.created());
            s.written = r.seen();
            sessions.put(id, s);
        }
        if (record.get().seen().isAfter(s.lastSeen)) {
            s.lastSeen = record.get().seen();
        }
        s.checked = now;
        return s;
    }

    /** Ends the session of {@code id}, on every node of a cluster; returns it, or null when there was none here. */
    Session close(String id) {
        if (id == null) {
            return null;
        }
        SharedSessions records = shared;
        Session held = sessions.remove(id);
        if (records != null) {
            if (held == null) {
                held = records.session(hash(id))
                        .map(r -> new Session(r.user(), r.roles(), r.profile(), r.csrf(), r.created())).orElse(null);
            }
            records.ended(hash(id));
        }
        return held;
    }

    /** SHA-256 of a session id, in hex: what the shared database keeps instead of the id. */
    static String hash(String id) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
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
