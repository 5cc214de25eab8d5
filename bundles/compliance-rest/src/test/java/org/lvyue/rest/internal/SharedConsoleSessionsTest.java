package org.lvyue.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.store.JdbcStore;
import org.lvyue.testing.SettableClock;

/**
 * The console's sessions of two nodes of a cluster, each with its own store on one real database (an H2 file), on one
 * clock the test moves: a login on one node is honoured by the other, a logout on either ends it on both, a session
 * used on one node does not run idle on the other, and the database never holds a usable session id.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SharedConsoleSessionsTest {
    private static final RealmLogin.Login ZHANG = new RealmLogin.Login("zhang", Set.of("engineer", "evaluator"), "production");
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-07T01:00:00Z"), ZoneOffset.UTC);
    @TempDir
    Path dir;
    private JdbcStore storeA;
    private JdbcStore storeB;
    private final ConsoleSessions a = new ConsoleSessions(Duration.ofMinutes(15), clock);
    private final ConsoleSessions b = new ConsoleSessions(Duration.ofMinutes(15), clock);

    @BeforeEach
    void twoNodes() {
        storeA = new JdbcStore("jdbc:h2:file:" + dir.resolve("lvyue"));
        storeB = new JdbcStore("jdbc:h2:file:" + dir.resolve("lvyue"));
        a.share(storeA);
        b.share(storeB);
    }

    @AfterEach
    void close() {
        storeA.close();
        storeB.close();
    }

    @Test
    void a_login_on_one_node_is_honoured_on_the_other_with_its_user_roles_and_csrf_token() {
        ConsoleSessions.Opened opened = a.open(ZHANG);
        ConsoleSessions.Session there = b.use(opened.id());
        assertNotNull(there);
        assertEquals("zhang", there.user);
        assertEquals(Set.of("engineer", "evaluator"), there.roles);
        assertEquals("production", there.profile);
        assertEquals(opened.session().csrf, there.csrf);
        assertNull(b.use("a-made-up-id"));
    }

    @Test
    void a_logout_on_either_node_ends_the_session_on_both_within_the_check_interval() {
        ConsoleSessions.Opened opened = a.open(ZHANG);
        assertNotNull(b.use(opened.id()));
        assertEquals("zhang", b.close(opened.id()).user);
        assertNull(b.use(opened.id()), "ended where the logout was");
        clock.advance(ConsoleSessions.SHARED_CHECK);
        assertNull(a.use(opened.id()), "and on the node that opened it, once it reads it again");

        ConsoleSessions.Opened second = a.open(ZHANG);
        assertEquals("zhang", b.close(second.id()).user, "a node that never saw it can log it out (and record who)");
        clock.advance(ConsoleSessions.SHARED_CHECK);
        assertNull(a.use(second.id()));
    }

    @Test
    void a_session_used_on_one_node_does_not_run_idle_on_the_other() {
        ConsoleSessions.Opened opened = a.open(ZHANG);
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMinutes(10));
            assertNotNull(b.use(opened.id()), "used on b after " + (i + 1) * 10 + " minutes");
        }
        assertNotNull(a.use(opened.id()), "40 minutes after its last use on a, alive there: b used it 0 minutes ago");
        clock.advance(Duration.ofMinutes(15));
        assertNull(a.use(opened.id()), "15 minutes without a request anywhere end it");
        assertNull(b.use(opened.id()));
    }

    @Test
    void the_database_keeps_the_hash_of_the_session_id_never_the_id() {
        ConsoleSessions.Opened opened = a.open(ZHANG);
        assertTrue(storeB.session(opened.id()).isEmpty());
        assertTrue(storeB.session(ConsoleSessions.hash(opened.id())).isPresent());
        assertEquals(64, ConsoleSessions.hash(opened.id()).length());
    }
}
