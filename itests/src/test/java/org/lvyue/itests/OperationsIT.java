package org.lvyue.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * What an operator of the distribution relies on (issue #23): {@code /metrics} for Prometheus behind the role,
 * the API browsable at {@code /api/docs} from the product itself, and a log without a WARN or ERROR line after a
 * normal start and a normal day's requests. The distribution runs as a process, as in production.
 */
public class OperationsIT {
    private static final int PORT = 8197;
    private static final String CONTRACT = "bj-hrss-2022";
    private static final String FACTS = "/api/contracts/" + CONTRACT + "/facts";
    /** A line of karaf.log at WARN or ERROR ({@code 2026-12-06T09:29:14,171 | WARN  | thread | ...}). */
    private static final Pattern LOUD = Pattern.compile("^\\S+ \\| (WARN|ERROR)\\s*\\|.*");

    private static KarafProcess karaf;

    @BeforeClass
    public static void start() throws IOException {
        // a normal start: the demo year loaded on first start, as shipped (a small one: its bulky volumes at 2 %)
        karaf = KarafProcess.start(Path.of("target", "operations-karaf").toAbsolutePath(), PORT, 0.02);
        karaf.awaitUp();
        karaf.awaitDemoYear(CONTRACT);
    }

    @AfterClass
    public static void stop() throws IOException {
        if (karaf != null) {
            karaf.close();
        }
    }

    private static String drills(String prefix, int n) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":\"").append(prefix).append('-').append(i)
                    .append("\",\"kind\":\"drill.performed\",\"date\":\"2022-06-15\",\"attributes\":{\"scenario\":\"断电演练 ")
                    .append(i).append("\"}}");
        }
        return json.append(']').toString();
    }

    /** The samples of an exposition in the Prometheus text format: series (name and labels) to value. */
    private static Map<String, Double> samples(String exposition) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return out;
    }

    @Test
    public void metrics_need_the_role_and_count_what_a_posted_batch_did() {
        KarafProcess.Reply anonymous = karaf.get("/metrics", null);
        assertEquals(anonymous.body(), 401, anonymous.status());
        KarafProcess.Reply evaluator = karaf.get("/metrics", "evaluator");
        assertEquals(evaluator.body(), 403, evaluator.status());

        KarafProcess.Reply posted = karaf.post(FACTS, "collector", drills("metrics-it", 20));
        assertEquals(posted.body(), 200, posted.status());

        KarafProcess.Reply scraped = karaf.get("/metrics", "admin");
        assertEquals(scraped.body(), 200, scraped.status());
        assertTrue(scraped.contentType(), scraped.contentType().startsWith("text/plain; version=0.0.4"));
        Map<String, Double> s = samples(scraped.body());
        String c = "contract=\"" + CONTRACT + "\"";
        assertTrue(s.toString(), s.get("lvyue_ingested_batches_total{" + c + ",kind=\"facts\"}") >= 1);
        assertTrue(s.toString(), s.get("lvyue_ingested_records_total{" + c + ",kind=\"facts\"}") >= 20);
        assertTrue(s.toString(), s.get("lvyue_ingest_duration_seconds_count{kind=\"facts\"}") >= 1);
        assertTrue(s.toString(), s.get("lvyue_evaluation_duration_seconds_count{" + c + "}") >= 1);
        assertTrue(s.toString(), s.get("lvyue_rule_set_version") >= 1);
        // the swap at start may come before the metrics bundle is there: the family, not a count
        assertTrue(s.toString(), s.containsKey("lvyue_rule_set_swap_duration_seconds_count"));
        assertTrue(s.toString(), s.get("lvyue_working_memories") >= 1);
        assertTrue(s.toString(), s.get("jvm_memory_used_bytes{area=\"heap\"}") > 0);
        assertEquals(s.toString(), 0.0, s.get("lvyue_intake_queue_batches{" + c + "}"), 0.0);
        assertTrue(s.toString(), s.containsKey("lvyue_refusals_total{reason=\"QUEUE_FULL\",status=\"429\"}"));
        assertTrue(s.toString(), s.containsKey("lvyue_findings_open{" + c + ",severity=\"HIGH\"}"));
    }

    @Test
    public void the_api_is_browsable_at_api_docs_from_the_product_itself() {
        KarafProcess.Reply bare = karaf.get("/api/docs", null);
        assertEquals(bare.body(), 301, bare.status());
        KarafProcess.Reply page = karaf.get("/api/docs/", null);
        assertEquals(page.body(), 200, page.status());
        assertTrue(page.body(), page.body().contains("swagger-ui-bundle.js") && page.body().contains("initializer.js"));
        KarafProcess.Reply bundle = karaf.get("/api/docs/swagger-ui-bundle.js", null);
        assertEquals(200, bundle.status());
        assertTrue("Swagger UI's bundle, not a stub: " + bundle.body().length(), bundle.body().length() > 500_000);
        assertEquals(200, karaf.get("/api/docs/swagger-ui.css", null).status());
        KarafProcess.Reply init = karaf.get("/api/docs/initializer.js", null);
        assertTrue(init.body(), init.status() == 200 && init.body().contains("'/api/openapi.json'"));
        KarafProcess.Reply doc = karaf.get("/api/openapi.json", null);
        assertEquals(200, doc.status());
        // Swagger UI's "Authorize" offers the schemes the document declares: the login is HTTP Basic
        assertEquals("basic", doc.json().path("components").path("securitySchemes").path("basic").path("scheme").asText());
    }

    @Test
    public void a_normal_start_and_a_normal_day_log_no_warn_or_error_line() throws IOException {
        // a day's usual requests first: logins, a batch, the findings, a scrape
        assertEquals(200, karaf.post(FACTS, "collector", drills("quiet-it", 5)).status());
        assertEquals(200, karaf.get("/api/contracts/" + CONTRACT + "/findings?status=OPEN", "evaluator").status());
        assertEquals(200, karaf.get("/metrics", "admin").status());
        Path log = karaf.home.resolve("data/log/karaf.log");
        List<String> loud = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> LOUD.matcher(l).matches()).toList();
        assertEquals("WARN/ERROR lines in " + log + ":\n" + String.join("\n", loud), List.of(), loud);
    }
}
