package org.lvyue.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

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
 * The REST API the web console is built on, against the real distribution (today is 2023-01-10):
 * who is logged in, the dashboard, findings filtered and opened to their rule, clause text, facts and
 * waivers, facts browsed and dry-run imports, domain bundles uploaded and removed, and the activity
 * record of all of it. Each test checks the activity entries of its own actions, so they may run in
 * any order.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConsoleApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTRACT = "/contracts/bj-hrss-2022";

    @Configuration
    public Option[] config() {
        return Distribution.on(8189);
    }

    private static JsonNode json(Http.Reply r, int status) throws IOException {
        assertEquals(r.body(), status, r.status());
        return JSON.readTree(r.body());
    }

    private static String firstProblemField(Http.Reply r) throws IOException {
        return JSON.readTree(r.body()).path("problems").get(0).path("field").asText();
    }

    /** One request of the console's script: the session cookie (if any), its CSRF token (if any), no password. */
    private static java.net.http.HttpResponse<String> console(String method, String path, String cookie, String csrf, String json)
            throws Exception {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(Http.BASE + path))
                .header("X-Requested-With", "XMLHttpRequest").header("Accept", "application/json")
                .method(method, json == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return java.net.http.HttpClient.newHttpClient().send(b.build(),
                java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    public void the_console_logs_in_once_then_uses_an_http_only_session_with_a_csrf_token_until_logout() throws Exception {
        var refused = console("POST", "/session", null, null, "{\"user\":\"evaluator\",\"password\":\"wrong-password\"}");
        assertEquals(refused.body(), 401, refused.statusCode());
        assertFalse("no browser password dialog for the console", refused.headers().firstValue("WWW-Authenticate").isPresent());
        var missing = console("POST", "/session", null, null, "{\"user\":\"evaluator\"}");
        assertEquals(missing.body(), 400, missing.statusCode());
        assertEquals("password", JSON.readTree(missing.body()).path("problems").get(0).path("field").asText());

        var opened = console("POST", "/session", null, null, "{\"user\":\"admin\",\"password\":\"admin\"}");
        assertEquals(opened.body(), 200, opened.statusCode());
        String setCookie = opened.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie, setCookie.startsWith("LVYUE_SESSION=") && setCookie.contains("HttpOnly")
                && setCookie.contains("SameSite=Strict") && setCookie.contains("Path=/api"));
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String csrf = JSON.readTree(opened.body()).path("csrfToken").asText();
        assertEquals(15, JSON.readTree(opened.body()).path("idleMinutes").asInt());
        assertFalse("the answer holds no password", opened.body().contains("\"admin\",\"password\""));

        // reads need only the cookie; a change needs the token as well
        var me = console("GET", "/me", cookie, null, null);
        assertEquals(me.body(), 200, me.statusCode());
        assertEquals("admin", JSON.readTree(me.body()).path("user").asText());
        var noToken = console("POST", CONTRACT + "/facts?dryRun=true", cookie, null, "[]");
        assertEquals(noToken.body(), 403, noToken.statusCode());
        assertEquals("csrf", JSON.readTree(noToken.body()).path("error").asText());
        var withToken = console("POST", CONTRACT + "/facts?dryRun=true", cookie, csrf, "[]");
        assertTrue(withToken.body(), withToken.statusCode() != 401 && withToken.statusCode() != 403);

        var out = console("DELETE", "/session", cookie, csrf, null);
        assertEquals(204, out.statusCode());
        assertTrue(out.headers().firstValue("Set-Cookie").orElse(""), out.headers().firstValue("Set-Cookie").orElse("").contains("Max-Age=0"));
        var after = console("GET", "/me", cookie, null, null);
        assertEquals("the ended session is no login", 401, after.statusCode());
        assertEquals("ended", after.headers().firstValue("X-Lvyue-Session").orElse(""));
        JsonNode logout = json(Http.get("/activity?action=logout&user=admin", "auditadmin"), 200);
        assertTrue(logout.toString(), logout.path("total").asLong() >= 1);
    }

    @Test
    public void each_user_sees_who_they_are_and_wrong_credentials_or_roles_are_refused() throws Exception {
        assertEquals(401, Http.get("/me", null).status());
        JsonNode admin = json(Http.get("/me", "admin"), 200);
        assertEquals("admin", admin.path("user").asText());
        assertEquals("[\"admin\"]", admin.path("roles").toString());
        assertEquals("[\"engineer\"]", json(Http.get("/me", "engineer"), 200).path("roles").toString());
        assertEquals("[\"collector\"]", json(Http.get("/me", "collector"), 200).path("roles").toString());

        assertEquals(401, Http.getWithPassword("/me", "evaluator", "wrong-password").status());
        assertEquals(401, Http.get(CONTRACT + "/dashboard", null).status());
        assertEquals(401, Http.get("/activity", null).status());
        assertEquals(403, Http.get("/activity", "engineer").status());
        assertEquals(403, Http.get("/activity", "collector").status());
        assertEquals("三权分立: not the system administrator whose actions it records", 403, Http.get("/activity", "admin").status());
        assertEquals(403, Http.post(CONTRACT + "/facts?dryRun=true", "evaluator", "[{}]").status());

        JsonNode failed = json(Http.get("/activity?action=login-failed&user=evaluator", "auditadmin"), 200);
        assertTrue(failed.toString(), failed.path("total").asLong() >= 1);
        JsonNode entry = failed.path("entries").get(0);
        assertEquals("evaluator", entry.path("user").asText());
        assertEquals("127.0.0.1", entry.path("address").asText());
        JsonNode logins = json(Http.get("/activity?action=login&user=engineer", "auditadmin"), 200);
        assertTrue(logins.toString(), logins.path("total").asLong() >= 1);
        assertEquals("action", firstProblemField(Http.get("/activity?action=dance", "auditadmin")));
        assertEquals("limit", firstProblemField(Http.get("/activity?limit=0", "auditadmin")));
    }

    @Test
    public void a_dry_run_reports_each_bad_row_and_stores_nothing() throws Exception {
        Await.domains(Await.SHIPPED_DOMAINS, CONTRACT);
        String batch = "[{\"id\":\"dry-drill-1\",\"kind\":\"drill.performed\",\"date\":\"2022-05-10\","
                + "\"attributes\":{\"scenario\":\"断网演练\"}},"
                + "{\"id\":\"dry-drill-2\",\"kind\":\"drill.performed\",\"date\":\"2022-02-30\","
                + "\"attributes\":{\"scenario\":\"断网演练\"}}]";
        JsonNode dry = json(Http.post(CONTRACT + "/facts?dryRun=true", "collector", batch), 200);
        assertTrue(dry.path("dryRun").asBoolean());
        assertEquals(2, dry.path("rows").asInt());
        assertEquals(1, dry.path("valid").asInt());
        assertEquals(1, dry.path("invalid").asInt());
        assertEquals(1, dry.path("problems").get(0).path("row").asInt());
        assertEquals("date", dry.path("problems").get(0).path("field").asText());
        assertFalse(dry.path("problems").get(0).path("message").asText().isEmpty());

        String sheet = "日期,检查项,结果,巡检人\n2022-11-01,ia.d05,正常,张工\n2022-11-02,ia.d99,正常,张工\n";
        JsonNode drySheet = json(Http.send(CONTRACT + "/facts?format=inspection&dryRun=true", "engineer", "text/csv",
                sheet.getBytes(StandardCharsets.UTF_8)), 200);
        assertEquals(2, drySheet.path("rows").asInt());
        assertEquals(1, drySheet.path("invalid").asInt());
        assertEquals(3, drySheet.path("problems").get(0).path("row").asInt());
        assertEquals("检查项", drySheet.path("problems").get(0).path("field").asText());

        assertEquals(0, json(Http.get(CONTRACT + "/facts?kind=drill.performed&limit=1000", "evaluator"), 200).path("facts")
                .findValues("id").stream().filter(id -> id.asText().startsWith("dry-")).count());
        assertEquals(0, json(Http.get(CONTRACT + "/facts?kind=identity-auth.inspection", "evaluator"), 200).path("facts")
                .findValues("date").stream().filter(d -> d.asText().startsWith("2022-11-0")).count());
        assertEquals("dryRun", firstProblemField(Http.post(CONTRACT + "/facts?dryRun=maybe", "collector", batch)));
        // without dryRun the same batch is refused whole, as before
        assertEquals(400, Http.post(CONTRACT + "/facts", "collector", batch).status());
    }

    @Test
    public void the_dashboard_findings_and_their_details_follow_the_facts_and_the_waivers() throws Exception {
        Await.domains(Await.SHIPPED_DOMAINS, CONTRACT);
        String facts = "[{\"id\":\"console-drill\",\"kind\":\"drill.performed\",\"date\":\"2022-06-15\","
                + "\"attributes\":{\"scenario\":\"勒索病毒处置\"}},"
                + "{\"id\":\"console-req-late\",\"kind\":\"support.request\",\"subject\":\"CON-1\",\"date\":\"2022-12-05\","
                + "\"time\":\"2022-12-05T10:00:00\",\"attributes\":{\"site\":\"海淀区\",\"description\":\"证书无法读取\"}},"
                + "{\"id\":\"console-req-ok\",\"kind\":\"support.request\",\"subject\":\"CON-2\",\"date\":\"2022-12-06\","
                + "\"time\":\"2022-12-06T10:00:00\",\"attributes\":{\"site\":\"海淀区\",\"description\":\"登录失败\"}},"
                + "{\"id\":\"console-contact-ok\",\"kind\":\"support.contact\",\"subject\":\"CON-2\",\"date\":\"2022-12-06\","
                + "\"time\":\"2022-12-06T10:20:00\",\"status\":\"resolved\",\"attributes\":{\"engineer\":\"李工\"}}]";
        JsonNode stored = json(Http.post(CONTRACT + "/facts", "collector", facts), 200);
        long batch = stored.path("batchId").asLong();

        // the dashboard of the last week of the service year
        JsonNode dash = json(Http.get(CONTRACT + "/dashboard?asOf=2022-12-28", "evaluator"), 200);
        assertEquals("bj-hrss-2022", dash.path("contractId").asText());
        assertEquals("2022-12-28", dash.path("asOf").asText());
        List<String> months = new ArrayList<>();
        dash.path("byMonth").forEach(m -> months.add(m.path("month").asText()));
        assertEquals(12, months.size());
        assertEquals("2022-01", months.get(0));
        assertEquals("2022-12", months.get(11));
        JsonNode identity = null;
        for (JsonNode d : dash.path("byDomain")) {
            if ("identity-auth".equals(d.path("domain").asText())) {
                identity = d;
            }
        }
        assertNotNull(dash.toString(), identity);
        assertTrue(identity.toString(), identity.path("due").asInt() > 0 && identity.path("missed").asInt() > 0);
        assertEquals(identity.path("met").asDouble() / identity.path("due").asDouble(), identity.path("rate").asDouble(), 0.0001);
        assertEquals(Set.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"), fieldNames(dash.path("openBySeverity")));
        JsonNode money = dash.path("money");
        for (String k : List.of("penalties", "interest", "refunds", "net", "newSupplierOwes")) {
            assertTrue(money.toString(), money.path(k).isTextual() && money.path(k).asText().matches("-?\\d+\\.\\d{2}"));
        }
        assertEquals("CNY", money.path("currency").asText());
        assertEquals(new java.math.BigDecimal(money.path("net").asText()), new java.math.BigDecimal(money.path("penalties").asText())
                .add(new java.math.BigDecimal(money.path("refunds").asText()))
                .subtract(new java.math.BigDecimal(money.path("interest").asText()))
                .subtract(new java.math.BigDecimal(money.path("fees").asText())));
        JsonNode sla = dash.path("sla");
        assertEquals(sla.toString(), 2, sla.path("tickets").asInt());
        assertEquals(sla.toString(), 1, sla.path("missed").asInt());
        assertEquals(0.5, sla.path("rate").asDouble(), 0.0);
        JsonNode deadlines = dash.path("deadlines");
        String previous = "2022-12-28";
        boolean quarter = false;
        for (JsonNode d : deadlines) {
            String date = d.path("date").asText();
            assertTrue(deadlines.toString(), date.compareTo(previous) >= 0 && date.compareTo("2023-01-04") <= 0);
            previous = date;
            quarter |= "assessment".equals(d.path("kind").asText()) && "2022-Q4".equals(d.path("ref").asText())
                    && "2022-12-31".equals(date);
        }
        assertTrue(deadlines.toString(), quarter);
        assertEquals("asOf", firstProblemField(Http.get(CONTRACT + "/dashboard?asOf=28.12.2022", "evaluator")));
        assertEquals(404, Http.get("/contracts/no-such/dashboard", "evaluator").status());

        // findings filtered by severity and clause
        JsonNode high = json(Http.get(CONTRACT + "/findings?status=OPEN&severity=HIGH", "evaluator"), 200);
        assertTrue(high.path("count").asInt() > 0);
        high.path("findings").forEach(f -> assertEquals("HIGH", f.path("severity").asText()));
        assertEquals("severity", firstProblemField(Http.get(CONTRACT + "/findings?severity=URGENT", "evaluator")));
        JsonNode drills = json(Http.get(CONTRACT + "/findings?status=OPEN&clause=" + Http.encode("附件二 5"), "evaluator"), 200);
        drills.path("findings").forEach(f -> assertEquals("附件二 5", f.path("clause").asText()));
        JsonNode report = null;
        for (JsonNode f : drills.path("findings")) {
            if ("drill.report".equals(f.path("obligationId").asText()) && f.path("factIds").toString().contains("console-drill")) {
                report = f;
            }
        }
        assertNotNull(drills.toString(), report);
        String key = report.path("key").asText();

        // a finding opened: its rule, its clause in the contract's words, its facts, its waivers
        String detailPath = CONTRACT + "/findings/detail?key=" + Http.encode(key);
        JsonNode detail = json(Http.get(detailPath, "engineer"), 200);
        assertEquals(key, detail.path("finding").path("key").asText());
        assertEquals(report.path("rule").asText(), detail.path("rule").path("name").asText());
        assertEquals("org.lvyue.domain-emergency-drill", detail.path("rule").path("bundle").asText());
        assertEquals("附件二 5", detail.path("clause").path("id").asText());
        assertTrue(detail.path("clause").path("text").asText(), detail.path("clause").path("text").asText().contains("应急演练"));
        assertEquals("console-drill", detail.path("facts").get(0).path("id").asText());
        assertEquals("勒索病毒处置", detail.path("facts").get(0).path("attributes").path("scenario").asText());
        assertEquals(Http.collectorPrincipal("bj-hrss-2022"), detail.path("facts").get(0).path("source").asText());
        assertEquals(0, detail.path("waivers").size());

        String waiver = "{\"target\":\"FINDING\",\"key\":" + JSON.writeValueAsString(key) + ",\"justification\":\"甲方同意延期提交\"}";
        assertEquals(403, Http.post(CONTRACT + "/waivers", "evaluator", waiver).status());
        long first = json(Http.post(CONTRACT + "/waivers", "admin", waiver), 201).path("id").asLong();
        json(Http.delete(CONTRACT + "/waivers/" + first + "?reason=" + Http.encode("误操作"), "admin"), 200);
        long second = json(Http.post(CONTRACT + "/waivers", "admin", waiver), 201).path("id").asLong();
        detail = json(Http.get(detailPath, "collector"), 200);
        assertEquals("WAIVED", detail.path("finding").path("status").asText());
        assertEquals(2, detail.path("waivers").size());
        assertEquals(second, detail.path("waivers").get(0).path("id").asLong());
        assertTrue(detail.path("waivers").get(0).path("activeToday").asBoolean());
        assertEquals(first, detail.path("waivers").get(1).path("id").asLong());
        assertEquals("误操作", detail.path("waivers").get(1).path("withdrawReason").asText());
        Http.Reply unknown = Http.get(CONTRACT + "/findings/detail?key=" + Http.encode("no/such/key"), "engineer");
        assertEquals(404, unknown.status());
        assertTrue(unknown.body(), JSON.readTree(unknown.body()).path("message").asText().contains("no/such/key"));
        assertEquals("key", firstProblemField(Http.get(CONTRACT + "/findings/detail", "engineer")));

        // the facts, newest first, by kind
        JsonNode drillFacts = json(Http.get(CONTRACT + "/facts?kind=drill.performed", "evaluator"), 200);
        assertEquals(1, drillFacts.path("total").asLong());
        assertEquals("console-drill", drillFacts.path("facts").get(0).path("id").asText());
        JsonNode all = json(Http.get(CONTRACT + "/facts?limit=1000", "evaluator"), 200);
        List<String> order = new ArrayList<>();
        String last = null;
        for (JsonNode f : all.path("facts")) {
            String sortKey = f.path("date").asText() + " " + f.path("id").asText();
            assertTrue(all.toString(), last == null || sortKey.compareTo(last) <= 0);
            last = sortKey;
            if (f.path("id").asText().startsWith("console-")) {
                order.add(f.path("id").asText());
            }
        }
        assertEquals("newest first: by date, then id", List.of("console-req-ok", "console-contact-ok", "console-req-late",
                "console-drill"), order);
        assertEquals(all.path("count").asLong(), all.path("total").asLong());
        JsonNode page2 = json(Http.get(CONTRACT + "/facts?limit=1&offset=1", "evaluator"), 200);
        assertEquals(all.path("facts").get(1).path("id").asText(), page2.path("facts").get(0).path("id").asText());
        assertEquals("limit", firstProblemField(Http.get(CONTRACT + "/facts?limit=0", "evaluator")));
        assertEquals("limit", firstProblemField(Http.get(CONTRACT + "/facts?limit=1001", "evaluator")));
        JsonNode kinds = json(Http.get(CONTRACT + "/facts/kinds", "evaluator"), 200);
        assertTrue(kinds.toString(), kinds.toString().contains("{\"kind\":\"drill.performed\",\"count\":1,\"domain\":\"emergency-drill\"}"));
        assertTrue(kinds.toString(), kinds.toString().contains("{\"kind\":\"support.request\",\"count\":2,\"domain\":\"support\"}"));

        // who did it
        JsonNode imports = json(Http.get("/activity?action=facts-import&user=" + Http.encode(Http.collectorPrincipal("bj-hrss-2022")),
                "auditadmin"), 200);
        assertTrue(imports.toString(), imports.path("entries").toString().contains("批次 " + batch + "（JSON）：提交 4 条，存储 4 条"));
        JsonNode byAdmin = json(Http.get("/activity?user=admin&limit=20", "auditadmin"), 200);
        List<JsonNode> waivers = new ArrayList<>();
        byAdmin.path("entries").forEach(e -> {
            if (e.path("action").asText().startsWith("waiver-")) {
                waivers.add(e);
            }
        });
        assertEquals(byAdmin.toString(), List.of("waiver-add", "waiver-withdraw", "waiver-add"),
                waivers.subList(0, 3).stream().map(e -> e.path("action").asText()).toList());
        assertTrue(waivers.get(1).path("detail").asText().contains("撤回豁免 " + first));
        assertEquals("bj-hrss-2022", waivers.get(0).path("target").asText());
    }

    @Test
    public void an_uploaded_domain_bundle_becomes_active_and_a_removed_one_goes_away() throws Exception {
        Await.domains(Await.SHIPPED_DOMAINS, CONTRACT);
        String name = "org.lvyue.test.console-domain";
        byte[] jar = DomainJars.jar(name, "1.0.0", "console-test", DomainJars.alwaysRule("console-test", "控制台上传"),
                DomainJars.catalogue("console-test"));

        assertEquals(401, Http.send("/domains", null, "application/java-archive", jar).status());
        assertEquals(403, Http.send("/domains", "evaluator", "application/java-archive", jar).status());
        assertEquals(415, Http.send("/domains", "engineer", "text/plain", jar).status());
        Http.Reply plain = Http.send("/domains", "engineer", "application/java-archive",
                DomainJarsWithoutDomain.jar("org.example.plain"));
        assertEquals(plain.body(), 400, plain.status());
        assertTrue(plain.body(), plain.body().contains("Compliance-Domain"));
        assertEquals(400, Http.send("/domains", "engineer", "application/octet-stream", "no jar".getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(413, Http.send("/domains", "engineer", "application/octet-stream", new byte[20 * 1024 * 1024 + 1]).status());

        JsonNode uploaded = json(Http.send("/domains?fileName=console.jar", "engineer", "application/java-archive", jar), 202);
        assertEquals(name, uploaded.path("symbolicName").asText());
        assertEquals("1.0.0", uploaded.path("version").asText());
        assertEquals(name + "-1.0.0.jar", uploaded.path("file").asText());
        Await.until(name + " active", () -> states(name), List.of("ACTIVE")::equals, 60_000);

        // the same version again with a broken rule: written over the same file, refused, the good revision runs on
        byte[] broken = DomainJars.jar(name, "1.0.0", "console-test", "rule \"坏规则\" when then oops end",
                DomainJars.catalogue("console-test"));
        JsonNode again = json(Http.send("/domains", "admin", "application/octet-stream", broken), 202);
        assertEquals("[\"" + name + "-1.0.0.jar\"]", again.path("replaced").toString());
        Await.until(name + " refused beside the running revision", () -> states(name), List.of("ACTIVE", "REFUSED")::equals, 60_000);

        assertEquals(403, Http.delete("/domains/" + name, "collector").status());
        JsonNode removed = json(Http.delete("/domains/" + name, "engineer"), 202);
        assertEquals("[\"" + name + "-1.0.0.jar\"]", removed.path("removed").toString());
        Await.until(name + " gone", () -> states(name), List.of()::equals, 60_000);
        assertEquals(404, Http.delete("/domains/" + name, "engineer").status());

        JsonNode bundles = json(Http.get("/activity?user=engineer&limit=20", "auditadmin"), 200);
        List<String> mine = new ArrayList<>();
        for (JsonNode e : bundles.path("entries")) {
            if (name.equals(e.path("target").asText())) {
                mine.add(e.path("action").asText());
            }
        }
        assertEquals(bundles.toString(), List.of("bundle-remove", "bundle-upload"), mine);
        JsonNode byAdmin = json(Http.get("/activity?action=bundle-upload&user=admin", "auditadmin"), 200);
        assertTrue(byAdmin.toString(), byAdmin.path("entries").get(0).path("detail").asText().contains("替换 " + name + "-1.0.0.jar"));
    }

    /** The states of the bundle's entries in {@code GET /api/domains}, sorted; empty when it is not there. */
    private static List<String> states(String symbolicName) {
        try {
            Http.Reply r = Http.get("/domains", "engineer");
            if (r.status() != 200) {
                return List.of("HTTP " + r.status());
            }
            List<String> states = new ArrayList<>();
            for (JsonNode b : JSON.readTree(r.body()).path("bundles")) {
                if (symbolicName.equals(b.path("symbolicName").asText())) {
                    states.add(b.path("state").asText());
                }
            }
            states.sort(null);
            return states;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> ids(JsonNode facts) {
        List<String> out = new ArrayList<>();
        facts.forEach(f -> out.add(f.path("id").asText()));
        return out;
    }

    /** A jar that is an OSGi bundle but no domain bundle (no {@code Compliance-Domain}). */
    private static final class DomainJarsWithoutDomain {
        static byte[] jar(String symbolicName) throws IOException {
            java.util.jar.Manifest mf = new java.util.jar.Manifest();
            mf.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
            mf.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try (java.util.jar.JarOutputStream jar = new java.util.jar.JarOutputStream(out, mf)) {
                jar.putNextEntry(new java.util.jar.JarEntry("readme.txt"));
                jar.write("plain".getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
            return out.toByteArray();
        }
    }
}
