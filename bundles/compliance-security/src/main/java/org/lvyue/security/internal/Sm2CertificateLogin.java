package org.lvyue.security.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.lvyue.api.security.CertificateLogin;
import org.lvyue.api.security.FieldCipher;
import org.lvyue.api.store.LoginCertificates;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link CertificateLogin} with BouncyCastle's SM2 (GB/T 32918) and the store's certificates and taken challenges
 * ({@link LoginCertificates}). A challenge carries its own expiry and an HMAC-SM3 seal under the field key
 * ({@link FieldCipher#mac}), so any node of a cluster knows it as one the product issued without remembering it; the
 * store remembers only the challenges answered, each once.
 */
@Component(service = CertificateLogin.class, immediate = true)
public final class Sm2CertificateLogin implements CertificateLogin {
    static final String CONTEXT = "login.challenge";
    private static final int RANDOM_BYTES = 24;

    private final LoginCertificates store;
    private final FieldCipher cipher;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** When the challenges that had ended were last forgotten: done as challenges are issued, once a lifetime. */
    private volatile Instant forgotten = Instant.EPOCH;

    @Activate
    public Sm2CertificateLogin(@Reference LoginCertificates store, @Reference FieldCipher cipher) {
        this(store, cipher, Clock.systemUTC());
    }

    Sm2CertificateLogin(LoginCertificates store, FieldCipher cipher, Clock clock) {
        this.store = store;
        this.cipher = cipher;
        this.clock = clock;
    }

    @Override
    public Challenge challenge() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        Instant expires = clock.instant().plus(CHALLENGE_LIFETIME).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String body = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "." + expires.getEpochSecond();
        Instant now = clock.instant();
        if (!forgotten.plus(CHALLENGE_LIFETIME).isAfter(now)) {
            forgotten = now;
            store.forgetChallenges(now);
        }
        return new Challenge(body + "." + cipher.mac(body, CONTEXT), expires);
    }

    @Override
    public Result verify(String user, String challenge, String audience, byte[] signature) {
        Optional<LoginCertificates.Registration> registration = store.certificate(user);
        if (registration.isEmpty()) {
            return Result.NO_CERTIFICATE;
        }
        Parsed certificate;
        try {
            certificate = parse(registration.get().certificate());
        } catch (IllegalArgumentException e) {
            return Result.CERTIFICATE_NOT_VALID;
        }
        return answered(certificate, user, challenge, audience, signature);
    }

    @Override
    public Registered register(String user, byte[] certificate, String challenge, String audience, byte[] signature) {
        byte[] der = der(certificate);
        Parsed parsed = parse(der);
        Instant now = clock.instant();
        if (now.isAfter(parsed.notAfter())) {
            throw new IllegalArgumentException("证书已于 " + parsed.notAfter() + " 过期");
        }
        if (now.isBefore(parsed.notBefore())) {
            throw new IllegalArgumentException("证书自 " + parsed.notBefore() + " 起才生效");
        }
        Result proof = answered(parsed, user, challenge, audience, signature);
        if (proof == Result.SIGNATURE_REFUSED) {
            throw new IllegalArgumentException("签名验证未通过：须以该证书的私钥对本账号、挑战值与主机名签名，证明持有私钥");
        }
        if (proof != Result.ACCEPTED) {
            throw new IllegalArgumentException(proof.label());
        }
        LoginCertificates.Registration r = new LoginCertificates.Registration(user, der,
                now.truncatedTo(java.time.temporal.ChronoUnit.MICROS), user);
        store.register(r);
        return registered(r);
    }

    /**
     * Whether {@code signature} answers a challenge of this product, in time, with the key of {@code certificate} within
     * its validity, for this account and server; the challenge is taken only when it does, so a wrong answer does not
     * spend the holder's challenge. The one check of a login and of a registration's proof.
     */
    private Result answered(Parsed certificate, String user, String challenge, String audience, byte[] signature) {
        Instant now = clock.instant();
        Instant expires = expiry(challenge);
        if (expires == null || !now.isBefore(expires)) {
            return Result.CHALLENGE_REFUSED;
        }
        if (now.isBefore(certificate.notBefore()) || now.isAfter(certificate.notAfter())) {
            return Result.CERTIFICATE_NOT_VALID;
        }
        if (!signedBy(certificate, CertificateLogin.signedText(user, challenge, audience), signature)) {
            return Result.SIGNATURE_REFUSED;
        }
        return store.spend(sha256(challenge), expires) ? Result.ACCEPTED : Result.CHALLENGE_REFUSED;
    }

    @Override
    public Optional<Registered> registered(String user) {
        return store.certificate(user).map(Sm2CertificateLogin::registered);
    }

    @Override
    public List<Registered> registered() {
        return store.certificates().stream().map(Sm2CertificateLogin::registered).toList();
    }

    @Override
    public boolean remove(String user) {
        return store.unregister(user);
    }

    private static Registered registered(LoginCertificates.Registration r) {
        Parsed p = parse(r.certificate());
        return new Registered(r.user(), p.subject(), sha256(r.certificate()), p.notBefore(), p.notAfter(), r.registeredAt(),
                r.registeredBy());
    }

    /** The challenge's expiry, when its seal is this product's; null otherwise. */
    private Instant expiry(String challenge) {
        if (challenge == null) {
            return null;
        }
        int second = challenge.indexOf('.', challenge.indexOf('.') + 1);
        if (challenge.indexOf('.') < 0 || second < 0) {
            return null;
        }
        String body = challenge.substring(0, second);
        if (!cipher.verifyMac(body, CONTEXT, challenge.substring(second + 1))) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(body.substring(body.indexOf('.') + 1)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean signedBy(Parsed certificate, byte[] text, byte[] signature) {
        if (signature == null || signature.length == 0) {
            return false;
        }
        SM2Signer verifier = new SM2Signer(); // the default signer ID 1234567812345678, DER-encoded (r, s)
        verifier.init(false, certificate.key());
        verifier.update(text, 0, text.length);
        try {
            return verifier.verifySignature(signature);
        } catch (RuntimeException e) {
            return false; // not a DER signature at all
        }
    }

    /** A certificate as this needs it. */
    record Parsed(String subject, Instant notBefore, Instant notAfter, AsymmetricKeyParameter key) {
    }

    /**
     * Reads an X.509 certificate whose key is on the SM2 curve.
     *
     * @throws IllegalArgumentException with the reason in Chinese
     */
    static Parsed parse(byte[] der) {
        Certificate c;
        try {
            c = Certificate.getInstance(der);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("不是 X.509 证书（DER 或 PEM）");
        }
        if (c == null) {
            throw new IllegalArgumentException("不是 X.509 证书（DER 或 PEM）");
        }
        SubjectPublicKeyInfo info = c.getSubjectPublicKeyInfo();
        Object curve = info.getAlgorithm().getParameters();
        if (!(curve instanceof ASN1ObjectIdentifier oid) || !oid.equals(GMObjectIdentifiers.sm2p256v1)) {
            throw new IllegalArgumentException("证书的公钥不是 SM2 密钥（须为 " + KEY_CURVE + " 曲线，OID "
                    + GMObjectIdentifiers.sm2p256v1 + "）");
        }
        try {
            return new Parsed(c.getSubject().toString(), c.getStartDate().getDate().toInstant(),
                    c.getEndDate().getDate().toInstant(), PublicKeyFactory.createKey(info));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("证书无法读取：" + e.getMessage());
        }
    }

    /** DER as given, or the first certificate of PEM text. */
    static byte[] der(byte[] given) {
        String text = new String(given, StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN CERTIFICATE-----");
        if (begin < 0) {
            return given;
        }
        int end = text.indexOf("-----END CERTIFICATE-----", begin);
        if (end < 0) {
            throw new IllegalArgumentException("PEM 证书缺少 -----END CERTIFICATE-----");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM 证书的 Base64 内容无法读取");
        }
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
