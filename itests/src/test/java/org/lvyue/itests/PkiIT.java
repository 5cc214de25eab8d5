package org.lvyue.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.lvyue.pki.internal.LoopbackTlsServer;
import org.lvyue.pki.internal.TestPki;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The PKI baselines on the real distribution (today is 2023-01-10): a certificate chain uploaded
 * over REST and verified to a trust anchor placed in {@code etc/pki/trust-anchors}, a certificate
 * from an unknown root refused by the chain check, and the collectors configured the way an
 * engineer does it (a {@code .cfg} file in {@code etc/}) pointed at a live TLS server on loopback and
 * at a dead port: the dead one turns the checks it feeds into ERROR, never PASS, until it is taken out
 * of the configuration; then a certificate folder and a CRL file: a file in the folder that is no
 * certificate fails the folder's run (ERROR, nothing of it stored) until it is removed.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PkiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTRACT = "/contracts/bj-hrss-2022";
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Configuration
    public Option[] config() {
        return Distribution.on(8184);
    }

    private static java.time.Instant day(int year, int month, int day) {
        return LocalDate.of(year, month, day).atStartOfDay(BEIJING).toInstant();
    }

    @Test
    public void chains_verify_to_the_configured_anchor_and_collectors_never_turn_a_failure_into_a_pass() throws Exception {
        Await.domains(Await.SHIPPED_DOMAINS, CONTRACT);
        Path etc = Path.of(System.getProperty("karaf.etc"));
        TestPki.Issued root = TestPki.authority("CN=北京人社测试根 CA,O=BJ-HRSS", TestPki.rsa(2048), "SHA256withRSA");
        Files.writeString(etc.resolve("pki/trust-anchors/root.pem"), TestPki.pem(root.certificate()));
        TestPki.Issued sub = TestPki.intermediate(root, "CN=北京人社用户 CA,O=BJ-HRSS", 2, TestPki.rsa(2048), "SHA256withRSA");
        TestPki.Issued user = TestPki.leaf(sub, "CN=张三,OU=社保卡", 1001, TestPki.rsa(2048), "SHA256withRSA",
                day(2022, 6, 1), day(2024, 6, 1));

        // a valid chain over REST: the leaf, its CA, and the anchor recorded from the folder
        Http.Reply stored = Http.upload(CONTRACT + "/certificates?name=chain.pem&system=" + enc("统一认证"), "engineer",
                TestPki.pem(user.certificate(), sub.certificate()).getBytes(StandardCharsets.US_ASCII));
        assertEquals(stored.body(), 200, stored.status());
        assertTrue(stored.body(), JSON.readTree(stored.body()).path("stored").asInt() >= 6);
        Map<String, JsonNode> checks = baselines();
        assertEquals(checks.get("pki.chain-untrusted").toString(), "PASS", result(checks, "pki.chain-untrusted"));
        assertEquals("PASS", result(checks, "pki.cert-weak"));
        assertEquals("NOT_APPLICABLE", result(checks, "pki.crl-stale"));

        // a certificate from a root nobody configured fails the chain check, and says why
        TestPki.Issued rogue = TestPki.authority("CN=自建根 CA", TestPki.rsa(2048), "SHA256withRSA");
        Http.Reply rogueUpload = Http.upload(CONTRACT + "/certificates?name=rogue.pem", "engineer",
                TestPki.pem(rogue.certificate()).getBytes(StandardCharsets.US_ASCII));
        assertEquals(rogueUpload.body(), 200, rogueUpload.status());
        checks = baselines();
        assertEquals("FAIL", result(checks, "pki.chain-untrusted"));
        assertTrue(checks.get("pki.chain-untrusted").toString(),
                checks.get("pki.chain-untrusted").path("evidence").toString().contains("不是配置的信任锚"));

        // the collectors, pointed at a live TLS server and at a closed port
        TestPki.Issued server = TestPki.leaf(sub, "CN=localhost", 2001, TestPki.rsa(2048), "SHA256withRSA",
                day(2022, 9, 1), day(2023, 9, 1), true);
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (LoopbackTlsServer tls = new LoopbackTlsServer(server, sub.certificate())) {
            String live = "127.0.0.1:" + tls.port();
            String dead = "127.0.0.1:" + closed;
            configureCollectors(etc, 2, "tlsTargets = " + live + ", " + dead);

            Map<String, JsonNode> runs = run();
            assertTrue(runs.toString(), runs.get(live).path("ok").asBoolean());
            assertTrue(runs.toString(), runs.get(live).path("message").asText().contains("证书 2 张"));
            assertEquals(runs.toString(), false, runs.get(dead).path("ok").asBoolean());
            assertTrue(runs.toString(), runs.get(dead).path("message").asText().startsWith("无法连接"));

            checks = baselines();
            // the server certificate the probe read is in, its chain verifies, and nothing is weak; but
            // one target could not be read, so the check cannot pass
            assertEquals(checks.get("pki.cert-weak").toString(), "ERROR", result(checks, "pki.cert-weak"));
            assertTrue(checks.get("pki.cert-weak").path("evidence").toString().contains(dead));
            assertEquals("not fed by the TLS probe", "NOT_APPLICABLE", result(checks, "pki.crl-stale"));

            // the dead target taken out of the configuration: its failure stops counting
            configureCollectors(etc, 1, "tlsTargets = " + live);
            Await.until("the removed target's error cleared", () -> result(baselinesQuietly(), "pki.cert-weak"),
                    "PASS"::equals, 30_000);
            Http.Reply status = Http.get(CONTRACT + "/collectors", "evaluator");
            assertEquals(status.body(), 200, status.status());
            assertEquals(1, JSON.readTree(status.body()).path("targets").size());

            // a certificate folder holding one file that is not a certificate, and a CRL file
            Path data = Path.of(System.getProperty("karaf.data"));
            Path folder = Files.createDirectories(data.resolve("pki-drop"));
            Path broken = Files.writeString(folder.resolve("broken.cer"), "not a certificate");
            TestPki.Issued colleague = TestPki.leaf(sub, "CN=李四,OU=社保卡", 1002, TestPki.rsa(2048), "SHA256withRSA",
                    day(2022, 6, 1), day(2024, 6, 1));
            Files.writeString(folder.resolve("lisi.pem"), TestPki.pem(colleague.certificate()));
            Path crl = Files.write(data.resolve("user-ca.crl"), TestPki.crl(sub, "SHA256withRSA",
                    LocalDate.of(2023, 1, 10).atTime(2, 0).atZone(BEIJING).toInstant(), 1999).getEncoded());
            configureCollectors(etc, 3, "tlsTargets = " + live, "folder = " + folder, "crlSources = " + crl);

            Map<String, JsonNode> second = run();
            assertEquals(second.toString(), false, second.get(folder.toString()).path("ok").asBoolean());
            assertTrue(second.toString(), second.get(folder.toString()).path("message").asText().contains("broken.cer"));
            assertTrue(second.toString(), second.get(crl.toString()).path("message").asText().contains("CRL 1 个"));
            checks = baselines();
            // the folder feeds certificates and CRLs, and it could not be read whole
            assertEquals("ERROR", result(checks, "pki.cert-weak"));
            assertEquals("ERROR", result(checks, "pki.crl-stale"));

            Files.delete(broken);
            Map<String, JsonNode> third = run();
            assertTrue(third.toString(), third.get(folder.toString()).path("ok").asBoolean());
            assertTrue(third.toString(), third.get(folder.toString()).path("message").asText().contains("证书 1 张"));
            checks = baselines();
            assertEquals("PASS", result(checks, "pki.cert-weak"));
            assertEquals("the fresh CRL the probe read", "PASS", result(checks, "pki.crl-stale"));
        }
    }

    /** Runs the collectors now; their runs by target. */
    private static Map<String, JsonNode> run() throws Exception {
        Http.Reply ran = Http.post(CONTRACT + "/collectors/run", "engineer", "");
        assertEquals(ran.body(), 200, ran.status());
        Map<String, JsonNode> runs = new HashMap<>();
        JSON.readTree(ran.body()).forEach(r -> runs.put(r.path("target").asText(), r));
        return runs;
    }

    /** Writes the collectors' configuration as an engineer does and waits until it is in force. */
    private static void configureCollectors(Path etc, int expected, String... targets) throws Exception {
        List<String> lines = new ArrayList<>(List.of("contract = bj-hrss-2022", "timeoutSeconds = 3", "intervalMinutes = 600"));
        lines.addAll(List.of(targets));
        Files.writeString(etc.resolve("org.lvyue.pki.collectors.cfg"), String.join("\n", lines) + "\n");
        Await.until(expected + " collector targets", () -> {
            Http.Reply r = Http.get(CONTRACT + "/collectors", "engineer");
            try {
                return r.status() == 200 ? JSON.readTree(r.body()).path("targets").size() : -1;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, n -> n == expected, 30_000);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String result(Map<String, JsonNode> checks, String id) {
        return checks.get(id).path("result").asText();
    }

    private static Map<String, JsonNode> baselines() throws Exception {
        Http.Reply r = Http.get(CONTRACT + "/baselines?domain=pki", "evaluator");
        assertEquals(r.body(), 200, r.status());
        Map<String, JsonNode> out = new HashMap<>();
        JSON.readTree(r.body()).path("checks").forEach(c -> out.put(c.path("id").asText(), c));
        return out;
    }

    private static Map<String, JsonNode> baselinesQuietly() {
        try {
            return baselines();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
