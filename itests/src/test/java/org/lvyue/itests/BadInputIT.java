package org.lvyue.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

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
 * Bad input, systematically, against every address that takes input: malformed JSON, wrong types,
 * missing and extra fields, impossible and far-off dates, future times, bodies beyond the size limit
 * (set to 1 MB here), deep nesting, invalid UTF-8, control characters, CSV formula cells, path
 * traversal in names, injection strings. Each case is a row of a table; for each the answer must be
 * a 4xx whose message starts in Chinese and whose problems name the field (and the row or CSV line)
 * with a Chinese reason; the store must be exactly as before (facts, audit entries, waivers,
 * contracts, domain bundles, deploy folder; findings at the end of each table); and
 * {@code /api/health} must still answer UP. Injection strings in free text are data: stored and
 * read back verbatim, never interpreted.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BadInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTRACT = "/contracts/bj-hrss-2022";
    /** The body limit this test configures (the product's default is 32 MB). */
    private static final int LIMIT = 1 << 20;
    /** Any 4xx, for refusals made by the servlet container before the application sees the request. */
    private static final int ANY_4XX = -4;
    private static final String JAR = "application/java-archive";
    private static final String CSV = "text/csv";
    private static final String JSON_TYPE = "application/json";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Configuration
    public Option[] config() {
        return OptionUtils.combine(Distribution.on(8190),
                editConfigurationFilePut("etc/org.lvyue.rest.cfg", "maxRequestBytes", Integer.toString(LIMIT)),
                editConfigurationFilePut("etc/org.lvyue.rest.cfg", "maxCertificateBytes", Integer.toString(LIMIT)),
                editConfigurationFilePut("etc/org.lvyue.rest.cfg", "maxBundleBytes", Integer.toString(LIMIT)));
    }

    // ------------------------------------------------------------------ the tables

    @Test
    public void fact_batches_with_a_bad_fact_are_refused_whole_naming_its_row_and_field() throws Exception {
        ready();
        List<Case> cases = new ArrayList<>();
        for (FactCase f : factCases()) {
            byte[] body = batch(validFact("bi-ok"), f.bad());
            cases.add(new Case("facts: " + f.name(), "POST", CONTRACT + "/facts", "collector", JSON_TYPE, body, 400, f.field(), 1));
            cases.add(new Case("facts dry run: " + f.name(), "POST", CONTRACT + "/facts?dryRun=true", "collector", JSON_TYPE, body,
                    200, f.field(), 1));
        }
        // texts whose escapes a JSON writer would not produce: written by hand
        for (String[] raw : new String[][] {
            {"unpaired surrogate", "{\"id\":\"bi-s\",\"kind\":\"drill.performed\",\"date\":\"2022-05-10\",\"attributes\":{\"scenario\":\"a\\ud800b\"}}"},
            {"surrogate pair reversed", "{\"id\":\"bi-s\",\"kind\":\"drill.performed\",\"date\":\"2022-05-10\",\"attributes\":{\"scenario\":\"\\ude00\\ud83d\"}}"},
        }) {
            byte[] body = ("[" + validFact("bi-ok") + "," + raw[1] + "]").getBytes(StandardCharsets.UTF_8);
            cases.add(new Case("facts: " + raw[0], "POST", CONTRACT + "/facts", "collector", JSON_TYPE, body, 400, "attributes.scenario", 1));
        }
        // a UTF-8-encoded surrogate (CESU-8) is no UTF-8 either
        ByteArrayOutputStream cesu = new ByteArrayOutputStream();
        cesu.write(("[" + validFact("bi-ok") + ",{\"id\":\"bi-c\",\"kind\":\"drill.performed\",\"date\":\"2022-05-10\","
                + "\"attributes\":{\"scenario\":\"").getBytes(StandardCharsets.UTF_8));
        cesu.write(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        cesu.write("\"}}]".getBytes(StandardCharsets.UTF_8));
        cases.add(new Case("facts: CESU-8 surrogate bytes", "POST", CONTRACT + "/facts", "collector", JSON_TYPE, cesu.toByteArray(),
                400, null, null));

        ArrayNode tooMany = JSON.createArrayNode();
        for (int i = 0; i < 10_001; i++) {
            tooMany.addObject();
        }
        cases.add(new Case("facts: 10,001 in one batch", "POST", CONTRACT + "/facts", "collector", JSON_TYPE, bytes(tooMany), 400, "$", -1));
        cases.add(new Case("facts: an element that is no object", "POST", CONTRACT + "/facts", "collector", JSON_TYPE,
                ("[" + validFact("bi-ok") + ",\"fact\"]").getBytes(StandardCharsets.UTF_8), 400, "$", 1));
        cases.add(new Case("facts: a null element", "POST", CONTRACT + "/facts?dryRun=true", "collector", JSON_TYPE,
                ("[" + validFact("bi-ok") + ",null]").getBytes(StandardCharsets.UTF_8), 400, "$", 1));
        cases.add(new Case("facts: an object, not an array", "POST", CONTRACT + "/facts", "collector", JSON_TYPE,
                utf8(validFact("bi-ok").toString()), 400, "$", -1));
        cases.add(new Case("facts: an empty array", "POST", CONTRACT + "/facts", "collector", JSON_TYPE, utf8("[]"), 400, "$", -1));
        cases.add(new Case("facts: an empty body", "POST", CONTRACT + "/facts", "collector", JSON_TYPE, new byte[0], 400, "$", -1));
        cases.add(new Case("facts: dryRun=maybe", "POST", CONTRACT + "/facts?dryRun=maybe", "collector", JSON_TYPE,
                batch(validFact("bi-ok")), 400, "dryRun", -1));
        cases.add(new Case("facts: text/plain", "POST", CONTRACT + "/facts", "collector", "text/plain", batch(validFact("bi-ok")),
                415, null, null));
        cases.add(new Case("facts: an unknown contract", "POST", "/contracts/no-such/facts", "collector", JSON_TYPE,
                batch(validFact("bi-ok")), 404, null, null));
        cases.add(new Case("facts: a contract id that is a path", "POST", "/contracts/..%2F..%2Fetc/facts", "collector", JSON_TYPE,
                batch(validFact("bi-ok")), ANY_4XX, null, null));
        run(cases);
    }

    @Test
    public void csv_sheets_with_formula_cells_bad_bytes_or_bad_rows_are_refused_whole_naming_line_and_column() throws Exception {
        ready();
        String header = "日期,检查项,结果,巡检人,系统,备注\n";
        String good = "2022-11-01,ia.d05,正常,张工,主,\n";
        List<Case> cases = new ArrayList<>();
        String[][] rows = {
            // name, third line of the sheet, field expected
            {"formula in 巡检人", "2022-11-02,ia.d05,正常,=cmd|' /C calc'!A0,主,", "巡检人"},
            {"formula in 系统", "2022-11-02,ia.d05,正常,张工,@SUM(1+1)*cmd|' /C calc'!A0,", "系统"},
            {"HYPERLINK formula in 备注", "2022-11-02,ia.d05,正常,张工,主,\"+HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"", "备注"},
            {"minus formula in 备注", "2022-11-02,ia.d05,正常,张工,主,-2+3+cmd|' /C calc'!A0", "备注"},
            {"formula behind a tab", "2022-11-02,ia.d05,正常,张工,主,\"\t=1+1\"", "备注"},

            {"formula as the date", "=DATE(2022;11;2),ia.d05,正常,张工,主,", "日期"},
            {"a day that does not exist", "2022-02-30,ia.d05,正常,张工,主,", "date"},
            {"year 0", "0000-11-02,ia.d05,正常,张工,主,", "date"},
            {"a date after today", "2023-01-11,ia.d05,正常,张工,主,", "date"},
            {"an unknown check item", "2022-11-02,ia.d99,正常,张工,主,", "检查项"},
            {"SQL in the check item", "2022-11-02,ia.d05' OR '1'='1,正常,张工,主,", "检查项"},
            {"an unknown result", "2022-11-02,ia.d05,良好,张工,主,", "结果"},
            {"a missing inspector", "2022-11-02,ia.d05,正常,,主,", "巡检人"},
            {"a control character", "2022-11-02,ia.d05,正常,张\u0007工,主,", "attributes.inspector"},
            {"a terminal escape", "2022-11-02,ia.d05,正常,张工,主,note\u001b[2J", "attributes.note"},
        };
        for (String[] r : rows) {
            byte[] sheet = utf8(header + good + r[1] + "\n");
            cases.add(new Case("csv: " + r[0], "POST", CONTRACT + "/facts?format=inspection", "engineer", CSV, sheet, 400, r[2], 3));
            cases.add(new Case("csv dry run: " + r[0], "POST", CONTRACT + "/facts?format=inspection&dryRun=true", "engineer", CSV,
                    sheet, 200, r[2], 3));
        }
        // a line break inside a quoted cell: the formula stands on the sheet's line 4, where the problem is reported
        byte[] crSheet = utf8(header + good + "2022-11-02,ia.d05,正常,张工,主,\"\r=1+1\"\n");
        cases.add(new Case("csv: a formula behind a carriage return", "POST", CONTRACT + "/facts?format=inspection", "engineer", CSV,
                crSheet, 400, "备注", 4));
        Charset gbk = Charset.forName("GBK");
        byte[] mixed = concat(utf8(header + good), "2022-11-02,ia.d05,normal,李工,main,\n".getBytes(gbk));
        cases.add(new Case("csv: a GBK row", "POST", CONTRACT + "/facts?format=inspection", "engineer", CSV, mixed, 400, "巡检人", 3));
        cases.add(new Case("csv dry run: a GBK row", "POST", CONTRACT + "/facts?format=inspection&dryRun=true", "engineer", CSV,
                mixed, 200, "巡检人", 3));
        cases.add(new Case("csv: a GBK sheet", "POST", CONTRACT + "/facts?format=inspection", "engineer", CSV,
                (header + good).getBytes(gbk), 400, "$", 1));
        cases.add(new Case("csv: invalid UTF-8 bytes", "POST", CONTRACT + "/facts?format=inspection", "engineer", CSV,
                concat(utf8(header + "2022-11-02,ia.d05,正常,"), new byte[] {(byte) 0xFF, (byte) 0xFE, '\n'}), 400, "巡检人", 2));
        cases.add(new Case("csv: an unknown column", "POST", CONTRACT + "/facts?format=inspection", "engineer", CSV,
                utf8("日期,检查项,结果,巡检人,密码\n2022-11-01,ia.d05,正常,张工,x\n"), 400, "密码", 1));
        cases.add(new Case("csv: an unclosed quote", "POST", CONTRACT + "/facts?format=inspection", "engineer", CSV,
                utf8(header + good + "2022-11-02,ia.d05,正常,\"张工,主,\n"), 400, "$", -1));
        cases.add(new Case("csv: a header only", "POST", CONTRACT + "/facts?format=inspection", "engineer", CSV, utf8(header),
                400, "$", -1));
        cases.add(new Case("csv: no format", "POST", CONTRACT + "/facts", "engineer", CSV, utf8(header + good), 400, "format", -1));
        cases.add(new Case("csv: an unknown format", "POST", CONTRACT + "/facts?format=..%2F..%2Fetc", "engineer", CSV,
                utf8(header + good), 400, "format", -1));
        StringBuilder big = new StringBuilder(header);
        for (int i = 0; i <= 10_000; i++) {
            big.append("2022-11-01,ia.d05,正常,张工,s").append(i).append(",\n");
        }
        cases.add(new Case("csv: 10,001 rows", "POST", CONTRACT + "/facts?format=inspection", "engineer", CSV, utf8(big.toString()),
                400, "$", null));
        run(cases);

        // a plain signed number and a lone dash are no formulas: checked, valid, nothing stored
        String before = quickState();
        JsonNode dry = json(send("POST", CONTRACT + "/facts?format=inspection&dryRun=true", "engineer", CSV,
                utf8(header + good + "2022-11-02,ia.d05,正常,张工,主,-5\n2022-11-03,ia.d05,正常,张工,主,-\n"), false), 200);
        assertEquals(dry.toString(), 3, dry.path("valid").asInt());
        assertEquals(before, quickState());
    }

    @Test
    public void audit_batches_with_a_bad_entry_are_refused_whole_naming_its_index_and_field() throws Exception {
        ready();
        List<Case> cases = new ArrayList<>();
        Object[][] table = {
            {"a day that does not exist", (Consumer<ObjectNode>) e -> e.put("at", "2022-02-30T09:00:00"), "at"},
            {"year 1", (Consumer<ObjectNode>) e -> e.put("at", "0001-01-01T00:00:00"), "at"},
            {"a second after today", (Consumer<ObjectNode>) e -> e.put("at", "2023-01-11T00:00:00"), "at"},
            {"year 99999", (Consumer<ObjectNode>) e -> e.put("at", "+99999-01-01T00:00:00"), "at"},
            {"the time as a number", (Consumer<ObjectNode>) e -> e.put("at", 1646125200), "at"},
            {"no user", (Consumer<ObjectNode>) e -> e.remove("user"), "user"},
            {"an unknown action", (Consumer<ObjectNode>) e -> e.put("action", "<script>alert(1)</script>"), "action"},
            {"an address that is a path", (Consumer<ObjectNode>) e -> e.put("address", "../../etc/passwd"), "address"},
            {"SQL as the address", (Consumer<ObjectNode>) e -> e.put("address", "10.0.0.1' OR '1'='1"), "address"},
            {"an extra field", (Consumer<ObjectNode>) e -> e.put("password", "secret"), "password"},
            {"classified as text", (Consumer<ObjectNode>) e -> e.put("classified", "yes"), "classified"},
            {"NUL in the user", (Consumer<ObjectNode>) e -> e.put("user", "zh\u0000ang"), "user"},
            {"a bidi override in the resource", (Consumer<ObjectNode>) e -> e.put("resource", "/files/\u202Efdp.exe"), "resource"},
            {"a user of 501 characters", (Consumer<ObjectNode>) e -> e.put("user", "u".repeat(501)), "user"},
            {"the id of the entry before", (Consumer<ObjectNode>) e -> e.put("id", "bi-a-ok"), "id"},
            {"the user as an object", (Consumer<ObjectNode>) e -> e.putObject("user").put("name", "x"), "user"},
        };
        for (Object[] t : table) {
            ObjectNode bad = auditEntry("bi-a-bad");
            @SuppressWarnings("unchecked")
            Consumer<ObjectNode> change = (Consumer<ObjectNode>) t[1];
            change.accept(bad);
            cases.add(new Case("audit: " + t[0], "POST", CONTRACT + "/audit-events", "collector", JSON_TYPE,
                    batch(auditEntry("bi-a-ok"), bad), 400, (String) t[2], 1));
        }
        ArrayNode tooMany = JSON.createArrayNode();
        for (int i = 0; i < 50_001; i++) {
            tooMany.addObject();
        }
        cases.add(new Case("audit: 50,001 in one batch", "POST", CONTRACT + "/audit-events", "collector", JSON_TYPE, bytes(tooMany),
                400, "$", -1));
        cases.add(new Case("audit: an object, not an array", "POST", CONTRACT + "/audit-events", "collector", JSON_TYPE,
                bytes(auditEntry("bi-a-ok")), 400, "$", -1));
        run(cases);
    }

    /** 今日巡检 (issue #24): the day's results, refused whole with the entry's index and field, nothing stored. */
    @Test
    public void checklist_results_with_a_bad_entry_are_refused_whole_naming_its_index_and_field() throws Exception {
        ready();
        String day = CONTRACT + "/checklist/2022-12-30";
        String ok = "{\"obligationId\":\"ia.d05\",\"system\":\"主\",\"result\":\"正常\"}";
        String[][] table = {
            {"an item not due that day (no special period declared)", "{\"obligationId\":\"ia.s01\",\"system\":\"主\",\"result\":\"正常\"}", "obligationId"},
            {"an item of no catalogue", "{\"obligationId\":\"../etc\",\"system\":\"主\",\"result\":\"正常\"}", "obligationId"},
            {"a result other than 正常 or 异常", "{\"obligationId\":\"ia.d06\",\"system\":\"主\",\"result\":\"良好\"}", "result"},
            {"no result", "{\"obligationId\":\"ia.d06\",\"system\":\"主\"}", "result"},
            {"异常 without its fault record", "{\"obligationId\":\"ia.d06\",\"system\":\"主\",\"result\":\"异常\"}", "fault"},
            {"异常 without the fault's description", "{\"obligationId\":\"ia.d06\",\"system\":\"主\",\"result\":\"异常\","
                    + "\"fault\":{\"reportedTo\":\"王工\"}}", "fault.description"},
            {"a fault reported at a malformed time", "{\"obligationId\":\"ia.d06\",\"system\":\"主\",\"result\":\"异常\","
                    + "\"fault\":{\"description\":\"超时\",\"reportedAt\":\"昨天\"}}", "fault.reportedAt"},
            {"a system the contract does not name", "{\"obligationId\":\"ia.d06\",\"system\":\"丙\",\"result\":\"正常\"}", "system"},
            {"a correction of no record", "{\"obligationId\":\"ia.d06\",\"system\":\"主\",\"result\":\"正常\","
                    + "\"supersedes\":\"chk:ia.d06:20221230:0000\"}", "supersedes"},
            {"an extra field", "{\"obligationId\":\"ia.d06\",\"system\":\"主\",\"result\":\"正常\",\"by\":\"x\"}", "by"},
            {"the note as a number", "{\"obligationId\":\"ia.d06\",\"system\":\"主\",\"result\":\"正常\",\"note\":5}", "note"},
        };
        List<Case> cases = new ArrayList<>();
        for (String[] t : table) {
            cases.add(new Case("checklist: " + t[0], "POST", day, "engineer", JSON_TYPE, utf8("[" + ok + "," + t[1] + "]"), 400, t[2], 1));
        }
        cases.add(new Case("checklist: a day outside the contract", "POST", CONTRACT + "/checklist/2021-12-31", "engineer", JSON_TYPE,
                utf8("[" + ok + "]"), 400, "day", -1));
        cases.add(new Case("checklist: a day that does not exist", "POST", CONTRACT + "/checklist/2022-02-30", "engineer", JSON_TYPE,
                utf8("[" + ok + "]"), 400, "day", -1));
        cases.add(new Case("checklist: an empty array", "POST", day, "engineer", JSON_TYPE, utf8("[]"), 400, "$", -1));
        cases.add(new Case("checklist: an object, not an array", "POST", day, "engineer", JSON_TYPE, utf8(ok), 400, "$", -1));
        cases.add(new Case("checklist: a day outside the contract, read", "GET", CONTRACT + "/checklist/2023-01-03", "engineer", null,
                null, 400, "day", -1));
        run(cases);
    }

    @Test
    public void contract_definitions_with_a_bad_field_are_refused_and_no_contract_appears() throws Exception {
        ready();
        List<Case> cases = new ArrayList<>();
        Object[][] table = {
            {"a misspelt field", (Consumer<ObjectNode>) d -> d.put("amout", "1.00"), "amout"},
            {"an unknown field of a party", (Consumer<ObjectNode>) d -> ((ObjectNode) d.get("client")).put("phone", "010"), "client.phone"},
            {"the version as text", (Consumer<ObjectNode>) d -> d.put("version", "two"), "version"},
            {"a fractional version", (Consumer<ObjectNode>) d -> d.put("version", 1.5), "version"},
            {"a start that does not exist", (Consumer<ObjectNode>) d -> d.put("periodStart", "2022-02-30"), "periodStart"},
            {"an end in year 99999", (Consumer<ObjectNode>) d -> d.put("periodEnd", "+99999-12-31"), "periodEnd"},
            {"a negative amount", (Consumer<ObjectNode>) d -> d.put("amount", "-1.00"), "amount"},
            {"an infinite amount", (Consumer<ObjectNode>) d -> d.put("amount", new java.math.BigDecimal("1E+400")), "amount"},
            {"NUL in the name", (Consumer<ObjectNode>) d -> d.put("name", "安全\u0000应用"), "name"},
            {"an id that is a path", (Consumer<ObjectNode>) d -> d.put("id", "../../etc/passwd"), "id"},
            {"SQL as the id", (Consumer<ObjectNode>) d -> d.put("id", "x'; DROP TABLE contract; --"), "id"},
            {"an unknown term", (Consumer<ObjectNode>) d -> ((ObjectNode) d.get("terms")).putObject("bonus").put("rate", "0.01"), "terms.bonus"},
            {"the terms as an array", (Consumer<ObjectNode>) d -> d.putArray("terms"), "terms"},
        };
        for (Object[] t : table) {
            ObjectNode d = definition("bi-probe");
            @SuppressWarnings("unchecked")
            Consumer<ObjectNode> change = (Consumer<ObjectNode>) t[1];
            change.accept(d);
            cases.add(new Case("contract: " + t[0], "POST", "/contracts", "admin", JSON_TYPE, bytes(d), 400, (String) t[2], -1));
        }
        ObjectNode named = definition("bi-probe");
        named.put("name", "NAME");
        byte[] gbkName = bytes(named);
        String text = new String(gbkName, StandardCharsets.UTF_8).replace("NAME", "安全应用维护服务");
        int at = text.indexOf("安全应用维护服务");
        byte[] mixed = concat(concat(utf8(text.substring(0, at)), "安全应用维护服务".getBytes(Charset.forName("GBK"))),
                utf8(text.substring(at + "安全应用维护服务".length())));
        cases.add(new Case("contract: a name in GBK", "POST", "/contracts", "admin", JSON_TYPE, mixed, 400, "$", -1));
        cases.add(new Case("contract: an array", "POST", "/contracts", "admin", JSON_TYPE, utf8("[]"), 400, "$", -1));
        String renewal = "{\"id\":\"bi-renewed\",\"periodStart\":\"2023-01-01\",\"periodEnd\":\"2023-12-31\","
                + "\"amount\":\"1.00\",\"signedOn\":\"2023-03-01\"}";
        String[][] renewals = {
            {"a misspelt field", renewal.replace("\"signedOn\"", "\"signed\""), "signed"},
            {"a day that does not exist", renewal.replace("2023-12-31", "2023-02-30"), "periodEnd"},
            {"an amount in words", renewal.replace("\"1.00\"", "\"一元\""), "amount"},
            {"a negative amount", renewal.replace("\"1.00\"", "\"-1.00\""), "amount"},
            {"an id that is a path", renewal.replace("bi-renewed", "../../etc/passwd"), "id"},
            {"a period before the one renewed", renewal.replace("2023-01-01", "2022-06-01"), "periodStart"},
            {"a year without a calendar", renewal.replace("2023-12-31", "2031-12-31"), "periodEnd"},
            {"an array", "[]", "$"},
        };
        for (String[] t : renewals) {
            cases.add(new Case("renewal: " + t[0], "POST", CONTRACT + "/renewals", "admin", JSON_TYPE, utf8(t[1]), 400, t[2], -1));
        }
        cases.add(new Case("clauses: a control character", "PUT", CONTRACT + "/clauses", "admin", JSON_TYPE,
                utf8("{\"一般条款 五\": \"五、履约\\u0007保函\"}"), 400, "clauses.一般条款 五", -1));
        cases.add(new Case("clauses: an empty text", "PUT", CONTRACT + "/clauses", "admin", JSON_TYPE,
                utf8("{\"一般条款 五\": \"  \"}"), 400, "clauses.一般条款 五", -1));
        cases.add(new Case("clauses: a text that is a number", "PUT", CONTRACT + "/clauses", "admin", JSON_TYPE,
                utf8("{\"一般条款 五\": 5}"), 400, "clauses.一般条款 五", -1));
        cases.add(new Case("clauses: plain text without numbering", "PUT", CONTRACT + "/clauses", "admin", "text/plain",
                utf8("没有编号的文字"), 400, "text", -1));
        run(cases);
    }

    @Test
    public void waivers_with_a_bad_field_are_refused_and_none_is_recorded() throws Exception {
        ready();
        String key = openFindingKey();
        List<Case> cases = new ArrayList<>();
        Object[][] table = {
            {"a misspelt expiry", (Consumer<ObjectNode>) w -> w.put("expires", "2023-06-30"), "expires"},
            {"an unknown target", (Consumer<ObjectNode>) w -> w.put("target", "EVERYTHING"), "target"},
            {"the target as a number", (Consumer<ObjectNode>) w -> w.put("target", 5), "target"},
            {"no key", (Consumer<ObjectNode>) w -> w.remove("key"), "key"},
            {"the key as an object", (Consumer<ObjectNode>) w -> w.putObject("key"), "key"},
            {"SQL as the key", (Consumer<ObjectNode>) w -> w.put("key", "' OR '1'='1' --"), "key"},
            {"no justification", (Consumer<ObjectNode>) w -> w.remove("justification"), "justification"},
            {"NUL in the justification", (Consumer<ObjectNode>) w -> w.put("justification", "同意\u0000免除"), "justification"},
            {"a justification of 2001 characters", (Consumer<ObjectNode>) w -> w.put("justification", "理".repeat(2001)), "justification"},
            {"an expiry that does not exist", (Consumer<ObjectNode>) w -> w.put("expiresOn", "2023-02-30"), "expiresOn"},
            {"an expiry in year 99999", (Consumer<ObjectNode>) w -> w.put("expiresOn", "+99999-12-31"), "expiresOn"},
            {"an expiry before today", (Consumer<ObjectNode>) w -> w.put("expiresOn", "2022-12-31"), "expiresOn"},
        };
        for (Object[] t : table) {
            ObjectNode w = JSON.createObjectNode().put("target", "FINDING").put("key", key).put("justification", "甲方书面同意免除")
                    .put("expiresOn", "2023-06-30");
            @SuppressWarnings("unchecked")
            Consumer<ObjectNode> change = (Consumer<ObjectNode>) t[1];
            change.accept(w);
            cases.add(new Case("waiver: " + t[0], "POST", CONTRACT + "/waivers", "admin", JSON_TYPE, bytes(w), 400, (String) t[2], -1));
        }
        cases.add(new Case("waiver: an array", "POST", CONTRACT + "/waivers", "admin", JSON_TYPE, utf8("[]"), 400, "$", -1));
        cases.add(new Case("waiver withdrawal: an id that is no number", "DELETE", CONTRACT + "/waivers/abc?reason=x", "admin", null,
                null, 400, "waiverId", -1));
        cases.add(new Case("waiver withdrawal: no reason", "DELETE", CONTRACT + "/waivers/999", "admin", null, null, 400, "reason", -1));
        cases.add(new Case("waiver withdrawal: a control character in the reason", "DELETE", CONTRACT + "/waivers/999?reason=a%07b",
                "admin", null, null, 400, "reason", -1));
        cases.add(new Case("waiver withdrawal: no such waiver", "DELETE", CONTRACT + "/waivers/999?reason=x", "admin", null, null,
                404, null, null));
        run(cases);
    }

    @Test
    public void what_if_requests_with_bad_input_are_refused_and_store_nothing() throws Exception {
        ready();
        List<Case> cases = new ArrayList<>();
        Object[][] table = {
            {"a misspelt asOf", (Consumer<ObjectNode>) w -> w.put("asof", "2022-12-31"), "asof", -1},
            {"asOf a day that does not exist", (Consumer<ObjectNode>) w -> w.put("asOf", "2022-02-30"), "asOf", -1},
            {"asOf as a number", (Consumer<ObjectNode>) w -> w.put("asOf", 20221231), "asOf", -1},
            {"facts as an object", (Consumer<ObjectNode>) w -> w.putObject("facts"), "facts", -1},
            {"a fact that is no object", (Consumer<ObjectNode>) w -> ((ArrayNode) w.get("facts")).add("x"), "$", 1},
            {"a fact with a bad date", (Consumer<ObjectNode>) w -> ((ArrayNode) w.get("facts")).add(validFact("bi-w2").put("date", "2022-13-01")),
                "date", 1},
        };
        for (Object[] t : table) {
            ObjectNode w = JSON.createObjectNode().put("asOf", "2022-12-31");
            w.putArray("facts").add(validFact("bi-w1"));
            @SuppressWarnings("unchecked")
            Consumer<ObjectNode> change = (Consumer<ObjectNode>) t[1];
            change.accept(w);
            cases.add(new Case("what-if: " + t[0], "POST", CONTRACT + "/what-if", "evaluator", JSON_TYPE, bytes(w), 400, (String) t[2],
                    (Integer) t[3]));
        }
        ObjectNode many = JSON.createObjectNode();
        ArrayNode facts = many.putArray("facts");
        for (int i = 0; i < 10_001; i++) {
            facts.addObject();
        }
        cases.add(new Case("what-if: 10,001 facts", "POST", CONTRACT + "/what-if", "evaluator", JSON_TYPE, bytes(many), 400, "facts", -1));
        run(cases);
    }

    @Test
    public void domain_uploads_and_removals_never_take_a_path_and_leave_the_deploy_folder_alone() throws Exception {
        ready();
        byte[] good = DomainJars.jar("org.lvyue.test.bad-input", "1.0.0", "bad-input", DomainJars.alwaysRule("bad-input", "v1"),
                DomainJars.catalogue("bad-input"));
        List<Case> cases = List.of(
                new Case("domain upload: a file name that is a path", "POST", "/domains?fileName=" + Http.encode("../../etc/passwd"),
                        "engineer", JAR, good, 400, "fileName", -1),
                new Case("domain upload: a file name with a line break", "POST", "/domains?fileName=a%0D%0ASet-Cookie:%20x.jar",
                        "engineer", JAR, good, 400, "fileName", -1),
                new Case("domain upload: no jar", "POST", "/domains", "engineer", JAR, utf8("<html>not a jar</html>"), 400, "$", -1),
                new Case("domain upload: an empty body", "POST", "/domains", "engineer", JAR, new byte[0], 400, "$", -1),
                new Case("domain upload: a domain id that is a path", "POST", "/domains", "engineer", JAR,
                        DomainJars.jar("org.lvyue.test.bad-input", "1.0.0", "../../x", DomainJars.alwaysRule("x", "v1"),
                                DomainJars.catalogue("x")), 400, "$", -1),
                new Case("domain upload: a symbolic name that is a path", "POST", "/domains", "engineer", JAR,
                        DomainJars.jar("../../evil", "1.0.0", "bad-input", DomainJars.alwaysRule("bad-input", "v1"),
                                DomainJars.catalogue("bad-input")), 400, "$", -1),
                new Case("domain removal: a name with a space", "DELETE", "/domains/a%20b", "engineer", null, null, 400, "symbolicName", -1),
                new Case("domain removal: an encoded path", "DELETE", "/domains/..%2F..%2Fetc", "engineer", null, null, ANY_4XX, null, null),
                new Case("domain removal: dot dot", "DELETE", "/domains/..", "engineer", null, null, ANY_4XX, null, null),
                new Case("domain removal: no such bundle", "DELETE", "/domains/org.lvyue.no-such", "engineer", null, null, 404, null, null));
        run(cases);
    }

    @Test
    public void certificate_uploads_take_a_file_name_never_a_path() throws Exception {
        ready();
        byte[] junk = utf8("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
        run(List.of(
                new Case("certificates: no name", "POST", CONTRACT + "/certificates", "collector", "application/octet-stream", junk,
                        400, "name", -1),
                new Case("certificates: a name that is a path", "POST", CONTRACT + "/certificates?name=" + Http.encode("../../etc/passwd"),
                        "collector", "application/octet-stream", junk, 400, "name", -1),
                new Case("certificates: a name with a line break", "POST", CONTRACT + "/certificates?name=a%0D%0Ab.pem", "collector",
                        "application/octet-stream", junk, 400, "name", -1),
                new Case("certificates: no certificate", "POST", CONTRACT + "/certificates?name=server.pem", "collector",
                        "application/octet-stream", junk, 400, "server.pem", -1)));
    }

    @Test
    public void report_requests_and_query_parameters_with_bad_values_are_refused_naming_the_parameter() throws Exception {
        ready();
        String r = CONTRACT + "/reports";
        run(List.of(
                get("report: quarter 5", r + "/quarterly/2022-Q5.pdf", "evaluator", 400, "quarter"),
                get("report: a quarter outside the service period", r + "/quarterly/2030-Q1.pdf", "evaluator", 400, "quarter"),
                get("report: SQL as the quarter", r + "/quarterly/2022-Q1'%20OR%20'1'='1.pdf", "evaluator", ANY_4XX, null),
                get("report: an encoded path as the quarter", r + "/quarterly/..%2F..%2F..%2Fetc%2Fpasswd.pdf", "evaluator", ANY_4XX, null),
                get("report: a path as the quarter", r + "/quarterly/../../../etc/passwd.pdf", "evaluator", ANY_4XX, null),
                get("report: month 13", r + "/monthly/support/2022-13.pdf", "evaluator", 400, "month"),
                get("report: a day as the month", r + "/monthly/support/2022-02-30.pdf", "evaluator", ANY_4XX, null),
                get("report: a path as the domain", r + "/monthly/..%2F..%2Fetc/2022-07.pdf", "evaluator", ANY_4XX, null),
                get("report: an unknown domain", r + "/monthly/no-such/2022-07.pdf", "evaluator", 404, null),
                get("report: a ledger day that does not exist", r + "/ledger.pdf?asOf=2022-02-30", "evaluator", 400, "asOf"),
                get("report: a ledger in year 99999", r + "/ledger.pdf?asOf=%2B99999-01-01", "evaluator", 400, "asOf"),
                get("report: a ledger in year 0", r + "/ledger.pdf?asOf=0000-01-01", "evaluator", 400, "asOf"),
                get("assessment: quarter 9", CONTRACT + "/assessments/2022-Q9", "evaluator", 400, "quarter"),
                get("findings: limit as text", CONTRACT + "/findings?limit=abc", "evaluator", 400, "limit"),
                get("findings: a negative offset", CONTRACT + "/findings?offset=-1", "evaluator", 400, "offset"),
                get("findings: an offset beyond an int", CONTRACT + "/findings?offset=99999999999", "evaluator", 400, "offset"),
                get("findings: a script as the status", CONTRACT + "/findings?status=%3Cscript%3E", "evaluator", 400, "status"),
                get("findings: period Q9", CONTRACT + "/findings?period=2022-Q9", "evaluator", 400, "period"),
                get("facts: limit 99999", CONTRACT + "/facts?limit=99999", "evaluator", 400, "limit"),
                get("audit: a day that does not exist", CONTRACT + "/audit-events?from=2022-02-30", "admin", 400, "from"),
                get("audit stats: an unknown grouping", CONTRACT + "/audit-events/stats?by=password", "admin", 400, "by"),
                get("dashboard: year 99999", CONTRACT + "/dashboard?asOf=%2B99999-01-01", "evaluator", 400, "asOf"),
                get("ledger: asOf as text", CONTRACT + "/ledger?asOf=yesterday", "evaluator", 400, "asOf"),
                get("activity: limit as text", "/activity?limit=abc", "auditadmin", 400, "limit"),
                get("findings: a 20,000-character address", CONTRACT + "/findings?clause=" + "x".repeat(20_000), "evaluator", ANY_4XX,
                        null)));
    }

    @Test
    public void signature_checks_with_a_bad_body_are_refused_naming_the_field() throws Exception {
        ready();
        String path = "/signatures/verify";
        run(List.of(
                new Case("verify: an extra field", "POST", path, "evaluator", JSON_TYPE,
                        utf8("{\"document\":\"AA==\",\"signature\":\"AA==\",\"extra\":1}"), 400, "extra", -1),
                new Case("verify: the document as an array", "POST", path, "evaluator", JSON_TYPE,
                        utf8("{\"document\":[1],\"signature\":\"AA==\"}"), 400, "document", -1),
                new Case("verify: the document not base64", "POST", path, "evaluator", JSON_TYPE,
                        utf8("{\"document\":\"<script>\",\"signature\":\"AA==\"}"), 400, "document", -1),
                new Case("verify: no signature", "POST", path, "evaluator", JSON_TYPE, utf8("{\"document\":\"AA==\"}"), 400, "signature", -1),
                new Case("verify: an array", "POST", path, "evaluator", JSON_TYPE, utf8("[]"), 400, "$", -1)));
    }

    /** Every address that takes a body: how each malformed body is refused, at the same place, the same way. */
    private static List<Target> bodyTargets() throws IOException {
        return List.of(
                new Target("facts", CONTRACT + "/facts", "collector", JSON_TYPE, batch(validFact("bi-big"))),
                new Target("facts dry run", CONTRACT + "/facts?dryRun=true", "collector", JSON_TYPE, batch(validFact("bi-big"))),
                new Target("audit", CONTRACT + "/audit-events", "collector", JSON_TYPE, batch(auditEntry("bi-a-big"))),
                new Target("contract", "/contracts", "admin", JSON_TYPE, bytes(definition("bi-big"))),
                new Target("renewal", CONTRACT + "/renewals", "admin", JSON_TYPE, utf8("{\"id\":\"bi-big\",\"periodStart\":"
                        + "\"2023-01-01\",\"periodEnd\":\"2023-12-31\",\"amount\":\"1.00\",\"signedOn\":\"2023-03-01\"}")),
                new Target("waiver", CONTRACT + "/waivers", "admin", JSON_TYPE,
                        utf8("{\"target\":\"FINDING\",\"key\":\"no-such\",\"justification\":\"x\"}")),
                new Target("what-if", CONTRACT + "/what-if", "evaluator", JSON_TYPE,
                        utf8("{\"asOf\":\"2022-12-31\",\"facts\":[" + validFact("bi-big") + "]}")),
                new Target("verify", "/signatures/verify", "evaluator", JSON_TYPE, utf8("{\"document\":\"AA==\",\"signature\":\"AA==\"}")));
    }

    @Test
    public void bodies_beyond_the_limit_are_refused_with_413_on_every_address_with_or_without_a_length() throws Exception {
        ready();
        List<Case> cases = new ArrayList<>();
        for (Target t : bodyTargets()) {
            byte[] padded = padJson(t.body(), LIMIT + 1);
            cases.add(new Case(t.name() + ": " + padded.length + " bytes", "POST", t.path(), t.user(), t.type(), padded, 413, "$", -1));
            cases.add(new Case(t.name() + ": " + padded.length + " bytes chunked", "POST", t.path(), t.user(), t.type(), padded, 413,
                    "$", -1).chunked());
        }
        byte[] sheet = utf8("日期,检查项,结果,巡检人\n2022-11-01,ia.d05,正常,张工\n" + "\n".repeat(LIMIT));
        cases.add(new Case("csv: " + sheet.length + " bytes", "POST", CONTRACT + "/facts?format=inspection", "engineer", CSV, sheet,
                413, "$", -1));
        cases.add(new Case("csv: chunked", "POST", CONTRACT + "/facts?format=inspection", "engineer", CSV, sheet, 413, "$", -1)
                .chunked());
        byte[] blob = new byte[LIMIT + 1];
        cases.add(new Case("certificates", "POST", CONTRACT + "/certificates?name=big.zip", "collector", "application/zip", blob, 413,
                "$", -1));
        cases.add(new Case("certificates chunked", "POST", CONTRACT + "/certificates?name=big.zip", "collector", "application/zip",
                blob, 413, "$", -1).chunked());
        cases.add(new Case("domain bundle", "POST", "/domains", "engineer", JAR, blob, 413, "$", -1));
        cases.add(new Case("domain bundle chunked", "POST", "/domains", "engineer", JAR, blob, 413, "$", -1).chunked());
        cases.add(new Case("collectors run", "POST", CONTRACT + "/collectors/run", "engineer", JSON_TYPE, blob, 413, "$", -1));
        run(cases);

        // just under the limit is read: the padded facts batch is accepted whole
        String before = quickState();
        byte[] under = padJson(batch(validFact("bi-under")), LIMIT);
        JsonNode stored = json(send("POST", CONTRACT + "/facts", "collector", JSON_TYPE, under, true), 200);
        assertEquals(1, stored.path("stored").asInt());
        assertNotEquals(before, quickState());
    }

    @Test
    public void malformed_deep_or_non_utf8_json_is_refused_on_every_json_address() throws Exception {
        ready();
        List<Case> cases = new ArrayList<>();
        for (Target t : bodyTargets()) {
            String valid = new String(t.body(), StandardCharsets.UTF_8);
            cases.add(new Case(t.name() + ": cut short", "POST", t.path(), t.user(), t.type(),
                    utf8(valid.substring(0, valid.length() - 2)), 400, "$", -1));
            cases.add(new Case(t.name() + ": trailing garbage", "POST", t.path(), t.user(), t.type(), utf8(valid + " x"), 400, "$", -1));
            cases.add(new Case(t.name() + ": a duplicate key", "POST", t.path(), t.user(), t.type(), duplicateFirstField(valid), 400,
                    "$", -1));
            cases.add(new Case(t.name() + ": single quotes", "POST", t.path(), t.user(), t.type(), utf8(valid.replace('"', '\'')), 400,
                    "$", -1));
            cases.add(new Case(t.name() + ": 40 levels deep", "POST", t.path(), t.user(), t.type(),
                    utf8("[".repeat(40) + "]".repeat(40)), 400, "$", -1));
            cases.add(new Case(t.name() + ": 100,000 levels deep", "POST", t.path(), t.user(), t.type(),
                    utf8("[".repeat(100_000) + "]".repeat(100_000)), 400, "$", -1));
            cases.add(new Case(t.name() + ": a 200-digit number", "POST", t.path(), t.user(), t.type(),
                    utf8("[" + "9".repeat(200) + "]"), 400, "$", -1));
            cases.add(new Case(t.name() + ": bytes that are not UTF-8", "POST", t.path(), t.user(), t.type(),
                    withByteInFirstString(t.body(), (byte) 0xFF), 400, "$", -1));
            cases.add(new Case(t.name() + ": an overlong encoding of '/'", "POST", t.path(), t.user(), t.type(),
                    withBytesInFirstString(t.body(), new byte[] {(byte) 0xC0, (byte) 0xAF}), 400, "$", -1));
        }
        run(cases);
    }

    @Test
    public void injection_strings_in_free_text_are_stored_verbatim_and_never_interpreted() throws Exception {
        ready();
        String[] payloads = {
            "'; DROP TABLE fact; --",
            "' OR '1'='1",
            "\" OR \"\"=\"",
            "<script>alert('x')</script>",
            "<img src=x onerror=alert(1)>",
            "${jndi:ldap://127.0.0.1:1389/a}",
            "#{7*7} {{7*7}} %{7*7} ${7*7}",
            "$(touch /tmp/lvyue-pwned) `id`",
            "../../../../etc/passwd",
            "%00%0d%0aSet-Cookie: a=b",
            "System.exit(0); drools.halt();",
            "=cmd|' /C calc'!A0",
            "＜script＞全角＜/script＞ 😀 \"引号\" 'single' \\ backslash",
            "多行\n文字\t制表",
        };
        long factsBefore = factTotal();
        long auditBefore = auditTotal();
        ArrayNode facts = JSON.createArrayNode();
        ArrayNode entries = JSON.createArrayNode();
        for (int i = 0; i < payloads.length; i++) {
            ObjectNode f = validFact("bi-inj-" + i);
            ((ObjectNode) f.get("attributes")).put("scenario", payloads[i]).put("location", payloads[i]);
            facts.add(f);
            entries.add(auditEntry("bi-inj-" + i).put("at", String.format("2022-07-07T07:07:%02d", i)).put("user", payloads[i])
                    .put("resource", payloads[i]).put("system", payloads[i]));
        }
        JsonNode ingested = json(send("POST", CONTRACT + "/facts", "collector", JSON_TYPE, bytes(facts), false), 200);
        assertEquals(payloads.length, ingested.path("stored").asInt());
        assertTrue(ingested.toString(), ingested.path("evaluationError").isNull());
        assertEquals(payloads.length, json(send("POST", CONTRACT + "/audit-events", "collector", JSON_TYPE, bytes(entries), false), 200)
                .path("stored").asInt());
        assertEquals(factsBefore + payloads.length, factTotal());
        assertEquals(auditBefore + payloads.length, auditTotal());

        JsonNode stored = json(send("GET", CONTRACT + "/facts?kind=drill.performed&limit=1000", "evaluator", null, null, false), 200);
        // whole values (the user is personal, masked by default): the admin may ask for them
        JsonNode log = json(send("GET", CONTRACT + "/audit-events?from=2022-07-07T07:07:00&to=2022-07-07T07:08:00&limit=1000&personal=whole", "admin",
                null, null, false), 200);
        for (int i = 0; i < payloads.length; i++) {
            String id = "bi-inj-" + i;
            JsonNode f = find(stored.path("facts"), id);
            assertEquals(id, payloads[i], f.path("attributes").path("scenario").asText());
            assertEquals(id, payloads[i], f.path("attributes").path("location").asText());
            JsonNode e = find(log.path("items"), id);
            assertEquals(id, payloads[i], e.path("user").asText());
            assertEquals(id, payloads[i], e.path("resource").asText());
        }

        // as query filters they are values to match, not SQL: nothing matches, nothing breaks
        for (String p : List.of("' OR '1'='1", "%' OR 1=1 --", "*")) {
            assertEquals(p, 0, json(send("GET", CONTRACT + "/findings?clause=" + Http.encode(p), "evaluator", null, null, false), 200)
                    .path("count").asInt());
            assertEquals(p, 0, json(send("GET", CONTRACT + "/facts?kind=" + Http.encode(p), "evaluator", null, null, false), 200)
                    .path("total").asLong());
        }
        assertEquals(1, json(send("GET", CONTRACT + "/audit-events?user=" + Http.encode(payloads[1]), "admin", null, null, false), 200)
                .path("count").asLong());

        // a ticket number, a contract's name and a party's address are data too
        ObjectNode ticket = JSON.createObjectNode().put("id", "bi-inj-ticket").put("kind", "support.request")
                .put("subject", payloads[1]).put("date", "2022-08-08").put("time", "2022-08-08T10:00:00");
        ticket.putObject("attributes").put("site", payloads[4]).put("description", payloads[13]);
        JsonNode ticketStored = json(send("POST", CONTRACT + "/facts", "collector", JSON_TYPE, batch(ticket), false), 200);
        assertEquals(1, ticketStored.path("stored").asInt());
        assertTrue(ticketStored.toString(), ticketStored.path("evaluationError").isNull());
        JsonNode tickets = json(send("GET", CONTRACT + "/facts?kind=support.request&limit=1000", "evaluator", null, null, false), 200);
        assertEquals(payloads[1], find(tickets.path("facts"), "bi-inj-ticket").path("subject").asText());
        assertEquals(payloads[13], find(tickets.path("facts"), "bi-inj-ticket").path("attributes").path("description").asText());
        ObjectNode contract = definition("bi-injection").put("name", payloads[3] + payloads[6]);
        ((ObjectNode) contract.get("client")).put("address", payloads[0]);
        assertEquals(201, send("POST", "/contracts", "admin", JSON_TYPE, bytes(contract), false).status());
        JsonNode defined = json(send("GET", "/contracts/bi-injection", "evaluator", null, null, false), 200).path("contract");
        assertEquals(payloads[3] + payloads[6], defined.path("name").asText());
        assertEquals(payloads[0], defined.path("client").path("address").asText());

        // a waiver's justification and a withdrawal's reason are data too
        String key = openFindingKey();
        JsonNode waiver = json(send("POST", CONTRACT + "/waivers", "admin", JSON_TYPE, bytes(JSON.createObjectNode()
                .put("target", "FINDING").put("key", key).put("justification", payloads[3] + payloads[0])), false), 201);
        assertEquals(payloads[3] + payloads[0], waiver.path("justification").asText());
        JsonNode withdrawn = json(send("DELETE", CONTRACT + "/waivers/" + waiver.path("id").asLong() + "?reason="
                + Http.encode(payloads[5]), "admin", null, null, false), 200);
        assertEquals(payloads[5], withdrawn.path("withdrawReason").asText());

        // and the product still serves: that month's report renders, its file name is one name
        Http.Download pdf = Await.until("the month's report", () -> Http.download(CONTRACT
                + "/reports/monthly/emergency-drill/2022-05.pdf", "evaluator"), d -> d.status() != 503 && d.status() != 409, 60_000);
        assertEquals(pdf.text().substring(0, Math.min(300, pdf.body().length)), 200, pdf.status());
        assertTrue(pdf.text().startsWith("%PDF-"));
        String disposition = pdf.header("Content-Disposition");
        assertTrue(disposition, disposition.startsWith("attachment; filename=\"") && !disposition.contains("/"));
        healthy("after the injection strings");
    }

    // ------------------------------------------------------------------ the cases and how each is checked

    /** One request and what must come back; {@code row} -1 for a problem of the whole body, null for any. */
    private record Case(String name, String method, String path, String user, String type, byte[] body, int status, String field,
                        Integer row, boolean isChunked) {
        Case(String name, String method, String path, String user, String type, byte[] body, int status, String field, Integer row) {
            this(name, method, path, user, type, body, status, field, row, false);
        }

        Case chunked() {
            return new Case(name, method, path, user, type, body, status, field, row, true);
        }
    }

    private record Target(String name, String path, String user, String type, byte[] body) {
    }

    private record FactCase(String name, ObjectNode bad, String field) {
    }

    private static Case get(String name, String path, String user, int status, String field) {
        return new Case(name, "GET", path, user, null, null, status, field, field == null ? null : -1);
    }

    /** The facts of a batch whose second element is bad in one way; the first is valid and must not be stored either. */
    private static List<FactCase> factCases() {
        List<FactCase> out = new ArrayList<>();
        Object[][] table = {
            {"the date as a number", (Consumer<ObjectNode>) f -> f.put("date", 20220510), "date"},
            {"attributes as an array", (Consumer<ObjectNode>) f -> f.putArray("attributes").add("x"), "attributes"},
            {"the kind as an object", (Consumer<ObjectNode>) f -> f.putObject("kind"), "kind"},
            {"no kind", (Consumer<ObjectNode>) f -> f.remove("kind"), "kind"},
            {"no date", (Consumer<ObjectNode>) f -> f.remove("date"), "date"},
            {"no required attribute", (Consumer<ObjectNode>) f -> ((ObjectNode) f.get("attributes")).remove("scenario"), "attributes.scenario"},
            {"an extra field", (Consumer<ObjectNode>) f -> f.put("colour", "red"), "colour"},
            {"an extra field named like SQL", (Consumer<ObjectNode>) f -> f.put("id' OR '1'='1", "x"), "id' OR '1'='1"},
            {"an unknown attribute", (Consumer<ObjectNode>) f -> ((ObjectNode) f.get("attributes")).put("extra", "x"), "attributes.extra"},
            {"an attribute as an object", (Consumer<ObjectNode>) f -> ((ObjectNode) f.get("attributes")).putObject("scenario"),
                "attributes.scenario"},
            {"a day that does not exist", (Consumer<ObjectNode>) f -> f.put("date", "2022-02-30"), "date"},
            {"year 0", (Consumer<ObjectNode>) f -> f.put("date", "0000-05-10"), "date"},
            {"year 99999", (Consumer<ObjectNode>) f -> f.put("date", "+99999-05-10"), "date"},
            {"year 99999 unsigned", (Consumer<ObjectNode>) f -> f.put("date", "99999-05-10"), "date"},
            {"a day after today", (Consumer<ObjectNode>) f -> f.put("date", "2023-01-11"), "date"},
            {"a time in 2099 without a date", (Consumer<ObjectNode>) f -> {
                f.remove("date");
                f.put("time", "2099-01-01T00:00:00");
            }, "date"},
            {"a time on another day than the date", (Consumer<ObjectNode>) f -> f.put("time", "2022-05-11T09:00:00"), "time"},
            {"a time of hour 25", (Consumer<ObjectNode>) f -> f.put("time", "2022-05-10T25:00:00"), "time"},
            {"an amount of 1e999999999", (Consumer<ObjectNode>) f -> f.put("kind", "payment.received").put("amount",
                new java.math.BigDecimal("1E+999999999")).remove("attributes"), "amount"},
            {"a negative amount", (Consumer<ObjectNode>) f -> f.put("kind", "payment.received").put("amount", "-5.00").remove("attributes"),
                "amount"},
            {"an amount in words", (Consumer<ObjectNode>) f -> f.put("kind", "payment.received").put("amount", "六百万").remove("attributes"),
                "amount"},
            {"an amount to a tenth of a fen", (Consumer<ObjectNode>) f -> f.put("kind", "payment.received").put("amount", "1.005")
                .remove("attributes"), "amount"},
            {"a number attribute of 1e99999999", (Consumer<ObjectNode>) f -> ((ObjectNode) f.get("attributes")).put("participants",
                new java.math.BigDecimal("1E+99999999")), "attributes.participants"},
            {"a number attribute in words", (Consumer<ObjectNode>) f -> ((ObjectNode) f.get("attributes")).put("participants", "十二"),
                "attributes.participants"},
            {"SQL as the id", (Consumer<ObjectNode>) f -> f.put("id", "x'; DROP TABLE fact; --"), "id"},
            {"a path as the id", (Consumer<ObjectNode>) f -> f.put("id", "../../etc/passwd"), "id"},
            {"a script as the kind", (Consumer<ObjectNode>) f -> f.put("kind", "<script>alert(1)</script>"), "kind"},
            {"a domain that is a path", (Consumer<ObjectNode>) f -> f.put("domain", "../general-terms"), "domain"},
            {"a status the kind has not", (Consumer<ObjectNode>) f -> f.put("status", "x' OR '1'='1"), "status"},
            {"NUL in a text", (Consumer<ObjectNode>) f -> ((ObjectNode) f.get("attributes")).put("scenario", "断网\u0000演练"),
                "attributes.scenario"},
            {"a terminal escape in a text", (Consumer<ObjectNode>) f -> ((ObjectNode) f.get("attributes")).put("scenario", "\u001b[31m红"),
                "attributes.scenario"},
            {"a bidi override in a text", (Consumer<ObjectNode>) f -> ((ObjectNode) f.get("attributes")).put("scenario", "演练\u202Etxt.exe"),
                "attributes.scenario"},
            {"a text of 2001 characters", (Consumer<ObjectNode>) f -> ((ObjectNode) f.get("attributes")).put("scenario", "长".repeat(2001)),
                "attributes.scenario"},
            {"the id of the fact before with other content", (Consumer<ObjectNode>) f -> f.put("id", "bi-ok").put("date", "2022-05-11"),
                "id"},
        };
        for (Object[] t : table) {
            ObjectNode bad = validFact("bi-bad");
            @SuppressWarnings("unchecked")
            Consumer<ObjectNode> change = (Consumer<ObjectNode>) t[1];
            change.accept(bad);
            out.add(new FactCase((String) t[0], bad, (String) t[2]));
        }
        return out;
    }

    /**
     * Sends every case, checks each answer, the store and health after it, and reports every case
     * that failed at once, so one run shows every gap.
     */
    private static void run(List<Case> cases) throws Exception {
        String before = quickState();
        String findingsBefore = findingsDigest();
        List<String> failures = new ArrayList<>();
        int failed = 0;
        for (Case c : cases) {
            int reported = failures.size();
            Reply r = send(c.method(), c.path(), c.user(), c.type(), c.body(), c.isChunked());
            String why = verdict(c, r);
            if (why != null) {
                failures.add(c.name() + ": " + why);
            }
            String after = quickState();
            if (!after.equals(before)) {
                failures.add(c.name() + ": the store changed\n  before " + before + "\n  after  " + after);
                before = after;
            }
            JsonNode health = Http.health();
            if (!"UP".equals(health.path("status").asText())) {
                failures.add(c.name() + ": health is not UP afterwards: " + cut(health.toString()));
            }
            failed += failures.size() > reported ? 1 : 0;
        }
        if (!findingsDigest().equals(findingsBefore)) {
            failures.add("the recorded findings changed");
        }
        assertTrue(failed + " of " + cases.size() + " cases failed:\n" + String.join("\n", failures), failures.isEmpty());
    }

    /** Why the answer is wrong, or null. */
    private static String verdict(Case c, Reply r) {
        if (c.status() == ANY_4XX ? r.status() < 400 || r.status() > 499 : r.status() != c.status()) {
            return "expected " + (c.status() == ANY_4XX ? "a 4xx" : c.status()) + ", got " + r.status() + " " + cut(r.body());
        }
        if (c.status() == ANY_4XX) {
            return null;
        }
        JsonNode body;
        try {
            body = JSON.readTree(r.body());
        } catch (IOException e) {
            return "not JSON: " + cut(r.body());
        }
        boolean dryRun = r.status() == 200;
        if (!dryRun) {
            if (body.path("status").asInt() != r.status()) {
                return "not the API's error shape: " + cut(r.body());
            }
            if (!chineseFirst(body.path("message").asText())) {
                return "the message does not start in Chinese: " + body.path("message").asText();
            }
            if (body.path("messageEn").asText().isBlank()) {
                return "no English message: " + cut(r.body());
            }
        } else if (!body.path("dryRun").asBoolean() || body.path("invalid").asInt() < 1) {
            return "a dry run that found nothing wrong: " + cut(r.body());
        }
        if (c.field() == null && c.row() == null) {
            return null;
        }
        for (JsonNode p : body.path("problems")) {
            String field = p.path("field").asText();
            int row = dryRun ? p.path("row").asInt() : p.path("index").asInt();
            String reason = dryRun ? p.path("message").asText() : p.path("reason").asText();
            if ((c.field() == null || c.field().equals(field)) && (c.row() == null || c.row() == row) && hasChinese(reason)) {
                return null;
            }
        }
        return "no problem with field " + c.field() + (c.row() == null ? "" : " at " + c.row()) + " and a Chinese reason: "
                + cut(body.path("problems").toString());
    }

    private static boolean chineseFirst(String message) {
        for (int i = 0; i < message.length(); i++) {
            char ch = message.charAt(i);
            if (Character.isLetter(ch)) {
                return Character.UnicodeScript.of(ch) == Character.UnicodeScript.HAN;
            }
        }
        return false;
    }

    private static boolean hasChinese(String text) {
        return text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    private static String cut(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }

    // ------------------------------------------------------------------ the store, seen through the API

    /** What a refused request must not change: facts, audit entries, waivers, contracts, domain bundles, the deploy folder. */
    private static String quickState() throws IOException {
        JsonNode waivers = json(send("GET", CONTRACT + "/waivers", "admin", null, null, false), 200).path("waivers");
        List<String> w = new ArrayList<>();
        waivers.forEach(x -> w.add(x.path("id").asText() + ":" + x.path("activeToday").asText() + ":" + x.path("withdrawnAt").asText()));
        List<String> contracts = new ArrayList<>();
        json(send("GET", "/contracts", "admin", null, null, false), 200)
                .forEach(x -> contracts.add(x.path("id").asText() + "@" + x.path("version").asText()));
        List<String> bundles = new ArrayList<>();
        Http.health().path("domains").forEach(d -> bundles.add(d.path("symbolicName").asText() + "@" + d.path("version").asText()
                + ":" + d.path("state").asText()));
        TreeSet<String> deploy = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("karaf.base"), "deploy"))) {
            files.forEach(p -> deploy.add(p.getFileName().toString()));
        }
        return "facts=" + factTotal() + " audit=" + auditTotal() + " waivers=" + w + " contracts=" + contracts + " bundles="
                + bundles.size() + new TreeSet<>(bundles).hashCode() + " deploy=" + deploy;
    }

    private static String findingsDigest() throws IOException {
        TreeSet<String> keys = new TreeSet<>();
        json(send("GET", CONTRACT + "/findings?limit=5000", "evaluator", null, null, false), 200).path("findings")
                .forEach(f -> keys.add(f.path("key").asText() + ":" + f.path("status").asText()));
        return keys.size() + "/" + keys.hashCode();
    }

    private static long factTotal() throws IOException {
        return json(send("GET", CONTRACT + "/facts?limit=1", "evaluator", null, null, false), 200).path("total").asLong();
    }

    private static long auditTotal() throws IOException {
        return json(send("GET", CONTRACT + "/audit-events?limit=1", "admin", null, null, false), 200).path("count").asLong();
    }

    /** The shipped domains active and findings current, so nothing changes the store but the requests of the test. */
    private static void ready() {
        Await.domains(Await.SHIPPED_DOMAINS, CONTRACT);
    }

    private static void healthy(String when) {
        assertEquals(when, "UP", Http.health().path("status").asText());
    }

    private static String openFindingKey() throws IOException {
        JsonNode open = json(send("GET", CONTRACT + "/findings?status=OPEN&limit=1", "evaluator", null, null, false), 200);
        assertTrue(open.toString(), open.path("count").asInt() > 0);
        return open.path("findings").get(0).path("key").asText();
    }

    private static JsonNode find(JsonNode items, String id) {
        for (JsonNode n : items) {
            if (id.equals(n.path("id").asText())) {
                return n;
            }
        }
        throw new AssertionError(id + " not found in " + cut(items.toString()));
    }

    // ------------------------------------------------------------------ bodies

    private static ObjectNode validFact(String id) {
        ObjectNode f = JSON.createObjectNode().put("id", id).put("kind", "drill.performed").put("date", "2022-05-10");
        f.putObject("attributes").put("scenario", "断网演练");
        return f;
    }

    private static ObjectNode auditEntry(String id) {
        return JSON.createObjectNode().put("id", id).put("at", "2022-03-01T09:00:00").put("user", "zhang")
                .put("address", "10.12.3.4").put("action", "login").put("system", "社保业务系统");
    }

    /** The demo contract's definition under another id (a new contract if it were accepted). */
    private static ObjectNode definition(String id) throws IOException {
        ObjectNode d = (ObjectNode) json(send("GET", CONTRACT, "admin", null, null, false), 200).path("definition").deepCopy();
        return d.put("id", id);
    }

    private static byte[] batch(ObjectNode... items) throws IOException {
        ArrayNode a = JSON.createArrayNode();
        for (ObjectNode i : items) {
            a.add(i);
        }
        return bytes(a);
    }

    private static byte[] bytes(JsonNode node) throws IOException {
        return JSON.writeValueAsBytes(node);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The same JSON document, padded with spaces after its first byte to exactly {@code size} bytes: still valid. */
    private static byte[] padJson(byte[] json, int size) {
        byte[] out = new byte[size];
        java.util.Arrays.fill(out, (byte) ' ');
        out[0] = json[0];
        System.arraycopy(json, 1, out, size - (json.length - 1), json.length - 1);
        return out;
    }

    /** The first field of the first object written twice: {@code {"id":"a","id":"a",...}}. */
    private static byte[] duplicateFirstField(String json) throws IOException {
        JsonNode root = JSON.readTree(json);
        JsonNode first = root.isArray() ? root.get(0) : root;
        String name = first.fieldNames().next();
        String pair = JSON.writeValueAsString(name) + ":" + JSON.writeValueAsString(first.get(name)) + ",";
        int brace = json.indexOf('{');
        return utf8(json.substring(0, brace + 1) + pair + json.substring(brace + 1));
    }

    private static byte[] withByteInFirstString(byte[] json, byte b) {
        return withBytesInFirstString(json, new byte[] {b});
    }

    /** The bytes inserted right after the first string value's opening quote. */
    private static byte[] withBytesInFirstString(byte[] json, byte[] bytes) {
        String s = new String(json, StandardCharsets.UTF_8);
        int colon = s.indexOf("\":\"");
        int at = new String(s.substring(0, colon + 3)).getBytes(StandardCharsets.UTF_8).length;
        byte[] out = new byte[json.length + bytes.length];
        System.arraycopy(json, 0, out, 0, at);
        System.arraycopy(bytes, 0, out, at, bytes.length);
        System.arraycopy(json, at, out, at + bytes.length, json.length - at);
        return out;
    }

    // ------------------------------------------------------------------ HTTP

    private record Reply(int status, String body) {
    }

    private static JsonNode json(Reply r, int status) throws IOException {
        assertEquals(r.body(), status, r.status());
        return JSON.readTree(r.body());
    }

    /**
     * A request with any method, type and body; a chunked one has no length (the server learns the size
     * only while it reads). No {@code Expect: 100-continue}: the JDK 17 client waits forever when a
     * server answers it with a final status such as 413.
     */
    private static Reply send(String method, String path, String user, String type, byte[] body, boolean chunked) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(Http.BASE + path)).timeout(Duration.ofSeconds(60));
        if (user != null) {
            b.header("Authorization", Http.authorization(path, user));
        }
        if (type != null) {
            b.header("Content-Type", type);
        }
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        try {
            HttpResponse<String> resp = CLIENT.send(b.method(method, publisher).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(resp.statusCode(), resp.body());
        } catch (IOException e) {
            return new Reply(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
