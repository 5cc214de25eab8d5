package org.lvyue.pki.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.lvyue.api.fact.Fact;

/**
 * The facts of one upload: its certificates and CRLs, the signatures that verified against the
 * issuer keys known for the contract ({@code pki.signature}), the business system the uploader named
 * ({@code pki.binding}), and changes to the configured trust anchors ({@code pki.trust-anchor}). Pure: the intake and the rule
 * tests build batches the same way.
 */
public final class PkiBatch {
    private PkiBatch() {
    }

    /**
     * @param known         issuer keys of the contract; this upload's CAs and the anchors are added to it
     * @param anchors       the configured trust anchors now
     * @param anchorRecords the stored {@code pki.trust-anchor} facts
     * @param now           the product's clock (its today, which a test or a replay may fix): no fact is dated later
     */
    public static List<Map<String, Object>> facts(Issuers known, List<PkiContent> contents, String system,
                                                  List<PkiContent> anchors, List<Fact> anchorRecords, LocalDateTime now) {
        Stream.concat(anchors.stream(), contents.stream()).flatMap(c -> c.certificates().stream())
                .filter(c -> PkiFacts.isCa(c) || c.getSubject().equals(c.getIssuer())).forEach(known::add);
        List<Map<String, Object>> facts = new ArrayList<>();
        Map<String, Map<String, Object>> byId = new HashMap<>();
        List<X509CertificateHolder> certificates = new ArrayList<>();
        LocalDate today = now.toLocalDate();
        for (PkiContent content : contents) {
            add(facts, byId, PkiFacts.of(content, today));
            certificates.addAll(content.certificates());
            for (X509CRLHolder crl : content.crls()) {
                String signer = known.signerOf(crl);
                if (signer != null) {
                    add(facts, byId, List.of(PkiFacts.signature(crl, signer, today)));
                }
            }
            if (system != null && !system.isBlank()) {
                for (X509CertificateHolder c : content.certificates()) {
                    add(facts, byId, List.of(PkiFacts.binding(c, system.trim(), today)));
                }
            }
        }
        add(facts, byId, anchorChanges(anchors, anchorRecords, now.withNano(0)));
        // each signature once, in parallel: checking 22,500 of them is most of an upload's work
        String[] signers = IntStream.range(0, certificates.size()).parallel()
                .mapToObj(i -> known.signerOf(certificates.get(i))).toArray(String[]::new);
        for (int i = 0; i < signers.length; i++) {
            if (signers[i] != null) {
                add(facts, byId, List.of(PkiFacts.signature(certificates.get(i), signers[i], today)));
            }
        }
        return facts;
    }

    private static void add(List<Map<String, Object>> facts, Map<String, Map<String, Object>> byId, List<Map<String, Object>> more) {
        for (Map<String, Object> f : more) {
            // the same certificate in two files of one upload is one fact
            if (byId.putIfAbsent((String) f.get("id"), f) == null) {
                facts.add(f);
            }
        }
    }

    /** Records anchors that appeared in the folder or left it since the latest record of each key. */
    static List<Map<String, Object>> anchorChanges(List<PkiContent> anchors, List<Fact> anchorRecords, LocalDateTime now) {
        Map<String, Fact> latest = new HashMap<>();
        for (Fact f : anchorRecords) {
            latest.merge(f.getSubject(), f, (a, b) -> at(b).isAfter(at(a)) ? b : a);
        }
        Map<String, X509CertificateHolder> configured = new LinkedHashMap<>();
        Map<String, String> sources = new HashMap<>();
        for (PkiContent content : anchors) {
            for (X509CertificateHolder c : content.certificates()) {
                String keyId = PkiFacts.keyId(c.getSubjectPublicKeyInfo());
                configured.putIfAbsent(keyId, c);
                sources.putIfAbsent(keyId, content.file());
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, X509CertificateHolder> a : configured.entrySet()) {
            Fact last = latest.get(a.getKey());
            if (last == null || !"true".equals(last.getAttributes().get("trusted"))) {
                out.addAll(PkiFacts.of(new PkiContent(sources.get(a.getKey()), List.of(a.getValue()), List.of()), now.toLocalDate()));
                out.add(PkiFacts.trustAnchor(a.getValue(), sources.get(a.getKey()), true, now));
            }
        }
        latest.values().stream().filter(f -> "true".equals(f.getAttributes().get("trusted")))
                .filter(f -> !configured.containsKey(f.getSubject())).sorted(Comparator.comparing(Fact::getSubject))
                .forEach(f -> out.add(removed(f, now)));
        return out;
    }

    private static LocalDateTime at(Fact f) {
        String at = f.getAttributes().get("at");
        return at == null ? f.getDate().atStartOfDay() : LocalDateTime.parse(at);
    }

    private static Map<String, Object> removed(Fact was, LocalDateTime now) {
        Map<String, Object> attrs = new LinkedHashMap<>(was.getAttributes());
        attrs.put("trusted", "false");
        attrs.put("at", now.toString());
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("id", "anchor-" + was.getSubject().substring(0, 16) + "-" + now.toString().replaceAll("[^0-9]", "") + "-removed");
        fact.put("kind", "pki.trust-anchor");
        fact.put("subject", was.getSubject());
        fact.put("date", now.toLocalDate().toString());
        fact.put("attributes", attrs);
        return fact;
    }
}
