package org.lvyue.engine.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The tool a domain bundle's author signs it with, outside the product ({@code bin/sign-bundle}):
 *
 * <pre>
 * sign-bundle new-key vendor.p12 "CN=某公司 规则包签名,O=某公司"   an SM2 key and its certificate (10 years)
 * sign-bundle sign vendor.p12 domain-x.jar domain-x-signed.jar
 * sign-bundle fingerprint vendor.p12                              what the operator puts in trustedBundleSigners
 * </pre>
 *
 * The key store's password comes from {@code LVYUE_KEY_PASSWORD}, or is asked for on the console; never an argument,
 * which other users of the machine could read.
 */
public final class BundleSigner {
    static final String ALIAS = "signer";
    static final String PASSWORD_VARIABLE = "LVYUE_KEY_PASSWORD";

    private BundleSigner() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            usage();
            return;
        }
        Path store = Path.of(args[1]);
        switch (args[0]) {
            case "new-key" -> {
                if (args.length != 3) {
                    usage();
                    return;
                }
                String fingerprint = newKey(store, password(true), args[2]);
                System.out.println("已生成 SM2 签名密钥 " + store + " (an SM2 key and its certificate)");
                System.out.println("证书 SHA-256 (trustedBundleSigners): " + fingerprint);
            }
            case "sign" -> {
                if (args.length != 4) {
                    usage();
                    return;
                }
                String fingerprint = sign(store, password(false), Path.of(args[2]), Path.of(args[3]));
                System.out.println("已签名 " + args[3] + "，签名者证书 SHA-256 " + fingerprint + " (signed)");
            }
            case "fingerprint" -> System.out.println(fingerprint(store, password(false)));
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("""
                用法 (usage):
                  sign-bundle new-key <key.p12> <subject, e.g. "CN=某公司 规则包签名,O=某公司">
                  sign-bundle sign <key.p12> <domain.jar> <signed.jar>
                  sign-bundle fingerprint <key.p12>
                口令取自环境变量 LVYUE_KEY_PASSWORD，未设置时在终端输入 (the password from LVYUE_KEY_PASSWORD, else asked)""");
        System.exit(2);
    }

    private static char[] password(boolean twice) {
        String given = System.getenv(PASSWORD_VARIABLE);
        if (given != null && !given.isEmpty()) {
            return given.toCharArray();
        }
        if (System.console() == null) {
            throw new IllegalStateException("没有终端可输入口令，请设置 " + PASSWORD_VARIABLE + " (no console: set " + PASSWORD_VARIABLE + ")");
        }
        char[] first = System.console().readPassword("密钥库口令 (key store password): ");
        if (twice && !java.util.Arrays.equals(first, System.console().readPassword("再次输入 (again): "))) {
            throw new IllegalArgumentException("两次输入的口令不同 (the passwords differ)");
        }
        return first;
    }

    /** Makes an SM2 key with a self-signed SM3withSM2 certificate in a new PKCS#12 file; its fingerprint. */
    static String newKey(Path store, char[] password, String subject) throws IOException, GeneralSecurityException {
        if (Files.exists(store)) {
            throw new IllegalArgumentException(store + " 已存在，不覆盖 (exists; not overwritten)");
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BundleSignatures.BC);
        generator.initialize(new ECGenParameterSpec("sm2p256v1"), new SecureRandom());
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name(subject);
        Instant now = Instant.now();
        try {
            X509CertificateHolder holder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(3650))), name,
                    pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .build(new JcaContentSignerBuilder("SM3withSM2").setProvider(BundleSignatures.BC).build(pair.getPrivate()));
            X509Certificate certificate = new JcaX509CertificateConverter().setProvider(BundleSignatures.BC).getCertificate(holder);
            KeyStore keys = KeyStore.getInstance("PKCS12", BundleSignatures.BC);
            keys.load(null, null);
            keys.setKeyEntry(ALIAS, pair.getPrivate(), password, new Certificate[] {certificate});
            try (OutputStream out = Files.newOutputStream(store)) {
                keys.store(out, password);
            }
            return BundleSignatures.fingerprint(holder);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** Writes {@code out}: the jar {@code in} with its signature by the key in {@code store}; the signer's fingerprint. */
    static String sign(Path store, char[] password, Path in, Path out) throws IOException, GeneralSecurityException {
        KeyStore keys = load(store, password);
        String alias = keys.containsAlias(ALIAS) ? ALIAS : Collections.list(keys.aliases()).get(0);
        PrivateKey key = (PrivateKey) keys.getKey(alias, password);
        X509Certificate certificate = (X509Certificate) keys.getCertificate(alias);
        byte[] signature;
        try (DomainJarContent content = new DomainJarContent(in)) {
            signature = BundleSignatures.sign(BundleSignatures.contentList(content), key, certificate);
        }
        String entryName = BundleSignatures.ENTRY.substring(1);
        Path written = Files.createTempFile(out.toAbsolutePath().getParent(), ".signing-", ".jar");
        try (JarFile jar = new JarFile(in.toFile()); ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(written))) {
            for (JarEntry e : Collections.list(jar.entries())) {
                if (e.getName().equals(entryName)) {
                    continue; // signed again: the new signature replaces it
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                try (InputStream from = jar.getInputStream(e)) {
                    from.transferTo(zip);
                }
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry(entryName));
            zip.write(signature);
            zip.closeEntry();
        }
        Files.move(written, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return BundleSignatures.fingerprint(new X509CertificateHolder(certificate.getEncoded()));
    }

    static String fingerprint(Path store, char[] password) throws IOException, GeneralSecurityException {
        KeyStore keys = load(store, password);
        String alias = keys.containsAlias(ALIAS) ? ALIAS : Collections.list(keys.aliases()).get(0);
        return BundleSignatures.fingerprint(new X509CertificateHolder(keys.getCertificate(alias).getEncoded()));
    }

    private static KeyStore load(Path store, char[] password) throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12", BundleSignatures.BC);
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, password);
        }
        return keys;
    }
}
