package org.lvyue.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Every contracted domain on the real distribution: all of them active from {@code deploy/}, an
 * inspection sheet imported as CSV (a bad sheet refused with its line numbers), the quarterly
 * assessment, and one domain replaced while the others keep their findings. Today is 2023-01-10.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DomainsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTRACT = "/contracts/bj-hrss-2022";
    private static final Set<String> DOMAINS = Await.SHIPPED_DOMAINS;

    @Configuration
    public Option[] config() {
        return Distribution.on(8183);
    }

    @Test
    public void every_domain_is_active_an_inspection_sheet_imports_and_the_quarter_is_assessed() throws Exception {
        awaitAllDomains();
        String bad = "日期,检查项,结果,巡检人\n2022-12-01,ia.d05,正常,张工\n2022-12-01,ia.d99,正常,张工\n2022-12-02,ia.d05,良好,张工\n";
        JsonNode refused = json(csv("inspection", bad), 400);
        List<String> where = new ArrayList<>();
        refused.path("problems").forEach(p -> where.add(p.path("index").asInt() + ":" + p.path("field").asText()));
        assertEquals(List.of("3:检查项", "4:结果"), where);

        StringBuilder sheet = new StringBuilder("日期,检查项,结果,巡检人,系统\n");
        for (int day = 1; day <= 30; day++) {
            sheet.append(String.format("2022-12-%02d,ia.d05,正常,张工,主%n", day));
        }
        JsonNode stored = json(csv("inspection", sheet.toString()), 200);
        assertEquals(30, stored.path("stored").asInt());
        assertEquals(30, json(csv("inspection", sheet.toString()), 200).path("duplicateIds").size());
        // December's blacklist-update check is complete now: no finding of ia.d05 for 2022-12
        assertTrue(findingKeys("identity-auth").stream().noneMatch(k -> k.contains("ia.d05") && k.endsWith("/2022-12")));

        JsonNode q4 = json(Http.get(CONTRACT + "/assessments/2022-Q4", "evaluator"), 200);
        assertEquals("PENDING", q4.path("result").asText());
        assertEquals("evaluator-verdict", q4.path("scheme").path("value").asText());
        JsonNode identity = null;
        for (JsonNode d : q4.path("domains")) {
            if ("identity-auth".equals(d.path("domain").asText())) {
                identity = d;
            }
        }
        assertTrue(q4.toString(), identity != null && identity.path("due").asInt() > 0 && identity.path("missed").asInt() > 0);
        assertEquals(400, Http.get(CONTRACT + "/assessments/2023-Q1", "evaluator").status());
        // a file that is no certificate is refused by name, and nothing is stored
        Http.Reply notPki = Http.upload(CONTRACT + "/certificates?name=readme.txt", "collector",
                "not a certificate".getBytes(StandardCharsets.UTF_8));
        assertEquals(notPki.body(), 400, notPki.status());
        assertEquals("readme.txt", JSON.readTree(notPki.body()).path("problems").get(0).path("field").asText());
        // no certificate yet: every PKI baseline check is not applicable, with its metadata
        JsonNode baselines = json(Http.get(CONTRACT + "/baselines?domain=pki", "evaluator"), 200);
        assertEquals(7, baselines.path("count").asInt());
        for (JsonNode check : baselines.path("checks")) {
            assertEquals(check.toString(), "NOT_APPLICABLE", check.path("result").asText());
            assertTrue(check.toString(), !check.path("rationale").asText().isEmpty() && !check.path("references").asText().isEmpty());
        }
        assertEquals(400, Http.get(CONTRACT + "/assessments/2022-Q5", "evaluator").status());
    }

    @Test
    public void replacing_one_domain_changes_its_findings_only() throws Exception {
        awaitAllDomains();
        Set<String> certificatesBefore = findingKeys("certificates");
        assertTrue(findingKeys("identity-auth").stream().anyMatch(k -> k.contains("/ia.d13/")));

        // version 0.2.0 of identity-auth without check item ia.d13
        Path deploy = Path.of(System.getProperty("karaf.base"), "deploy");
        Path shipped = Files.list(deploy).filter(p -> p.getFileName().toString().startsWith("domain-identity-auth")).findFirst().orElseThrow();
        ObjectNode catalogue;
        try (JarFile jar = new JarFile(shipped.toFile())) {
            catalogue = (ObjectNode) JSON.readTree(jar.getInputStream(jar.getEntry("catalogue.json")));
        }
        ArrayNode obligations = (ArrayNode) catalogue.get("obligations");
        for (int i = obligations.size() - 1; i >= 0; i--) {
            if ("ia.d13".equals(obligations.get(i).path("id").asText())) {
                obligations.remove(i);
            }
        }
        DomainJars.deploy(deploy, shipped.getFileName().toString(), DomainJars.jar("org.lvyue.domain-identity-auth", "0.2.0",
                "identity-auth", "package org.lvyue.rules.identity;\n", catalogue.toString()));
        Await.until("identity-auth 0.2.0 active", () -> {
            try {
                for (JsonNode d : Http.health().path("domains")) {
                    if ("identity-auth".equals(d.path("domain").asText()) && "0.2.0".equals(d.path("version").asText())) {
                        return true;
                    }
                }
                return false;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, found -> found, 30_000);
        awaitAllDomains();
        assertTrue(findingKeys("identity-auth").stream().noneMatch(k -> k.contains("/ia.d13/")));
        assertTrue(findingKeys("identity-auth").stream().anyMatch(k -> k.contains("/ia.d12/")));
        assertEquals(certificatesBefore, findingKeys("certificates"));
    }

    private static Http.Reply csv(String format, String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(Http.BASE + CONTRACT + "/facts?format=" + format))
                .header("Authorization", Http.authorization(CONTRACT + "/facts", "collector"))
                .header("Content-Type", "text/csv; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        return new Http.Reply(r.statusCode(), r.body());
    }

    private static Set<String> findingKeys(String domain) {
        try {
            JsonNode page = json(Http.get(CONTRACT + "/findings?status=OPEN&limit=5000&domain=" + domain, "evaluator"), 200);
            Set<String> keys = new TreeSet<>();
            page.path("findings").forEach(f -> keys.add(f.path("key").asText()));
            return keys;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitAllDomains() {
        Await.domains(DOMAINS, CONTRACT);
    }

    private static JsonNode json(Http.Reply reply, int status) throws Exception {
        assertEquals(reply.body(), status, reply.status());
        return JSON.readTree(reply.body());
    }
}
