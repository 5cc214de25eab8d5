package org.lvyue.signing.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Opens the configured PKCS#12 key store, or creates one with a demo key when there is none. Every
 * failure names the file and what is wrong with it. BouncyCastle's provider is used as an instance,
 * never registered globally (as in the PKI bundle): the JDK's own PKCS#12 cannot read SM2 keys.
 */
final class SigningKeys {
    static final BouncyCastleProvider BC = new BouncyCastleProvider();
    static final String KARAF_ETC = "${karaf.etc}";
    static final String DEFAULT_KEY_STORE = KARAF_ETC + "/signing/report-signing.p12";
    static final X500Name DEMO_SUBJECT = new X500Name("CN=履约 报告签名演示密钥 (demo),O=Lvyue");
    static final String SHA256_WITH_RSA = "SHA256withRSA";
    static final String SM3_WITH_SM2 = "SM3withSM2";
    /** What the demo key store is written as: 3DES for the key and the certificate (OpenSSL 3 reads it, unlike RC2). */
    private static final String WRITE_TYPE = "PKCS12-3DES-3DES";

    private SigningKeys() {
    }

    /**
     * The key store's absolute path: {@code ${karaf.etc}} replaced by {@code karafEtc}, a relative path
     * read from {@code karafEtc}. Without {@code karafEtc} (outside Karaf) only an absolute path is accepted.
     */
    static Path resolve(String configured, String karafEtc) {
        String value = configured == null || configured.isBlank() ? DEFAULT_KEY_STORE : configured.trim();
        boolean noEtc = karafEtc == null || karafEtc.isBlank();
        if (value.contains(KARAF_ETC)) {
            if (noEtc) {
                throw SigningKeyException.of(value, "路径含 " + KARAF_ETC + "，但系统属性 karaf.etc 未设置；请把 keyStore 配置为绝对路径",
                        "the path holds " + KARAF_ETC + " but the system property karaf.etc is not set; configure keyStore "
                                + "as an absolute path", null);
            }
            value = value.replace(KARAF_ETC, karafEtc.trim());
        }
        try {
            Path path = Path.of(value);
            if (!path.isAbsolute()) {
                if (noEtc) {
                    throw SigningKeyException.of(value, "相对路径需要系统属性 karaf.etc，但它未设置；请把 keyStore 配置为绝对路径",
                            "a relative path needs the system property karaf.etc, which is not set; configure keyStore as an "
                                    + "absolute path", null);
                }
                path = Path.of(karafEtc.trim()).resolve(path);
            }
            return path.toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw SigningKeyException.of(value, "不是合法的文件路径：" + e.getReason(), "not a valid path: " + e.getReason(), e);
        }
    }

    /** The key of an existing key store; a store that cannot be used is an exception naming the file and the reason. */
    static SigningKey open(Path file, char[] password, String alias) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw SigningKeyException.of(file, "无法读取文件（" + e + "）", "cannot read the file (" + e + ")", e);
        }
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12", BC);
            store.load(new ByteArrayInputStream(bytes), password);
        } catch (IOException e) {
            if (wrongPassword(e)) {
                throw SigningKeyException.of(file, "密码错误（配置项 .keyStorePassword）", "wrong password (.keyStorePassword)", e);
            }
            throw SigningKeyException.of(file, "不是 PKCS#12 密钥库，或文件已损坏（" + e.getMessage() + "）",
                    "not a PKCS#12 key store, or a damaged one (" + e.getMessage() + ")", e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw SigningKeyException.of(file, "不是 PKCS#12 密钥库，或文件已损坏（" + e + "）",
                    "not a PKCS#12 key store, or a damaged one (" + e + ")", e);
        }
        try {
            String entry = alias == null ? "" : alias.trim();
            if (!store.containsAlias(entry)) {
                String present = String.join(", ", Collections.list(store.aliases()));
                throw SigningKeyException.of(file, "没有别名为 '" + entry + "' 的条目（配置项 alias）；密钥库中的别名：" + present,
                        "no entry with the alias '" + entry + "' (alias); the aliases present: " + present, null);
            }
            if (!store.isKeyEntry(entry)) {
                throw SigningKeyException.of(file, "别名 '" + entry + "' 是证书条目，不是私钥条目", "the entry '" + entry
                        + "' is a certificate, not a private key", null);
            }
            Key key;
            try {
                key = store.getKey(entry, password);
            } catch (UnrecoverableKeyException e) {
                throw SigningKeyException.of(file, "私钥无法用配置的密码解开（私钥密码须与 .keyStorePassword 相同）",
                        "the private key cannot be decrypted with the configured password (it must equal .keyStorePassword)", e);
            }
            if (!(key instanceof PrivateKey privateKey)) {
                throw SigningKeyException.of(file, "别名 '" + entry + "' 不是私钥", "the entry '" + entry + "' is not a private key",
                        null);
            }
            List<X509CertificateHolder> chain = new ArrayList<>();
            Certificate[] certificates = store.getCertificateChain(entry);
            if (certificates == null || certificates.length == 0) {
                Certificate single = store.getCertificate(entry);
                certificates = single == null ? new Certificate[0] : new Certificate[] {single};
            }
            for (Certificate c : certificates) {
                chain.add(new X509CertificateHolder(c.getEncoded()));
            }
            if (chain.isEmpty()) {
                throw SigningKeyException.of(file, "私钥 '" + entry + "' 没有证书", "the key '" + entry + "' has no certificate", null);
            }
            X509CertificateHolder certificate = chain.get(0);
            String algorithm = signatureAlgorithm(file, certificate);
            checkPair(file, privateKey, certificate, algorithm);
            return new SigningKey(file, privateKey, certificate, List.copyOf(chain), algorithm, sha256(certificate.getEncoded()),
                    DEMO_SUBJECT.equals(certificate.getSubject()));
        } catch (GeneralSecurityException | IOException e) {
            throw SigningKeyException.of(file, "无法读取其中的密钥或证书（" + e + "）", "cannot read its key or certificate (" + e + ")",
                    e);
        }
    }

    /**
     * A new key store at {@code file} with a demo key of {@code algorithm} ({@code RSA}: 2048 bits; {@code SM2}:
     * sm2p256v1) and a self-signed certificate valid ten years, readable by its owner only where the file
     * system has POSIX permissions.
     */
    static SigningKey generate(Path file, char[] password, String alias, String algorithm) {
        String kind = algorithm == null ? "" : algorithm.trim().toUpperCase(Locale.ROOT);
        if (!kind.equals("RSA") && !kind.equals("SM2")) {
            throw SigningKeyException.of(file, "无法生成演示密钥：配置项 algorithm 的值 '" + algorithm + "' 不支持，应为 RSA 或 SM2",
                    "cannot generate the demo key: algorithm '" + algorithm + "' is not supported, use RSA or SM2", null);
        }
        String entry = alias == null || alias.isBlank() ? "report-signing" : alias.trim();
        try {
            SecureRandom random = new SecureRandom();
            KeyPair keys;
            String signatureAlgorithm;
            if (kind.equals("RSA")) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", BC);
                g.initialize(2048, random);
                keys = g.generateKeyPair();
                signatureAlgorithm = SHA256_WITH_RSA;
            } else {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
                g.initialize(new ECGenParameterSpec("sm2p256v1"), random);
                keys = g.generateKeyPair();
                signatureAlgorithm = SM3_WITH_SM2;
            }
            // a few minutes back, so a signature made at once is within the validity whatever the rounding
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Date notBefore = Date.from(now.minus(5, ChronoUnit.MINUTES));
            Date notAfter = Date.from(ZonedDateTime.now(java.time.ZoneOffset.UTC).plusYears(10).toInstant());
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(DEMO_SUBJECT,
                    new BigInteger(127, random).add(BigInteger.ONE), notBefore, notAfter, DEMO_SUBJECT, keys.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm).setProvider(BC).build(keys.getPrivate());
            X509CertificateHolder certificate = builder.build(signer);

            KeyStore store = KeyStore.getInstance(WRITE_TYPE, BC);
            store.load(null, null);
            store.setKeyEntry(entry, keys.getPrivate(), password,
                    new Certificate[] {new JcaX509CertificateConverter().setProvider(BC).getCertificate(certificate)});
            write(file, store, password);
        } catch (IOException | GeneralSecurityException | OperatorCreationException | RuntimeException e) {
            if (e instanceof SigningKeyException s) {
                throw s;
            }
            throw SigningKeyException.of(file, "无法生成演示密钥库（" + e + "）", "cannot create the demo key store (" + e + ")", e);
        }
        return open(file, password, entry);
    }

    /** Writes the store next to {@code file} and moves it in place, so a half-written key store is never seen. */
    private static void write(Path file, KeyStore store, char[] password) throws IOException, GeneralSecurityException {
        Path parent = file.getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve(file.getFileName() + ".tmp-" + Long.toHexString(System.nanoTime()));
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(
                    EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
        } else {
            Files.createFile(tmp);
        }
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                store.store(out, password);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** SHA256withRSA for an RSA certificate, SM3withSM2 for an SM2 one; any other key is refused. */
    static String signatureAlgorithm(Path file, X509CertificateHolder certificate) {
        AlgorithmIdentifier key = certificate.getSubjectPublicKeyInfo().getAlgorithm();
        ASN1ObjectIdentifier oid = key.getAlgorithm();
        if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return SHA256_WITH_RSA;
        }
        ASN1Encodable parameters = key.getParameters();
        if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey) && parameters instanceof ASN1ObjectIdentifier curve
                && curve.equals(GMObjectIdentifiers.sm2p256v1)) {
            return SM3_WITH_SM2;
        }
        String what = oid.equals(X9ObjectIdentifiers.id_ecPublicKey) ? "EC（曲线 " + parameters + "）" : oid.getId();
        String whatEn = oid.equals(X9ObjectIdentifiers.id_ecPublicKey) ? "EC (curve " + parameters + ")" : oid.getId();
        throw SigningKeyException.of(file, "不支持的密钥类型 " + what + "；只支持 RSA 和 SM2（sm2p256v1）",
                "unsupported key type " + whatEn + "; only RSA and SM2 (sm2p256v1) are", null);
    }

    /** Signs a probe and verifies it with the certificate: a certificate of another key is refused at once. */
    private static void checkPair(Path file, PrivateKey key, X509CertificateHolder certificate, String algorithm) {
        boolean matches;
        try {
            byte[] probe = "lvyue signing key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            ContentSigner signer = new JcaContentSignerBuilder(algorithm).setProvider(BC).build(key);
            try (OutputStream out = signer.getOutputStream()) {
                out.write(probe);
            }
            byte[] signature = signer.getSignature();
            ContentVerifier verifier = new JcaContentVerifierProviderBuilder().setProvider(BC).build(certificate)
                    .get(signer.getAlgorithmIdentifier());
            try (OutputStream out = verifier.getOutputStream()) {
                out.write(probe);
            }
            matches = verifier.verify(signature);
        } catch (OperatorCreationException | GeneralSecurityException | IOException | RuntimeException e) {
            throw SigningKeyException.of(file, "私钥无法用 " + algorithm + " 签名（" + e + "）",
                    "the private key cannot sign with " + algorithm + " (" + e + ")", e);
        }
        if (!matches) {
            throw SigningKeyException.of(file, "证书与私钥不匹配", "the certificate does not belong to the private key", null);
        }
    }

    private static boolean wrongPassword(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnrecoverableKeyException || t instanceof javax.crypto.BadPaddingException) {
                return true;
            }
            String m = t.getMessage();
            if (m != null && (m.contains("wrong password") || m.contains("mac invalid") || m.contains("password incorrect"))) {
                return true;
            }
        }
        return false;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
