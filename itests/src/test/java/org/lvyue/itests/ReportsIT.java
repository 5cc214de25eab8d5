package org.lvyue.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The evaluator's formal reports on the real distribution, over HTTP: the quarterly assessment and
 * the monthly domain reports as PDFs in Chinese with the font embedded, reproducible byte for byte,
 * signed with the demo key generated at first start and checked by {@code POST /signatures/verify};
 * the ledger statement and, once a termination took effect, the settlement with the pro-rata
 * refund; bad requests refused with the reason. The PDFs are read back with PDFBox.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ReportsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTRACT = "/contracts/bj-hrss-2022";
    private static final String REPORTS = CONTRACT + "/reports";

    @Configuration
    public Option[] config() {
        return OptionUtils.combine(Distribution.on(8185),
                mavenBundle("commons-logging", "commons-logging", System.getProperty("commons-logging.version")),
                mavenBundle("org.apache.pdfbox", "pdfbox-io", System.getProperty("pdfbox.version")),
                mavenBundle("org.apache.pdfbox", "fontbox", System.getProperty("pdfbox.version")),
                mavenBundle("org.apache.pdfbox", "pdfbox", System.getProperty("pdfbox.version")));
    }

    @Test
    public void the_evaluator_downloads_the_quarterly_and_monthly_reports_signed_and_reproducible() throws Exception {
        Await.domains(Await.SHIPPED_DOMAINS, CONTRACT);
        assertEquals(200, Http.post(CONTRACT + "/facts", "collector", "["
                + "{\"id\":\"rep-fail\",\"kind\":\"service.failure\",\"date\":\"2022-08-10\",\"status\":\"confirmed\","
                + "\"attributes\":{\"description\":\"巡检记录缺失\"}},"
                + "{\"id\":\"rep-req\",\"kind\":\"support.request\",\"subject\":\"T-0701\",\"date\":\"2022-07-05\","
                + "\"time\":\"2022-07-05T09:00:00\",\"attributes\":{\"site\":\"通州\",\"description\":\"证书无法登录\"}},"
                + "{\"id\":\"rep-call\",\"kind\":\"support.contact\",\"subject\":\"T-0701\",\"date\":\"2022-07-05\","
                + "\"time\":\"2022-07-05T11:30:00\",\"status\":\"resolved\",\"attributes\":{\"engineer\":\"王工\"}},"
                + "{\"id\":\"rep-key\",\"kind\":\"key.record\",\"subject\":\"K-SSO-1\",\"date\":\"2022-03-01\","
                + "\"attributes\":{\"system\":\"统一认证\",\"purpose\":\"签名\",\"fingerprint\":\"ab12\",\"algorithm\":\"SM2\"}}"
                + "]").status());
        Await.until("findings current", () -> Http.get(REPORTS + "/quarterly/2022-Q3.pdf", "evaluator").status(), s -> s == 200, 60_000);

        // the quarterly assessment: Chinese text, the embedded font, the facts digest, the bundles
        Http.Download q3 = pdf(REPORTS + "/quarterly/2022-Q3.pdf");
        String text = text(q3.body());
        for (String expected : List.of("季度运维服务质量考核报告", "安全应用维护服务", "北京市人力资源和社会保障局", "考核结论",
                "各服务领域履约情况", "技术支持服务响应", "违约事项", "附件三", "本季度款项", "一般条款 七.1", "采用的合同解释",
                "规则包与版本", "org.lvyue.domain-support", "出具与签章", q3.header("X-Facts-Digest"))) {
            assertTrue("quarterly report lacks " + expected + ":\n" + text, text.contains(expected));
        }
        assertFontsEmbeddedSubsets(q3.body());
        assertEquals(sha256(q3.body()), q3.header("X-Report-Pdf-Sha256"));
        assertTrue(q3.header("Content-Disposition"), q3.header("Content-Disposition").contains("filename*=UTF-8''"));

        // reproducible: the same data gives the same bytes; the signature fetched later verifies the earlier PDF
        assertArrayEquals(q3.body(), pdf(REPORTS + "/quarterly/2022-Q3.pdf").body());
        Http.Download p7s = Http.download(REPORTS + "/quarterly/2022-Q3.pdf.p7s", "evaluator");
        assertEquals(200, p7s.status());
        assertEquals("application/pkcs7-signature", p7s.header("Content-Type"));
        JsonNode valid = verify(q3.body(), p7s.body());
        assertTrue(valid.toString(), valid.path("valid").asBoolean());
        assertTrue(valid.toString(), valid.path("productKey").asBoolean());
        assertEquals("SM3withSM2", valid.path("algorithm").asText());
        JsonNode signer = JSON.readTree(Http.get("/signatures/signer", "evaluator").body());
        assertTrue(signer.toString(), signer.path("demo").asBoolean());
        assertTrue("the report names its signing key", text.contains(signer.path("certificateSha256").asText()));

        byte[] altered = q3.body().clone();
        altered[altered.length / 2] ^= 0x01;
        JsonNode invalid = verify(altered, p7s.body());
        assertFalse(invalid.toString(), invalid.path("valid").asBoolean());
        assertNotNull(invalid.path("reason").asText(null));

        // monthly reports of 附件二: support SLA with the ticket, key usage with the key
        String support = text(pdf(REPORTS + "/monthly/support/2022-07.pdf").body());
        for (String expected : List.of("月度服务报告", "2022 年 7 月", "技术支持服务响应", "技术支持工单明细", "T-0701", "通州",
                "2 小时 30 分", "电话解决")) {
            assertTrue("support monthly lacks " + expected + ":\n" + support, support.contains(expected));
        }
        String keys = text(pdf(REPORTS + "/monthly/key-management/2022-07.pdf").body());
        assertTrue(keys, keys.contains("密钥使用情况") && keys.contains("K-SSO-1") && keys.contains("统一认证"));
        String certificates = text(pdf(REPORTS + "/monthly/pki/2022-07.pdf").body());
        assertTrue(certificates, certificates.contains("用户证书使用情况"));
        String inspection = text(pdf(REPORTS + "/monthly/identity-auth/2022-07.pdf").body());
        assertTrue(inspection, inspection.contains("巡检与维护履行情况") && inspection.contains("ia.d05"));

        // the ledger statement
        String ledger = text(pdf(REPORTS + "/ledger.pdf?asOf=2023-01-10").body());
        assertTrue(ledger, ledger.contains("违约金、利息与退款明细表") && ledger.contains("¥182,571.00") && ledger.contains("HALF_UP"));
        assertEquals(404, Http.get(REPORTS + "/settlement.pdf", "evaluator").status());

        // bad requests: the reason, no PDF
        assertProblem(Http.get(REPORTS + "/quarterly/2030-Q1.pdf", "evaluator"), 400, "quarter");
        assertProblem(Http.get(REPORTS + "/quarterly/2022-Q5.pdf", "evaluator"), 400, "quarter");
        assertProblem(Http.get(REPORTS + "/monthly/support/2022-13.pdf", "evaluator"), 400, "month");
        assertProblem(Http.get(REPORTS + "/monthly/support/2021-12.pdf", "evaluator"), 400, "month");
        assertProblem(Http.get(REPORTS + "/ledger.pdf?asOf=2023-02-30", "evaluator"), 400, "asOf");
        Http.Reply unknown = Http.get(REPORTS + "/monthly/no-such-domain/2022-07.pdf", "evaluator");
        assertEquals(404, unknown.status());
        assertTrue(unknown.body(), unknown.body().contains("no-such-domain") && unknown.body().contains("support"));
        assertEquals(404, Http.get("/contracts/no-such/reports/quarterly/2022-Q3.pdf", "evaluator").status());
        assertEquals(403, Http.get(REPORTS + "/quarterly/2022-Q3.pdf", "collector").status());
        assertEquals(403, Http.get(REPORTS + "/quarterly/2022-Q3.pdf", "engineer").status());
        assertEquals(401, Http.get(REPORTS + "/quarterly/2022-Q3.pdf", null).status());
        assertEquals(200, Http.get(REPORTS + "/quarterly/2022-Q3.pdf", "admin").status());
        assertProblem(Http.post("/signatures/verify", "evaluator", "{\"document\":\"JVBERg==\",\"signature\":\"not base64!\"}"),
                400, "signature");
    }

    @Test
    public void a_terminated_contract_gets_a_settlement_with_the_pro_rata_refund() throws Exception {
        Await.domains(Await.SHIPPED_DOMAINS, CONTRACT);
        ObjectNode def = (ObjectNode) JSON.readTree(JSON.readTree(Http.get(CONTRACT, "admin").body()).path("definition").toString());
        def.put("id", "bj-hrss-2022-t").put("version", 1);
        assertEquals(201, Http.post("/contracts", "admin", def.toString()).status());
        String c = "/contracts/bj-hrss-2022-t";
        assertEquals(404, Http.get(c + "/reports/settlement.pdf", "evaluator").status());
        assertEquals(200, Http.post(c + "/facts", "collector", "["
                + "{\"id\":\"t-pay\",\"kind\":\"payment.received\",\"date\":\"2022-03-01\",\"amount\":\"6085700.00\"},"
                + "{\"id\":\"t-end\",\"kind\":\"termination.effective\",\"subject\":\"client\",\"date\":\"2022-10-01\","
                + "\"attributes\":{\"noticeDate\":\"2022-09-15\"}}]").status());
        Await.until("settlement", () -> Http.get(c + "/reports/settlement.pdf", "evaluator").status(), s -> s == 200, 60_000);
        String settlement = text(pdf(c + "/reports/settlement.pdf").body());
        // 91 days (2022-10-02..12-31) × 6,085,700 ÷ 365, rounded once: ¥1,517,256.71
        for (String expected : List.of("合同解除结算单", "甲方解除", "2022-10-01", "2022-09-15", "按日返还的合同款", "¥1,517,256.71",
                "一般条款 十四.2", "¥6,085,700.00")) {
            assertTrue("settlement lacks " + expected + ":\n" + settlement, settlement.contains(expected));
        }
        Http.Download p7s = Http.download(c + "/reports/settlement.pdf.p7s", "admin");
        assertTrue(verify(pdf(c + "/reports/settlement.pdf").body(), p7s.body()).path("valid").asBoolean());
    }

    /**
     * The supplier's paper (issue #24) on a contract of its own (the demo's definition, no records): the 运维单 of a day
     * shows the engineer's results and the fault of the abnormal one, signed; bad requests name their field; and the
     * monthly 巡检报告 submitted by the supplier's engineer records the report its obligation asks for, so the finding
     * that it is missing resolves (a late one takes its place: the product stands on 2023-03-01).
     */
    @Test
    public void the_supplier_prints_its_daily_sheet_and_submitting_the_monthly_inspection_report_closes_its_obligation()
            throws Exception {
        Await.domains(Await.SHIPPED_DOMAINS, CONTRACT);
        ObjectNode def = (ObjectNode) JSON.readTree(JSON.readTree(Http.get(CONTRACT, "admin").body()).path("definition").toString());
        def.put("id", "bj-hrss-2022-paper").put("version", 1);
        assertEquals(201, Http.post("/contracts", "admin", def.toString()).status());
        String c = "/contracts/bj-hrss-2022-paper";
        Http.Reply posted = Http.post(c + "/facts", "collector", "["
                + "{\"id\":\"p-1\",\"kind\":\"identity-auth.inspection\",\"subject\":\"ia.d05\",\"date\":\"2022-07-05\","
                + "\"status\":\"normal\",\"attributes\":{\"inspector\":\"赵工\",\"system\":\"主\"}},"
                + "{\"id\":\"p-2\",\"kind\":\"identity-auth.inspection\",\"subject\":\"ia.d05\",\"date\":\"2022-07-05\","
                + "\"status\":\"abnormal\",\"attributes\":{\"inspector\":\"赵工\",\"system\":\"备\",\"note\":\"黑名单更新失败\"}},"
                + "{\"id\":\"p-3\",\"kind\":\"identity-auth.fault\",\"subject\":\"ia.d05\",\"date\":\"2022-07-05\","
                + "\"time\":\"2022-07-05T09:30:00\",\"status\":\"reported\",\"attributes\":{\"description\":\"CRL 下载超时\","
                + "\"inspection\":\"p-2\",\"system\":\"备\",\"reportedTo\":\"甲方信息处 王科长\"}}]");
        assertEquals(posted.body(), 200, posted.status());
        String daily = c + "/reports/daily/identity-auth/2022-07-05.pdf";
        Await.until("the 运维单", () -> Http.get(daily, "evaluator").status(), s -> s == 200, 60_000);
        Http.Download sheet = pdf(daily);
        String text = text(sheet.body()).replaceAll("\\s+", "");
        for (String expected : List.of("身份认证检查运维单", "2022年7月5日", "ia.d05", "检查证书黑名单列表每日晚上更新是否成功", "主", "备",
                "赵*", "正常", "异常", "黑名单更新失败", "CRL下载超时", "甲方信息处王**", "2022-07-0509:30", "未检", "巡检工程师（签字）", "甲方复核人（签字）")) {
            assertTrue("the 运维单 lacks " + expected + ":\n" + text, text.contains(expected));
        }
        // the inspector and the fault's recipient are personal (the catalogue marks them): a PDF shows them masked
        assertFalse("the 运维单 names the inspector whole:\n" + text, text.contains("赵工"));
        assertFalse("the 运维单 names the recipient whole:\n" + text, text.contains("王科长"));
        assertFontsEmbeddedSubsets(sheet.body());
        assertArrayEquals(sheet.body(), pdf(daily).body());
        assertTrue(verify(sheet.body(), Http.download(daily + ".p7s", "evaluator").body()).path("valid").asBoolean());
        assertTrue(text(pdf(c + "/reports/weekly/identity-auth/2022-W27.pdf").body()).contains("周检查记录单"));
        assertTrue(text(pdf(c + "/reports/records/identity-auth/2022-07.pdf").body()).contains("月度检查记录单"));
        assertEquals(403, Http.get(daily, "engineer").status());
        assertEquals(404, Http.get(daily.replace("paper", "no-such"), "evaluator").status());
        assertProblem(Http.get(c + "/reports/daily/identity-auth/2022-7-5.pdf", "evaluator"), 400, "day");
        assertProblem(Http.get(c + "/reports/daily/identity-auth/2021-12-31.pdf", "evaluator"), 400, "day");
        assertProblem(Http.get(c + "/reports/weekly/identity-auth/2022-W60.pdf", "evaluator"), 400, "week");
        assertProblem(Http.get(c + "/reports/inspection/2022-13.pdf", "evaluator"), 400, "month");
        Http.Reply notBought = Http.get(c + "/reports/daily/no-such-service/2022-07-05.pdf", "evaluator");
        assertEquals(notBought.body(), 404, notBought.status());
        assertTrue(notBought.body(), notBought.body().contains("domain") && notBought.body().contains("identity-auth"));

        // the monthly 巡检报告: missing until the supplier's engineer submits it
        String inspection = text(pdf(c + "/reports/inspection/2022-07.pdf").body()).replaceAll("\\s+", "");
        for (String expected : List.of("应用系统巡检报告", "各服务巡检情况", "异常检查结果及处理", "黑名单更新失败", "CRL下载超时")) {
            assertTrue("the 巡检报告 lacks " + expected + ":\n" + inspection, inspection.contains(expected));
        }
        List<JsonNode> before = inspectionReportFindings(c, "OPEN");
        assertEquals(before.toString(), 1, before.size());
        assertTrue(before.toString(), before.get(0).path("title").asText().contains("成果未提交"));
        assertEquals(403, Http.post(c + "/reports/inspection/2022-07/submit", "evaluator", "").status());
        assertEquals(403, Http.post(c + "/reports/inspection/2022-07/submit", "admin", "").status());
        Http.Reply submitted = Http.post(c + "/reports/inspection/2022-07/submit", "engineer", "");
        assertEquals(submitted.body(), 201, submitted.status());
        JsonNode s = JSON.readTree(submitted.body());
        assertEquals("terms.monthly-inspection-report", s.path("obligationId").asText());
        assertTrue(s.toString(), s.path("stored").asBoolean());
        // submitted on 2023-03-01, long after 2022-08-05: no longer missing, found late instead
        List<JsonNode> after = Await.until("the missing report's finding resolved", () -> inspectionReportFindings(c, "OPEN"),
                open -> open.stream().noneMatch(f -> f.path("title").asText().contains("成果未提交")), 60_000);
        assertEquals(after.toString(), 1, after.size());
        assertTrue(after.toString(), after.get(0).path("title").asText().contains("成果逾期"));
        assertTrue(after.toString(), after.get(0).path("factIds").toString().contains(s.path("factId").asText()));
        JsonNode fact = JSON.readTree(Http.get(c + "/facts?kind=terms.report&limit=5", "engineer").body());
        assertTrue(fact.toString(), fact.toString().contains(s.path("factId").asText()) && fact.toString().contains("2022-07"));
        Http.Reply again = Http.post(c + "/reports/inspection/2022-07/submit", "engineer", "");
        assertEquals(again.body(), 200, again.status());
        assertFalse(again.body(), JSON.readTree(again.body()).path("stored").asBoolean());
        assertProblem(Http.post(c + "/reports/inspection/2022-13/submit", "engineer", ""), 400, "month");
    }

    /** The findings of the monthly inspection report's obligation for 2022-07 in a status. */
    private static List<JsonNode> inspectionReportFindings(String contract, String status) {
        JsonNode all;
        try {
            all = JSON.readTree(Http.get(contract + "/findings?domain=general-terms&status=" + status + "&limit=500",
                    "evaluator").body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<JsonNode> out = new ArrayList<>();
        all.path("findings").forEach(f -> {
            if (f.path("obligationId").asText().equals("terms.monthly-inspection-report") && f.path("period").asText().equals("2022-07")) {
                out.add(f);
            }
        });
        return out;
    }

    private static Http.Download pdf(String path) {
        Http.Download d = Http.download(path, "evaluator");
        assertEquals(path + ": " + (d.status() == 200 ? "" : d.text()), 200, d.status());
        assertEquals("application/pdf", d.header("Content-Type"));
        assertTrue(path, new String(d.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("%PDF-"));
        return d;
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    /** Every font is embedded as a subset ({@code ABCDEF+NotoSansSC-Regular}): the PDF reads the same anywhere. */
    private static void assertFontsEmbeddedSubsets(byte[] pdf) throws IOException {
        List<String> fonts = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            for (PDPage page : doc.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertTrue(font.getName() + " is not embedded", font.isEmbedded());
                    fonts.add(font.getName());
                }
            }
        }
        assertFalse(fonts.isEmpty());
        for (String f : fonts) {
            assertTrue(f, f.matches("[A-Z]{6}\\+NotoSansSC-(Regular|Bold)"));
        }
    }

    private static JsonNode verify(byte[] document, byte[] signature) throws IOException {
        Http.Reply r = Http.post("/signatures/verify", "evaluator", JSON.createObjectNode()
                .put("document", Base64.getEncoder().encodeToString(document))
                .put("signature", Base64.getEncoder().encodeToString(signature)).toString());
        assertEquals(r.body(), 200, r.status());
        return JSON.readTree(r.body());
    }

    private static void assertProblem(Http.Reply r, int status, String field) throws IOException {
        assertEquals(r.body(), status, r.status());
        JsonNode body = JSON.readTree(r.body());
        assertEquals(r.body(), field, body.path("problems").get(0).path("field").asText());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
