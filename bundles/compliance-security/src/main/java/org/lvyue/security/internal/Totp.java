package org.lvyue.security.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords as RFC 6238 defines them, with the parameters every authenticator app uses by
 * default: HMAC-SHA1, 30-second steps from the Unix epoch, 6 digits (RFC 4226's dynamic truncation). Small enough,
 * and fixed enough by the RFC's test vectors, that a library would add a dependency and no safety.
 */
final class Totp {
    static final int STEP_SECONDS = 30;
    static final int DIGITS = 6;
    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private Totp() {
    }

    /** The step an instant falls in. */
    static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    /** The code of {@code step}, {@code digits} long, with leading zeros; HMAC-SHA1 as in RFC 6238's reference. */
    static String code(byte[] secret, long step, int digits) {
        return code(secret, step, digits, "HmacSHA1");
    }

    /** As {@link #code(byte[], long, int)} with another HMAC ({@code HmacSHA256}, {@code HmacSHA512}), for RFC 6238's vectors. */
    static String code(byte[] secret, long step, int digits, String hmac) {
        try {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(secret, hmac));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = h[h.length - 1] & 0x0f;
            int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8)
                    | (h[offset + 3] & 0xff);
            String s = Integer.toString(binary % POWERS[digits]);
            return "0".repeat(digits - s.length()) + s;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(hmac + " is not available", e);
        }
    }

    /**
     * The step among {@code step - window … step + window} whose code {@code code} is, or -1: a phone's clock a step
     * off is still accepted. Every candidate is compared in constant time.
     */
    static long match(byte[] secret, String code, long step, int window) {
        if (code == null || code.length() != DIGITS || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        long found = -1;
        for (long s = step - window; s <= step + window; s++) {
            if (MessageDigest.isEqual(code(secret, s, DIGITS).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    code.getBytes(java.nio.charset.StandardCharsets.US_ASCII)) && found < 0) {
                found = s;
            }
        }
        return found;
    }

    /** RFC 4648 Base32 without padding: how authenticator apps take a secret typed in or read from a QR code. */
    static String base32(byte[] bytes) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >>> (bits - 5)) & 0x1f));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt((buffer << (5 - bits)) & 0x1f));
        }
        return out.toString();
    }
}
