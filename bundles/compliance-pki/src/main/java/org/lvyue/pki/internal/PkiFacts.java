package org.lvyue.pki.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

/**
 * Turns certificates and CRLs into facts in the JSON shape of the API, so they go through the same
 * validation and storage as every other fact. A certificate and a revocation entry of the same
 * certificate share a subject, {@code <serial hex>@<issuer id>}, so rules join them by equality.
 * Times are read in Beijing time ({@code Asia/Shanghai}).
 */
public final class PkiFacts {
    static final ZoneId ZONE = ZoneId.of(org.lvyue.api.engine.EvaluationClock.ZONE);
    private static final DefaultAlgorithmNameFinder NAMES = new DefaultAlgorithmNameFinder();

    private PkiFacts() {
    }

    /**
     * The facts of a file: one per certificate, one per CRL, one per revoked entry. Each holds only
     * what the artefact itself says, so collecting it again from another file, folder or server is a
     * duplicate, never a conflict; where it was seen and which system it serves are separate facts.
     */
    public static List<Map<String, Object>> of(PkiContent content) {
        return of(content, LocalDate.MAX);
    }

    /**
     * As {@link #of(PkiContent)}, with no fact dated after {@code today}: a certificate or CRL
     * issued with a start a little ahead of the clock (a pre-dated certificate, a skewed CA) is dated
     * today, so the upload is not refused as holding future facts; {@code notBefore} keeps the truth.
     */
    public static List<Map<String, Object>> of(PkiContent content, LocalDate today) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (X509CertificateHolder c : content.certificates()) {
            out.add(certificate(c, today));
        }
        for (X509CRLHolder crl : content.crls()) {
            out.add(crl(crl, today));
            for (Object o : crl.getRevokedCertificates()) {
                out.add(revoked((X509CRLEntryHolder) o, crl, today));
            }
        }
        return out;
    }

    static Map<String, Object> certificate(X509CertificateHolder c, LocalDate today) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("subjectDn", c.getSubject().toString());
        attrs.put("issuerDn", c.getIssuer().toString());
        attrs.put("serial", c.getSerialNumber().toString(16));
        attrs.put("notBefore", time(c.getNotBefore()));
        attrs.put("notAfter", time(c.getNotAfter()));
        attrs.put("signatureAlgorithm", signatureName(c.getSignatureAlgorithm()));
        KeyInfo key = key(c.getSubjectPublicKeyInfo());
        attrs.put("keyAlgorithm", key.algorithm());
        attrs.put("keyBits", Integer.toString(key.bits()));
        attrs.put("fingerprint", sha256(encoded(c)));
        attrs.put("ca", Boolean.toString(isCa(c)));
        attrs.put("selfSigned", Boolean.toString(c.getSubject().equals(c.getIssuer())));
        attrs.put("keyId", keyId(c.getSubjectPublicKeyInfo()));
        if (isCa(c) || c.getSubject().equals(c.getIssuer())) {
            // what a later upload needs to verify the certificates this one issued
            attrs.put("subjectId", issuerId(c.getSubject()));
            attrs.put("publicKey", java.util.Base64.getEncoder().encodeToString(Issuers.encoded(c.getSubjectPublicKeyInfo())));
        }
        attrs.put("role", isCa(c) ? "ca" : isServer(c) ? "server" : "user");
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("id", certificateId(c));
        fact.put("kind", "pki.certificate");
        fact.put("subject", ref(c.getSerialNumber(), c.getIssuer()));
        fact.put("date", notAfter(day(c.getNotBefore()), today).toString());
        fact.put("attributes", attrs);
        return fact;
    }

    /**
     * That a certificate's or CRL's signature verified with the issuer key {@code signerKeyId}: the link
     * the chain check walks. Its id is stable, so checking the same artefact again adds nothing.
     *
     * @param artefactId the id of the certificate or CRL fact
     * @param subject    the artefact's subject (certificate: serial@issuer; CRL: issuer id)
     */
    static Map<String, Object> signature(String artefactId, String subject, LocalDate date, String signerKeyId) {
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("id", "sig-" + artefactId.substring(artefactId.indexOf('-') + 1, artefactId.indexOf('-') + 25) + "-"
                + signerKeyId.substring(0, 8));
        fact.put("kind", "pki.signature");
        fact.put("subject", subject);
        fact.put("date", date.toString());
        fact.put("attributes", Map.of("artefact", artefactId, "signerKey", signerKeyId));
        return fact;
    }

    static Map<String, Object> signature(X509CertificateHolder c, String signerKeyId, LocalDate today) {
        return signature(certificateId(c), ref(c.getSerialNumber(), c.getIssuer()), notAfter(day(c.getNotBefore()), today),
                signerKeyId);
    }

    static Map<String, Object> signature(X509CRLHolder crl, String signerKeyId, LocalDate today) {
        return signature(crlId(crl), issuerId(crl.getIssuer()), notAfter(day(crl.getThisUpdate()), today), signerKeyId);
    }

    /** That a certificate serves a business system (附件二 1: 用户证书与业务系统绑定), as the uploader said. */
    static Map<String, Object> binding(X509CertificateHolder c, String system, LocalDate today) {
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("id", "bind-" + certificateId(c).substring(5, 29) + "-"
                + sha256(system.getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 8));
        fact.put("kind", "pki.binding");
        fact.put("subject", ref(c.getSerialNumber(), c.getIssuer()));
        fact.put("date", notAfter(day(c.getNotBefore()), today).toString());
        fact.put("attributes", Map.of("certificate", certificateId(c), "system", system));
        return fact;
    }

    /**
     * A configured trust anchor taken into (or, with {@code trusted} false, out of) use on {@code at}.
     * The latest record per key decides.
     */
    static Map<String, Object> trustAnchor(X509CertificateHolder c, String source, boolean trusted, java.time.LocalDateTime at) {
        String keyId = keyId(c.getSubjectPublicKeyInfo());
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("subjectDn", c.getSubject().toString());
        attrs.put("certificate", certificateId(c));
        attrs.put("trusted", Boolean.toString(trusted));
        attrs.put("at", at.withNano(0).toString());
        attrs.put("source", source);
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("id", "anchor-" + keyId.substring(0, 16) + "-" + at.withNano(0).toString().replaceAll("[^0-9]", "")
                + (trusted ? "" : "-removed"));
        fact.put("kind", "pki.trust-anchor");
        fact.put("subject", keyId);
        fact.put("date", at.toLocalDate().toString());
        fact.put("attributes", attrs);
        return fact;
    }

    static String crlId(X509CRLHolder crl) {
        return "crl-" + sha256(encoded(crl)).substring(0, 32);
    }

    static String certificateId(X509CertificateHolder c) {
        return "cert-" + sha256(encoded(c)).substring(0, 32);
    }

    /** The first 32 hex digits of the SHA-256 of the public key (SubjectPublicKeyInfo DER). */
    static String keyId(SubjectPublicKeyInfo key) {
        return sha256(Issuers.encoded(key)).substring(0, 32);
    }

    static Map<String, Object> crl(X509CRLHolder crl, LocalDate today) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("issuerDn", crl.getIssuer().toString());
        attrs.put("thisUpdate", time(crl.getThisUpdate()));
        if (crl.getNextUpdate() != null) {
            attrs.put("nextUpdate", time(crl.getNextUpdate()));
        }
        attrs.put("entries", Integer.toString(crl.getRevokedCertificates().size()));
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("id", crlId(crl));
        fact.put("kind", "pki.crl");
        fact.put("subject", issuerId(crl.getIssuer()));
        fact.put("date", notAfter(day(crl.getThisUpdate()), today).toString());
        fact.put("attributes", attrs);
        return fact;
    }

    static Map<String, Object> revoked(X509CRLEntryHolder entry, X509CRLHolder crl, LocalDate today) {
        X500Name issuer = entry.getCertificateIssuer() != null ? X500Name.getInstance(entry.getCertificateIssuer().getNames()[0].getName())
                : crl.getIssuer();
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("id", "rev-" + issuerId(issuer) + "-" + entry.getSerialNumber().toString(16));
        fact.put("kind", "pki.revoked");
        fact.put("subject", ref(entry.getSerialNumber(), issuer));
        fact.put("date", notAfter(day(entry.getRevocationDate()), today).toString());
        fact.put("attributes", Map.of("issuerDn", issuer.toString(), "serial", entry.getSerialNumber().toString(16),
                "revokedAt", time(entry.getRevocationDate())));
        return fact;
    }

    /** {@code <serial hex>@<issuer id>}: how a certificate and its revocation meet. */
    static String ref(BigInteger serial, X500Name issuer) {
        return serial.toString(16) + "@" + issuerId(issuer);
    }

    /** The first 16 hex digits of the SHA-256 of the issuer name's DER: short, stable, id-safe. */
    static String issuerId(X500Name issuer) {
        try {
            return sha256(issuer.getEncoded()).substring(0, 16);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Upper-case JCA-style names ({@code SHA256WITHRSA}); BouncyCastle's finder lacks the GM/T name of SM3withSM2. */
    static String signatureName(AlgorithmIdentifier alg) {
        if (alg.getAlgorithm().equals(GMObjectIdentifiers.sm2sign_with_sm3)) {
            return "SM3WITHSM2";
        }
        return NAMES.getAlgorithmName(alg).toUpperCase(java.util.Locale.ROOT);
    }

    record KeyInfo(String algorithm, int bits) {
    }

    static KeyInfo key(SubjectPublicKeyInfo spki) {
        ASN1ObjectIdentifier alg = spki.getAlgorithm().getAlgorithm();
        try {
            if (alg.equals(PKCSObjectIdentifiers.rsaEncryption)) {
                return new KeyInfo("RSA", RSAPublicKey.getInstance(spki.parsePublicKey()).getModulus().bitLength());
            }
            if (alg.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
                ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(spki.getAlgorithm().getParameters());
                if (curve.equals(GMObjectIdentifiers.sm2p256v1)) {
                    return new KeyInfo("SM2", 256);
                }
                X9ECParameters params = ECNamedCurveTable.getByOID(curve);
                return new KeyInfo("EC", params == null ? 0 : params.getCurve().getFieldSize());
            }
        } catch (IOException | RuntimeException e) {
            return new KeyInfo(alg.getId(), 0);
        }
        return new KeyInfo(alg.getId(), 0);
    }

    static boolean isCa(X509CertificateHolder c) {
        Extension bc = c.getExtension(Extension.basicConstraints);
        return bc != null && BasicConstraints.getInstance(bc.getParsedValue()).isCA();
    }

    private static boolean isServer(X509CertificateHolder c) {
        Extension eku = c.getExtension(Extension.extendedKeyUsage);
        return eku != null && org.bouncycastle.asn1.x509.ExtendedKeyUsage.getInstance(eku.getParsedValue())
                .hasKeyPurposeId(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_serverAuth);
    }

    private static byte[] encoded(X509CertificateHolder c) {
        try {
            return c.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encoded(X509CRLHolder c) {
        try {
            return c.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String time(Date d) {
        return d.toInstant().atZone(ZONE).toLocalDateTime().toString();
    }

    private static LocalDate notAfter(LocalDate day, LocalDate today) {
        return day.isAfter(today) ? today : day;
    }

    static LocalDate day(Date d) {
        return d.toInstant().atZone(ZONE).toLocalDate();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
