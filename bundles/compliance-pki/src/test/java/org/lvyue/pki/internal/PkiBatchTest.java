package org.lvyue.pki.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** What one upload becomes, and that collecting the same artefact again is a duplicate, never a conflict. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PkiBatchTest {
    private final LocalDateTime now = LocalDateTime.now().withNano(0);

    private static Map<String, Object> ofKind(List<Map<String, Object>> facts, String kind) {
        return facts.stream().filter(f -> kind.equals(f.get("kind"))).findFirst().orElseThrow();
    }

    private static List<Object> kinds(List<Map<String, Object>> facts) {
        return facts.stream().map(f -> f.get("kind")).toList();
    }

    @Test
    void the_same_certificate_from_two_files_and_two_systems_is_one_certificate_fact_with_two_bindings() throws Exception {
        TestPki.Issued ca = TestPki.authority("CN=根 CA", TestPki.rsa(2048), "SHA256withRSA");
        TestPki.Issued leaf = TestPki.leaf(ca, "CN=auth.example.test", 7, TestPki.rsa(2048), "SHA256withRSA",
                Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(300, ChronoUnit.DAYS), true);
        Issuers issuers = new Issuers();
        issuers.add(ca.certificate());
        List<Map<String, Object>> uploaded = PkiBatch.facts(issuers, List.of(PkiReader.read("auth.cer",
                leaf.certificate().getEncoded())), "统一认证", List.of(), List.of(), now);
        List<Map<String, Object>> probed = PkiBatch.facts(issuers, List.of(PkiReader.read("tls:auth:443#0.cer",
                leaf.certificate().getEncoded())), "数据交换", List.of(), List.of(), now.plusHours(1));
        assertEquals(List.of("pki.certificate", "pki.binding", "pki.signature"), kinds(uploaded));
        assertEquals(ofKind(uploaded, "pki.certificate"), ofKind(probed, "pki.certificate"));
        assertEquals(ofKind(uploaded, "pki.signature"), ofKind(probed, "pki.signature"));
        assertNotEquals(ofKind(uploaded, "pki.binding").get("id"), ofKind(probed, "pki.binding").get("id"));
    }

    @Test
    void a_crl_is_the_same_fact_before_and_after_its_issuer_is_known_only_its_signature_is_added() throws Exception {
        TestPki.Issued ca = TestPki.authority("CN=根 CA", TestPki.rsa(2048), "SHA256withRSA");
        byte[] crl = TestPki.crl(ca, "SHA256withRSA", 5).getEncoded();
        Issuers issuers = new Issuers();
        List<Map<String, Object>> before = PkiBatch.facts(issuers, List.of(PkiReader.read("a.crl", crl)), null, List.of(),
                List.of(), now);
        issuers.add(ca.certificate());
        List<Map<String, Object>> after = PkiBatch.facts(issuers, List.of(PkiReader.read("b.crl", crl)), null, List.of(),
                List.of(), now);
        assertEquals(List.of("pki.crl", "pki.revoked"), kinds(before));
        assertEquals(List.of("pki.crl", "pki.revoked", "pki.signature"), kinds(after));
        assertEquals(before.get(0), after.get(0));
    }

    @Test
    void a_trust_anchor_is_recorded_once_and_its_removal_once() throws Exception {
        TestPki.Issued root = TestPki.authority("CN=根 CA", TestPki.rsa(2048), "SHA256withRSA");
        List<PkiContent> anchors = List.of(PkiReader.read("trust-anchors/root.cer", root.certificate().getEncoded()));
        List<Map<String, Object>> added = PkiBatch.anchorChanges(anchors, List.of(), now);
        assertEquals(List.of("pki.certificate", "pki.trust-anchor"), kinds(added));
        org.lvyue.api.fact.Fact record = fact(added.get(1));
        assertEquals(List.of(), PkiBatch.anchorChanges(anchors, List.of(record), now.plusHours(1)), "unchanged: nothing new");
        List<Map<String, Object>> removed = PkiBatch.anchorChanges(List.of(), List.of(record), now.plusHours(2));
        assertEquals(1, removed.size());
        assertEquals("false", ((Map<?, ?>) removed.get(0).get("attributes")).get("trusted"));
    }

    @SuppressWarnings("unchecked")
    private static org.lvyue.api.fact.Fact fact(Map<String, Object> m) {
        Map<String, String> attrs = new java.util.HashMap<>();
        ((Map<String, Object>) m.get("attributes")).forEach((k, v) -> attrs.put(k, String.valueOf(v)));
        return org.lvyue.api.fact.Fact.builder().id((String) m.get("id")).contractId("c").domain("pki").kind((String) m.get("kind"))
                .subject((String) m.get("subject")).date(java.time.LocalDate.parse((String) m.get("date"))).attributes(attrs)
                .source("test").build();
    }
}
