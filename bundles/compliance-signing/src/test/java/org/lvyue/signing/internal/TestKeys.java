package org.lvyue.signing.internal;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.CollectionStore;

/**
 * Keys, certificates, key stores and signatures made in the tests with BouncyCastle (RSA, SM2 and,
 * for refusals, EC P-256), in the manner of the PKI bundle's TestPki: the provider is an instance,
 * never registered globally.
 */
final class TestKeys {
    static final BouncyCastleProvider BC = new BouncyCastleProvider();

    record Issued(X509CertificateHolder certificate, KeyPair keys, String signatureAlgorithm) {
    }

    private TestKeys() {
    }

    static KeyPair keyPair(String algorithm) throws Exception {
        switch (algorithm) {
            case "RSA" -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", BC);
                g.initialize(2048);
                return g.generateKeyPair();
            }
            case "SM2" -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
                g.initialize(new ECGenParameterSpec("sm2p256v1"));
                return g.generateKeyPair();
            }
            case "P-256" -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
                g.initialize(new ECGenParameterSpec("secp256r1"));
                return g.generateKeyPair();
            }
            default -> throw new IllegalArgumentException(algorithm);
        }
    }

    static String signatureAlgorithm(String algorithm) {
        return switch (algorithm) {
            case "RSA" -> "SHA256withRSA";
            case "SM2" -> "SM3withSM2";
            default -> "SHA256withECDSA";
        };
    }

    /** A self-signed certificate valid from yesterday for a year. */
    static Issued selfSigned(String subject, String algorithm) throws Exception {
        KeyPair keys = keyPair(algorithm);
        X500Name dn = new X500Name(subject);
        Instant now = Instant.now();
        String signatureAlgorithm = signatureAlgorithm(algorithm);
        X509CertificateHolder c = new JcaX509v3CertificateBuilder(dn, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(365, ChronoUnit.DAYS)), dn, keys.getPublic())
                .build(new JcaContentSignerBuilder(signatureAlgorithm).setProvider(BC).build(keys.getPrivate()));
        return new Issued(c, keys, signatureAlgorithm);
    }

    /** A PKCS#12 file holding {@code issued} under {@code alias}. */
    static Path keyStore(Path file, Issued issued, String alias, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12", BC);
        store.load(null, null);
        store.setKeyEntry(alias, issued.keys().getPrivate(), password.toCharArray(),
                new Certificate[] {new JcaX509CertificateConverter().setProvider(BC).getCertificate(issued.certificate())});
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    /** A detached CMS signature of {@code document} by {@code signer}, DER, with or without its certificate. */
    static byte[] sign(byte[] document, Issued signer, boolean withCertificate) throws Exception {
        CMSSignedDataGenerator g = new CMSSignedDataGenerator();
        g.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().setProvider(BC).build())
                .build(new JcaContentSignerBuilder(signer.signatureAlgorithm()).setProvider(BC).build(signer.keys().getPrivate()),
                        signer.certificate()));
        if (withCertificate) {
            g.addCertificates(new CollectionStore<>(java.util.List.of(signer.certificate())));
        }
        return g.generate(new CMSProcessableByteArray(document), false).getEncoded("DER");
    }
}
