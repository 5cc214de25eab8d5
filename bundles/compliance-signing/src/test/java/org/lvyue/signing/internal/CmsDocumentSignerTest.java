package org.lvyue.signing.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.signing.SignatureCheck;
import org.lvyue.api.signing.SignerIdentity;

/** Signing reports with the configured key, RSA and SM2, and checking the signatures, also with OpenSSL. */
class CmsDocumentSignerTest {
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");
    private static final byte[] PDF = ("%PDF-1.7\n% 履约报告 2022 年度\n1 0 obj << /Type /Catalog >> endobj\n"
            + "trailer << /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private CmsDocumentSigner start(String algorithm) {
        return new CmsDocumentSigner(dir.resolve("signing/report-signing.p12"), "changeit", "report-signing", algorithm);
    }

    private static String expectedAlgorithm(String keyAlgorithm) {
        return keyAlgorithm.equals("RSA") ? "SHA256withRSA" : "SM3withSM2";
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "SM2"})
    void firstStartGeneratesADemoKeyStoreAndASecondActivationReusesTheSameKey(String algorithm) throws Exception {
        Path file = dir.resolve("signing/report-signing.p12");
        assertFalse(Files.exists(file));

        SignerIdentity first = start(algorithm).signer();

        assertTrue(Files.isRegularFile(file));
        assertTrue(first.demo());
        assertEquals("CN=履约 报告签名演示密钥 (demo),O=Lvyue", first.subject());
        assertEquals(expectedAlgorithm(algorithm), first.algorithm());
        assertEquals(64, first.certificateSha256().length());
        LocalDate inTenYears = LocalDate.now().plusYears(10);
        assertTrue(Math.abs(first.notAfter().toEpochDay() - inTenYears.toEpochDay()) <= 1, first.notAfter()::toString);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(file));
        }
        try (var left = Files.list(file.getParent())) {
            assertEquals(List.of(file), left.toList(), "no temporary file is left behind");
        }

        // the configured algorithm only matters for a new key: the existing one is kept
        SignerIdentity second = new CmsDocumentSigner(file, "changeit", "report-signing",
                algorithm.equals("RSA") ? "SM2" : "RSA").signer();
        assertEquals(first.certificateSha256(), second.certificateSha256());
        assertEquals(first, second);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "SM2"})
    void aSignedPdfVerifiesAsSignedByTheProductKeyWithTheSigningTime(String algorithm) throws Exception {
        CmsDocumentSigner signer = start(algorithm);
        Instant before = Instant.now().minusSeconds(1);

        byte[] signature = signer.sign(PDF);
        SignatureCheck check = signer.verify(PDF, signature);

        assertTrue(check.valid(), check::toString);
        assertNull(check.reason());
        assertTrue(check.productKey());
        assertEquals(expectedAlgorithm(algorithm), check.algorithm());
        assertEquals(signer.signer().subject(), check.signerSubject());
        assertEquals(signer.signer().certificateSha256(), check.certificateSha256());
        assertNotNull(check.signedAt());
        assertFalse(check.signedAt().isBefore(before.minusSeconds(1)));
        assertFalse(check.signedAt().isAfter(Instant.now().plusSeconds(1)));

        // detached, DER, with the signer certificate embedded
        CMSSignedData signed = new CMSSignedData(signature);
        assertNull(signed.getSignedContent(), "detached: the document is not inside the signature");
        assertArrayEquals(signature, ASN1Primitive.fromByteArray(signature).getEncoded(ASN1Encoding.DER));
        assertEquals(1, signed.getCertificates().getMatches(null).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "SM2"})
    void anAlteredPdfFailsVerificationWithTheReason(String algorithm) {
        CmsDocumentSigner signer = start(algorithm);
        byte[] signature = signer.sign(PDF);
        byte[] altered = PDF.clone();
        altered[20] ^= 1;

        SignatureCheck check = signer.verify(altered, signature);

        assertFalse(check.valid());
        assertTrue(check.reason().startsWith("签名与文档不符"), check.reason());
        assertTrue(check.reason().contains("(the document does not match the signature"), check.reason());
        assertTrue(check.productKey(), "who signed is still told");
        assertEquals(expectedAlgorithm(algorithm), check.algorithm());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "SM2"})
    void aDamagedSignatureValueFailsVerificationWithTheReason(String algorithm) {
        CmsDocumentSigner signer = start(algorithm);
        byte[] signature = signer.sign(PDF);
        // the signature value is the last element of the (single) SignerInfo, so the last byte belongs to it
        signature[signature.length - 1] ^= 1;

        SignatureCheck check = signer.verify(PDF, signature);

        assertFalse(check.valid());
        assertTrue(check.reason().startsWith("签名值无效"), check.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "SM2"})
    void aSignatureByAnotherKeyIsValidButNotByTheProductKey(String algorithm) throws Exception {
        CmsDocumentSigner signer = start(algorithm);
        TestKeys.Issued other = TestKeys.selfSigned("CN=另一家单位,O=Other", algorithm);

        SignatureCheck check = signer.verify(PDF, TestKeys.sign(PDF, other, true));

        assertTrue(check.valid(), check::toString);
        assertFalse(check.productKey());
        assertEquals("CN=另一家单位,O=Other", check.signerSubject());
        assertNotEquals(signer.signer().certificateSha256(), check.certificateSha256());
        assertEquals(expectedAlgorithm(algorithm), check.algorithm());
    }

    @Test
    void aSignatureWithoutItsCertificateCannotBeCheckedAndSaysSo() throws Exception {
        CmsDocumentSigner signer = start("SM2");
        TestKeys.Issued other = TestKeys.selfSigned("CN=Other", "SM2");

        SignatureCheck check = signer.verify(PDF, TestKeys.sign(PDF, other, false));

        assertFalse(check.valid());
        assertTrue(check.reason().startsWith("签名中没有签名者证书"), check.reason());
        assertNull(check.signerSubject());
        assertFalse(check.productKey());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "SM2"})
    void garbageSignatureBytesAreRefusedAsInvalidInputSayingWhatToSend(String algorithm) throws Exception {
        CmsDocumentSigner signer = start(algorithm);
        byte[] random = new byte[300];
        new java.util.Random(7).nextBytes(random);
        byte[] certificate = TestKeys.selfSigned("CN=Not a signature", algorithm).certificate().getEncoded();
        String certificatePem = signer.signer().certificatePem();

        for (byte[] garbage : List.of(random, "not a signature".getBytes(StandardCharsets.UTF_8), certificate,
                certificatePem.getBytes(StandardCharsets.US_ASCII), new byte[] {0x30, 0x03, 0x02, 0x01, 0x01})) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> signer.verify(PDF, garbage));
            assertTrue(e.getMessage().startsWith("签名不是 CMS SignedData"), e.getMessage());
            assertTrue(e.getMessage().contains("-----BEGIN PKCS7-----"), e.getMessage());
            assertEquals("signature", e.problems().get(0).field());
        }
        InvalidInputException empty = assertThrows(InvalidInputException.class, () -> signer.verify(PDF, new byte[0]));
        assertEquals("signature", empty.problems().get(0).field());
        InvalidInputException noDocument = assertThrows(InvalidInputException.class, () -> signer.verify(null, signer.sign(PDF)));
        assertEquals("document", noDocument.problems().get(0).field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "SM2"})
    void aPemArmouredSignatureIsAccepted(String algorithm) {
        CmsDocumentSigner signer = start(algorithm);
        String base64 = Base64.getMimeEncoder(64, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(signer.sign(PDF));

        for (String label : List.of("PKCS7", "CMS")) {
            String pem = "-----BEGIN " + label + "-----\r\n" + base64 + "\r\n-----END " + label + "-----\r\n";
            SignatureCheck check = signer.verify(PDF, pem.getBytes(StandardCharsets.US_ASCII));
            assertTrue(check.valid(), check::toString);
            assertTrue(check.productKey());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "SM2"})
    void aKeyStoreWithAWrongPasswordFailsActivationNamingTheFile(String algorithm) {
        Path file = dir.resolve("signing/report-signing.p12");
        start(algorithm);

        SigningKeyException e = assertThrows(SigningKeyException.class,
                () -> new CmsDocumentSigner(file, "wrong", "report-signing", algorithm));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("密码错误"), e.getMessage());
        assertTrue(e.getMessage().contains("wrong password"), e.getMessage());
    }

    @Test
    void aWrongAliasFailsActivationNamingTheAliasesPresent() {
        Path file = dir.resolve("signing/report-signing.p12");
        start("SM2");

        SigningKeyException e = assertThrows(SigningKeyException.class,
                () -> new CmsDocumentSigner(file, "changeit", "reports", "SM2"));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("没有别名为 'reports' 的条目"), e.getMessage());
        assertTrue(e.getMessage().contains("report-signing"), e.getMessage());
    }

    @Test
    void aFileThatIsNotAKeyStoreFailsActivationAndIsLeftAlone() throws Exception {
        Path file = Files.writeString(dir.resolve("report-signing.p12"), "not a key store");

        SigningKeyException e = assertThrows(SigningKeyException.class,
                () -> new CmsDocumentSigner(file, "changeit", "report-signing", "SM2"));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("不是 PKCS#12 密钥库"), e.getMessage());
        assertEquals("not a key store", Files.readString(file));
    }

    @Test
    void aKeyThatIsNeitherRsaNorSm2FailsActivation() throws Exception {
        Path file = TestKeys.keyStore(dir.resolve("p256.p12"), TestKeys.selfSigned("CN=P-256", "P-256"), "report-signing",
                "changeit");

        SigningKeyException e = assertThrows(SigningKeyException.class,
                () -> new CmsDocumentSigner(file, "changeit", "report-signing", "SM2"));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("不支持的密钥类型"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "SM2"})
    void aRealKeyStoreIsUsedAsItIsAndIsNotADemo(String algorithm) throws Exception {
        TestKeys.Issued real = TestKeys.selfSigned("CN=北京市人力资源和社会保障局 报告签名,O=BJ-HRSS", algorithm);
        Path file = TestKeys.keyStore(dir.resolve("real.p12"), real, "reports", "s3cret");

        CmsDocumentSigner signer = new CmsDocumentSigner(file, "s3cret", "reports", "RSA");

        assertFalse(signer.signer().demo());
        assertEquals(expectedAlgorithm(algorithm), signer.signer().algorithm());
        assertEquals(SigningKeys.sha256(real.certificate().getEncoded()), signer.signer().certificateSha256());
        SignatureCheck check = signer.verify(PDF, signer.sign(PDF));
        assertTrue(check.valid() && check.productKey(), check::toString);
    }

    @Test
    void theSignerIdentityCarriesTheCertificateAsPem() throws Exception {
        SignerIdentity identity = start("RSA").signer();

        X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(identity.certificatePem().getBytes(StandardCharsets.US_ASCII)));

        assertEquals(identity.certificateSha256(),
                HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(c.getEncoded())));
    }

    @Test
    void keyStorePathsAreReadFromKarafEtc() {
        Path etc = dir.resolve("etc");
        assertEquals(etc.resolve("signing/report-signing.p12"), SigningKeys.resolve("${karaf.etc}/signing/report-signing.p12",
                etc.toString()));
        assertEquals(etc.resolve("keys/a.p12"), SigningKeys.resolve("keys/a.p12", etc.toString()));
        assertEquals(dir.resolve("a.p12"), SigningKeys.resolve(dir.resolve("a.p12").toString(), null));
        assertEquals(etc.resolve("signing/report-signing.p12"), SigningKeys.resolve(" ", etc.toString()));

        SigningKeyException e = assertThrows(SigningKeyException.class,
                () -> SigningKeys.resolve("${karaf.etc}/signing/report-signing.p12", null));
        assertTrue(e.getMessage().contains("karaf.etc 未设置"), e.getMessage());
        assertThrows(SigningKeyException.class, () -> SigningKeys.resolve("signing/a.p12", ""));
    }

    @Test
    void anUnknownAlgorithmForTheDemoKeyFailsActivationWithoutWritingAFile() {
        SigningKeyException e = assertThrows(SigningKeyException.class, () -> start("DSA"));

        assertTrue(e.getMessage().contains("应为 RSA 或 SM2"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("signing/report-signing.p12")));
    }

    @Test
    void openSslVerifiesTheRsaSignatureAndReadsTheDemoKeyStore() throws Exception {
        // OpenSSL 3.0 does not verify BouncyCastle's SM2 CMS signatures, so RSA only
        Assumptions.assumeTrue(Files.isExecutable(OPENSSL), "no /usr/bin/openssl");
        CmsDocumentSigner signer = start("RSA");
        Path document = Files.write(dir.resolve("report.pdf"), PDF);
        Path signature = Files.write(dir.resolve("report.pdf.p7s"), signer.sign(PDF));

        Result ok = openssl("cms", "-verify", "-binary", "-inform", "DER", "-in", signature.toString(), "-content",
                document.toString(), "-noverify", "-out", dir.resolve("out").toString());
        assertEquals(0, ok.exit(), ok.output());
        assertTrue(ok.output().contains("Verification successful"), ok.output());

        Path altered = Files.write(dir.resolve("altered.pdf"), PDF.clone());
        byte[] bytes = Files.readAllBytes(altered);
        bytes[20] ^= 1;
        Files.write(altered, bytes);
        Result refused = openssl("cms", "-verify", "-binary", "-inform", "DER", "-in", signature.toString(), "-content",
                altered.toString(), "-noverify", "-out", dir.resolve("out").toString());
        assertNotEquals(0, refused.exit(), refused.output());

        Result store = openssl("pkcs12", "-in", dir.resolve("signing/report-signing.p12").toString(), "-passin",
                "pass:changeit", "-nokeys", "-out", dir.resolve("cert.pem").toString());
        assertEquals(0, store.exit(), store.output());
    }

    @Test
    void aKeyStoreMadeWithOpenSslIsUsed() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(OPENSSL), "no /usr/bin/openssl");
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        Path p12 = dir.resolve("openssl.p12");
        Result req = openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", cert.toString(),
                "-days", "30", "-subj", "/CN=OpenSSL made/O=Lvyue");
        Assumptions.assumeTrue(req.exit() == 0, req.output());
        Result export = openssl("pkcs12", "-export", "-inkey", key.toString(), "-in", cert.toString(), "-name", "report-signing",
                "-passout", "pass:changeit", "-out", p12.toString());
        assertEquals(0, export.exit(), export.output());

        CmsDocumentSigner signer = new CmsDocumentSigner(p12, "changeit", "report-signing", "SM2");

        assertEquals("SHA256withRSA", signer.signer().algorithm());
        assertFalse(signer.signer().demo());
        assertTrue(signer.verify(PDF, signer.sign(PDF)).valid());
    }

    private record Result(int exit, String output) {
    }

    private Result openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(OPENSSL.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), output);
    }

}
