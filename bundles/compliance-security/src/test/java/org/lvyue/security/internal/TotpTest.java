package org.lvyue.security.internal;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6238's and RFC 4648's own test vectors, and the window a login accepts. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TotpTest {
    /** RFC 6238 Appendix B: the seeds are the ASCII digits "1234567890" repeated to 20, 32 and 64 bytes. */
    private static final byte[] SHA1_SEED = "12345678901234567890".getBytes(US_ASCII);
    private static final byte[] SHA256_SEED = "12345678901234567890123456789012".getBytes(US_ASCII);
    private static final byte[] SHA512_SEED = "1234567890123456789012345678901234567890123456789012345678901234".getBytes(US_ASCII);

    @ParameterizedTest(name = "at {0} s: {1} / {2} / {3}")
    @CsvSource({
            "59, 94287082, 46119246, 90693936",
            "1111111109, 07081804, 68084774, 25091201",
            "1111111111, 14050471, 67062674, 99943326",
            "1234567890, 89005924, 91819424, 93441116",
            "2000000000, 69279037, 90698825, 38618901",
            "20000000000, 65353130, 77737706, 47863826"})
    void the_eight_digit_codes_of_rfc_6238_appendix_b_for_each_hmac(long seconds, String sha1, String sha256, String sha512) {
        long step = Totp.step(Instant.ofEpochSecond(seconds));
        assertEquals(sha1, Totp.code(SHA1_SEED, step, 8));
        assertEquals(sha256, Totp.code(SHA256_SEED, step, 8, "HmacSHA256"));
        assertEquals(sha512, Totp.code(SHA512_SEED, step, 8, "HmacSHA512"));
    }

    @Test
    void the_six_digit_code_is_the_last_six_digits_of_the_eight() {
        // 1111111109 s → step 37037036; RFC 6238 gives 07081804 for eight digits, so six are 081804
        assertEquals("081804", Totp.code(SHA1_SEED, 37037036L, 6));
    }

    @Test
    void a_code_one_step_off_is_accepted_two_steps_off_or_malformed_is_not() {
        long now = 1_000_000L;
        assertEquals(now - 1, Totp.match(SHA1_SEED, Totp.code(SHA1_SEED, now - 1, 6), now, 1));
        assertEquals(now + 1, Totp.match(SHA1_SEED, Totp.code(SHA1_SEED, now + 1, 6), now, 1));
        assertEquals(-1, Totp.match(SHA1_SEED, Totp.code(SHA1_SEED, now - 2, 6), now, 1));
        assertEquals(-1, Totp.match(SHA1_SEED, "12345", now, 1));
        assertEquals(-1, Totp.match(SHA1_SEED, "12a456", now, 1));
        assertEquals(-1, Totp.match(SHA1_SEED, null, now, 1));
    }

    @ParameterizedTest(name = "\"{0}\" → \"{1}\"")
    @CsvSource({"'', ''", "f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB", "foobar, MZXW6YTBOI"})
    void base32_is_rfc_4648_section_10_without_padding(String in, String out) {
        assertEquals(out, Totp.base32(in.getBytes(US_ASCII)));
    }
}
