package org.lvyue.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.testing.SettableClock;

/** The console's sessions on a clock the test moves: idle time, the longest session, logout, and the bound. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConsoleSessionsTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-07T01:00:00Z"), ZoneOffset.UTC);
    private final ConsoleSessions sessions = new ConsoleSessions(Duration.ofMinutes(15), clock);
    private static final RealmLogin.Login ZHANG = new RealmLogin.Login("zhang", Set.of("engineer"), "production");

    @Test
    void a_session_lives_while_it_is_used_and_ends_after_fifteen_idle_minutes() {
        ConsoleSessions.Opened opened = sessions.open(ZHANG);
        for (int i = 0; i < 8; i++) {
            clock.advance(Duration.ofMinutes(14));
            assertNotNull(sessions.use(opened.id()), "used every 14 minutes: alive after " + (i + 1) * 14 + " minutes");
        }
        clock.advance(Duration.ofMinutes(15));
        assertNull(sessions.use(opened.id()), "15 minutes without a request end it");
        assertEquals(0, sessions.size(), "and it is gone");
    }

    @Test
    void no_session_lasts_longer_than_twelve_hours_however_busy() {
        ConsoleSessions.Opened opened = sessions.open(ZHANG);
        for (int minutes = 10; minutes < 12 * 60; minutes += 10) {
            clock.advance(Duration.ofMinutes(10));
            assertNotNull(sessions.use(opened.id()));
        }
        clock.advance(Duration.ofMinutes(10));
        assertNull(sessions.use(opened.id()));
    }

    @Test
    void every_login_gets_a_new_id_and_its_own_csrf_token_and_logout_ends_it() {
        ConsoleSessions.Opened a = sessions.open(ZHANG);
        ConsoleSessions.Opened b = sessions.open(ZHANG);
        assertNotEquals(a.id(), b.id());
        assertNotEquals(a.session().csrf, b.session().csrf);
        assertTrue(a.id().length() >= 43, "256 random bits: " + a.id());
        assertSame(a.session(), sessions.close(a.id()));
        assertNull(sessions.use(a.id()));
        assertNotNull(sessions.use(b.id()), "the other login goes on");
        assertNull(sessions.use("a-made-up-id"));
        assertNull(sessions.use(null));
    }

    @Test
    void past_the_bound_the_least_recently_used_session_goes_first() {
        ConsoleSessions.Opened first = sessions.open(ZHANG);
        clock.advance(Duration.ofSeconds(1));
        ConsoleSessions.Opened second = sessions.open(ZHANG);
        clock.advance(Duration.ofSeconds(1));
        for (int i = 2; i < ConsoleSessions.MAX_SESSIONS; i++) {
            sessions.open(ZHANG);
        }
        clock.advance(Duration.ofSeconds(1));
        sessions.use(first.id()); // the first is used again: the second is now the least recently used
        sessions.open(ZHANG);
        assertEquals(ConsoleSessions.MAX_SESSIONS, sessions.size());
        assertNotNull(sessions.use(first.id()));
        assertNull(sessions.use(second.id()));
    }
}
