package org.lvyue.security.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class Pbkdf2Test {
    // few iterations keep the tests fast; the count is part of the stored string
    private static final int FAST = 1_000;

    @Test
    void a_hash_verifies_its_password_and_no_other() {
        String stored = Pbkdf2.hash("正确的口令 correct horse".toCharArray(), FAST);
        assertTrue(stored.matches("PBKDF2-SHA256:1000:[A-Za-z0-9+/]{22}:[A-Za-z0-9+/]{43}"), stored);
        assertTrue(Pbkdf2.verify("正确的口令 correct horse".toCharArray(), stored));
        assertFalse(Pbkdf2.verify("正确的口令 correct hors".toCharArray(), stored));
        assertFalse(Pbkdf2.verify(new char[0], stored));
    }

    @Test
    void the_same_password_gets_a_new_salt_each_time() {
        String a = Pbkdf2.hash("same password".toCharArray(), FAST);
        String b = Pbkdf2.hash("same password".toCharArray(), FAST);
        assertNotEquals(a, b);
        assertTrue(Pbkdf2.verify("same password".toCharArray(), a));
        assertTrue(Pbkdf2.verify("same password".toCharArray(), b));
    }

    @Test
    void the_iteration_count_is_read_from_the_stored_string() {
        String stored = Pbkdf2.hash("pw-12345678".toCharArray(), 2_000);
        assertTrue(Pbkdf2.verify("pw-12345678".toCharArray(), stored));
        assertFalse(Pbkdf2.verify("pw-12345678".toCharArray(), stored.replace(":2000:", ":2001:")));
    }

    @Test
    void clear_text_and_unsalted_digests_never_verify_even_with_the_right_password() {
        assertFalse(Pbkdf2.verify("admin".toCharArray(), "admin"));
        // Karaf's "basic" encryption: unsalted SHA-256 of "admin", hex
        String digest = "{CRYPT}8C6976E5B5410415BDE908BD4DEE15DFB167A9C873FC4BB8A81F6F2AB448A918{CRYPT}";
        assertFalse(Pbkdf2.verify("admin".toCharArray(), digest));
        assertFalse(Pbkdf2.isHash("admin"));
        assertFalse(Pbkdf2.isHash(digest));
    }

    @Test
    void karafs_wrapping_of_a_stored_hash_is_understood() {
        String stored = "{CRYPT}" + Pbkdf2.hash("wrapped-password".toCharArray(), FAST) + "{CRYPT}";
        assertTrue(Pbkdf2.isHash(stored));
        assertTrue(Pbkdf2.verify("wrapped-password".toCharArray(), stored));
    }

    @Test
    void an_absurd_iteration_count_is_refused_rather_than_computed() {
        String stored = Pbkdf2.hash("pw-12345678".toCharArray(), FAST).replace(":1000:", ":999999999:");
        assertFalse(Pbkdf2.verify("pw-12345678".toCharArray(), stored));
        assertThrows(IllegalArgumentException.class, () -> Pbkdf2.hash("x".toCharArray(), 0));
        assertThrows(IllegalArgumentException.class, () -> Pbkdf2.hash(new char[0], FAST));
    }
}
