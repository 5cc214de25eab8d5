package org.lvyue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.service.FactsDigest;

/** The fingerprint of the evidence: its content only, in id order, up to a day. */
class FactsDigestsTest {
    private static final LocalDate AS_OF = LocalDate.of(2022, 9, 30);

    private static Fact.Builder fact(String id) {
        return Fact.builder().id(id).contractId("bj-hrss-2022").domain("support").kind("support.request").subject("T-" + id)
                .date(LocalDate.of(2022, 9, 1)).time(LocalDateTime.of(2022, 9, 1, 10, 15)).status("open")
                .attributes(Map.of("site", "朝阳分中心", "priority", "high")).source("collector")
                .receivedAt(Instant.parse("2022-09-01T02:16:00Z"));
    }

    private static List<Fact> facts() {
        List<Fact> facts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            facts.add(fact(String.format("f%02d", i)).date(LocalDate.of(2022, 9, 1 + i)).build());
        }
        facts.add(Fact.builder().id("pay-1").contractId("bj-hrss-2022").domain("general-terms").kind("payment.received")
                .date(LocalDate.of(2022, 3, 15)).amount(new BigDecimal("3042850.00")).build());
        return facts;
    }

    private static String digest(List<Fact> facts) {
        return FactsDigests.of(facts, AS_OF).sha256();
    }

    /** The digest of {@link #facts()} with the fact {@code f05} changed. */
    private static String withF05(UnaryOperator<Fact.Builder> change) {
        List<Fact> facts = new ArrayList<>(facts());
        facts.replaceAll(f -> f.getId().equals("f05") ? change.apply(f.toBuilder()).build() : f);
        return digest(facts);
    }

    @Test
    void theDigestIsSha256HexOverTheCountedFacts() {
        FactsDigest d = FactsDigests.of(facts(), AS_OF);
        assertEquals(AS_OF, d.asOf());
        assertEquals(21, d.count());
        assertTrue(d.sha256().matches("[0-9a-f]{64}"), d.sha256());
    }

    @Test
    void theOrderOfTheFactsDoesNotMatter() {
        String ordered = digest(facts());
        for (long seed = 1; seed <= 5; seed++) {
            List<Fact> shuffled = new ArrayList<>(facts());
            Collections.shuffle(shuffled, new Random(seed));
            assertEquals(ordered, digest(shuffled), "seed " + seed);
        }
        List<Fact> reversed = new ArrayList<>(facts());
        Collections.reverse(reversed);
        assertEquals(ordered, digest(reversed));
    }

    @Test
    void whenAndFromWhomAFactArrivedDoesNotChangeTheDigest() {
        String original = digest(facts());
        assertEquals(original, withF05(b -> b.receivedAt(Instant.parse("2023-01-01T00:00:00Z"))));
        assertEquals(original, withF05(b -> b.source("someone-else")));
        assertEquals(original, withF05(b -> b.receivedAt(null).source(null)));
    }

    @Test
    void everyChangeOfContentChangesTheDigest() {
        String original = digest(facts());
        Map<String, String> changed = new HashMap<>(Map.of("site", "朝阳分中心", "priority", "low"));
        List<String> digests = List.of(
                withF05(b -> b.attributes(changed)),
                withF05(b -> b.attributes(Map.of("site", "朝阳分中心"))),
                withF05(b -> b.attributes(Map.of("site", "朝阳分中心", "priority", "high", "extra", ""))),
                withF05(b -> b.subject("T-other")),
                withF05(b -> b.subject(null)),
                withF05(b -> b.status("closed")),
                withF05(b -> b.time(LocalDateTime.of(2022, 9, 6, 10, 16))),
                withF05(b -> b.date(LocalDate.of(2022, 9, 7))),
                withF05(b -> b.kind("support.contact")),
                withF05(b -> b.domain("other")),
                withF05(b -> b.amount(BigDecimal.ONE)),
                withF05(b -> b.id("f05b")));
        for (int i = 0; i < digests.size(); i++) {
            assertNotEquals(original, digests.get(i), "change " + i);
        }
        assertEquals(digests.size(), digests.stream().distinct().count(), "each change gives its own digest");
    }

    @Test
    void anAmountIsDigestedByValueSoTrailingZerosDoNotMatter() {
        assertEquals(withF05(b -> b.amount(new BigDecimal("1.0"))), withF05(b -> b.amount(new BigDecimal("1.00"))));
        assertEquals(withF05(b -> b.amount(new BigDecimal("100"))), withF05(b -> b.amount(new BigDecimal("1E+2"))));
        assertNotEquals(withF05(b -> b.amount(new BigDecimal("1.00"))), withF05(b -> b.amount(new BigDecimal("1.01"))));
        assertNotEquals(withF05(b -> b.amount(null)), withF05(b -> b.amount(BigDecimal.ZERO)), "no amount is not zero");
    }

    @Test
    void aFactDatedAfterTheDayIsLeftOut() {
        List<Fact> facts = new ArrayList<>(facts());
        FactsDigest before = FactsDigests.of(facts, AS_OF);
        facts.add(fact("late").date(AS_OF.plusDays(1)).build());
        FactsDigest after = FactsDigests.of(facts, AS_OF);
        assertEquals(before, after);
        assertEquals(21, after.count());
        facts.add(fact("on-the-day").date(AS_OF).build());
        FactsDigest withTheDay = FactsDigests.of(facts, AS_OF);
        assertEquals(22, withTheDay.count(), "a fact of the day itself counts");
        assertNotEquals(before.sha256(), withTheDay.sha256());
        assertEquals(23, FactsDigests.of(facts, AS_OF.plusDays(1)).count());
    }

    @Test
    void valuesThatWouldConcatenateAlikeGiveDifferentDigests() {
        // without a length in front of each value, "ab"+"c" and "a"+"bc" would hash the same bytes
        Fact abC = fact("x").subject("ab").status("c").build();
        Fact aBc = fact("x").subject("a").status("bc").build();
        assertNotEquals(digest(List.of(abC)), digest(List.of(aBc)));
        Fact attrAbC = fact("x").attributes(Map.of("ab", "c")).build();
        Fact attrABc = fact("x").attributes(Map.of("a", "bc")).build();
        assertNotEquals(digest(List.of(attrAbC)), digest(List.of(attrABc)));
        // and an empty value is not a missing one
        assertNotEquals(digest(List.of(fact("x").subject("").build())), digest(List.of(fact("x").subject(null).build())));
    }

    @Test
    void noFactsGiveTheDigestOfNothing() {
        FactsDigest d = FactsDigests.of(List.of(), AS_OF);
        assertEquals(0, d.count());
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", d.sha256(), "SHA-256 of no bytes");
    }
}
