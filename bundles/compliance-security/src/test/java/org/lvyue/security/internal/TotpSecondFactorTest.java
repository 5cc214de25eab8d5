package org.lvyue.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.security.SecondFactor;
import org.lvyue.testing.SettableClock;

/**
 * The second factor as an account lives with it: enrolled by a code of the new secret, each code taken once, a new
 * secret waiting beside the old one until confirmed, removed when the phone is lost, and never stored in the clear.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TotpSecondFactorTest {
    @TempDir
    Path dir;
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-07T06:00:05Z"), ZoneOffset.UTC);
    private TotpSecondFactor factor;

    @BeforeEach
    void setUp() {
        Sm4FieldCipher cipher = new Sm4FieldCipher(FieldKeys.load(dir.resolve("keys.properties"), new SecureRandom()),
                new SecureRandom());
        factor = new TotpSecondFactor(dir.resolve("users.properties"), cipher, Set.of("secadmin"), "Lvyue 北京", clock);
    }

    /** The code an authenticator app shows now for the Base32 secret it was given. */
    private String appCode(String base32, Duration offset) {
        return Totp.code(base32Decode(base32), Totp.step(clock.instant().plus(offset)), 6);
    }

    @Test
    void an_enrolment_is_in_force_only_once_a_code_of_its_secret_confirms_it() {
        SecondFactor.Enrolment e = factor.enrol("zhang");

        assertEquals(32, e.secret().length(), "20 bytes in Base32");
        assertEquals("otpauth://totp/Lvyue%20%E5%8C%97%E4%BA%AC:zhang?secret=" + e.secret()
                + "&issuer=Lvyue%20%E5%8C%97%E4%BA%AC&algorithm=SHA1&digits=6&period=30", e.uri());
        assertFalse(factor.enrolled("zhang"), "waiting for its code");
        assertFalse(factor.confirm("zhang", "000000".equals(appCode(e.secret(), Duration.ZERO)) ? "111111" : "000000"));
        assertFalse(factor.enrolled("zhang"));

        assertTrue(factor.confirm("zhang", appCode(e.secret(), Duration.ZERO)));

        assertTrue(factor.enrolled("zhang"));
        assertFalse(factor.confirm("zhang", appCode(e.secret(), Duration.ZERO)), "nothing waits any more");
    }

    @Test
    void a_code_is_taken_once_and_never_one_older_than_the_last_taken() {
        SecondFactor.Enrolment e = enrolled("zhang");
        clock.advance(Duration.ofSeconds(60)); // two steps after the confirming code

        String now = appCode(e.secret(), Duration.ZERO);
        assertTrue(factor.verify("zhang", now));
        assertFalse(factor.verify("zhang", now), "the same code again: a replay");
        assertFalse(factor.verify("zhang", appCode(e.secret(), Duration.ofSeconds(-30))), "the step before the one taken");

        clock.advance(Duration.ofSeconds(30));
        assertTrue(factor.verify("zhang", appCode(e.secret(), Duration.ZERO)), "the next step's code");
        assertTrue(factor.verify("zhang", appCode(e.secret(), Duration.ofSeconds(30))), "a phone 30 s ahead");
        assertFalse(factor.verify("zhang", appCode(e.secret(), Duration.ofSeconds(120))), "four steps ahead is no clock drift");
        assertFalse(factor.verify("li", appCode(e.secret(), Duration.ZERO)), "another account without a second factor");
    }

    @Test
    void a_new_secret_waits_beside_the_one_in_force_until_it_is_confirmed() {
        SecondFactor.Enrolment first = enrolled("zhang");
        clock.advance(Duration.ofSeconds(60));

        SecondFactor.Enrolment second = factor.enrol("zhang");

        assertTrue(factor.verify("zhang", appCode(first.secret(), Duration.ZERO)), "the old phone still logs in");
        clock.advance(Duration.ofSeconds(30));
        assertTrue(factor.confirm("zhang", appCode(second.secret(), Duration.ZERO)));
        clock.advance(Duration.ofSeconds(30));
        assertFalse(factor.verify("zhang", appCode(first.secret(), Duration.ZERO)), "the old secret is gone");
        assertTrue(factor.verify("zhang", appCode(second.secret(), Duration.ZERO)));
    }

    @Test
    void removing_it_leaves_the_password_alone_and_the_file_never_holds_a_secret_in_the_clear() throws IOException {
        SecondFactor.Enrolment e = enrolled("zhang");
        factor.enrol("li");

        String stored = Files.readString(factor.path());
        assertFalse(stored.contains(e.secret()), stored);
        assertFalse(stored.contains(java.util.Base64.getEncoder().encodeToString(base32Decode(e.secret()))), stored);
        assertTrue(stored.contains("sm4\\:"), stored);

        assertTrue(factor.remove("zhang"));
        assertFalse(factor.enrolled("zhang"));
        assertFalse(factor.remove("zhang"), "nothing left to remove");
        assertTrue(factor.remove("li"), "a waiting enrolment is removed too");
        assertEquals(Set.of("secadmin"), factor.requiredRoles());
    }

    private SecondFactor.Enrolment enrolled(String user) {
        SecondFactor.Enrolment e = factor.enrol(user);
        assertTrue(factor.confirm(user, appCode(e.secret(), Duration.ZERO)));
        return e;
    }

    static byte[] base32Decode(String s) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : s.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >>> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
