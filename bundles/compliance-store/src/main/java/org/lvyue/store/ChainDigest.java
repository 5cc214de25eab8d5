package org.lvyue.store;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.HexFormat;
import java.util.Locale;

import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * The digest of the evidence chain, SM3 (GB/T 32905-2016, BouncyCastle) or SHA-256 (the JDK), fed
 * with a canonical encoding of values: each value is a tag byte (null or present) and, when
 * present, its UTF-8 length and bytes, so no two different rows encode alike. Not thread-safe: one
 * per use.
 */
final class ChainDigest {
    static final String SM3 = "SM3";
    static final String SHA_256 = "SHA-256";
    /** Bytes of a row's digest kept in a batch entry: 128 bits, beyond any second-preimage search. */
    static final int ROW_DIGEST_BYTES = 16;

    private final String algorithm;
    private final SM3Digest sm3;
    private final MessageDigest sha;

    private ChainDigest(String algorithm) {
        this.algorithm = algorithm;
        if (SM3.equals(algorithm)) {
            sm3 = new SM3Digest();
            sha = null;
        } else {
            sm3 = null;
            try {
                sha = MessageDigest.getInstance(SHA_256);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK lacks SHA-256", e);
            }
        }
    }

    /** The digest of {@code algorithm}: {@code SM3} or {@code SHA-256} (any case, with or without the dash). */
    static ChainDigest of(String algorithm) {
        return new ChainDigest(canonical(algorithm));
    }

    /** {@code SM3} or {@code SHA-256}; anything else is refused with the accepted values. */
    static String canonical(String algorithm) {
        String a = algorithm == null ? "" : algorithm.trim().toUpperCase(Locale.ROOT).replace("_", "-");
        if (a.equals("SM3")) {
            return SM3;
        }
        if (a.equals("SHA-256") || a.equals("SHA256")) {
            return SHA_256;
        }
        throw new IllegalArgumentException("证据链摘要算法只能是 SM3 或 SHA-256，而不是 '" + algorithm
                + "' (the evidence chain digest must be SM3 or SHA-256)");
    }

    String algorithm() {
        return algorithm;
    }

    ChainDigest text(String value) {
        if (value == null) {
            raw(new byte[] {0});
            return this;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        raw(new byte[] {1, (byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8),
                (byte) bytes.length});
        raw(bytes);
        return this;
    }

    ChainDigest number(long value) {
        return text(Long.toString(value));
    }

    /** An amount by its value: 100, 100.0 and 100.00 encode alike (the column is DECIMAL(19,2)). */
    ChainDigest amount(BigDecimal value) {
        return text(value == null ? null : value.stripTrailingZeros().toPlainString());
    }

    /** Dates and local date-times by their ISO text. */
    ChainDigest time(TemporalAccessor value) {
        return text(value == null ? null : value.toString());
    }

    ChainDigest instant(Instant value) {
        return text(value == null ? null : value.toString());
    }

    ChainDigest bytes(byte[] value) {
        if (value == null) {
            return text(null);
        }
        raw(new byte[] {2, (byte) (value.length >>> 24), (byte) (value.length >>> 16), (byte) (value.length >>> 8),
                (byte) value.length});
        raw(value);
        return this;
    }

    private void raw(byte[] bytes) {
        if (sm3 != null) {
            sm3.update(bytes, 0, bytes.length);
        } else {
            sha.update(bytes);
        }
    }

    /** The digest of everything fed since the last call; the digest is then empty again. */
    byte[] finish() {
        if (sm3 != null) {
            byte[] out = new byte[sm3.getDigestSize()];
            sm3.doFinal(out, 0);
            return out;
        }
        return sha.digest();
    }

    String finishHex() {
        return HexFormat.of().formatHex(finish());
    }

    /** The first {@link #ROW_DIGEST_BYTES} bytes of the digest: one row's share of a batch entry. */
    byte[] finishRow() {
        byte[] full = finish();
        return java.util.Arrays.copyOf(full, ROW_DIGEST_BYTES);
    }
}
