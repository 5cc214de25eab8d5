package org.lvyue.pki.internal;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Real certificates and CRLs for the tests, made with BouncyCastle: RSA and SM2 (SM3withSM2)
 * authorities and leaves, valid, expired, weak (RSA 1024 with SHA-1), and a CRL revoking a serial.
 * The provider instance is passed explicitly, never registered globally.
 */
public final class TestPki {
    public static final BouncyCastleProvider BC = new BouncyCastleProvider();

    public record Issued(X509CertificateHolder certificate, KeyPair keys) {
    }

    private TestPki() {
    }

    public static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", BC);
        g.initialize(bits);
        return g.generateKeyPair();
    }

    public static KeyPair sm2() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
        g.initialize(new ECGenParameterSpec("sm2p256v1"));
        return g.generateKeyPair();
    }

    public static Issued authority(String name, KeyPair keys, String signatureAlgorithm) throws Exception {
        X500Name dn = new X500Name(name);
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(dn, BigInteger.ONE, Date.from(now.minus(365, ChronoUnit.DAYS)),
                Date.from(now.plus(3650, ChronoUnit.DAYS)), dn, keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        return new Issued(b.build(signer(signatureAlgorithm, keys)), keys);
    }

    /** A subordinate CA issued by {@code parent}. */
    public static Issued intermediate(Issued parent, String name, long serial, KeyPair keys, String signatureAlgorithm)
            throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(parent.certificate().getSubject(), BigInteger.valueOf(serial),
                Date.from(now.minus(300, ChronoUnit.DAYS)), Date.from(now.plus(1800, ChronoUnit.DAYS)), new X500Name(name),
                keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        return new Issued(b.build(signer(signatureAlgorithm, parent.keys())), keys);
    }

    public static Issued leaf(Issued ca, String name, long serial, KeyPair keys, String signatureAlgorithm, Instant notBefore,
                       Instant notAfter) throws Exception {
        return leaf(ca, name, serial, keys, signatureAlgorithm, notBefore, notAfter, false);
    }

    /** A leaf; a server one carries the serverAuth extended key usage. */
    public static Issued leaf(Issued ca, String name, long serial, KeyPair keys, String signatureAlgorithm, Instant notBefore,
                              Instant notAfter, boolean server) throws Exception {
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca.certificate().getSubject(), BigInteger.valueOf(serial),
                Date.from(notBefore), Date.from(notAfter), new X500Name(name), keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        if (server) {
            b.addExtension(Extension.extendedKeyUsage, false,
                    new org.bouncycastle.asn1.x509.ExtendedKeyUsage(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_serverAuth));
        }
        return new Issued(b.build(signer(signatureAlgorithm, ca.keys())), keys);
    }

    public static X509CRLHolder crl(Issued ca, String signatureAlgorithm, long... revokedSerials) throws Exception {
        return crl(ca, signatureAlgorithm, Instant.now(), revokedSerials);
    }

    /** A CRL issued at {@code thisUpdate}, next update a day later. */
    public static X509CRLHolder crl(Issued ca, String signatureAlgorithm, Instant thisUpdate, long... revokedSerials)
            throws Exception {
        return crl(ca, signatureAlgorithm, thisUpdate, thisUpdate.plus(1, ChronoUnit.DAYS), revokedSerials);
    }

    /** A CRL issued at {@code thisUpdate} that announces its next update at {@code nextUpdate}. */
    public static X509CRLHolder crl(Issued ca, String signatureAlgorithm, Instant thisUpdate, Instant nextUpdate,
                                    long... revokedSerials) throws Exception {
        Instant now = thisUpdate;
        X509v2CRLBuilder b = new X509v2CRLBuilder(ca.certificate().getSubject(), Date.from(now));
        b.setNextUpdate(Date.from(nextUpdate));
        for (long serial : revokedSerials) {
            b.addCRLEntry(BigInteger.valueOf(serial), Date.from(now.minus(2, ChronoUnit.DAYS)), CRLReason.keyCompromise);
        }
        return b.build(signer(signatureAlgorithm, ca.keys()));
    }

    public static ContentSigner signer(String algorithm, KeyPair keys) throws Exception {
        return new JcaContentSignerBuilder(algorithm).setProvider(BC).build(keys.getPrivate());
    }

    public static String pem(Object... objects) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                w.writeObject(o);
            }
        }
        return out.toString();
    }
}
