package org.lvyue.security.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted, slow password hashes: PBKDF2-HMAC-SHA256 with a random 16-byte salt per password and the
 * iteration count kept in the stored string, {@code PBKDF2-SHA256:<iterations>:<salt>:<hash>}
 * (Base64 without padding; no comma, so it fits a {@code users.properties} entry, and no {@code $},
 * which Karaf's properties reader would substitute). Raising the iteration count later leaves the
 * existing hashes valid.
 */
final class Pbkdf2 {
    static final String SCHEME = "PBKDF2-SHA256";
    static final String JCA_ALGORITHM = "PBKDF2WithHmacSHA256";
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about 0.1-0.3 s per hash on this project's machines. */
    static final int DEFAULT_ITERATIONS = 600_000;
    /** Stored counts above this are refused rather than computed: a hand-edited file must not hang a login. */
    static final int MAX_ITERATIONS = 10_000_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final Pattern FORMAT = Pattern.compile(
            "(?:\\{[A-Za-z0-9_]+})?" + SCHEME + ":(\\d{1,9}):([A-Za-z0-9+/]{16,}):([A-Za-z0-9+/]{32,})(?:\\{[A-Za-z0-9_]+})?");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private Pbkdf2() {
    }

    static String hash(char[] password, int iterations) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("empty password");
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations " + iterations + " outside 1.." + MAX_ITERATIONS);
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return SCHEME + ":" + iterations + ":" + B64.encodeToString(salt) + ":" + B64.encodeToString(derive(password, salt,
                iterations, HASH_BITS));
    }

    /**
     * Whether {@code password} is the one {@code stored} was made from. False for anything that is not
     * a hash of this scheme (a clear-text or unsalted digest entry never matches).
     */
    static boolean verify(char[] password, String stored) {
        if (password == null || password.length == 0 || stored == null) {
            return false;
        }
        Matcher m = FORMAT.matcher(stored.trim());
        if (!m.matches()) {
            return false;
        }
        int iterations = Integer.parseInt(m.group(1));
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            return false;
        }
        byte[] salt;
        byte[] expected;
        try {
            salt = Base64.getDecoder().decode(m.group(2));
            expected = Base64.getDecoder().decode(m.group(3));
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] actual = derive(password, salt, iterations, expected.length * 8);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Whether a stored password (with or without Karaf's {@code {CRYPT}} wrapping) is a hash of this scheme. */
    static boolean isHash(String stored) {
        return stored != null && FORMAT.matcher(stored.trim()).matches();
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bits) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
        try {
            return SecretKeyFactory.getInstance(JCA_ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(JCA_ALGORITHM + " unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Overwrites a password copy once it is no longer needed. */
    static void wipe(char[] password) {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }
}
