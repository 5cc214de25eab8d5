package org.lvyue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.spi.Frequency;
import org.lvyue.api.spi.Obligation;
import org.lvyue.api.spi.Obligation.Category;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CsvFactsTest {
    private static final Obligation D05 = new Obligation("ia.d05", "identity-auth", "检查证书黑名单列表每日晚上更新是否成功",
            "附件三", Frequency.DAILY, 1, "identity-auth.inspection", "ia.d05", Severity.HIGH, null, Category.CHECK,
            "identity-auth.fault", null, Map.of());

    private static CsvFacts.Sheet read(CsvFacts.Format format, String csv) {
        return CsvFacts.read(format, new StringReader(csv), id -> id.equals("ia.d05") ? Optional.of(D05) : Optional.empty());
    }

    @Test
    void an_inspection_sheet_with_chinese_headers_becomes_inspection_facts_with_stable_ids() {
        CsvFacts.Sheet sheet = read(CsvFacts.Format.INSPECTION, """
                \uFEFF日期,检查项,结果,巡检人,系统,备注
                2022-03-01,ia.d05,正常,张工,主,
                2022-03-02,ia.d05,异常,张工,主,"黑名单下载超时, 已重试"
                """);
        assertEquals(2, sheet.facts().size());
        Map<String, Object> abnormal = sheet.facts().get(1);
        assertEquals("insp-2022-03-02-ia.d05-" + CsvFacts.idPart("主"), abnormal.get("id"));
        assertEquals(8, CsvFacts.idPart("主").length(), "a Chinese system name becomes 8 hex digits of its SHA-1");
        assertEquals("identity-auth.inspection", abnormal.get("kind"));
        assertEquals("abnormal", abnormal.get("status"));
        assertEquals(Map.of("inspector", "张工", "system", "主", "note", "黑名单下载超时, 已重试"), abnormal.get("attributes"));
        assertEquals(List.of(2L, 3L), sheet.lines());
    }

    @Test
    void every_bad_row_is_reported_with_its_line_and_column_and_nothing_is_kept() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(CsvFacts.Format.INSPECTION, """
                日期,检查项,结果,巡检人
                2022-03-01,ia.d05,正常,张工
                2022-03-02,ia.d99,正常,张工
                2022-03-03,ia.d05,良好,
                """));
        assertEquals(List.of("3:检查项", "4:巡检人", "4:结果"),
                e.problems().stream().map(p -> p.index() + ":" + p.field()).sorted().toList());
    }

    @Test
    void a_row_naming_a_duty_whose_record_is_no_inspection_is_refused_naming_the_kind_to_send_instead() {
        // 附件三 1.4.1.1 特殊时期 1) 安全增加……人员 (ce.s01) is proved by the people added, 1.4.1.2 需求分析 (ce.e01) by a
        // signed report naming its requirement: a sheet row has neither, so it must not become a half-filled fact
        Obligation surge = new Obligation("ce.s01", "certificates", "安全增加数字证书制作人员、证书技术支持人员", "附件三 1.4.1.1",
                Frequency.PER_EVENT, 1, "certificates.surge", "ce.s01", Severity.MEDIUM, null, Category.ROLE, null, "special-period",
                Map.of("roles", "数字证书制作人员、证书技术支持人员"));
        Obligation report = new Obligation("ce.e01", "certificates", "系统需求可行性分析报告", "附件三 1.4.1.2", Frequency.PER_EVENT, 1,
                "certificates.signed", "ce.e01", Severity.MEDIUM, new Obligation.DueRule("certificates.event", 10, true, "requirement", false),
                Category.DELIVERABLE, null, null, Map.of());
        Obligation holiday = new Obligation("ce.s02", "certificates", "重大节假日前后，对系统的运行环境进行巡检", "附件三 1.4.1.1",
                Frequency.PER_EVENT, 1, "certificates.inspection", "ce.s02", Severity.MEDIUM, null, Category.CHECK, "certificates.fault",
                "holiday", Map.of());
        Map<String, Obligation> known = Map.of("ce.s01", surge, "ce.e01", report, "ce.s02", holiday);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CsvFacts.read(CsvFacts.Format.INSPECTION,
                new StringReader("""
                        日期,检查项,结果,巡检人
                        2022-03-04,ce.s02,正常,张工
                        2022-03-04,ce.s01,完成,张工
                        2022-03-05,ce.e01,完成,张工
                        """), id -> Optional.ofNullable(known.get(id))));
        assertEquals(List.of("3:检查项", "4:检查项"), e.problems().stream().map(p -> p.index() + ":" + p.field()).toList());
        assertTrue(e.problems().get(0).reason().contains("certificates.surge"), e.problems().get(0).reason());
        assertTrue(e.problems().get(1).reason().contains("certificates.signed"), e.problems().get(1).reason());
    }

    @Test
    void an_unknown_column_is_refused_naming_the_columns_the_sheet_accepts() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(CsvFacts.Format.ATTENDANCE, """
                人员编号,日期,出勤,地点,体温
                P1,2022-03-01,出勤,通州城市副中心办公区,36.5
                """));
        assertEquals("体温", e.problems().get(0).field());
    }

    @Test
    void support_tickets_map_each_event_to_its_kind_with_time() {
        CsvFacts.Sheet sheet = read(CsvFacts.Format.SUPPORT, """
                工单号,类型,时间,地点,描述,工程师,结果
                T1,报修,2022-05-10 09:00,朝阳区,证书登录失败,,
                T1,电话联系,2022-05-10 09:40,,,王工,需上门
                T1,到场,2022-05-10 10:50,,,王工,
                """);
        assertEquals(List.of("support.request", "support.contact", "support.onsite"),
                sheet.facts().stream().map(f -> f.get("kind")).toList());
        assertEquals("2022-05-10T09:40", sheet.facts().get(1).get("time"));
        assertEquals("onsite-needed", sheet.facts().get(1).get("status"));
        assertEquals("support.request-T1", sheet.facts().get(0).get("id"));
    }

    @Test
    void a_cell_a_spreadsheet_would_run_as_a_formula_is_refused_with_its_line_and_column() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(CsvFacts.Format.INSPECTION, """
                日期,检查项,结果,巡检人,系统,备注
                2022-03-01,ia.d05,正常,=cmd|' /C calc'!A0,主,
                2022-03-02,ia.d05,正常,张工,@SUM(A1),
                2022-03-03,ia.d05,正常,张工,主,"	+HYPERLINK(""http://x"")"
                2022-03-04,ia.d05,正常,张工,主,-2+3
                """));
        assertEquals(List.of("2:巡检人", "3:系统", "4:备注", "5:备注"),
                e.problems().stream().map(p -> p.index() + ":" + p.field()).sorted().toList());
        assertTrue(e.problems().get(0).reason().contains("公式"), e.problems().get(0).reason());
    }

    @Test
    void plain_signed_numbers_and_a_lone_dash_are_not_formulas() {
        CsvFacts.Sheet sheet = read(CsvFacts.Format.INSPECTION, """
                日期,检查项,结果,巡检人,系统,备注
                2022-03-01,ia.d05,正常,张工,主,-5
                2022-03-02,ia.d05,正常,张工,主,+3.5
                2022-03-03,ia.d05,正常,张工,主,-
                """);
        assertEquals(3, sheet.facts().size());
        assertEquals(null, CsvFacts.formula("-12.50"));
        assertEquals(null, CsvFacts.formula("2022-03-01"));
    }

    @Test
    void a_sheet_that_is_not_utf8_is_refused_naming_each_cell_and_never_kept_garbled() {
        java.nio.charset.Charset gbk = java.nio.charset.Charset.forName("GBK");
        // an Excel "CSV" in GBK: the header's Chinese already fails
        InvalidInputException header = assertThrows(InvalidInputException.class, () -> CsvFacts.read(CsvFacts.Format.INSPECTION,
                reader("日期,检查项,结果,巡检人\n2022-03-01,ia.d05,正常,张工\n".getBytes(gbk)), id -> Optional.of(D05)));
        assertEquals(1, header.problems().get(0).index());
        assertTrue(header.getMessage().startsWith("巡检记录单不是 UTF-8 编码"), header.getMessage());

        byte[] mixed = concat("日期,检查项,结果,巡检人\n2022-03-01,ia.d05,正常,张工\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "2022-03-02,ia.d05,normal,李工\n".getBytes(gbk));
        InvalidInputException row = assertThrows(InvalidInputException.class, () -> CsvFacts.read(CsvFacts.Format.INSPECTION,
                reader(mixed), id -> Optional.of(D05)));
        assertEquals(List.of("3:巡检人"), row.problems().stream().map(p -> p.index() + ":" + p.field()).toList());
    }

    @Test
    void a_strict_reader_failing_on_bad_bytes_is_a_refusal_not_an_internal_error() {
        byte[] gbk = "日期,检查项,结果,巡检人\n".getBytes(java.nio.charset.Charset.forName("GBK"));
        java.io.Reader strict = new java.io.InputStreamReader(new java.io.ByteArrayInputStream(gbk),
                java.nio.charset.StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CsvFacts.read(CsvFacts.Format.INSPECTION, strict, id -> Optional.of(D05)));
        assertEquals(1, e.problems().get(0).index());
    }

    /** As the REST API reads a sheet: UTF-8, bad bytes replaced by U+FFFD. */
    private static java.io.Reader reader(byte[] bytes) {
        return new java.io.InputStreamReader(new java.io.ByteArrayInputStream(bytes), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
