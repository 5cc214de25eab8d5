package org.lvyue.rules.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.Finding;
import org.lvyue.core.internal.ContractDefinitionReader;
import org.lvyue.engine.internal.DomainSources;
import org.lvyue.engine.internal.DroolsEngine;
import org.lvyue.pki.internal.Issuers;
import org.lvyue.pki.internal.PkiBatch;
import org.lvyue.pki.internal.PkiContent;
import org.lvyue.pki.internal.PkiReader;
import org.lvyue.pki.internal.TestPki;

/**
 * The PKI baselines on real certificates and CRLs generated with BouncyCastle (RSA and SM2), read by
 * the intake's reader, evaluated today: each bad artefact fails exactly its check, the good ones none.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PkiBaselinesTest {
    private DroolsEngine engine;
    private Contract contract;
    private final List<Fact> facts = new ArrayList<>();
    private TestPki.Issued ca;
    /** The configured trust anchors (the test root unless a test says otherwise). */
    private final List<TestPki.Issued> anchors = new ArrayList<>();
    private final Issuers issuers = new Issuers();
    private LocalDateTime clock = LocalDateTime.now().withNano(0);
    private final Instant now = Instant.now();

    @BeforeEach
    void deploy() throws Exception {
        engine = new DroolsEngine();
        var s = engine.deploy(DomainSources.fromDirectory(Path.of("src/main/resources"), "org.lvyue.domain.pki", "0.1.0", "pki"));
        assertEquals(DomainState.ACTIVE, s.state(), () -> s.problems().toString());
        contract = ContractDefinitionReader.read(ContractDefinitionReader.demoDefinition());
        ca = TestPki.authority("CN=测试根 CA,O=BJ-HRSS", TestPki.rsa(2048), "SHA256withRSA");
        anchors.add(ca);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    /** Reads a file the way the intake does (signatures checked against the known issuers and anchors) and keeps its facts. */
    @SuppressWarnings("unchecked")
    private void upload(String file, byte[] bytes) throws Exception {
        List<PkiContent> anchorFiles = new ArrayList<>();
        for (TestPki.Issued a : anchors) {
            anchorFiles.add(PkiReader.read("trust-anchors/" + a.certificate().getSubject() + ".cer", a.certificate().getEncoded()));
        }
        List<Fact> anchorRecords = facts.stream().filter(f -> f.getKind().equals("pki.trust-anchor")).toList();
        clock = clock.plusMinutes(1);
        for (Map<String, Object> m : PkiBatch.facts(issuers, List.of(PkiReader.read(file, bytes)), "统一认证", anchorFiles,
                anchorRecords, clock)) {
            Map<String, String> attrs = new java.util.HashMap<>();
            ((Map<String, Object>) m.get("attributes")).forEach((k, v) -> attrs.put(k, String.valueOf(v)));
            facts.add(Fact.builder().id((String) m.get("id")).contractId(contract.id()).domain("pki").kind((String) m.get("kind"))
                    .subject((String) m.get("subject")).date(LocalDate.parse((String) m.get("date"))).attributes(attrs)
                    .source("test").build());
        }
    }

    private List<String> failed() {
        engine.load(contract, facts);
        List<String> out = new ArrayList<>();
        for (Finding f : engine.evaluate(contract.id(), LocalDate.now()).findings()) {
            out.add(f.getObligationId() + " " + f.getTitle().split(" ")[0]);
        }
        out.sort(null);
        return out;
    }

    private TestPki.Issued leaf(String cn, long serial, int rsaBits, String alg, long fromDaysAgo, long toDaysAhead, boolean server)
            throws Exception {
        return TestPki.leaf(ca, "CN=" + cn, serial, TestPki.rsa(rsaBits), alg, now.minus(fromDaysAgo, ChronoUnit.DAYS),
                now.plus(toDaysAhead, ChronoUnit.DAYS), server);
    }

    @Test
    void good_rsa_and_sm2_certificates_and_a_fresh_crl_pass_every_check() throws Exception {
        upload("ok.cer", leaf("ok.example.test", 11, 2048, "SHA256withRSA", 10, 355, false).certificate().getEncoded());
        TestPki.Issued sm2Ca = TestPki.authority("CN=SM2 根,O=BJ-HRSS", TestPki.sm2(), "SM3withSM2");
        anchors.add(sm2Ca);
        upload("sm2.pem", TestPki.pem(TestPki.leaf(sm2Ca, "CN=张三", 21, TestPki.sm2(), "SM3withSM2",
                now.minus(1, ChronoUnit.DAYS), now.plus(700, ChronoUnit.DAYS)).certificate()).getBytes(StandardCharsets.US_ASCII));
        upload("root.crl", TestPki.crl(ca, "SHA256withRSA", now.minus(2, ChronoUnit.HOURS)).getEncoded());
        assertEquals(List.of(), failed());
    }

    @Test
    void each_bad_artefact_fails_exactly_its_check() throws Exception {
        upload("expiring.cer", leaf("expiring.example.test", 12, 2048, "SHA256withRSA", 300, 20, false).certificate().getEncoded());
        upload("legacy.cer", leaf("legacy.example.test", 13, 1024, "SHA1withRSA", 400, -35, false).certificate().getEncoded());
        upload("revoked.cer", leaf("revoked.example.test", 14, 2048, "SHA256withRSA", 30, 300, false).certificate().getEncoded());
        upload("server.cer", leaf("www.example.test", 15, 2048, "SHA256withRSA", 400, 100, true).certificate().getEncoded());
        // yesterday's CRL, three days old, revoking serial 14; nothing newer
        upload("old.crl", TestPki.crl(ca, "SHA256withRSA", now.minus(3, ChronoUnit.DAYS), 14).getEncoded());

        assertEquals(List.of(
                "pki.cert-expired CN=legacy.example.test",
                "pki.cert-expiring CN=expiring.example.test",
                "pki.cert-revoked-in-use CN=revoked.example.test",
                "pki.cert-weak CN=legacy.example.test",
                "pki.crl-stale 黑名单",
                "pki.server-cert-age 服务器证书"), failed());
    }

    @Test
    void an_expired_certificate_is_a_finding_of_the_days_it_was_used_after_expiry_not_of_its_issuance() throws Exception {
        // issued 400 days ago, valid until 35 days ago: the violation starts the day after its last valid day
        TestPki.Issued legacy = leaf("legacy.example.test", 13, 2048, "SHA256withRSA", 400, -35, false);
        upload("legacy.cer", legacy.certificate().getEncoded());
        engine.load(contract, facts);
        Finding expired = engine.evaluate(contract.id(), LocalDate.now()).findings().stream()
                .filter(f -> "pki.cert-expired".equals(f.getObligationId())).findFirst().orElseThrow();
        LocalDate lastValid = LocalDateTime.ofInstant(legacy.certificate().getNotAfter().toInstant(),
                java.time.ZoneId.of(org.lvyue.api.engine.EvaluationClock.ZONE))
                .toLocalDate();
        assertEquals(lastValid.plusDays(1), expired.getPeriodStart(), expired.toString());
        assertEquals(lastValid, expired.getDeadline());
        assertTrue(expired.getTitle().contains(lastValid.plusDays(1) + " 起仍在使用"), expired.getTitle());
    }

    @Test
    void a_newer_crl_makes_the_issuers_blacklist_fresh_again() throws Exception {
        upload("old.crl", TestPki.crl(ca, "SHA256withRSA", now.minus(3, ChronoUnit.DAYS)).getEncoded());
        upload("new.crl", TestPki.crl(ca, "SHA256withRSA", now.minus(1, ChronoUnit.HOURS)).getEncoded());
        assertEquals(List.of(), failed());
    }

    private byte[] der(TestPki.Issued issued) throws Exception {
        return issued.certificate().getEncoded();
    }

    private List<String> chainFailures() {
        return failed().stream().filter(f -> f.startsWith("pki.chain-untrusted")).toList();
    }

    @Test
    void a_leaf_under_an_intermediate_under_the_anchor_verifies_in_one_upload_or_in_two() throws Exception {
        TestPki.Issued sub = TestPki.intermediate(ca, "CN=用户 CA,O=BJ-HRSS", 2, TestPki.rsa(2048), "SHA256withRSA");
        TestPki.Issued user = TestPki.leaf(sub, "CN=李四", 31, TestPki.rsa(2048), "SHA256withRSA",
                now.minus(1, ChronoUnit.DAYS), now.plus(300, ChronoUnit.DAYS));
        upload("sub-ca.cer", der(sub));
        upload("user.cer", der(user));
        TestPki.Issued other = TestPki.leaf(sub, "CN=王五", 32, TestPki.rsa(2048), "SHA256withRSA",
                now.minus(1, ChronoUnit.DAYS), now.plus(300, ChronoUnit.DAYS));
        upload("chain.pem", TestPki.pem(other.certificate(), sub.certificate()).getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of(), chainFailures());
    }

    @Test
    void a_certificate_whose_issuer_was_never_imported_fails_and_says_so() throws Exception {
        TestPki.Issued sub = TestPki.intermediate(ca, "CN=用户 CA,O=BJ-HRSS", 2, TestPki.rsa(2048), "SHA256withRSA");
        upload("user.cer", der(TestPki.leaf(sub, "CN=李四", 31, TestPki.rsa(2048), "SHA256withRSA",
                now.minus(1, ChronoUnit.DAYS), now.plus(300, ChronoUnit.DAYS))));
        assertEquals(List.of("pki.chain-untrusted CN=李四"), chainFailures());
        engine.load(contract, facts);
        String title = engine.evaluate(contract.id(), LocalDate.now()).findings().stream()
                .filter(f -> f.getObligationId().equals("pki.chain-untrusted")).findFirst().orElseThrow().getTitle();
        assertTrue(title.endsWith("：签发者 CN=用户 CA,O=BJ-HRSS 的证书未导入，或签名不能用其公钥验证"), title);
    }

    @Test
    void a_chain_ending_at_a_root_that_is_not_an_anchor_fails_even_when_every_signature_is_good() throws Exception {
        TestPki.Issued rogue = TestPki.authority("CN=自建根 CA", TestPki.rsa(2048), "SHA256withRSA");
        upload("rogue.pem", TestPki.pem(rogue.certificate(), TestPki.leaf(rogue, "CN=钓鱼站点", 41, TestPki.rsa(2048),
                "SHA256withRSA", now.minus(1, ChronoUnit.DAYS), now.plus(300, ChronoUnit.DAYS)).certificate())
                .getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of("pki.chain-untrusted CN=自建根", "pki.chain-untrusted CN=钓鱼站点"), chainFailures());
    }

    @Test
    void a_certificate_that_names_the_anchor_as_issuer_but_was_signed_by_another_key_fails() throws Exception {
        TestPki.Issued impostor = new TestPki.Issued(ca.certificate(), TestPki.rsa(2048));
        upload("forged.cer", der(TestPki.leaf(impostor, "CN=伪造证书", 51, TestPki.rsa(2048), "SHA256withRSA",
                now.minus(1, ChronoUnit.DAYS), now.plus(300, ChronoUnit.DAYS))));
        assertEquals(List.of("pki.chain-untrusted CN=伪造证书"), chainFailures());
    }

    @Test
    void sm2_chains_verify_to_an_sm2_anchor() throws Exception {
        TestPki.Issued sm2Root = TestPki.authority("CN=SM2 根 CA,O=BJ-HRSS", TestPki.sm2(), "SM3withSM2");
        anchors.add(sm2Root);
        TestPki.Issued sm2Sub = TestPki.intermediate(sm2Root, "CN=SM2 用户 CA,O=BJ-HRSS", 3, TestPki.sm2(), "SM3withSM2");
        upload("sm2.pem", TestPki.pem(sm2Sub.certificate(), TestPki.leaf(sm2Sub, "CN=赵六,OU=社保卡", 61, TestPki.sm2(),
                "SM3withSM2", now.minus(1, ChronoUnit.DAYS), now.plus(700, ChronoUnit.DAYS)).certificate())
                .getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of(), chainFailures());
    }

    @Test
    void without_any_trust_anchor_the_chain_check_fails_once_instead_of_passing() throws Exception {
        anchors.clear();
        upload("ok.cer", der(leaf("ok.example.test", 11, 2048, "SHA256withRSA", 10, 355, false)));
        assertEquals(List.of("pki.chain-untrusted 未配置信任锚，证书链无法验证"), chainFailures());
    }

    @Test
    void removing_the_anchor_from_the_configuration_makes_its_chains_fail_from_then_on() throws Exception {
        upload("ok.cer", der(leaf("ok.example.test", 11, 2048, "SHA256withRSA", 10, 355, false)));
        assertEquals(List.of(), chainFailures());
        anchors.clear();
        upload("other.cer", der(leaf("other.example.test", 12, 2048, "SHA256withRSA", 10, 355, false)));
        assertEquals(List.of("pki.chain-untrusted 未配置信任锚，证书链无法验证"), chainFailures());
    }

    @Test
    void a_crl_whose_own_next_update_has_passed_is_stale_even_within_the_nightly_window() throws Exception {
        // issued yesterday at 23:00, announcing its next update for yesterday 23:30: within 24 hours,
        // but the CA said it would be replaced by now
        Instant late = LocalDate.now().minusDays(1).atTime(23, 0).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant();
        upload("short.crl", TestPki.crl(ca, "SHA256withRSA", late, late.plus(30, ChronoUnit.MINUTES)).getEncoded());
        assertEquals(List.of("pki.crl-stale 黑名单"), failed());
    }
}
