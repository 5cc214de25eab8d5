package org.lvyue.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A scripted penetration pass (issue #25 item 6; 附件三 1.6.10) against the real distribution, over every operation of
 * the {@code openapi.json} the running server serves: SQL injection and path traversal in path, query and body fields,
 * authentication bypass (no credentials, a wrong scheme, another organisation's contract), session fixation, CSRF on the
 * console's session, the security headers of every answer (HSTS over HTTPS), and errors that leak no stack trace, Java
 * class or SQL. Each test gathers every problem it finds and fails listing them all.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PenetrationIT {
    private static final int PORT = 8199;
    private static final int TLS_PORT = 8200;
    private static final String CONTRACT = "bj-hrss-2022";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> SQL = List.of("' OR '1'='1", "1; DROP TABLE fact; --", "x' UNION SELECT password FROM users --",
            "\" OR \"\"=\"");
    private static final List<String> TRAVERSAL = List.of("../../../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd",
            "....//....//etc/passwd", "/etc/passwd");
    /** What an error body must never hold: a stack trace, a Java class, the database's own words. */
    private static final Pattern VERBOSE = Pattern.compile("\\bat (java|javax|org|com|sun)\\.[\\w.$]+\\(|java\\.(lang|util|io|sql)\\."
            + "|javax\\.|org\\.(lvyue|h2|postgresql|glassfish|eclipse|apache)\\.|\\w+Exception\\b|Caused by|SQLState|JdbcSQL"
            + "|Syntax error in SQL|syntax error at or near|jdbc:");
    /** Values for path parameters that reach an operation without touching anything that exists. */
    private static final Map<String, String> NORMAL = Map.ofEntries(Map.entry("id", CONTRACT), Map.entry("domain", "identity-auth"),
            Map.entry("month", "2022-07"), Map.entry("quarter", "2022-Q3"), Map.entry("day", "2022-07-05"),
            Map.entry("week", "2022-W27"), Map.entry("org", "bj-hrss"), Map.entry("user", "no-such-user"),
            Map.entry("tokenId", "999999"), Map.entry("waiverId", "999999"), Map.entry("subscription", "999999"),
            Map.entry("symbolicName", "no.such.bundle"));

    @Configuration
    public Option[] config() throws Exception {
        Path dir = Path.of(System.getProperty("lvyue.exam.dir", "target/exam")).resolveSibling("penetration-it");
        Files.createDirectories(dir);
        Path keyStore = dir.resolve("https.p12");
        SecurityIT.writeKeyStore(keyStore);
        String web = "etc/org.ops4j.pax.web.cfg";
        return OptionUtils.combine(Distribution.on(PORT),
                // plain HTTP for the pass, HTTPS beside it for what only HTTPS answers (HSTS)
                editConfigurationFilePut(web, "org.osgi.service.http.secure.enabled", "true"),
                editConfigurationFilePut(web, "org.osgi.service.http.port.secure", Integer.toString(TLS_PORT)),
                editConfigurationFilePut(web, "org.ops4j.pax.web.ssl.keystore", keyStore.toString()),
                editConfigurationFilePut(web, "org.ops4j.pax.web.ssl.keystore.type", "PKCS12"),
                editConfigurationFilePut(web, "org.ops4j.pax.web.ssl.keystore.password", SecurityIT.STORE_PASSWORD),
                editConfigurationFilePut(web, "org.ops4j.pax.web.ssl.key.password", SecurityIT.STORE_PASSWORD),
                editConfigurationFilePut(web, "org.ops4j.pax.web.ssl.key.alias", "lvyue"),
                // the pass sends hundreds of deliberately bad credentials from one address: the address's slow-down
                // would stretch it to hours (its own test is SecurityIT's)
                editConfigurationFilePut("etc/org.lvyue.security.cfg", "addressFreeFailures", "100000"),
                systemProperty("lvyue.https.keystore").value(keyStore.toString()));
    }

    // ------------------------------------------------------------------------------------------------ the tests

    @Test
    public void injected_sql_and_traversal_in_every_field_of_every_operation_get_a_clear_refusal_and_change_nothing()
            throws Exception {
        Await.domains(Await.SHIPPED_DOMAINS, "/contracts/" + CONTRACT);
        long factsBefore = factTotal();
        List<String> problems = new ArrayList<>();
        int sent = 0;
        for (Operation op : operations()) {
            for (String param : op.pathParams) {
                for (String bad : concat(SQL, TRAVERSAL)) {
                    Map<String, String> values = new LinkedHashMap<>(NORMAL);
                    values.put(param, bad);
                    Reply r = send(op.method, op.path(values), op.user(), null, null, null, null);
                    sent++;
                    check(problems, r, op + " {" + param + "}=" + bad);
                    if (TRAVERSAL.contains(bad) && r.status < 300 && (op.path.contains("/reports/") || op.path.contains("{symbolicName}"))) {
                        problems.add(op + " {" + param + "}=" + bad + ": answered " + r.status + " for a path outside its folder");
                    }
                }
            }
            for (String param : op.queryParams) {
                for (String bad : concat(SQL, TRAVERSAL)) {
                    String path = op.path(NORMAL) + "?" + param + "=" + URLEncoder.encode(bad, StandardCharsets.UTF_8);
                    Reply r = send(op.method, path, op.user(), op.bodyType, op.bodyType == null ? null : op.body(bad), null, null);
                    sent++;
                    check(problems, r, op + " ?" + param + "=" + bad);
                    if (param.equals("fileName") && r.status < 300) {
                        problems.add(op + " ?fileName=" + bad + ": answered " + r.status);
                    }
                }
            }
            if (op.bodyType != null) {
                for (String bad : concat(SQL, TRAVERSAL)) {
                    Reply r = send(op.method, op.path(NORMAL), op.user(), op.bodyType, op.body(bad), null, null);
                    sent++;
                    check(problems, r, op + " body " + bad);
                }
            }
        }
        assertTrue("the pass sent " + sent + " requests", sent > 500);
        assertEquals("problems found:\n" + String.join("\n", problems), List.of(), problems);
        // nothing the injections carried was stored or broke the evidence
        assertEquals("no injected fact stored", factsBefore, factTotal());
        JsonNode integrity = JSON.readTree(send("GET", "/contracts/" + CONTRACT + "/integrity", "admin", null, null, null, null).body);
        assertTrue(integrity.toString(), integrity.path("intact").asBoolean());
        assertEquals(200, send("GET", "/health", null, null, null, null, null).status);
    }

    @Test
    public void no_credentials_a_wrong_scheme_or_another_organisations_contract_reach_no_operation() throws Exception {
        Await.domains(Await.SHIPPED_DOMAINS, "/contracts/" + CONTRACT);
        Map<String, String> wrong = new LinkedHashMap<>();
        wrong.put("none", null);
        wrong.put("Digest", "Digest username=\"admin\", realm=\"karaf\", nonce=\"x\", uri=\"/api/me\", response=\"0\"");
        wrong.put("Basic without a password", "Basic " + b64("admin"));
        wrong.put("Basic, an unknown user", "Basic " + b64("nobody-at-all:nobody-at-all"));
        wrong.put("a forged token", "Bearer lvy_" + "A".repeat(43));
        wrong.put("a user name as a token", "Bearer admin:admin");
        List<String> problems = new ArrayList<>();
        for (Operation op : operations()) {
            if (op.roles.isEmpty()) {
                continue; // public: /health, /openapi.json, the console's login and logout
            }
            String path = op.path(NORMAL);
            for (Map.Entry<String, String> w : wrong.entrySet()) {
                Reply r = send(op.method, path, null, op.bodyType, op.bodyType == null ? null : op.body("x"), w.getValue(), null);
                check(problems, r, op + " with " + w.getKey());
                // after 5 failures the made-up account is locked: 429 before any password is checked, a refusal too
                boolean locked = r.status == 429 && r.body.contains("\"login-wait\"");
                if (r.status != 401 && !locked) {
                    problems.add(op + " with " + w.getKey() + ": " + r.status + " instead of 401: " + r.body);
                }
            }
            if (op.path.startsWith("/contracts/{id}")) {
                // 安网信通's admin and engineer hold no role on the bureau's contract: nothing, not even that it exists
                for (String outsider : List.of("anwang-admin", "anwang-engineer")) {
                    Reply r = send(op.method, path, outsider, op.bodyType, op.bodyType == null ? null : op.body("x"), null, null);
                    check(problems, r, op + " as " + outsider);
                    if (r.status != 404) {
                        problems.add(op + " as " + outsider + ": " + r.status + " instead of 404: " + r.body);
                    }
                }
            }
        }
        assertEquals("problems found:\n" + String.join("\n", problems), List.of(), problems);
    }

    @Test
    public void a_session_id_chosen_before_login_is_never_accepted_and_each_login_gets_a_new_one() throws Exception {
        String planted = "LVYUE_SESSION=" + "f".repeat(43);
        Reply login = send("POST", "/session", null, "application/json", "{\"user\":\"evaluator\",\"password\":\"evaluator\"}"
                .getBytes(StandardCharsets.UTF_8), null, planted);
        assertEquals(login.body, 200, login.status);
        String first = sessionCookie(login);
        assertNotEquals("the planted id is not adopted", "f".repeat(43), first);
        assertEquals("the planted id is no login after the login", 401,
                send("GET", "/me", null, null, null, null, planted).status);
        assertEquals(200, send("GET", "/me", null, null, null, null, "LVYUE_SESSION=" + first).status);
        Reply again = send("POST", "/session", null, "application/json", "{\"user\":\"evaluator\",\"password\":\"evaluator\"}"
                .getBytes(StandardCharsets.UTF_8), null, "LVYUE_SESSION=" + first);
        assertNotEquals("a second login gets a new id", first, sessionCookie(again));
        String cookie = login.headers.firstValue("Set-Cookie").orElse("");
        assertTrue(cookie, cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    }

    @Test
    public void every_state_changing_call_on_the_console_session_without_its_csrf_token_is_refused() throws Exception {
        Reply login = send("POST", "/session", null, "application/json", "{\"user\":\"admin\",\"password\":\"admin\"}"
                .getBytes(StandardCharsets.UTF_8), null, null);
        assertEquals(login.body, 200, login.status);
        String cookie = "LVYUE_SESSION=" + sessionCookie(login);
        List<String> problems = new ArrayList<>();
        int changing = 0;
        for (Operation op : operations()) {
            // the logins (by password, and the challenge and signature of a login by certificate) and the logout need
            // no session, so no token: a session cookie there is not read
            if (op.method.equals("GET") || op.path.equals("/session") || op.path.startsWith("/session/")) {
                continue;
            }
            changing++;
            Reply r = send(op.method, op.path(NORMAL), null, op.bodyType, op.bodyType == null ? null : op.body("x"), null, cookie);
            check(problems, r, op + " without the CSRF token");
            if (r.status != 403 || !r.body.contains("\"csrf\"")) {
                problems.add(op + " with the session cookie and no CSRF token: " + r.status + " " + r.body);
            }
        }
        assertTrue(changing > 20);
        assertEquals("problems found:\n" + String.join("\n", problems), List.of(), problems);
        // the same call with the token passes the check (what-if on a fresh contract definition would change nothing)
        String csrf = JSON.readTree(login.body).path("csrfToken").asText();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(Http.BASE + "/contracts/lint")).header("Cookie", cookie)
                .header("X-CSRF-Token", csrf).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        HttpResponse<String> withToken = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertTrue(withToken.body(), !withToken.body().contains("\"csrf\""));
    }

    @Test
    public void every_answer_carries_the_security_headers_and_https_answers_carry_hsts() throws Exception {
        Await.domains(Await.SHIPPED_DOMAINS, "/contracts/" + CONTRACT);
        List<String> problems = new ArrayList<>();
        List<Reply> answers = new ArrayList<>();
        for (Operation op : operations()) {
            if (op.method.equals("GET")) {
                answers.add(send("GET", op.path(NORMAL), op.user(), null, null, null, null).named(op.toString()));
            }
        }
        answers.add(send("GET", "/no-such-address", "admin", null, null, null, null).named("an unknown address"));
        answers.add(send("GET", "/me", null, null, null, null, null).named("/me without credentials"));
        answers.add(send("POST", "/contracts/" + CONTRACT + "/facts", "engineer", "application/json", "[{".getBytes(StandardCharsets.UTF_8),
                null, null).named("malformed JSON"));
        for (Reply r : answers) {
            String nosniff = r.header("X-Content-Type-Options");
            if (!"nosniff".equals(nosniff)) {
                problems.add(r.name + ": X-Content-Type-Options " + nosniff);
            }
            String csp = String.valueOf(r.header("Content-Security-Policy"));
            if (!"DENY".equals(r.header("X-Frame-Options")) && !csp.contains("frame-ancestors 'none'")) {
                problems.add(r.name + ": may be framed (no X-Frame-Options, no frame-ancestors)");
            }
            String cache = r.header("Cache-Control");
            if (cache == null || !(cache.contains("no-store") || cache.contains("no-cache") || cache.contains("private"))) {
                problems.add(r.name + ": Cache-Control " + cache);
            }
        }
        for (String page : List.of("/", "/api/docs/")) {
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + page)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (!"nosniff".equals(r.headers().firstValue("X-Content-Type-Options").orElse(null))
                    || !r.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'")) {
                problems.add("the console page " + page + ": " + r.headers().map());
            }
        }
        HttpClient tls = SecurityIT.client();
        for (String url : List.of("/api/health", "/api/me", "/")) {
            HttpResponse<String> r = tls.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + TLS_PORT + url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (!r.headers().firstValue("Strict-Transport-Security").orElse("").contains("max-age=")) {
                problems.add("HTTPS " + url + " (" + r.statusCode() + "): no Strict-Transport-Security");
            }
        }
        assertEquals("problems found:\n" + String.join("\n", problems), List.of(), problems);
    }

    @Test
    public void the_console_and_api_docs_files_serve_nothing_outside_their_folders() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String path : List.of("/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/js/..%2f..%2f..%2f..%2fetc%2fpasswd",
                "/api/docs/..%2f..%2f..%2fetc%2fpasswd", "/js/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..;/..;/etc/passwd",
                "/api/docs/%2e%2e%2f%2e%2e%2fetc/passwd", "/css/....//....//etc/passwd")) {
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.body().contains("root:") || r.statusCode() == 200) {
                problems.add(path + ": " + r.statusCode() + " " + r.body().substring(0, Math.min(200, r.body().length())));
            }
            if (r.statusCode() >= 500 || VERBOSE.matcher(r.body()).find()) {
                problems.add(path + ": " + r.statusCode() + " leaks: " + r.body());
            }
        }
        assertEquals("problems found:\n" + String.join("\n", problems), List.of(), problems);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** A server error, a verbose body or an answer that echoes a file's content is a problem. */
    private static void check(List<String> problems, Reply r, String what) {
        if (r.status < 0) {
            problems.add(what + ": no answer: " + r.body);
        } else if (r.status >= 500 && r.status != 503) {
            problems.add(what + ": " + r.status + " " + r.body);
        }
        if (r.status >= 400 && VERBOSE.matcher(r.body).find()) {
            problems.add(what + ": a verbose error (" + r.status + "): " + r.body);
        }
        if (r.body.contains("root:x:0:0")) {
            problems.add(what + ": served /etc/passwd");
        }
    }

    private static long factTotal() throws Exception {
        return JSON.readTree(send("GET", "/contracts/" + CONTRACT + "/facts?limit=1", "admin", null, null, null, null).body)
                .path("total").asLong();
    }

    private static String sessionCookie(Reply r) {
        for (String c : r.headers.allValues("Set-Cookie")) {
            if (c.startsWith("LVYUE_SESSION=")) {
                return c.substring("LVYUE_SESSION=".length(), c.indexOf(';'));
            }
        }
        throw new AssertionError("no session cookie: " + r.headers.map());
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    record Reply(int status, String body, java.net.http.HttpHeaders headers, String name) {
        String header(String n) {
            return headers == null ? null : headers.firstValue(n).orElse(null);
        }

        Reply named(String n) {
            return new Reply(status, body, headers, n);
        }
    }

    /**
     * One request: as {@code user} (a demo user, or a collector's token on a contract), or with {@code authorization}
     * as given, or with a session {@code cookie}; never following redirects.
     */
    private static Reply send(String method, String path, String user, String contentType, byte[] body, String authorization,
                              String cookie) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(Http.BASE + path)).timeout(Duration.ofSeconds(60))
                    .header("X-Requested-With", "XMLHttpRequest")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (user != null) {
                b.header("Authorization", Http.authorization(path.replaceFirst("\\?.*", ""), user));
            } else if (authorization != null) {
                b.header("Authorization", authorization);
            }
            if (cookie != null) {
                b.header("Cookie", cookie);
            }
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.body(), r.headers(), method + " " + path);
        } catch (java.io.IOException | IllegalArgumentException e) {
            return new Reply(-1, e.toString(), null, method + " " + path);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One operation of the served openapi.json. */
    static final class Operation {
        final String method;
        final String path;
        final List<String> roles;
        final List<String> pathParams = new ArrayList<>();
        final List<String> queryParams = new ArrayList<>();
        final String bodyType;
        private final JsonNode schema;

        Operation(String method, String path, JsonNode op, JsonNode components) {
            this.method = method;
            this.path = path;
            List<String> r = new ArrayList<>();
            op.path("x-roles").forEach(x -> r.add(x.asText()));
            this.roles = r;
            for (JsonNode p : op.path("parameters")) {
                (p.path("in").asText().equals("path") ? pathParams : queryParams).add(p.path("name").asText());
            }
            JsonNode content = op.path("requestBody").path("content");
            String type = null;
            for (String t : List.of("application/json", "text/plain", "text/csv", "application/octet-stream")) {
                if (content.has(t)) {
                    type = t;
                    break;
                }
            }
            this.bodyType = type;
            this.schema = type == null ? null : resolve(content.path(type).path("schema"), components);
        }

        private static JsonNode resolve(JsonNode schema, JsonNode components) {
            String ref = schema.path("$ref").asText("");
            return ref.isEmpty() ? schema : components.path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
        }

        /** The caller: the operation's first role (admin where it may), or nobody for a public one. */
        String user() {
            return roles.isEmpty() ? null : roles.contains("admin") ? "admin" : roles.get(0);
        }

        String path(Map<String, String> values) {
            String out = path;
            for (String p : pathParams) {
                String v = values.getOrDefault(p, "x");
                // traversal strings go in as the attacker sends them (encoded or not); the rest encoded as a client would
                String sent = v.contains("/") || v.contains("%") ? v : URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
                out = out.replace("{" + p + "}", sent);
            }
            return out;
        }

        /** A body of the operation's type with {@code bad} in every string field its schema names. */
        byte[] body(String bad) {
            if (!bodyType.equals("application/json")) {
                String text = bodyType.equals("text/csv") ? "id,date,kind\n" + bad + ",2022-07-05," + bad + "\n" : bad;
                return text.getBytes(StandardCharsets.UTF_8);
            }
            JsonNode s = schema == null ? JSON.createObjectNode() : schema;
            boolean array = s.path("type").asText().equals("array");
            JsonNode item = array ? s.path("items") : s;
            ObjectNode o = JSON.createObjectNode();
            Iterator<String> names = item.path("properties").fieldNames();
            while (names.hasNext()) {
                o.put(names.next(), bad);
            }
            if (o.isEmpty()) {
                for (String n : List.of("id", "name", "user", "kind", "date", "key")) {
                    o.put(n, bad);
                }
            }
            if (!array) {
                return o.toString().getBytes(StandardCharsets.UTF_8);
            }
            ArrayNode a = JSON.createArrayNode().add(o);
            return a.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Every operation of the openapi.json the server answers. */
    private static List<Operation> operations() throws Exception {
        Reply r = send("GET", "/openapi.json", null, null, null, null, null);
        assertEquals(200, r.status);
        JsonNode doc = JSON.readTree(r.body);
        List<Operation> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> p = paths.next();
            Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields();
            while (ops.hasNext()) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (Set.of("get", "post", "put", "delete", "patch").contains(op.getKey())) {
                    out.add(new Operation(op.getKey().toUpperCase(java.util.Locale.ROOT), p.getKey(), op.getValue(),
                            doc.path("components")));
                }
            }
        }
        assertTrue(out.size() > 60);
        return out;
    }
}
