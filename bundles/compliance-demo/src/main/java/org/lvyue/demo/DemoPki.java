package org.lvyue.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcRSAContentSignerBuilder;

/**
 * The PKI of the demo year as real X.509, made with BouncyCastle's lightweight API: an SM2 user CA
 * (SM3withSM2) that issued the 22,500 user certificates of 附件二 4 and signs the CRL, and an RSA server CA
 * (SHA256withRSA) that issued the business systems' TLS certificates; both are self-signed roots, the trust
 * anchors. Every byte follows from the seed: keys come from {@link SeededRandom}, and each SM2 signature's
 * nonce from a random seeded with the certificate's serial, so certificates can be signed in parallel.
 *
 * <p>To stay fast, subject key pairs come from a small pool (8 SM2 and 4 RSA key pairs) shared across
 * certificates: generating 22,500 key pairs would cost more than signing, and nothing checked here (chains,
 * signatures, expiry, revocation, algorithms) looks at whether two certificates certify the same key.
 */
final class DemoPki {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final X9ECParameters SM2 = GMNamedCurves.getByOID(GMObjectIdentifiers.sm2p256v1);
    private static final ECNamedDomainParameters SM2_DOMAIN = new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, SM2);
    private static final String ORG = "北京市人力资源和社会保障局";
    private static final String[] UNITS = {"东城区人力资源和社会保障局", "西城区人力资源和社会保障局", "朝阳区人力资源和社会保障局",
            "海淀区人力资源和社会保障局", "丰台区人力资源和社会保障局", "石景山区人力资源和社会保障局", "通州区人力资源和社会保障局",
            "门头沟区人力资源和社会保障局", "房山区人力资源和社会保障局", "顺义区人力资源和社会保障局", "昌平区人力资源和社会保障局",
            "大兴区人力资源和社会保障局", "怀柔区人力资源和社会保障局", "平谷区人力资源和社会保障局", "密云区人力资源和社会保障局",
            "延庆区人力资源和社会保障局", "北京市社会保险基金管理中心", "北京市社会保障卡服务中心", "北京市职业技能鉴定管理中心",
            "北京市人事考试中心"};

    /** A server certificate and the business system it serves. */
    record Server(Names.BusinessSystem system, X509CertificateHolder certificate) {
    }

    /** Everything made, with what the facts and the violations need to name. */
    record Result(X509CertificateHolder userCa, X509CertificateHolder serverCa, int userCertificates, List<Server> servers,
                  X509CertificateHolder expiredInUse, Names.BusinessSystem expiredSystem, X509CertificateHolder revokedInUse,
                  LocalDateTime revokedAt, int crlEntries, LocalDateTime crlThisUpdate, byte[] zip, byte[] crl,
                  List<byte[]> anchors, long millis) {
    }

    private final long seed;
    private final AsymmetricCipherKeyPair userCaKey;
    private final AsymmetricCipherKeyPair serverCaKey;
    private final List<SubjectPublicKeyInfo> sm2Pool = new ArrayList<>();
    private final List<SubjectPublicKeyInfo> rsaPool = new ArrayList<>();
    private final X500Name userCaName = name(null, "北京市人社局 SM2 用户 CA");
    private final X500Name serverCaName = name(null, "北京市人社局 RSA 服务器 CA");

    private DemoPki(long seed) {
        this.seed = seed;
        this.userCaKey = sm2Key("user-ca");
        this.serverCaKey = rsaKey("server-ca");
        for (int i = 0; i < 8; i++) {
            sm2Pool.add(spki(sm2Key("user-" + i)));
        }
        for (int i = 0; i < 4; i++) {
            rsaPool.add(spki(rsaKey("server-" + i)));
        }
        ECPrivateKeyParameters caPrivate = (ECPrivateKeyParameters) userCaKey.getPrivate();
        this.userSigner = ThreadLocal.withInitial(() -> new Sm2ContentSigner(caPrivate, new SeededRandom(seed, "unused")));
    }

    /**
     * @param serversIssued the day the servers' certificates were replaced (the yearly task ia.y01)
     */
    static Result generate(long seed, double scale, LocalDate from, LocalDate to, LocalDate serversIssued) {
        long t0 = System.nanoTime();
        DemoPki pki = new DemoPki(seed);
        Rng r = Rng.of(seed, "pki");
        LocalDateTime caStart = LocalDate.of(2021, 1, 1).atStartOfDay();
        X509CertificateHolder userCa = pki.ca(pki.userCaName, pki.userCaKey, caStart, pki.sm2Signer(pki.userCaKey, "ca"));
        X509CertificateHolder serverCa = pki.ca(pki.serverCaName, pki.serverCaKey, caStart, pki.rsaSigner());

        // user certificates, each issued on a day of the range (the service issues, renews and replaces them), valid three years
        int users = Math.max(2, (int) Math.round(22_500 * scale));
        int expiredIndex = r.nextInt(users);
        int revokedIndex = (expiredIndex + 1 + r.nextInt(users - 1)) % users;
        LocalDate firstIssue = LocalDate.of(2021, 1, 4).isBefore(from) ? from : LocalDate.of(2021, 1, 4);
        long issueDays = Math.max(1, java.time.temporal.ChronoUnit.DAYS.between(firstIssue, to));
        long serialBase = (r.nextLong() & 0x3FFF_FFFFL) << 32;
        Names.BusinessSystem expiredSystem = Names.SYSTEMS.get(1); // 社保卡管理系统
        byte[][] userPems = IntStream.range(0, users).parallel().mapToObj(i -> {
            Rng u = Rng.of(seed, "user-cert-" + i);
            BigInteger serial = BigInteger.valueOf(serialBase | (i + 1));
            X500Name subject;
            LocalDateTime notBefore;
            LocalDateTime notAfter;
            if (i == expiredIndex) {
                // the interface account of the card system: issued for two years, expired on 2022-12-31, still bound to it
                subject = name(expiredSystem.name(), expiredSystem.name() + "接口账户");
                notBefore = LocalDate.of(2021, 1, 11).atTime(10, 12, 40);
                notAfter = LocalDate.of(2022, 12, 31).atTime(23, 59, 59);
            } else {
                subject = name(UNITS[u.nextInt(UNITS.length)], Names.person(u));
                notBefore = firstIssue.plusDays(u.nextInt((int) issueDays)).atTime(9 + u.nextInt(8), u.nextInt(60), u.nextInt(60));
                notAfter = notBefore.plusYears(3).minusSeconds(1);
            }
            X509CertificateHolder c = pki.user(serial, subject, pki.sm2Pool.get(i % 8), notBefore, notAfter);
            return pem("CERTIFICATE", encoded(c));
        }).toArray(byte[][]::new);
        X509CertificateHolder expired = parse(userPems[expiredIndex]);
        X509CertificateHolder revokedInUse = parse(userPems[revokedIndex]);

        List<Server> servers = new ArrayList<>();
        for (int i = 0; i < Names.SYSTEMS.size(); i++) {
            Names.BusinessSystem s = Names.SYSTEMS.get(i);
            LocalDateTime nb = serversIssued.atTime(10, 0).plusMinutes(7L * i);
            servers.add(new Server(s, pki.server(BigInteger.valueOf(0x5E00 + i + 1), s.host(), pki.rsaPool.get(i % 4), nb,
                    nb.plusDays(395))));
        }

        // the CRL of the user CA: certificates revoked and replaced (补办) before, none of them still uploaded,
        // and one that was revoked yet is still in use (injected)
        int revokedCount = Math.max(3, (int) Math.round(300 * scale));
        LocalDateTime thisUpdate = to.atTime(1, 0);
        X509v2CRLBuilder crl = new X509v2CRLBuilder(pki.userCaName, date(thisUpdate));
        crl.setNextUpdate(date(thisUpdate.plusDays(1)));
        TreeMap<BigInteger, LocalDateTime> revoked = new TreeMap<>();
        int[] reasons = {CRLReason.keyCompromise, CRLReason.superseded, CRLReason.cessationOfOperation, CRLReason.affiliationChanged};
        for (int i = 0; i < revokedCount; i++) {
            LocalDateTime at = firstIssue.plusDays(30 + r.nextInt((int) Math.max(1, issueDays - 31)))
                    .atTime(9 + r.nextInt(9), r.nextInt(60), r.nextInt(60));
            revoked.put(BigInteger.valueOf(serialBase | (10_000_000L + i)), at);
        }
        LocalDateTime revokedAt = LocalDate.of(2022, 11, 8).atTime(15, 21, 7);
        if (revokedAt.isAfter(thisUpdate)) {
            revokedAt = thisUpdate.minusHours(2);
        }
        revoked.put(revokedInUse.getSerialNumber(), revokedAt);
        int n = 0;
        for (var e : revoked.entrySet()) {
            crl.addCRLEntry(e.getKey(), date(e.getValue()), e.getKey().equals(revokedInUse.getSerialNumber())
                    ? CRLReason.keyCompromise : reasons[n++ % reasons.length]);
        }
        byte[] crlDer;
        try {
            crl.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(
                    java.time.temporal.ChronoUnit.DAYS.between(LocalDate.of(2021, 1, 1), to))));
            crlDer = crl.build(pki.sm2Signer(pki.userCaKey, "crl")).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        ByteArrayOutputStream zipBytes = new ByteArrayOutputStream(users * 900);
        LocalDateTime stamp = to.atTime(18, 0);
        try (ZipOutputStream zip = new ZipOutputStream(zipBytes)) {
            entry(zip, "ca/sm2-user-ca.pem", pem("CERTIFICATE", encoded(userCa)), stamp);
            entry(zip, "ca/rsa-server-ca.pem", pem("CERTIFICATE", encoded(serverCa)), stamp);
            for (Server s : servers) {
                entry(zip, "servers/" + s.system().host() + ".pem", pem("CERTIFICATE", encoded(s.certificate())), stamp);
            }
            for (int i = 0; i < users; i++) {
                entry(zip, "users/" + (i + 1) + ".pem", userPems[i], stamp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<byte[]> anchors = List.of(pem("CERTIFICATE", encoded(userCa)), pem("CERTIFICATE", encoded(serverCa)));
        return new Result(userCa, serverCa, users, List.copyOf(servers), expired, expiredSystem, revokedInUse, revokedAt,
                revoked.size(), thisUpdate, zipBytes.toByteArray(), crlDer, anchors, (System.nanoTime() - t0) / 1_000_000);
    }

    // --- certificates

    private X509CertificateHolder ca(X500Name name, AsymmetricCipherKeyPair key, LocalDateTime notBefore, ContentSigner signer) {
        X509v3CertificateBuilder b = new X509v3CertificateBuilder(name, BigInteger.ONE, date(notBefore),
                date(notBefore.plusYears(20)), name, spki(key));
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } catch (CertIOException e) {
            throw new UncheckedIOException(e);
        }
        return b.build(signer);
    }

    private X509CertificateHolder user(BigInteger serial, X500Name subject, SubjectPublicKeyInfo key, LocalDateTime notBefore,
                                       LocalDateTime notAfter) {
        X509v3CertificateBuilder b = new X509v3CertificateBuilder(userCaName, serial, date(notBefore), date(notAfter), subject, key);
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        } catch (CertIOException e) {
            throw new UncheckedIOException(e);
        }
        Sm2ContentSigner signer = userSigner.get();
        signer.random.reseed("sm2-sig/cert-" + serial.toString(16));
        return b.build(signer);
    }

    private X509CertificateHolder server(BigInteger serial, String host, SubjectPublicKeyInfo key, LocalDateTime notBefore,
                                         LocalDateTime notAfter) {
        X509v3CertificateBuilder b = new X509v3CertificateBuilder(serverCaName, serial, date(notBefore), date(notAfter),
                new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "CN").addRDN(BCStyle.O, ORG).addRDN(BCStyle.CN, host).build(),
                key);
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, host)));
        } catch (CertIOException e) {
            throw new UncheckedIOException(e);
        }
        return b.build(rsaSigner());
    }

    private static X500Name name(String unit, String cn) {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "CN").addRDN(BCStyle.O, ORG);
        if (unit != null) {
            b.addRDN(BCStyle.OU, unit);
        }
        return b.addRDN(BCStyle.CN, cn).build();
    }

    // --- keys and signers

    private AsymmetricCipherKeyPair sm2Key(String label) {
        ECKeyPairGenerator g = new ECKeyPairGenerator();
        g.init(new ECKeyGenerationParameters(SM2_DOMAIN, new SeededRandom(seed, "sm2-key/" + label)));
        return g.generateKeyPair();
    }

    private AsymmetricCipherKeyPair rsaKey(String label) {
        RSAKeyPairGenerator g = new RSAKeyPairGenerator();
        g.init(new RSAKeyGenerationParameters(BigInteger.valueOf(65537), new SeededRandom(seed, "rsa-key/" + label), 2048, 100));
        return g.generateKeyPair();
    }

    private static SubjectPublicKeyInfo spki(AsymmetricCipherKeyPair key) {
        return spki(key.getPublic());
    }

    private static SubjectPublicKeyInfo spki(AsymmetricKeyParameter key) {
        try {
            return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One signer per thread for the user certificates, its random re-seeded per certificate: initialising BouncyCastle's
     * SM2Signer derives the public point (a scalar multiplication), which would double the cost of each certificate.
     */
    private final ThreadLocal<Sm2ContentSigner> userSigner;

    private ContentSigner sm2Signer(AsymmetricCipherKeyPair key, String label) {
        return new Sm2ContentSigner((ECPrivateKeyParameters) key.getPrivate(), new SeededRandom(seed, "sm2-sig/" + label));
    }

    private ContentSigner rsaSigner() {
        AlgorithmIdentifier sig = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withRSA");
        AlgorithmIdentifier digest = new DefaultDigestAlgorithmIdentifierFinder().find(sig);
        try {
            return new BcRSAContentSignerBuilder(sig, digest).build(serverCaKey.getPrivate());
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SM3withSM2 (GB/T 32918, default user id) over BouncyCastle's SM2Signer, with the nonce from the given random. */
    private static final class Sm2ContentSigner implements ContentSigner {
        private static final AlgorithmIdentifier ALGORITHM = new AlgorithmIdentifier(GMObjectIdentifiers.sm2sign_with_sm3);
        private final SM2Signer signer = new SM2Signer();
        final SeededRandom random;

        Sm2ContentSigner(ECPrivateKeyParameters key, SeededRandom random) {
            this.random = random;
            signer.init(true, new ParametersWithRandom(key, random));
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return ALGORITHM;
        }

        @Override
        public OutputStream getOutputStream() {
            return new OutputStream() {
                @Override
                public void write(int b) {
                    signer.update((byte) b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    signer.update(b, off, len);
                }
            };
        }

        @Override
        public byte[] getSignature() {
            try {
                return signer.generateSignature();
            } catch (CryptoException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    // --- encodings, and the identifiers compliance-pki gives the facts of these artefacts

    static Date date(LocalDateTime t) {
        return Date.from(t.atZone(BEIJING).toInstant());
    }

    static LocalDate day(Date d) {
        return d.toInstant().atZone(BEIJING).toLocalDate();
    }

    static byte[] encoded(X509CertificateHolder c) {
        try {
            return c.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static X509CertificateHolder parse(byte[] pem) {
        String text = new String(pem, StandardCharsets.US_ASCII);
        String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return new X509CertificateHolder(Base64.getDecoder().decode(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static X509CRLHolder parseCrl(byte[] der) {
        try {
            return new X509CRLHolder(der);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static void entry(ZipOutputStream zip, String name, byte[] content, LocalDateTime stamp) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTimeLocal(stamp); // a fixed time, whatever the JVM's zone: the archive's bytes follow from the seed alone
        zip.putNextEntry(e);
        zip.write(content);
        zip.closeEntry();
    }

    /** {@code cert-} and the first 32 hex digits of the SHA-256 of the DER, as compliance-pki names a certificate fact. */
    static String certificateId(X509CertificateHolder c) {
        return "cert-" + sha256(encoded(c)).substring(0, 32);
    }

    /** {@code <serial hex>@<issuer id>}, the subject compliance-pki gives a certificate and its revocation. */
    static String ref(X509CertificateHolder c) {
        try {
            return c.getSerialNumber().toString(16) + "@" + sha256(c.getIssuer().getEncoded()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The id compliance-pki gives the revocation entry of {@code c} in its issuer's CRL. */
    static String revokedId(X509CertificateHolder c) {
        try {
            return "rev-" + sha256(c.getIssuer().getEncoded()).substring(0, 16) + "-" + c.getSerialNumber().toString(16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The id of the pki.binding fact compliance-pki records when {@code c} is uploaded for {@code system}. */
    static String bindingId(X509CertificateHolder c, String system) {
        return "bind-" + certificateId(c).substring(5, 29) + "-" + sha256(system.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
