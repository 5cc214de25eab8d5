package org.lvyue.engine.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The signature a domain bundle's author puts in it (GB/T 22239-2019 8.1.4.5 and 8.1.4.6; GB/T 39786-2021 for the
 * integrity of the catalogue's marks): {@value #ENTRY} holds a CMS SignedData (RFC 5652) that encapsulates the bundle's
 * content list, one line per other file with its SM3 digest, signed SM3withSM2 (an SM2 key) or SHA256withRSA, with the
 * signer's certificate. The check compares that list with the bundle's files as installed, and the certificate's SHA-256
 * with the signers the operator trusts.
 */
public final class BundleSignatures {
    /** Where a signed bundle keeps its signature. */
    public static final String ENTRY = "/META-INF/LVYUE-DOMAIN.P7S";
    /** The first line of a content list: its format. */
    static final String HEADER = "lvyue-domain-bundle-content 1";
    static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private BundleSignatures() {
    }

    /** What the check found. */
    public enum State {
        /** No signature in the bundle. */
        UNSIGNED,
        /** Signed, the files as signed, by a signer the operator trusts. */
        TRUSTED,
        /** Signed, the files as signed, by a signer the operator does not trust. */
        UNTRUSTED,
        /** A signature that does not hold: damaged, or files changed, added or removed since the signing. */
        INVALID
    }

    /**
     * @param signer      the signer certificate's subject, null when unsigned or unreadable
     * @param fingerprint the SHA-256 of the signer certificate (hex), null likewise
     * @param reason      why it is not trusted, in Chinese then English; null when trusted
     */
    public record Check(State state, String signer, String fingerprint, String reason) {
    }

    /**
     * The content list of a bundle: a header line, then {@code path<TAB>SM3 hex} for each file but the signature, in
     * path order, each line ending with a line feed.
     */
    public static byte[] contentList(DomainBundleContent content) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        for (String path : content.files()) {
            if (!path.equals(ENTRY)) {
                digests.put(path, sm3(content.read(path)));
            }
        }
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        digests.forEach((path, digest) -> out.append(path).append('\t').append(digest).append('\n'));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The signature of a content list by {@code key}, its certificate inside: what {@value #ENTRY} holds. */
    public static byte[] sign(byte[] contentList, PrivateKey key, X509Certificate certificate) {
        String algorithm = "EC".equals(key.getAlgorithm()) ? "SM3withSM2" : "SHA256withRSA";
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(BC).build())
                    .build(new JcaContentSignerBuilder(algorithm).setProvider(BC).build(key), certificate));
            generator.addCertificates(new JcaCertStore(List.of(certificate)));
            return generator.generate(new CMSProcessableByteArray(contentList), true).getEncoded();
        } catch (OperatorCreationException | CMSException | CertificateEncodingException | IOException e) {
            throw new IllegalStateException("the key cannot sign " + algorithm + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks the bundle's signature against its files and the trusted signers.
     *
     * @param trusted SHA-256 fingerprints (hex, any case, colons allowed) of the certificates the operator trusts
     */
    public static Check check(DomainBundleContent content, Collection<String> trusted) throws IOException {
        if (!content.files().contains(ENTRY)) {
            return new Check(State.UNSIGNED, null, null, "未签名：包中没有 " + ENTRY.substring(1) + " (not signed)");
        }
        CMSSignedData signed;
        X509CertificateHolder certificate;
        Map<String, String> signedList;
        try {
            signed = new CMSSignedData(content.read(ENTRY));
            Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
            if (signers.size() != 1 || signed.getSignedContent() == null) {
                return invalid(null, null, "签名须有且仅有一个签名者并包含文件清单 (one signer and the content list expected)");
            }
            SignerInformation signer = signers.iterator().next();
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> certificates = signed.getCertificates().getMatches(signer.getSID());
            if (certificates.isEmpty()) {
                return invalid(null, null, "签名中没有签名者证书 (the signer's certificate is missing)");
            }
            certificate = certificates.iterator().next();
            if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(certificate))) {
                return invalid(certificate, "签名值无效：签名或文件清单被改动 (the signature value does not verify)");
            }
            signedList = lines((byte[]) signed.getSignedContent().getContent());
        } catch (CMSException | OperatorCreationException | java.security.cert.CertificateException | RuntimeException e) {
            return invalid(null, null, "签名无法读取或验证：" + e.getMessage() + " (the signature cannot be read or verified)");
        }
        String changed = differences(signedList, lines(contentList(content)));
        if (changed != null) {
            return invalid(certificate, changed);
        }
        String fingerprint = fingerprint(certificate);
        Set<String> trust = new TreeSet<>();
        trusted.forEach(t -> trust.add(t.replace(":", "").trim().toLowerCase(java.util.Locale.ROOT)));
        if (!trust.contains(fingerprint)) {
            return new Check(State.UNTRUSTED, subject(certificate), fingerprint, "签名者不在受信任列表中（trustedBundleSigners）："
                    + subject(certificate) + "，证书 SHA-256 " + fingerprint + " (the signer is not trusted)");
        }
        return new Check(State.TRUSTED, subject(certificate), fingerprint, null);
    }

    /** Which files differ between the signed list and the bundle's, in Chinese then English; null when none. */
    private static String differences(Map<String, String> signed, Map<String, String> now) {
        List<String> changed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        now.forEach((path, digest) -> {
            String before = signed.get(path);
            if (before == null) {
                added.add(path);
            } else if (!before.equals(digest)) {
                changed.add(path);
            }
        });
        signed.keySet().stream().filter(p -> !now.containsKey(p)).forEach(removed::add);
        if (changed.isEmpty() && added.isEmpty() && removed.isEmpty()) {
            return null;
        }
        return "签名后文件被改动 (files differ from those signed)：" + (changed.isEmpty() ? "" : "改动 changed " + changed + " ")
                + (added.isEmpty() ? "" : "新增 added " + added + " ") + (removed.isEmpty() ? "" : "缺少 removed " + removed);
    }

    private static Map<String, String> lines(byte[] list) {
        Map<String, String> out = new TreeMap<>();
        String[] lines = new String(list, StandardCharsets.UTF_8).split("\n");
        if (lines.length == 0 || !lines[0].equals(HEADER)) {
            throw new IllegalArgumentException("not a content list of this format");
        }
        for (int i = 1; i < lines.length; i++) {
            int tab = lines[i].indexOf('\t');
            if (tab > 0) {
                out.put(lines[i].substring(0, tab), lines[i].substring(tab + 1));
            }
        }
        return out;
    }

    private static Check invalid(X509CertificateHolder certificate, String reason) {
        return invalid(certificate == null ? null : subject(certificate),
                certificate == null ? null : fingerprint(certificate), reason);
    }

    private static Check invalid(String signer, String fingerprint, String reason) {
        return new Check(State.INVALID, signer, fingerprint, reason);
    }

    private static String subject(X509CertificateHolder certificate) {
        return certificate.getSubject().toString();
    }

    /** The SHA-256 of a certificate's DER encoding, lower-case hex: how the operator names a trusted signer. */
    public static String fingerprint(X509CertificateHolder certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sm3(byte[] data) {
        SM3Digest digest = new SM3Digest();
        digest.update(data, 0, data.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }
}
