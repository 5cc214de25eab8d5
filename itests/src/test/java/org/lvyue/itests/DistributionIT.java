package org.lvyue.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Boots the real Lvyue distribution (the tar.gz the build just made) and uses it the way its users
 * do: over HTTP on port 8181, and by copying domain bundle jars into {@code deploy/}. The evaluation
 * day is fixed at 2023-01-10 so the demo year 2022 is over and its findings are known.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DistributionIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTRACT = "/contracts/bj-hrss-2022";
    private static final long DEPLOY_TIMEOUT = 30_000;

    @Configuration
    public Option[] config() {
        return Distribution.on(8181);
    }

    @Test
    public void the_shipped_emergency_drill_domain_is_active_and_health_needs_no_login() throws Exception {
        JsonNode drill = awaitDomain("emergency-drill", d -> "ACTIVE".equals(d.path("state").asText()));
        assertEquals("应急演练", drill.path("title").asText());
        assertEquals(5, drill.path("ruleCount").asInt());
    }

    @Test
    public void every_endpoint_but_health_needs_a_user_with_the_right_role() throws Exception {
        awaitDomain("emergency-drill", d -> "ACTIVE".equals(d.path("state").asText()));
        assertEquals(401, Http.get("/contracts", null).status());
        assertEquals(401, Http.get("/contracts", "nobody").status());
        assertEquals(200, Http.get("/contracts", "evaluator").status());
        assertEquals(403, Http.post(CONTRACT + "/facts", "evaluator", "[]").status());
        Http.Reply contracts = Http.get("/contracts", "engineer");
        assertEquals(200, contracts.status());
        assertEquals("bj-hrss-2022", JSON.readTree(contracts.body()).get(0).path("id").asText());
        // the shared collector password reaches no contract: collectors post with the contract's API token
        assertEquals("[]", Http.get("/contracts", "collector").body());
        assertEquals(200, Http.get("/openapi.json", null).status());
    }

    @Test
    public void a_bad_batch_is_refused_whole_with_each_problem_and_a_good_one_clears_the_drill_findings() throws Exception {
        awaitDomain("emergency-drill", d -> "ACTIVE".equals(d.path("state").asText()));
        // 2022 had no drill: the drill and its three documents are open findings
        awaitOpenFindings("emergency-drill", 4);

        String bad = "[" + drill("it-drill-1", "2022-06-15") + ","
                + "{\"id\":\"it-bad\",\"kind\":\"drill.document\",\"subject\":\"minutes\",\"date\":\"2022-06-31\"}]";
        Http.Reply refused = Http.post(CONTRACT + "/facts", "collector", bad);
        assertEquals(refused.body(), 400, refused.status());
        List<String> where = new ArrayList<>();
        JSON.readTree(refused.body()).path("problems").forEach(p -> where.add(p.path("index").asInt() + ":" + p.path("field").asText()));
        assertTrue(where.toString(), where.containsAll(List.of("1:subject", "1:date", "1:status", "1:attributes.title")));
        assertTrue(where.toString(), where.stream().noneMatch(w -> w.startsWith("0:")));
        assertEquals("nothing of the refused batch was stored", 4, openFindings("emergency-drill").size());

        // the drill, its three documents, and the plan revised after it (附件二 5「根据实际情况对应急预案进行修订」)
        String good = "[" + drill("it-drill-1", "2022-06-15") + ","
                + document("it-plan-1", "plan", "2022-06-10") + "," + document("it-scheme-1", "scheme", "2022-06-10") + ","
                + document("it-report-1", "report", "2022-06-28") + ","
                + revision("it-revision-1", "2022-07-05", "it-drill-1") + "]";
        Http.Reply accepted = Http.post(CONTRACT + "/facts", "collector", good);
        assertEquals(accepted.body(), 200, accepted.status());
        JsonNode result = JSON.readTree(accepted.body());
        assertEquals(5, result.path("stored").asInt());
        assertEquals(4, result.path("findingsResolved").asInt());
        assertEquals(0, openFindings("emergency-drill").size());

        Http.Reply retried = Http.post(CONTRACT + "/facts", "collector", good);
        assertEquals(0, JSON.readTree(retried.body()).path("stored").asInt());
        assertEquals(5, JSON.readTree(retried.body()).path("duplicateIds").size());
    }

    @Test
    public void a_domain_bundle_goes_live_is_replaced_refused_and_removed_while_the_engine_runs() throws Exception {
        Path deploy = Path.of(System.getProperty("karaf.base"), "deploy");
        String domain = "it-probe";
        String sn = "org.lvyue.test.probe";

        DomainJars.deploy(deploy, "probe.jar", DomainJars.jar(sn, "1.0.0", domain,
                DomainJars.alwaysRule(domain, "probe-v1"), DomainJars.catalogue(domain)));
        awaitDomain(domain, d -> "1.0.0".equals(d.path("version").asText()) && "ACTIVE".equals(d.path("state").asText()));
        awaitOpenTitles(domain, List.of("probe-v1"));

        // an update replaces the rules in one step
        DomainJars.deploy(deploy, "probe.jar", DomainJars.jar(sn, "2.0.0", domain,
                DomainJars.alwaysRule(domain, "probe-v2"), DomainJars.catalogue(domain)));
        awaitDomain(domain, d -> "2.0.0".equals(d.path("version").asText()) && "ACTIVE".equals(d.path("state").asText()));
        awaitOpenTitles(domain, List.of("probe-v2"));

        // a broken bundle is refused with file, line and message; the rules before keep firing
        DomainJars.deploy(deploy, "broken.jar", DomainJars.jar("org.lvyue.test.broken", "1.0.0", "it-broken",
                "package org.lvyue.test.broken;\nrule \"broken\"\nwhen\n    NoSuchFact( x == 1 )\nthen\nend\n",
                DomainJars.catalogue("it-broken")));
        JsonNode broken = awaitDomain("it-broken", d -> "REFUSED".equals(d.path("state").asText()));
        JsonNode problem = broken.path("problems").get(0);
        assertEquals("rules/it-broken.drl", problem.path("file").asText());
        assertTrue(problem.toString(), problem.path("line").asInt() > 0);
        assertTrue(problem.toString(), problem.path("message").asText().contains("NoSuchFact"));
        assertEquals("DEGRADED", JSON.readTree(Http.get("/health", null).body()).path("status").asText());
        awaitOpenTitles(domain, List.of("probe-v2"));

        // a broken update of a running domain is refused and its previous revision keeps running
        DomainJars.deploy(deploy, "probe.jar", DomainJars.jar(sn, "3.0.0", domain,
                "rule \"unterminated\"\nwhen\n", DomainJars.catalogue(domain)));
        awaitDomain(domain, d -> "3.0.0".equals(d.path("version").asText()) && "REFUSED".equals(d.path("state").asText()));
        assertTrue(domains().stream().anyMatch(d -> domain.equals(d.path("domain").asText())
                && "2.0.0".equals(d.path("version").asText()) && "ACTIVE".equals(d.path("state").asText())));
        assertEquals(List.of("probe-v2"), openTitles(domain));

        // removing the jar removes the rules and resolves their findings
        Files.delete(deploy.resolve("probe.jar"));
        Files.delete(deploy.resolve("broken.jar"));
        Await.until("probe domain gone", DistributionIT::domains,
                ds -> ds.stream().noneMatch(d -> d.path("domain").asText().startsWith("it-")), DEPLOY_TIMEOUT);
        awaitOpenTitles(domain, List.of());
        assertEquals("UP", JSON.readTree(Http.get("/health", null).body()).path("status").asText());
    }

    // ---- helpers

    private static String drill(String id, String date) {
        return "{\"id\":\"" + id + "\",\"kind\":\"drill.performed\",\"date\":\"" + date
                + "\",\"attributes\":{\"scenario\":\"核心数据库勒索病毒处置\"}}";
    }

    private static String document(String id, String subject, String date) {
        return "{\"id\":\"" + id + "\",\"kind\":\"drill.document\",\"subject\":\"" + subject + "\",\"date\":\"" + date
                + "\",\"status\":\"submitted\",\"attributes\":{\"title\":\"" + subject + "\"}}";
    }

    /** The emergency plan revised after a drill: a drill.document naming the drill it answers. */
    private static String revision(String id, String date, String drill) {
        return "{\"id\":\"" + id + "\",\"kind\":\"drill.document\",\"subject\":\"plan-revision\",\"date\":\"" + date
                + "\",\"status\":\"submitted\",\"attributes\":{\"title\":\"应急预案修订版\",\"event\":\"" + drill + "\"}}";
    }

    private static List<JsonNode> domains() {
        try {
            List<JsonNode> out = new ArrayList<>();
            Http.Reply r = Http.get("/health", null);
            if (r.status() == 200) {
                JSON.readTree(r.body()).path("domains").forEach(out::add);
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode awaitDomain(String domain, java.util.function.Predicate<JsonNode> state) {
        List<JsonNode> ds = Await.until("domain " + domain, DistributionIT::domains,
                l -> l.stream().anyMatch(d -> domain.equals(d.path("domain").asText()) && state.test(d)), DEPLOY_TIMEOUT);
        return ds.stream().filter(d -> domain.equals(d.path("domain").asText()) && state.test(d)).findFirst().orElseThrow();
    }

    private static List<JsonNode> openFindings(String domain) {
        try {
            Http.Reply r = Http.get(CONTRACT + "/findings?status=OPEN&domain=" + domain, "evaluator");
            assertEquals(r.body(), 200, r.status());
            List<JsonNode> out = new ArrayList<>();
            JSON.readTree(r.body()).path("findings").forEach(out::add);
            return out;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> openTitles(String domain) {
        return openFindings(domain).stream().map(f -> f.path("title").asText()).sorted().toList();
    }

    private static void awaitOpenFindings(String domain, int count) {
        Await.until(count + " open findings of " + domain, () -> openFindings(domain), l -> l.size() == count, DEPLOY_TIMEOUT);
    }

    private static void awaitOpenTitles(String domain, List<String> titles) {
        Await.until("open findings " + titles + " of " + domain, () -> openTitles(domain), titles::equals, DEPLOY_TIMEOUT);
    }
}
