package org.lvyue.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The certificates and the CRL, read back with BouncyCastle. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DemoPkiTest {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private static Map<String, X509CertificateHolder> certificates(DemoData data) throws Exception {
        Map<String, X509CertificateHolder> out = new java.util.LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(data.certificatesZip()))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                try (PEMParser pem = new PEMParser(new java.io.InputStreamReader(new ByteArrayInputStream(zip.readAllBytes()),
                        java.nio.charset.StandardCharsets.US_ASCII))) {
                    Object o = pem.readObject();
                    assertTrue(o instanceof X509CertificateHolder, e.getName());
                    out.put(e.getName(), (X509CertificateHolder) o);
                }
            }
        }
        return out;
    }

    @Test
    void every_certificate_parses_and_verifies_against_its_ca_and_the_crl_verifies_against_the_user_ca() throws Exception {
        DemoData data = DemoFixture.standard();
        Map<String, X509CertificateHolder> all = certificates(data);
        X509CertificateHolder userCa = all.get("ca/sm2-user-ca.pem");
        X509CertificateHolder serverCa = all.get("ca/rsa-server-ca.pem");
        assertNotNull(userCa);
        assertNotNull(serverCa);
        assertEquals(22_500 + 10 + 2, all.size());
        ContentVerifierProvider userVerifier = new JcaContentVerifierProviderBuilder().setProvider(BC).build(userCa);
        ContentVerifierProvider serverVerifier = new JcaContentVerifierProviderBuilder().setProvider(BC).build(serverCa);
        assertTrue(userCa.isSignatureValid(userVerifier), "the SM2 root is self-signed");
        assertTrue(serverCa.isSignatureValid(serverVerifier), "the RSA root is self-signed");
        Set<BigInteger> serials = new HashSet<>();
        List<String> bad = all.entrySet().parallelStream().filter(e -> {
            X509CertificateHolder c = e.getValue();
            boolean server = e.getKey().startsWith("servers/") || e.getKey().equals("ca/rsa-server-ca.pem");
            try {
                return !(server ? c.isSignatureValid(serverVerifier) : c.isSignatureValid(userVerifier));
            } catch (Exception ex) {
                return true;
            }
        }).map(Map.Entry::getKey).toList();
        assertEquals(List.of(), bad);
        for (Map.Entry<String, X509CertificateHolder> e : all.entrySet()) {
            X509CertificateHolder c = e.getValue();
            if (e.getKey().startsWith("users/")) {
                assertEquals(userCa.getSubject(), c.getIssuer());
                assertEquals("1.2.156.10197.1.501", c.getSignatureAlgorithm().getAlgorithm().getId(), "SM3withSM2");
                assertTrue(serials.add(c.getSerialNumber()), "unique serial");
            } else if (e.getKey().startsWith("servers/")) {
                assertEquals("1.2.840.113549.1.1.11", c.getSignatureAlgorithm().getAlgorithm().getId(), "SHA256withRSA");
                assertTrue(org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(c.getExtensions())
                        .hasKeyPurposeId(KeyPurposeId.id_kp_serverAuth));
            }
        }
        X509CRLHolder crl = new X509CRLHolder(data.crl());
        assertTrue(crl.isSignatureValid(userVerifier), "the CRL is signed by the user CA");
        assertEquals(userCa.getSubject(), crl.getIssuer());
        int revoked = crl.getRevokedCertificates().size();
        assertTrue(revoked >= 270 && revoked <= 330, "a few hundred revoked serials: " + revoked);
        // the trust anchors are the two roots
        assertEquals(2, data.trustAnchors().size());
        assertEquals(userCa, DemoPki.parse(data.trustAnchors().get(0)));
        assertEquals(serverCa, DemoPki.parse(data.trustAnchors().get(1)));
        assertTrue(userCa.getExtension(Extension.basicConstraints).isCritical());
    }

    @Test
    void exactly_one_certificate_in_the_upload_is_revoked_and_it_is_the_injected_one() throws Exception {
        DemoData data = DemoFixture.standard();
        X509CRLHolder crl = new X509CRLHolder(data.crl());
        Set<BigInteger> revoked = new HashSet<>();
        crl.getRevokedCertificates().forEach(o -> revoked.add(((org.bouncycastle.cert.X509CRLEntryHolder) o).getSerialNumber()));
        List<String> inUse = new ArrayList<>();
        for (X509CertificateHolder c : certificates(data).values()) {
            if (c.getIssuer().equals(crl.getIssuer()) && revoked.contains(c.getSerialNumber())) {
                inUse.add(DemoPki.certificateId(c));
            }
        }
        InjectedViolation v = data.violations().stream().filter(x -> x.expectedRule().contains("pki.cert-revoked-in-use")).findFirst()
                .orElseThrow();
        assertEquals(List.of(v.factIds().get(0)), inUse);
    }

    @Test
    void the_expired_certificate_in_use_is_expired_on_2023_01_10_and_bound_to_its_system() throws Exception {
        DemoData data = DemoFixture.standard();
        InjectedViolation v = data.violations().stream().filter(x -> x.expectedRule().contains("pki.cert-expired")).findFirst()
                .orElseThrow();
        X509CertificateHolder expired = certificates(data).values().stream()
                .filter(c -> DemoPki.certificateId(c).equals(v.factIds().get(0))).findFirst().orElseThrow();
        LocalDate lastDay = expired.getNotAfter().toInstant().atZone(BEIJING).toLocalDate();
        assertTrue(lastDay.isBefore(LocalDate.of(2023, 1, 10)), "expired on 2023-01-10: last day " + lastDay);
        // every other certificate is valid well beyond the demo's last day (no accidental expiry finding)
        for (X509CertificateHolder c : certificates(data).values()) {
            if (c != expired && !c.equals(expired)) {
                assertTrue(c.getNotAfter().toInstant().atZone(BEIJING).toLocalDate().isAfter(LocalDate.of(2023, 5, 1)),
                        c.getSubject().toString());
            }
        }
        // bound: the pki.binding fact compliance-pki would record for this certificate and system, identical
        Map<String, Object> binding = data.facts().stream().filter(f -> f.get("id").equals(v.factIds().get(1))).findFirst().orElseThrow();
        assertEquals("pki.binding", binding.get("kind"));
        Map<String, Object> made = org.lvyue.pki.internal.PkiFactsAccess.binding(expired, "社保卡管理系统", DemoFixture.TODAY);
        assertEquals(made, binding);
        // and compliance-pki reads it with the same subject and id the violation names
        Map<String, Object> certFact = DemoFixture.pkiFacts(data).stream().filter(f -> f.get("id").equals(v.factIds().get(0)))
                .findFirst().orElseThrow();
        assertEquals(binding.get("subject"), certFact.get("subject"));
        assertEquals(lastDay.toString(), ((String) ((Map<?, ?>) certFact.get("attributes")).get("notAfter")).substring(0, 10));
    }

    @Test
    void the_server_certificates_are_bound_to_their_systems_and_replaced_on_the_day_of_the_yearly_task() throws Exception {
        DemoData data = DemoFixture.standard();
        Map<String, String> bound = new HashMap<>();
        data.facts().stream().filter(f -> "pki.binding".equals(f.get("kind")))
                .forEach(f -> bound.put((String) ((Map<?, ?>) f.get("attributes")).get("certificate"),
                        (String) ((Map<?, ?>) f.get("attributes")).get("system")));
        String yearly = data.facts().stream().filter(f -> "identity-auth.task".equals(f.get("kind")) && "ia.y01".equals(f.get("subject")))
                .map(f -> (String) f.get("date")).findFirst().orElseThrow();
        int servers = 0;
        for (Map.Entry<String, X509CertificateHolder> e : certificates(data).entrySet()) {
            if (e.getKey().startsWith("servers/")) {
                servers++;
                assertNotNull(bound.get(DemoPki.certificateId(e.getValue())), e.getKey());
                assertEquals(yearly, e.getValue().getNotBefore().toInstant().atZone(BEIJING).toLocalDate().toString());
            }
        }
        assertEquals(10, servers);
        assertFalse(bound.isEmpty());
    }
}
