package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.store.LoginCertificates.Registration;

/**
 * Login certificates and challenges as two nodes' stores on one database (H2 and PostgreSQL) keep them: a certificate
 * registered on one node is the one the other reads, a replacement replaces it, and a challenge is taken once only,
 * whichever node is asked second.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StoreLoginCertificatesTest extends StoreTest {
    private static final Instant T0 = Instant.parse("2026-12-08T02:00:00Z");

    @Test
    void a_certificate_registered_on_one_node_is_read_on_the_other_and_a_new_one_replaces_it() {
        JdbcStore other = anotherNode();
        byte[] first = "first certificate (DER)".getBytes(StandardCharsets.UTF_8);
        byte[] second = "second certificate (DER)".getBytes(StandardCharsets.UTF_8);
        store.register(new Registration("zhang", first, T0, "secadmin"));

        Registration read = other.certificate("zhang").orElseThrow();
        assertArrayEquals(first, read.certificate());
        assertEquals(T0, read.registeredAt());
        assertEquals("secadmin", read.registeredBy());
        assertEquals(Optional.empty(), other.certificate("li"));

        other.register(new Registration("zhang", second, T0.plusSeconds(60), "secadmin2"));
        assertArrayEquals(second, store.certificate("zhang").orElseThrow().certificate());
        assertEquals(List.of("zhang"), store.certificates().stream().map(Registration::user).toList());

        assertTrue(store.unregister("zhang"));
        assertFalse(other.unregister("zhang"), "gone already");
        assertEquals(Optional.empty(), other.certificate("zhang"));
    }

    @Test
    void a_challenge_is_taken_once_whichever_node_is_asked_and_ended_ones_are_forgotten() {
        JdbcStore other = anotherNode();
        assertTrue(store.spend("digest-a", T0.plusSeconds(120)));
        assertFalse(other.spend("digest-a", T0.plusSeconds(120)), "taken on the first node");
        assertFalse(store.spend("digest-a", T0.plusSeconds(120)), "and on the same node again");
        assertTrue(other.spend("digest-b", T0.plusSeconds(300)));

        assertEquals(1, store.forgetChallenges(T0.plusSeconds(120)), "digest-a has ended, digest-b has not");
        assertFalse(store.spend("digest-b", T0.plusSeconds(300)));
    }
}
