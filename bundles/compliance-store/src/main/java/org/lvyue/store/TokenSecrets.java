package org.lvyue.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secrets of collectors' API tokens: 256 random bits, and the hash that is all the store keeps.
 * <p>
 * The hash is a plain SHA-256, not the realm's slow salted PBKDF2: a slow hash protects a password a
 * person chose, which a dictionary can guess; a secret of 256 random bits cannot be guessed whatever
 * the hash costs, so one fast digest is as safe and lets a request find its token by an indexed
 * lookup of the digest (a salted hash would have to be computed against every token).
 */
final class TokenSecrets {
    /** Marks a Lvyue token, so a leaked one is recognisable (secret scanners) and never taken for a password. */
    static final String PREFIX = "lvy_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {
    }

    /** A new secret: the prefix and 32 random bytes, Base64url without padding (47 characters). */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of the secret's UTF-8 bytes, as 64 lower-case hex digits. */
    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
