package org.lvyue.pki.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.lvyue.api.fact.Fact;

/**
 * The issuing keys known for one contract (CA certificates uploaded before, in this upload, and the
 * configured trust anchors), by the issuer name they sign with. A certificate's signature is checked
 * once, at intake, against the keys of its issuer name; the rules then walk the recorded signatures
 * to a trust anchor without any cryptography. Thread-safe: an upload verifies in parallel.
 */
public final class Issuers {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    /** A CA's key: the id of its subject name, its key id and a verifier built once. */
    record IssuerKey(String subjectId, String keyId, ContentVerifierProvider verifier) {
    }

    private final Map<String, List<IssuerKey>> bySubject = new ConcurrentHashMap<>();

    /** Adds the key of a CA certificate (or self-signed root). */
    public void add(X509CertificateHolder ca) {
        add(PkiFacts.issuerId(ca.getSubject()), ca.getSubjectPublicKeyInfo());
    }

    /** Adds a CA key as stored in a certificate fact's {@code subjectId} and {@code publicKey}. */
    public void add(Fact caFact) {
        String subjectId = caFact.getAttributes().get("subjectId");
        String key = caFact.getAttributes().get("publicKey");
        if (subjectId != null && key != null) {
            add(subjectId, SubjectPublicKeyInfo.getInstance(Base64.getDecoder().decode(key)));
        }
    }

    private void add(String subjectId, SubjectPublicKeyInfo key) {
        String keyId = PkiFacts.keyId(key);
        List<IssuerKey> keys = bySubject.computeIfAbsent(subjectId, k -> new ArrayList<>());
        synchronized (keys) {
            if (keys.stream().noneMatch(k -> k.keyId().equals(keyId))) {
                try {
                    keys.add(new IssuerKey(subjectId, keyId, new JcaContentVerifierProviderBuilder().setProvider(BC).build(key)));
                } catch (OperatorCreationException e) {
                    // a key BouncyCastle cannot verify with (an unknown algorithm) signs nothing we can check
                }
            }
        }
    }

    /** The key id of the issuer key that verifies the certificate's signature, or null when none does. */
    String signerOf(X509CertificateHolder certificate) {
        return signerOf(PkiFacts.issuerId(certificate.getIssuer()), certificate::isSignatureValid);
    }

    /** The key id of the issuer key that verifies the CRL's signature, or null when none does. */
    String signerOf(X509CRLHolder crl) {
        return signerOf(PkiFacts.issuerId(crl.getIssuer()), crl::isSignatureValid);
    }

    /** A signature check with one verifier (BouncyCastle's {@code isSignatureValid} of a certificate or CRL). */
    private interface SignatureCheck {
        boolean validWith(ContentVerifierProvider verifier) throws Exception;
    }

    private String signerOf(String issuerId, SignatureCheck check) {
        for (IssuerKey k : candidates(issuerId)) {
            try {
                if (check.validWith(k.verifier())) {
                    return k.keyId();
                }
            } catch (Exception e) {
                // a key of another algorithm or a malformed signature: not this issuer
            }
        }
        return null;
    }

    private List<IssuerKey> candidates(String issuerId) {
        List<IssuerKey> keys = bySubject.get(issuerId);
        if (keys == null) {
            return List.of();
        }
        synchronized (keys) {
            return List.copyOf(keys);
        }
    }

    static byte[] encoded(SubjectPublicKeyInfo key) {
        try {
            return key.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
