package org.lvyue.notify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BackoffTest {
    private static final Instant NOW = Instant.parse("2023-03-01T02:00:00Z");

    @Test
    void the_wait_doubles_after_each_failure_up_to_the_longest_and_the_last_attempt_gives_up() {
        Backoff b = new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(60), 6);
        assertEquals(NOW.plusSeconds(10), b.retryAt(1, NOW));
        assertEquals(NOW.plusSeconds(20), b.retryAt(2, NOW));
        assertEquals(NOW.plusSeconds(40), b.retryAt(3, NOW));
        assertEquals(NOW.plusSeconds(60), b.retryAt(4, NOW));
        assertEquals(NOW.plusSeconds(60), b.retryAt(5, NOW));
        assertNull(b.retryAt(6, NOW));
    }

    @Test
    void a_backoff_that_would_never_wait_or_never_try_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 3));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 3));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0));
    }
}
