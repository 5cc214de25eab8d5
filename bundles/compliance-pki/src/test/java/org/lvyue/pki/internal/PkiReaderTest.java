package org.lvyue.pki.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Reading what engineers hand over: PEM, DER and PKCS#7, RSA and SM2, certificates and CRLs, and refusing the rest. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PkiReaderTest {
    private static TestPki.Issued rsaCa;
    private static TestPki.Issued rsaLeaf;
    private static TestPki.Issued weakLeaf;
    private static TestPki.Issued sm2Ca;
    private static TestPki.Issued sm2Leaf;
    private static X509CRLHolder crl;

    @BeforeAll
    static void issue() throws Exception {
        Instant now = Instant.now();
        rsaCa = TestPki.authority("CN=人社局测试根 CA,O=BJ-HRSS", TestPki.rsa(2048), "SHA256withRSA");
        rsaLeaf = TestPki.leaf(rsaCa, "CN=auth.example.test", 1001, TestPki.rsa(2048), "SHA256withRSA",
                now.minus(10, ChronoUnit.DAYS), now.plus(355, ChronoUnit.DAYS));
        weakLeaf = TestPki.leaf(rsaCa, "CN=legacy.example.test", 1002, TestPki.rsa(1024), "SHA1withRSA",
                now.minus(400, ChronoUnit.DAYS), now.minus(35, ChronoUnit.DAYS));
        sm2Ca = TestPki.authority("CN=SM2 测试根 CA,O=BJ-HRSS", TestPki.sm2(), "SM3withSM2");
        sm2Leaf = TestPki.leaf(sm2Ca, "CN=张三,OU=社保卡", 2001, TestPki.sm2(), "SM3withSM2",
                now.minus(1, ChronoUnit.DAYS), now.plus(730, ChronoUnit.DAYS));
        crl = TestPki.crl(rsaCa, "SHA256withRSA", 1002);
    }

    @Test
    void a_pem_file_with_several_certificates_and_a_crl_gives_each_of_them() throws Exception {
        PkiContent c = PkiReader.read("bundle.pem", TestPki.pem(rsaCa.certificate(), rsaLeaf.certificate(), crl)
                .getBytes(StandardCharsets.US_ASCII));
        assertEquals(2, c.certificates().size());
        assertEquals(1, c.crls().size());
    }

    @Test
    void der_certificates_der_crls_and_pkcs7_bundles_are_read() throws Exception {
        assertEquals(1, PkiReader.read("leaf.cer", rsaLeaf.certificate().getEncoded()).certificates().size());
        assertEquals(1, PkiReader.read("root.crl", crl.getEncoded()).crls().size());
        CMSSignedDataGenerator g = new CMSSignedDataGenerator();
        g.addCertificates(new org.bouncycastle.util.CollectionStore<>(List.of(sm2Ca.certificate(), sm2Leaf.certificate())));
        CMSSignedData p7 = g.generate(new CMSProcessableByteArray(new byte[0]), false);
        assertEquals(2, PkiReader.read("chain.p7b", p7.getEncoded()).certificates().size());
    }

    @Test
    void an_rsa_certificate_becomes_a_fact_with_its_key_algorithm_dates_and_join_key() throws Exception {
        Map<String, Object> fact = PkiFacts.of(PkiReader.read("leaf.cer", rsaLeaf.certificate().getEncoded())).get(0);
        assertEquals("pki.certificate", fact.get("kind"));
        assertEquals("3e9@" + PkiFacts.issuerId(rsaCa.certificate().getSubject()), fact.get("subject")); // 1001 = 0x3e9
        @SuppressWarnings("unchecked")
        Map<String, Object> a = (Map<String, Object>) fact.get("attributes");
        assertEquals("SHA256WITHRSA", a.get("signatureAlgorithm"));
        assertEquals("RSA", a.get("keyAlgorithm"));
        assertEquals("2048", a.get("keyBits"));
        assertEquals("false", a.get("ca"));
        assertEquals(64, ((String) a.get("fingerprint")).length());
    }

    @Test
    void an_sm2_certificate_is_read_as_sm2_signed_with_sm3() throws Exception {
        Map<String, Object> fact = PkiFacts.of(PkiReader.read("sm2.pem", TestPki.pem(sm2Leaf.certificate())
                .getBytes(StandardCharsets.US_ASCII))).get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> a = (Map<String, Object>) fact.get("attributes");
        assertEquals("SM2", a.get("keyAlgorithm"));
        assertEquals("256", a.get("keyBits"));
        assertEquals("SM3WITHSM2", a.get("signatureAlgorithm"));
        assertTrue(((String) a.get("subjectDn")).contains("张三"), a.toString());
    }

    @Test
    void a_crl_gives_one_fact_and_one_per_revoked_certificate_joinable_to_the_certificate() throws Exception {
        List<Map<String, Object>> facts = PkiFacts.of(PkiReader.read("root.crl", crl.getEncoded()));
        assertEquals(List.of("pki.crl", "pki.revoked"), facts.stream().map(f -> f.get("kind")).toList());
        Map<String, Object> weak = PkiFacts.of(PkiReader.read("weak.cer", weakLeaf.certificate().getEncoded())).get(0);
        assertEquals(weak.get("subject"), facts.get(1).get("subject"), "a revocation and its certificate share a subject");
    }

    @Test
    void a_file_that_is_no_certificate_and_a_private_key_are_refused_naming_the_file() throws Exception {
        PkiFormatException notPki = assertThrows(PkiFormatException.class,
                () -> PkiReader.read("readme.txt", "not a certificate".getBytes(StandardCharsets.UTF_8)));
        assertTrue(notPki.getMessage().startsWith("文件 readme.txt："), notPki.getMessage());
        PkiFormatException key = assertThrows(PkiFormatException.class,
                () -> PkiReader.read("server.pem", TestPki.pem(rsaLeaf.keys().getPrivate()).getBytes(StandardCharsets.US_ASCII)));
        assertTrue(key.getMessage().contains("私钥一律不接收"), key.getMessage());
        assertEquals("server.pem", key.file());
        assertThrows(PkiFormatException.class, () -> PkiReader.read("empty.cer", new byte[0]));
    }
}
