package org.lvyue.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * An SM2 key pair (GB/T 32918, curve sm2p256v1) and a self-signed SM3withSM2 X.509 certificate of it, as a login
 * certificate's holder keeps them, to sign with in tests: BouncyCastle's own SM2, nothing of the product's.
 */
public final class Sm2TestKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final AsymmetricCipherKeyPair pair;
    private final byte[] certificate;

    private Sm2TestKeys(AsymmetricCipherKeyPair pair, byte[] certificate) {
        this.pair = pair;
        this.certificate = certificate;
    }

    /** A new key and its certificate for {@code subject} (e.g. {@code CN=张三}), valid from notBefore to notAfter. */
    public static Sm2TestKeys generate(String subject, Instant notBefore, Instant notAfter) {
        X9ECParameters curve = GMNamedCurves.getByName("sm2p256v1");
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, curve), RANDOM));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        try {
            V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
            tbs.setSerialNumber(new ASN1Integer(new BigInteger(64, RANDOM)));
            tbs.setIssuer(new X500Name(subject));
            tbs.setSubject(new X500Name(subject));
            tbs.setStartDate(new Time(Date.from(notBefore)));
            tbs.setEndDate(new Time(Date.from(notAfter)));
            tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pair.getPublic()));
            AlgorithmIdentifier algorithm = new AlgorithmIdentifier(GMObjectIdentifiers.sm2sign_with_sm3);
            tbs.setSignature(algorithm);
            TBSCertificate body = tbs.generateTBSCertificate();
            byte[] signature = sign(pair, body.getEncoded(ASN1Encoding.DER));
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(body);
            v.add(algorithm);
            v.add(new DERBitString(signature));
            return new Sm2TestKeys(pair, Certificate.getInstance(new DERSequence(v)).getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A key valid from a day ago for a year. */
    public static Sm2TestKeys generate(String subject) {
        Instant now = Instant.now();
        return generate(subject, now.minusSeconds(86_400), now.plusSeconds(365L * 86_400));
    }

    /** The certificate, DER. */
    public byte[] certificate() {
        return certificate.clone();
    }

    /** The certificate as PEM text. */
    public String certificatePem() {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate) + "\n-----END CERTIFICATE-----\n";
    }

    /** The DER-encoded SM3withSM2 signature of {@code text}, with the default signer ID. */
    public byte[] sign(byte[] text) {
        return sign(pair, text);
    }

    private static byte[] sign(AsymmetricCipherKeyPair pair, byte[] text) {
        SM2Signer signer = new SM2Signer();
        signer.init(true, new ParametersWithRandom(pair.getPrivate(), RANDOM));
        signer.update(text, 0, text.length);
        try {
            return signer.generateSignature();
        } catch (CryptoException e) {
            throw new IllegalStateException(e);
        }
    }
}
