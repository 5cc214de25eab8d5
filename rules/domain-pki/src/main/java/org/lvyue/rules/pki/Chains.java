package org.lvyue.rules.pki;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lvyue.api.fact.Fact;

/**
 * The certificate chains as the intake recorded them: which issuer key verified each certificate's
 * signature ({@code pki.signature}), which certificates carry which key, and which keys are trust
 * anchors now ({@code pki.trust-anchor}, latest record per key). Walking from a certificate up
 * through its issuers needs no cryptography here; the signatures were checked once, at intake.
 */
public final class Chains {
    private final Map<String, List<String>> signersByCertificate = new HashMap<>();
    private final Map<String, List<Fact>> certificatesByKey = new HashMap<>();
    private final Set<String> anchorKeys = new HashSet<>();
    private final int maxDepth;

    private Chains(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /** Built from all signature facts, the CA certificates and all trust-anchor records. */
    public static Chains of(List<Fact> signatures, List<Fact> authorities, List<Fact> anchorRecords, int maxDepth) {
        Chains c = new Chains(maxDepth);
        for (Fact s : signatures) {
            c.signersByCertificate.computeIfAbsent(s.getAttributes().get("artefact"), k -> new ArrayList<>())
                    .add(s.getAttributes().get("signerKey"));
        }
        for (Fact ca : authorities) {
            c.certificatesByKey.computeIfAbsent(ca.getAttributes().get("keyId"), k -> new ArrayList<>()).add(ca);
        }
        Map<String, Fact> latest = new HashMap<>();
        for (Fact a : anchorRecords) {
            latest.merge(a.getSubject(), a, (x, y) -> at(y).isAfter(at(x)) ? y : x);
        }
        latest.values().stream().filter(a -> "true".equals(a.getAttributes().get("trusted")))
                .forEach(a -> c.anchorKeys.add(a.getSubject()));
        return c;
    }

    public boolean hasAnchors() {
        return !anchorKeys.isEmpty();
    }

    /** Null when the certificate chains to a trust anchor; otherwise where and why the chain breaks, in Chinese. */
    public String broken(Fact certificate) {
        return walk(certificate, 0, new HashSet<>());
    }

    private String walk(Fact certificate, int depth, Set<String> visited) {
        if (anchorKeys.contains(certificate.getAttributes().get("keyId"))) {
            return null;
        }
        if (depth > maxDepth || !visited.add(certificate.getId())) {
            return "证书链超过 " + maxDepth + " 层或成环（" + certificate.getAttributes().get("subjectDn") + "）";
        }
        List<String> signers = signersByCertificate.getOrDefault(certificate.getId(), List.of());
        if (signers.isEmpty()) {
            return "签发者 " + certificate.getAttributes().get("issuerDn") + " 的证书未导入，或签名不能用其公钥验证";
        }
        String firstBreak = null;
        for (String key : signers) {
            if (anchorKeys.contains(key)) {
                return null;
            }
            List<Fact> issuers = certificatesByKey.getOrDefault(key, List.of());
            for (Fact issuer : issuers) {
                if (issuer.getId().equals(certificate.getId())) {
                    // self-signed and not an anchor: the chain ends at an untrusted root
                    String end = "证书链止于自签名证书 " + issuer.getAttributes().get("subjectDn") + "，它不是配置的信任锚";
                    firstBreak = firstBreak == null ? end : firstBreak;
                    continue;
                }
                String up = walk(issuer, depth + 1, visited);
                if (up == null) {
                    return null;
                }
                firstBreak = firstBreak == null ? up : firstBreak;
            }
        }
        return firstBreak != null ? firstBreak
                : "签发者 " + certificate.getAttributes().get("issuerDn") + " 的证书未导入";
    }

    private static LocalDateTime at(Fact f) {
        String at = f.getAttributes().get("at");
        return at == null ? f.getDate().atStartOfDay() : LocalDateTime.parse(at);
    }
}
