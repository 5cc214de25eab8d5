package org.lvyue.core.internal;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.lvyue.api.fact.Fact;
import org.lvyue.api.service.FactsDigest;

/**
 * SHA-256 over facts' content in id order. Every value is written with its length in front, so no
 * two different fact sets can encode to the same bytes; arrival time and source are left out, since
 * re-collecting the same evidence must not change the digest.
 */
final class FactsDigests {
    private FactsDigests() {
    }

    static FactsDigest of(List<Fact> facts, LocalDate asOf) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<Fact> counted = facts.stream().filter(f -> !f.getDate().isAfter(asOf))
                .sorted(Comparator.comparing(Fact::getId)).toList();
        for (Fact f : counted) {
            put(sha, f.getId());
            put(sha, f.getDomain());
            put(sha, f.getKind());
            put(sha, f.getSubject());
            put(sha, f.getDate().toString());
            put(sha, f.getTime() == null ? null : f.getTime().toString());
            put(sha, f.getStatus());
            BigDecimal amount = f.getAmount();
            put(sha, amount == null ? null : amount.stripTrailingZeros().toPlainString());
            Map<String, String> attributes = new TreeMap<>(f.getAttributes());
            sha.update(ByteBuffer.allocate(4).putInt(attributes.size()).array());
            attributes.forEach((k, v) -> {
                put(sha, k);
                put(sha, v);
            });
        }
        return new FactsDigest(asOf, counted.size(), HexFormat.of().formatHex(sha.digest()));
    }

    private static void put(MessageDigest sha, String value) {
        if (value == null) {
            sha.update(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] bytes = Objects.requireNonNull(value).getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha.update(bytes);
    }
}
