package org.lvyue.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Every endpoint of the REST API against every role and anonymous, on the real distribution (demo
 * profile): a table of each operation with the roles allowed and a harmless request (a read, a dry
 * run, or a write the API refuses by validation, which still proves the door let the role in).
 * Anonymous gets 401, a role not listed 403, a role listed neither. An operation on a contract is tried
 * by each role on a contract of its own organisation and on another organisation's contract (created
 * here: client {@code it-client}, supplier {@code anwang}), which answers 404 exactly as a contract
 * that does not exist; the collector is a per-contract API token. The table must list exactly the
 * operations {@code /api/openapi.json} documents, with the same roles as its {@code x-roles} and as
 * the README's roles table, so none of the three can go stale without this test failing. The web
 * console's files and {@code /api/health} stay public; with {@code requireHttps} authenticated
 * requests over plain HTTP are refused.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AccessMatrixIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTRACT = "/contracts/bj-hrss-2022";
    /** Where a path names the contract: replaced by the contract each caller tries. */
    private static final String CID = "{cid}";
    private static final String C = "/contracts/" + CID;
    /** The demo contract: bj-hrss (client), gxbf (supplier), bj-bdc (evaluator). */
    private static final String HRSS = "bj-hrss-2022";
    /** Another organisations' contract, defined by the test: it-client (client), anwang (supplier). */
    private static final String OTHER = "matrix-other";
    /** The demo portfolio's second contract: supplied by anwang, assessed by bj-bdc. */
    private static final String NETWORK = "bj-hrss-2022-wl";
    private static final String NO_SUCH = "matrix-no-such-contract";
    private static final String ORG_ADMIN = "anwang-admin";
    private static final String ADMIN = "admin";
    private static final String ENGINEER = "engineer";
    private static final String EVALUATOR = "evaluator";
    private static final String COLLECTOR = "collector";
    /** The security administrator (三权分立): organisations, members, tokens. */
    private static final String SECADMIN = "secadmin";
    /** The audit administrator: the security trail, nothing else. */
    private static final String AUDITADMIN = "auditadmin";
    /** Who asks: anonymous (null) and one demo user per role (each holds exactly that product role). */
    private static final List<String> CALLERS = java.util.Arrays.asList(null, COLLECTOR, EVALUATOR, ENGINEER, ADMIN, SECADMIN,
            AUDITADMIN);
    private static final Set<String> ALL = Set.of(ADMIN, ENGINEER, EVALUATOR, COLLECTOR);
    private static final Set<String> READERS = Set.of(ADMIN, ENGINEER, EVALUATOR);
    private static final Set<String> FORMAL = Set.of(ADMIN, EVALUATOR);
    private static final Set<String> INTAKE = Set.of(ADMIN, ENGINEER, COLLECTOR);
    private static final Set<String> DEPLOYERS = Set.of(ADMIN, ENGINEER);
    private static final Set<String> ADMINS = Set.of(ADMIN);
    /**
     * The supplier's own deliverables: its engineers and its organisation's admins submit them ({@link Operation#supplierSide});
     * an admin of another party (the operator, the client's admin) is let past the role check and refused 403
     * {@code supplier-only}.
     */
    private static final Set<String> SUPPLIER = Set.of(ENGINEER, ADMIN);
    /** A contract's or an organisation's own admin (a business role), or the security administrator. */
    private static final Set<String> PARTY_ADMINS = Set.of(ADMIN, SECADMIN);
    /** What the operator's admin role on every contract does not reach (separation of duties): the tokens. */
    private static final Set<String> NOT_THE_OPERATORS = Set.of("get /contracts/{id}/tokens", "post /contracts/{id}/tokens",
            "delete /contracts/{id}/tokens/{tokenId}");
    private static final Set<String> PUBLIC = Set.of();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * One request: {@code write} means the API must refuse it by validation (a 4xx other than 401 and
     * 403) for an allowed role, so nothing is stored; otherwise an allowed role gets a 2xx.
     */
    record Call(String method, String path, String contentType, String body, boolean write) {
    }

    /**
     * A documented operation ({@code get /contracts/{id}/ledger}), the roles allowed, the requests that try it, and
     * whether only the contract's supplier side may (the role held in the supplier's organisation).
     */
    record Operation(String operation, Set<String> roles, List<Call> calls, boolean supplierSide) {
    }

    private static Call read(String path) {
        return new Call("GET", path, null, null, false);
    }

    /** A GET the API refuses by validation (an impossible period, no termination to settle). */
    private static Call refusedRead(String path) {
        return new Call("GET", path, null, null, true);
    }

    private static Call json(String path, String body, boolean write) {
        return new Call("POST", path, "application/json", body, write);
    }

    private static Call upload(String path, String contentType, String body) {
        return new Call("POST", path, contentType, body, true);
    }

    private static Call delete(String path) {
        return new Call("DELETE", path, null, null, true);
    }

    private static Operation op(String operation, Set<String> roles, Call... calls) {
        return new Operation(operation, roles, List.of(calls), false);
    }

    /** An operation of the supplier's side only: {@code roles} held in the contract's supplier organisation. */
    private static Operation supplierOp(String operation, Set<String> roles, Call... calls) {
        return new Operation(operation, roles, List.of(calls), true);
    }

    private static final String DRILL = "[{\"id\":\"matrix-dry\",\"kind\":\"drill.performed\",\"date\":\"2022-05-10\","
            + "\"attributes\":{\"scenario\":\"断网演练\"}}]";

    /** The matrix: every operation of the API, who may call it, and how to try it without changing anything. */
    static final List<Operation> MATRIX = List.of(
            op("get /health", PUBLIC, read("/health")),
            op("get /openapi.json", PUBLIC, read("/openapi.json")),
            op("get /me", Set.of(ADMIN, ENGINEER, EVALUATOR, COLLECTOR, SECADMIN, AUDITADMIN), read("/me")),
            // one's own second factor: a new secret drawn only waits (nothing changes until a code confirms it); a
            // confirmation without a code and a removal without one are refused by validation
            op("get /me/second-factor", Set.of(ADMIN, ENGINEER, EVALUATOR, COLLECTOR, SECADMIN, AUDITADMIN), read("/me/second-factor")),
            op("post /me/second-factor", Set.of(ADMIN, ENGINEER, EVALUATOR, COLLECTOR, SECADMIN, AUDITADMIN),
                    new Call("POST", "/me/second-factor", null, null, false)),
            op("post /me/second-factor/confirm", Set.of(ADMIN, ENGINEER, EVALUATOR, COLLECTOR, SECADMIN, AUDITADMIN),
                    json("/me/second-factor/confirm", "{}", true)),
            op("delete /me/second-factor", Set.of(ADMIN, ENGINEER, EVALUATOR, COLLECTOR, SECADMIN, AUDITADMIN),
                    delete("/me/second-factor")),
            // one's own SM2 login certificate: none registered, so a read and a removal answer 404; a registration
            // without its proof is refused by validation. The security administrator lists them and removes one.
            op("get /me/login-certificate", Set.of(ADMIN, ENGINEER, EVALUATOR, COLLECTOR, SECADMIN, AUDITADMIN),
                    new Call("GET", "/me/login-certificate", null, null, true)),
            op("put /me/login-certificate", Set.of(ADMIN, ENGINEER, EVALUATOR, COLLECTOR, SECADMIN, AUDITADMIN),
                    new Call("PUT", "/me/login-certificate", "application/json", "{}", true)),
            op("delete /me/login-certificate", Set.of(ADMIN, ENGINEER, EVALUATOR, COLLECTOR, SECADMIN, AUDITADMIN),
                    delete("/me/login-certificate")),
            op("get /login-certificates", Set.of(SECADMIN), read("/login-certificates")),
            op("delete /login-certificates/{user}", Set.of(SECADMIN), delete("/login-certificates/matrix-no-such-user")),
            // the console's login: open to anyone; an empty body is refused by validation, a logout without a session
            // ends nothing; a challenge for a login by signature is given to anyone
            op("post /session", PUBLIC, json("/session", "{}", true)),
            op("post /session/challenge", PUBLIC, new Call("POST", "/session/challenge", null, null, false)),
            op("post /session/certificate", PUBLIC, json("/session/certificate", "{}", true)),
            op("delete /session", PUBLIC, new Call("DELETE", "/session", null, null, false)),
            op("get /domains", ALL, read("/domains")),
            op("post /domains", DEPLOYERS, upload("/domains?fileName=matrix.jar", "application/java-archive", "not a jar")),
            op("delete /domains/{symbolicName}", DEPLOYERS, delete("/domains/org.lvyue.matrix-no-such-bundle")),
            op("get /contracts", ALL, read("/contracts")),
            op("post /contracts", ADMINS, json("/contracts", "{}", true)),
            // a draft is only checked (200 with its problems), never stored
            op("post /contracts/lint", ADMINS, json("/contracts/lint", "{}", false)),
            op("get /contracts/{id}", ALL, read(C)),
            op("get /contracts/{id}/facts", ALL, read(C + "/facts?limit=1")),
            op("post /contracts/{id}/facts", INTAKE, json(C + "/facts?dryRun=true", DRILL, false),
                    new Call("POST", C + "/facts?format=inspection&dryRun=true", "text/csv",
                            "日期,检查项,结果,巡检人\n2022-11-01,ia.d05,正常,张工\n", false),
                    json(C + "/facts", "[]", true)),
            op("get /contracts/{id}/facts/kinds", ALL, read(C + "/facts/kinds")),
            op("get /contracts/{id}/findings", ALL, read(C + "/findings?limit=1")),
            op("get /contracts/{id}/findings/detail", ALL, refusedRead(C + "/findings/detail?key=matrix%2Fno-such-key")),
            op("get /contracts/{id}/dashboard", ALL, read(C + "/dashboard?asOf=2022-12-31")),
            op("get /contracts/{id}/checklist/{day}", ALL, read(C + "/checklist/2022-12-30")),
            // engineers and collectors record checks (issue #24); an empty save is refused before anything is stored
            op("post /contracts/{id}/checklist/{day}", Set.of(ENGINEER, COLLECTOR), json(C + "/checklist/2022-12-30", "[]", true)),
            op("get /contracts/{id}/ledger", READERS, read(C + "/ledger?asOf=2022-12-31")),
            op("get /contracts/{id}/lint", READERS, read(C + "/lint")),
            op("get /contracts/{id}/services", READERS, read(C + "/services")),
            op("get /contracts/{id}/clauses", ALL, read(C + "/clauses")),
            op("put /contracts/{id}/clauses", ADMINS, new Call("PUT", C + "/clauses", "text/plain", "没有编号的文字", true)),
            op("post /contracts/{id}/renewals", ADMINS, json(C + "/renewals", "{}", true)),
            op("get /contracts/{id}/integrity", READERS, read(C + "/integrity")),
            op("post /contracts/{id}/what-if", READERS, json(C + "/what-if", "{\"asOf\":\"2022-12-31\",\"facts\":[]}", false)),
            op("get /contracts/{id}/waivers", READERS, read(C + "/waivers")),
            op("post /contracts/{id}/waivers", ADMINS, json(C + "/waivers", "{}", true)),
            op("delete /contracts/{id}/waivers/{waiverId}", ADMINS, delete(C + "/waivers/987654321?reason=matrix")),
            op("get /contracts/{id}/assessments/{quarter}", READERS, read(C + "/assessments/2022-Q3")),
            op("post /contracts/{id}/certificates", INTAKE, upload(C + "/certificates", "application/octet-stream", "x")),
            op("get /contracts/{id}/baselines", READERS, read(C + "/baselines")),
            op("get /contracts/{id}/collectors", READERS, read(C + "/collectors")),
            op("post /contracts/{id}/collectors/run", DEPLOYERS, json(C + "/collectors/run", "", true)),
            op("get /contracts/{id}/reports/quarterly/{quarter}.pdf", FORMAL, refusedRead(C + "/reports/quarterly/2022-Q9.pdf")),
            op("get /contracts/{id}/reports/quarterly/{quarter}.pdf.p7s", FORMAL,
                    refusedRead(C + "/reports/quarterly/2022-Q9.pdf.p7s")),
            op("get /contracts/{id}/reports/monthly/{domain}/{month}.pdf", FORMAL,
                    refusedRead(C + "/reports/monthly/support/2022-13.pdf")),
            op("get /contracts/{id}/reports/monthly/{domain}/{month}.pdf.p7s", FORMAL,
                    refusedRead(C + "/reports/monthly/support/2022-13.pdf.p7s")),
            op("get /contracts/{id}/reports/ledger.pdf", FORMAL, refusedRead(C + "/reports/ledger.pdf?asOf=31.12.2022")),
            op("get /contracts/{id}/reports/ledger.pdf.p7s", FORMAL, refusedRead(C + "/reports/ledger.pdf.p7s?asOf=31.12.2022")),
            op("get /contracts/{id}/reports/settlement.pdf", FORMAL, refusedRead(C + "/reports/settlement.pdf")),
            op("get /contracts/{id}/reports/settlement.pdf.p7s", FORMAL, refusedRead(C + "/reports/settlement.pdf.p7s")),
            // the supplier's paper (issue #24): read like the other formal reports, the 巡检报告 submitted by the supplier only
            op("get /contracts/{id}/reports/daily/{domain}/{day}.pdf", FORMAL,
                    refusedRead(C + "/reports/daily/identity-auth/2022-02-30.pdf")),
            op("get /contracts/{id}/reports/daily/{domain}/{day}.pdf.p7s", FORMAL,
                    refusedRead(C + "/reports/daily/identity-auth/2022-02-30.pdf.p7s")),
            op("get /contracts/{id}/reports/weekly/{domain}/{week}.pdf", FORMAL,
                    refusedRead(C + "/reports/weekly/identity-auth/2022-W60.pdf")),
            op("get /contracts/{id}/reports/weekly/{domain}/{week}.pdf.p7s", FORMAL,
                    refusedRead(C + "/reports/weekly/identity-auth/2022-W60.pdf.p7s")),
            op("get /contracts/{id}/reports/records/{domain}/{month}.pdf", FORMAL,
                    refusedRead(C + "/reports/records/identity-auth/2022-13.pdf")),
            op("get /contracts/{id}/reports/records/{domain}/{month}.pdf.p7s", FORMAL,
                    refusedRead(C + "/reports/records/identity-auth/2022-13.pdf.p7s")),
            op("get /contracts/{id}/reports/inspection/{month}.pdf", FORMAL, refusedRead(C + "/reports/inspection/2022-13.pdf")),
            op("get /contracts/{id}/reports/inspection/{month}.pdf.p7s", FORMAL,
                    refusedRead(C + "/reports/inspection/2022-13.pdf.p7s")),
            supplierOp("post /contracts/{id}/reports/inspection/{month}/submit", SUPPLIER,
                    json(C + "/reports/inspection/2022-13/submit", "", true)),
            op("post /signatures/verify", READERS, json("/signatures/verify", "{}", true)),
            op("get /signatures/signer", READERS, read("/signatures/signer")),
            op("post /contracts/{id}/audit-events", Set.of(ADMIN, COLLECTOR), json(C + "/audit-events", "[]", true)),
            op("get /contracts/{id}/audit-events", READERS, read(C + "/audit-events?limit=1")),
            op("get /contracts/{id}/audit-events/stats", READERS, read(C + "/audit-events/stats?by=day")),
            // the security trail: the audit administrator's only (三权分立); an impossible range is refused by validation
            op("get /activity", Set.of(AUDITADMIN), read("/activity?limit=1")),
            op("get /activity/export", Set.of(AUDITADMIN), refusedRead("/activity/export?from=2023-03-02&to=2023-03-01")),
            op("get /activity/integrity", Set.of(AUDITADMIN), read("/activity/integrity")),
            op("get /organisations", Set.of(ADMIN, ENGINEER, EVALUATOR, COLLECTOR, SECADMIN), read("/organisations")),
            op("post /organisations", Set.of(SECADMIN), json("/organisations", "{}", true)),
            // the demo admin is bj-hrss's own admin; the security administrator manages every organisation's members
            op("get /organisations/{org}/members", PARTY_ADMINS, read("/organisations/bj-hrss/members")),
            op("post /organisations/{org}/members", PARTY_ADMINS, json("/organisations/bj-hrss/members", "{}", true)),
            op("delete /organisations/{org}/members/{user}", PARTY_ADMINS,
                    delete("/organisations/bj-hrss/members/matrix-nobody?role=engineer")),
            op("get /contracts/{id}/tokens", PARTY_ADMINS, read(C + "/tokens")),
            op("post /contracts/{id}/tokens", PARTY_ADMINS, json(C + "/tokens", "{}", true)),
            op("delete /contracts/{id}/tokens/{tokenId}", PARTY_ADMINS, delete(C + "/tokens/987654321")),
            op("get /contracts/{id}/subscriptions", ADMINS, read(C + "/subscriptions")),
            op("post /contracts/{id}/subscriptions", ADMINS, json(C + "/subscriptions", "{}", true)),
            op("delete /contracts/{id}/subscriptions/{subscription}", ADMINS, delete(C + "/subscriptions/987654321")));

    /**
     * Who tries an operation on a contract: the role they hold on {@code own}, the header they send, a
     * contract of another organisation ({@code other}, null when there is none for them), and whether they
     * hold that role in {@code own}'s supplier organisation.
     */
    record Scoped(String who, String role, String authorization, String own, String other, boolean supplier,
                  boolean operatorOnly) {
        Scoped(String who, String role, String authorization, String own, String other, boolean supplier) {
            this(who, role, authorization, own, other, supplier, false);
        }

        /** The role the caller holds for the operation: the operator alone does not hold it where it does not reach. */
        String roleFor(Operation o) {
            return operatorOnly && NOT_THE_OPERATORS.contains(o.operation()) ? "operator (not a party's admin)" : role;
        }
    }

    private static volatile String collectorToken;

    /** Once per container: the other organisations' contract, and a collector token of the demo contract. */
    private static synchronized void parties() throws IOException {
        if (collectorToken != null) {
            return;
        }
        Reply org = send(json("/organisations", "{\"id\":\"it-client\",\"name\":\"某区人力资源和社会保障局\",\"kind\":\"client\"}",
                false), SECADMIN);
        assertTrue(org.body(), org.status() == 201 || org.status() == 200);
        com.fasterxml.jackson.databind.node.ObjectNode definition = (com.fasterxml.jackson.databind.node.ObjectNode) JSON
                .readTree(send(read(CONTRACT), ADMIN).body()).path("definition");
        definition.put("id", OTHER).put("version", 1);
        ((com.fasterxml.jackson.databind.node.ObjectNode) definition.path("client")).put("name", "某区人力资源和社会保障局")
                .put("organisation", "it-client");
        ((com.fasterxml.jackson.databind.node.ObjectNode) definition.path("supplier")).put("name", "北京安网信通科技有限公司")
                .put("organisation", "anwang");
        definition.remove("evaluator");
        Reply defined = send(json("/contracts", definition.toString(), false), ADMIN);
        assertEquals(defined.body(), 201, defined.status());
        Reply issued = send(json("/contracts/" + HRSS + "/tokens", "{\"name\":\"矩阵测试采集\"}", false), ADMIN);
        assertEquals(issued.body(), 201, issued.status());
        collectorToken = JSON.readTree(issued.body()).path("secret").asText();
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    /** Each role on a contract of its own organisation and on another one's; the operator on both; the old shared password. */
    private static List<Scoped> scopedCallers() {
        return List.of(
                new Scoped("collector token of " + HRSS, COLLECTOR, "Bearer " + collectorToken, HRSS, OTHER, false),
                new Scoped("evaluator (bj-bdc)", EVALUATOR, basic(EVALUATOR), HRSS, OTHER, false),
                new Scoped("engineer (gxbf)", ENGINEER, basic(ENGINEER), HRSS, OTHER, true),
                new Scoped("anwang-admin (anwang)", ADMIN, basic(ORG_ADMIN), OTHER, HRSS, true),
                // the operator, also bj-hrss's (the client's) admin: admin on every contract, the supplier on none
                new Scoped("operator admin", ADMIN, basic(ADMIN), HRSS, null, false),
                new Scoped("operator admin (no membership there)", ADMIN, basic(ADMIN), OTHER, null, false, true),
                new Scoped("security admin", SECADMIN, basic(SECADMIN), HRSS, null, false),
                new Scoped("security admin", SECADMIN, basic(SECADMIN), OTHER, null, false),
                new Scoped("audit admin (no contract at all)", null, basic(AUDITADMIN), null, HRSS, false),
                new Scoped("collector password user (no membership)", null, basic(COLLECTOR), null, HRSS, false),
                new Scoped("anwang-engineer (anwang)", ENGINEER, basic("anwang-engineer"), OTHER, HRSS, true));
    }

    private static Call on(String contract, Call call) {
        return new Call(call.method(), call.path().replace(CID, contract), call.contentType(), call.body(), call.write());
    }

    @Configuration
    public Option[] config() {
        return OptionUtils.combine(Distribution.on(8191),
                systemProperty("lvyue.readme").value(System.getProperty("lvyue.readme", "")));
    }

    record Reply(int status, String body, String challenge) {
    }

    /** As a demo user (the password is the user name), on the demo contract where the path names one. */
    private static Reply send(Call call, String user) {
        return sendAs(on(HRSS, call), user == null ? null : basic(user));
    }

    private static Reply sendAs(Call call, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(Http.BASE + call.path())).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (call.contentType() != null) {
            b.header("Content-Type", call.contentType());
        }
        b.method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.body(), r.headers().firstValue("WWW-Authenticate").orElse(null));
        } catch (IOException e) {
            throw new AssertionError(call + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode openApi() throws IOException {
        Reply r = send(read("/openapi.json"), null);
        assertEquals(r.body(), 200, r.status());
        return JSON.readTree(r.body());
    }

    @Test
    public void the_matrix_lists_exactly_the_documented_operations_with_their_roles() throws Exception {
        Map<String, Set<String>> documented = new TreeMap<>();
        openApi().path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(o -> {
            Set<String> roles = new TreeSet<>();
            o.getValue().path("x-roles").forEach(r -> roles.add(r.asText()));
            documented.put(o.getKey() + " " + p.getKey(), roles);
        }));
        Map<String, Set<String>> tabled = new TreeMap<>();
        for (Operation o : MATRIX) {
            assertTrue("listed twice: " + o.operation(), tabled.put(o.operation(), new TreeSet<>(o.roles())) == null);
        }
        Set<String> missing = new TreeSet<>(documented.keySet());
        missing.removeAll(tabled.keySet());
        assertTrue("openapi.json documents operations this matrix lacks (add a row): " + missing, missing.isEmpty());
        Set<String> stale = new TreeSet<>(tabled.keySet());
        stale.removeAll(documented.keySet());
        assertTrue("the matrix lists operations openapi.json does not: " + stale, stale.isEmpty());
        List<String> differ = new ArrayList<>();
        tabled.forEach((op, roles) -> {
            if (!roles.equals(documented.get(op))) {
                differ.add(op + ": matrix " + roles + ", openapi.json x-roles " + documented.get(op));
            }
        });
        assertTrue(String.join("\n", differ), differ.isEmpty());
    }

    @Test
    public void the_readme_roles_table_says_what_the_api_does() throws Exception {
        String file = System.getProperty("lvyue.readme");
        assertTrue("system property lvyue.readme (set by the itests pom) names the README", file != null && !file.isEmpty());
        Map<String, Set<String>> readme = readmeRoles(Files.readString(Path.of(file), StandardCharsets.UTF_8));
        List<String> problems = new ArrayList<>();
        for (Operation o : MATRIX) {
            List<String> rows = new ArrayList<>();
            Set<String> roles = null;
            for (Map.Entry<String, Set<String>> e : readme.entrySet()) {
                if (covers(e.getKey(), o.operation())) {
                    rows.add(e.getKey());
                    roles = e.getValue();
                }
            }
            if (rows.size() != 1) {
                problems.add(o.operation() + " appears " + rows.size() + " times in the README: " + rows);
            } else if (!roles.equals(o.roles())) {
                problems.add(o.operation() + ": README says " + new TreeSet<>(roles) + ", the matrix " + new TreeSet<>(o.roles()));
            }
        }
        for (String entry : readme.keySet()) {
            if (MATRIX.stream().noneMatch(o -> covers(entry, o.operation()))) {
                problems.add("README lists " + entry + ", which the API does not have");
            }
        }
        assertTrue(String.join("\n", problems), problems.isEmpty());
    }

    /**
     * The README's table under "Roles": the first cell names the roles ("everyone" = public), the
     * second the operations in backticks, {@code GET /x} or, after a verb, {@code /y}; {@code ...}
     * stands for {@code /contracts/{id}}, a trailing {@code /*} for every path below.
     */
    static Map<String, Set<String>> readmeRoles(String readme) {
        int start = readme.indexOf("| roles | endpoints");
        assertTrue("README has the roles table (| roles | endpoints ...)", start >= 0);
        Map<String, Set<String>> entries = new TreeMap<>();
        Pattern token = Pattern.compile("`(?:(GET|POST|PUT|DELETE) )?([^`]+)`");
        for (String line : readme.substring(start).lines().skip(2).toList()) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.split("\\|");
            Set<String> roles = new LinkedHashSet<>();
            if (!cells[1].contains("everyone")) {
                for (String r : cells[1].split(",")) {
                    roles.add(r.trim());
                }
            }
            String verb = null;
            Matcher m = token.matcher(cells[2]);
            while (m.find()) {
                verb = m.group(1) != null ? m.group(1).toLowerCase() : verb;
                String path = m.group(2).startsWith("...") ? "/contracts/{id}" + m.group(2).substring(3) : m.group(2);
                assertTrue("README entry without a verb: " + path, verb != null);
                assertTrue("README entry listed twice: " + verb + " " + path, entries.put(verb + " " + path, roles) == null);
            }
        }
        return entries;
    }

    private static boolean covers(String entry, String operation) {
        return entry.endsWith("/*") ? operation.startsWith(entry.substring(0, entry.length() - 1)) : entry.equals(operation);
    }

    @Test
    public void every_endpoint_answers_anonymous_and_each_role_as_the_matrix_says() throws Exception {
        Await.domains(Await.SHIPPED_DOMAINS, CONTRACT);
        Await.until("the report signer", () -> send(read("/signatures/signer"), ADMIN).status(), s -> s == 200, 60_000);
        parties();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Operation o : MATRIX) {
            boolean onContract = o.operation().contains(" /contracts/{id}");
            for (Call call : o.calls()) {
                for (String user : onContract ? java.util.Collections.<String>singletonList(null) : CALLERS) {
                    Reply r = send(call, user);
                    checked++;
                    String problem = expect(o, call, user == null ? null : user, r);
                    if (problem != null) {
                        wrong.add(call.method() + " " + on(HRSS, call).path() + " as " + (user == null ? "anonymous" : user) + ": "
                                + problem);
                    }
                }
                if (!onContract) {
                    continue;
                }
                for (Scoped who : scopedCallers()) {
                    if (who.own() != null) {
                        Reply r = sendAs(on(who.own(), call), who.authorization());
                        checked++;
                        String problem = o.supplierSide() && o.roles().contains(who.roleFor(o)) && !who.supplier()
                                ? expectSupplierOnly(r) : expect(o, call, who.roleFor(o), r);
                        if (problem != null) {
                            wrong.add(call.method() + " " + on(who.own(), call).path() + " as " + who.who() + " (own): " + problem);
                        }
                    }
                    if (who.other() != null) {
                        Reply r = sendAs(on(who.other(), call), who.authorization());
                        Reply none = sendAs(on(NO_SUCH, call), who.authorization());
                        checked++;
                        if (r.status() != 404 || none.status() != 404 || !r.body().equals(none.body().replace(NO_SUCH, who.other()))) {
                            wrong.add(call.method() + " " + on(who.other(), call).path() + " as " + who.who()
                                    + " (another organisation's): expected 404 exactly as for no contract (" + none.status() + " "
                                    + none.body() + "), got " + r.status() + " " + r.body());
                        }
                    }
                }
            }
        }
        assertTrue(wrong.size() + " of " + checked + " answers differ from the matrix:\n" + String.join("\n", wrong),
                wrong.isEmpty());
        // the harmless requests stored nothing: no dry-run fact, no waiver
        JsonNode drills = JSON.readTree(send(read(C + "/facts?kind=drill.performed&limit=1000"), ADMIN).body());
        assertTrue(drills.toString(), !drills.toString().contains("matrix-dry"));
        assertEquals(0, JSON.readTree(send(read(C + "/waivers"), ADMIN).body()).path("count").asInt());
    }

    /** What is wrong with the answer to a caller whose role is allowed but held for another party than the supplier. */
    private static String expectSupplierOnly(Reply r) {
        return r.status() == 403 && r.body().contains("\"supplier-only\"") && r.body().contains("只有乙方机构的工程师或管理员可以提交")
                ? null : "expected 403 supplier-only, got " + r.status() + " " + r.body();
    }

    /** What is wrong with the answer to a caller holding {@code role} (null: anonymous), or null when it is right. */
    private static String expect(Operation o, Call call, String role, Reply r) {
        String expected;
        boolean ok;
        if (role == null && !o.roles().isEmpty()) {
            expected = "401 with a Basic challenge";
            ok = r.status() == 401 && r.challenge() != null && r.challenge().startsWith("Basic")
                    && r.body().contains("\"unauthorized\"");
        } else if (role != null && !o.roles().isEmpty() && !o.roles().contains(role)) {
            expected = "403";
            ok = r.status() == 403 && r.body().contains("\"forbidden\"");
        } else if (call.write()) {
            expected = "let in, then refused by validation (4xx but not 401/403)";
            ok = r.status() >= 400 && r.status() < 500 && r.status() != 401 && r.status() != 403;
        } else {
            expected = "let in (2xx)";
            ok = r.status() >= 200 && r.status() < 300;
        }
        if (ok) {
            return null;
        }
        String body = r.body().length() > 300 ? r.body().substring(0, 300) + "…" : r.body();
        return "expected " + expected + ", got " + r.status() + " " + body;
    }

    @Test
    public void the_console_and_health_need_no_login() throws Exception {
        for (String path : List.of("/", "/index.html", "/js/main.js", "/js/api.js", "/css/console.css", "/favicon.svg",
                "/i18n/zh-CN.json", "/i18n/en.json")) {
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(Http.BASE.replace("/api", "") + path))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(path, 200, r.statusCode());
            assertTrue(path, r.body().length() > 0);
        }
        assertEquals(200, send(read("/health"), null).status());
        assertTrue(JSON.readTree(send(read("/health"), null).body()).has("domains"));
    }

    @javax.inject.Inject
    org.osgi.service.cm.ConfigurationAdmin configurations;

    @Test
    public void with_require_https_an_authenticated_request_over_plain_http_is_refused() throws Exception {
        try (ConfigChange https = ConfigChange.of(configurations, "org.lvyue.security", Map.of("requireHttps", "true"))) {
            assertEquals("shipped off", "false", String.valueOf(https.before("requireHttps")));
            Reply refused = Await.until("requireHttps in force", () -> send(read("/me"), ADMIN), r -> r.status() == 403, 30_000);
            JsonNode error = JSON.readTree(refused.body());
            assertEquals("https-required", error.path("error").asText());
            assertTrue(error.toString(), error.path("message").asText().startsWith("请使用 HTTPS")
                    && error.path("messageEn").asText().startsWith("Use HTTPS"));
            assertEquals(403, sendAs(on(HRSS, json(C + "/facts?dryRun=true", DRILL, false)), "Bearer lvy_any-token").status());
            // what needs no login still answers, and without credentials the answer is still 401
            assertEquals(200, send(read("/health"), null).status());
            assertEquals(401, send(read("/me"), null).status());
        }
        Await.until("requireHttps lifted", () -> send(read("/me"), ADMIN).status(), s -> s == 200, 30_000);
    }

    @Test
    public void the_administrators_act_only_from_the_management_networks_and_from_the_host_itself() throws Exception {
        // the test reaches the product through the host's own network address, which is not the loopback
        String host = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .map(java.net.InetAddress::getHostAddress).findFirst()
                .orElseThrow(() -> new AssertionError("this machine has no IPv4 address besides the loopback to reach the"
                        + " product from; the test needs one (ip -4 addr)"));
        String outside = Http.BASE.replace("127.0.0.1", host);
        try (ConfigChange limited = ConfigChange.of(configurations, "org.lvyue.security",
                Map.of("adminNetworks", "198.51.100.0/24, 2001:db8::/32"))) {
            assertEquals("shipped open", "", String.valueOf(limited.before("adminNetworks")));
            Reply refused = Await.until("adminNetworks in force", () -> at(outside, "/me", ADMIN), r -> r.status() == 403, 30_000);
            JsonNode error = JSON.readTree(refused.body());
            assertEquals("terminal-refused", error.path("error").asText());
            assertTrue(error.toString(), error.path("message").asText().startsWith("管理终端受限：账户 'admin' 担任 admin")
                    && error.path("message").asText().contains("当前地址 " + host + " 不在其中"));
            assertEquals(403, at(outside, "/me", "secadmin").status());
            assertEquals(403, at(outside, "/me", "auditadmin").status());
            // the business roles are not limited, and the host itself always may
            assertEquals(200, at(outside, "/me", "engineer").status());
            assertEquals(200, send(read("/me"), ADMIN).status());
            // a console session opened on the host is no way in from outside either
            HttpResponse<String> login = CLIENT.send(HttpRequest.newBuilder(URI.create(Http.BASE + "/session"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"admin\",\"password\":\"admin\"}")).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(login.body(), 200, login.statusCode());
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            for (String base : List.of(Http.BASE, outside)) {
                HttpResponse<String> me = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/me")).header("Cookie", cookie)
                        .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                assertEquals(base + ": " + me.body(), base.equals(outside) ? 403 : 200, me.statusCode());
            }
            JsonNode trail = JSON.readTree(send(read("/activity?action=login-failed&user=admin"), "auditadmin").body());
            assertTrue(trail.toString(), trail.path("entries").toString().contains("管理终端受限")
                    && trail.path("entries").toString().contains(host));
        }
        Await.until("adminNetworks lifted", () -> at(outside, "/me", ADMIN).status(), s -> s == 200, 30_000);
    }

    /** A GET of a demo user at another address of the same API. */
    private static Reply at(String apiBase, String path, String user) {
        try {
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(apiBase + path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", Http.authorization(apiBase, path, user)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.body(), r.headers().firstValue("WWW-Authenticate").orElse(null));
        } catch (IOException e) {
            return new Reply(-1, e.toString(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> contractIds(String authorization) throws IOException {
        List<String> ids = new ArrayList<>();
        JSON.readTree(sendAs(read("/contracts"), authorization).body()).forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }

    @Test
    public void the_contract_list_shows_each_caller_only_the_contracts_of_their_organisations() throws Exception {
        parties();
        assertEquals(List.of(HRSS), contractIds(basic(ENGINEER)));
        // the evaluating centre assesses both demo contracts; anwang supplies the demo's network contract and the test's
        assertEquals(List.of(HRSS, NETWORK), contractIds(basic(EVALUATOR)));
        assertEquals(new TreeSet<>(List.of(NETWORK, OTHER)), new TreeSet<>(contractIds(basic(ORG_ADMIN))));
        assertEquals(new TreeSet<>(List.of(NETWORK, OTHER)), new TreeSet<>(contractIds(basic("anwang-engineer"))));
        assertEquals("the shared collector password reaches no contract", List.of(), contractIds(basic(COLLECTOR)));
        assertEquals("the operator sees every one", new TreeSet<>(List.of(HRSS, NETWORK, OTHER)), new TreeSet<>(contractIds(basic(ADMIN))));
        assertEquals("a token acts on its contract only", 403, sendAs(read("/contracts"), "Bearer " + collectorToken).status());
    }

    @Test
    public void an_organisation_admin_issues_lists_and_revokes_tokens_of_its_contract_and_the_secret_is_shown_once() throws Exception {
        parties();
        Reply issued = sendAs(json("/contracts/" + OTHER + "/tokens", "{\"name\":\"安网采集机\"}", false), basic(ORG_ADMIN));
        assertEquals(issued.body(), 201, issued.status());
        JsonNode answer = JSON.readTree(issued.body());
        String secret = answer.path("secret").asText();
        long id = answer.path("token").path("id").asLong();
        assertTrue(secret, secret.startsWith("lvy_") && secret.length() == 47);
        assertTrue(answer.path("note").asText().startsWith("令牌只显示这一次"));

        Reply listed = sendAs(read("/contracts/" + OTHER + "/tokens"), basic(ORG_ADMIN));
        assertEquals(200, listed.status());
        assertTrue(listed.body(), listed.body().contains("安网采集机") && !listed.body().contains(secret.substring(4)));
        assertEquals(404, sendAs(read("/contracts/" + HRSS + "/tokens"), basic(ORG_ADMIN)).status());
        assertEquals("an engineer is no admin", 403, sendAs(read("/contracts/" + HRSS + "/tokens"), basic(ENGINEER)).status());

        String bearer = "Bearer " + secret;
        Reply dry = sendAs(json("/contracts/" + OTHER + "/facts?dryRun=true", DRILL, false), bearer);
        assertEquals(dry.body(), 200, dry.status());
        assertEquals(404, sendAs(json("/contracts/" + HRSS + "/facts?dryRun=true", DRILL, false), bearer).status());
        assertEquals(403, sendAs(read("/contracts/" + OTHER + "/ledger?asOf=2022-12-31"), bearer).status());
        JsonNode used = JSON.readTree(sendAs(read("/contracts/" + OTHER + "/tokens"), basic(ORG_ADMIN)).body());
        assertTrue(used.toString(), used.get(used.size() - 1).hasNonNull("lastUsed"));

        assertEquals("a token is revoked through its own contract", 404,
                sendAs(delete("/contracts/" + HRSS + "/tokens/" + id), basic(ADMIN)).status());
        Reply revoked = sendAs(delete("/contracts/" + OTHER + "/tokens/" + id), basic(ORG_ADMIN));
        assertEquals(revoked.body(), 200, revoked.status());
        assertTrue(revoked.body(), JSON.readTree(revoked.body()).hasNonNull("revokedAt"));
        Reply refused = sendAs(json("/contracts/" + OTHER + "/facts?dryRun=true", DRILL, false), bearer);
        assertEquals(401, refused.status());
        assertEquals("token-refused", JSON.readTree(refused.body()).path("error").asText());

        JsonNode trail = JSON.readTree(send(read("/activity?user=" + ORG_ADMIN + "&limit=10"), AUDITADMIN).body()).path("entries");
        List<String> actions = new ArrayList<>();
        trail.forEach(e -> actions.add(e.path("action").asText() + " " + e.path("target").asText()));
        assertTrue(actions.toString(), actions.containsAll(List.of("token-issue " + OTHER, "token-revoke " + OTHER)));
    }

    @Test
    public void an_organisation_admin_manages_its_own_members_only_and_the_security_administrator_the_organisations()
            throws Exception {
        parties();
        Reply added = sendAs(json("/organisations/anwang/members", "{\"user\":\"li\",\"role\":\"collector\"}", false),
                basic(ORG_ADMIN));
        assertEquals(added.body(), 201, added.status());
        assertEquals("held already", 200, sendAs(json("/organisations/anwang/members",
                "{\"user\":\"li\",\"role\":\"collector\"}", false), basic(ORG_ADMIN)).status());
        assertTrue(sendAs(read("/organisations/anwang/members"), basic(ORG_ADMIN)).body().contains("\"li\""));
        Reply bad = sendAs(json("/organisations/anwang/members", "{\"user\":\"li\",\"role\":\"owner\"}", false), basic(ORG_ADMIN));
        assertEquals(400, bad.status());
        assertEquals("role", JSON.readTree(bad.body()).path("problems").get(0).path("field").asText());
        assertTrue(bad.body(), JSON.readTree(bad.body()).path("message").asText().startsWith("成员数据有误"));
        assertEquals(200, sendAs(delete("/organisations/anwang/members/li?role=collector"), basic(ORG_ADMIN)).status());

        Reply otherOrg = sendAs(read("/organisations/gxbf/members"), basic(ORG_ADMIN));
        assertEquals(404, otherOrg.status());
        assertEquals("no existence leak", otherOrg.body().replace("gxbf", "matrix-no-org"),
                sendAs(read("/organisations/matrix-no-org/members"), basic(ORG_ADMIN)).body());
        assertEquals("a member who is no admin", 403, sendAs(read("/organisations/gxbf/members"), basic(ENGINEER)).status());
        assertEquals("only the security administrator adds organisations", 403, sendAs(json("/organisations",
                "{\"id\":\"x-org\",\"name\":\"某公司\",\"kind\":\"supplier\"}", false), basic(ORG_ADMIN)).status());
        assertEquals("not the operator either (三权分立)", 403, send(json("/organisations",
                "{\"id\":\"x-org\",\"name\":\"某公司\",\"kind\":\"supplier\"}", false), ADMIN).status());
        Reply member = send(json("/organisations/anwang/members", "{\"user\":\"li\",\"role\":\"engineer\"}", false), SECADMIN);
        assertEquals(member.body(), 201, member.status());
        assertEquals(200, send(delete("/organisations/anwang/members/li?role=engineer"), SECADMIN).status());
        Reply auditor = send(json("/organisations/anwang/members", "{\"user\":\"auditadmin\",\"role\":\"evaluator\"}", false),
                SECADMIN);
        assertEquals(auditor.body(), 400, auditor.status());
        assertEquals("user", JSON.readTree(auditor.body()).path("problems").get(0).path("field").asText());
        assertTrue(auditor.body(), auditor.body().contains("三权分立"));
        Reply refused = send(json("/organisations", "{\"id\":\"X Org\",\"name\":\"\",\"kind\":\"bureau\"}", false), SECADMIN);
        assertEquals(400, refused.status());
        List<String> fields = new ArrayList<>();
        JSON.readTree(refused.body()).path("problems").forEach(pr -> fields.add(pr.path("field").asText()));
        assertEquals(List.of("id", "name", "kind"), fields);
        List<String> mine = new ArrayList<>();
        JSON.readTree(sendAs(read("/organisations"), basic(ORG_ADMIN)).body()).forEach(o -> mine.add(o.path("id").asText()));
        assertEquals(List.of("anwang"), mine);
    }

    @Test
    public void a_definition_naming_an_organisation_that_does_not_exist_is_refused_naming_the_field() throws Exception {
        parties();
        com.fasterxml.jackson.databind.node.ObjectNode definition = (com.fasterxml.jackson.databind.node.ObjectNode) JSON
                .readTree(send(read(CONTRACT), ADMIN).body()).path("definition");
        definition.put("id", "matrix-unknown-org").put("version", 1);
        ((com.fasterxml.jackson.databind.node.ObjectNode) definition.path("client")).put("organisation", "no-such-org");
        Reply r = send(json("/contracts", definition.toString(), false), ADMIN);
        assertEquals(r.body(), 400, r.status());
        JsonNode problem = JSON.readTree(r.body()).path("problems").get(0);
        assertEquals("client.organisation", problem.path("field").asText());
        assertTrue(problem.toString(), problem.path("reason").asText().startsWith("机构 'no-such-org' 不存在"));
        assertEquals("nothing stored", 404, send(read("/contracts/matrix-unknown-org"), ADMIN).status());
        // an organisation's admin may not take over another organisation's contract id
        definition.put("id", HRSS).put("version", 99);
        ((com.fasterxml.jackson.databind.node.ObjectNode) definition.path("client")).put("organisation", "anwang");
        assertEquals(403, sendAs(json("/contracts", definition.toString(), false), basic(ORG_ADMIN)).status());
    }
}
