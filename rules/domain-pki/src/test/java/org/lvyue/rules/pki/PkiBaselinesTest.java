package org.lvyue.rules.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.lvyue.pki.internal.PkiFacts;
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
    private final Instant now = Instant.now();

    @BeforeEach
    void deploy() throws Exception {
        engine = new DroolsEngine();
        var s = engine.deploy(DomainSources.fromDirectory(Path.of("src/main/resources"), "org.lvyue.domain.pki", "0.1.0", "pki"));
        assertEquals(DomainState.ACTIVE, s.state(), () -> s.problems().toString());
        contract = ContractDefinitionReader.read(ContractDefinitionReader.demoDefinition());
        ca = TestPki.authority("CN=测试根 CA,O=BJ-HRSS", TestPki.rsa(2048), "SHA256withRSA");
    }

    @AfterEach
    void close() {
        engine.close();
    }

    /** Reads a file the way the intake does and keeps its facts. */
    @SuppressWarnings("unchecked")
    private void upload(String file, byte[] bytes) throws Exception {
        for (Map<String, Object> m : PkiFacts.of(PkiReader.read(file, bytes), "统一认证")) {
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
    void a_newer_crl_makes_the_issuers_blacklist_fresh_again() throws Exception {
        upload("old.crl", TestPki.crl(ca, "SHA256withRSA", now.minus(3, ChronoUnit.DAYS)).getEncoded());
        upload("new.crl", TestPki.crl(ca, "SHA256withRSA", now.minus(1, ChronoUnit.HOURS)).getEncoded());
        assertEquals(List.of(), failed());
    }
}
