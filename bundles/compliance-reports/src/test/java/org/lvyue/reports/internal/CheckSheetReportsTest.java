package org.lvyue.reports.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvyue.reports.internal.Fixtures.CONTRACT_ID;
import static org.lvyue.reports.internal.Fixtures.text;

import java.io.Reader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.assessment.MonthlyAttainment;
import org.lvyue.api.assessment.QuarterlyAssessment.DomainLine;
import org.lvyue.api.assessment.QuarterlyAssessment.SupportLine;
import org.lvyue.api.checklist.CheckRecord;
import org.lvyue.api.checklist.Checklist;
import org.lvyue.api.checklist.ChecklistItem;
import org.lvyue.api.checklist.FaultRecord;
import org.lvyue.api.fact.FactKind;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.report.InspectionSubmission;
import org.lvyue.api.report.Report;
import org.lvyue.api.service.BusyException;
import org.lvyue.api.service.FactIntake;
import org.lvyue.api.service.ImportCheck;
import org.lvyue.api.service.IngestResult;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.service.NotFoundException;
import org.lvyue.api.spi.DomainCatalogue;
import org.lvyue.api.spi.Frequency;
import org.lvyue.api.spi.Obligation;
import org.lvyue.testing.FakeAccounts;
import org.lvyue.testing.FakeAssessments;
import org.lvyue.testing.FakeChecklists;
import org.lvyue.testing.FakeContracts;
import org.lvyue.testing.FakeEngine;
import org.lvyue.testing.FakeEvidenceIntegrity;
import org.lvyue.testing.FakeFactQueries;
import org.lvyue.testing.FakeFindings;

/**
 * The supplier's paper (issue #24) through the report service: the 检查运维单 of a service's day, the record sheets and
 * the monthly 巡检报告 built from checklists made by hand here as the checklist service would give them, rendered for
 * real and read back from the PDF; the submission of the 巡检报告 as the fact its obligation needs; and every bad
 * request refused, naming its field, before anything is rendered.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CheckSheetReportsTest {
    private static final LocalDate TODAY = LocalDate.of(2022, 10, 10);
    private static final LocalDate DAY = LocalDate.of(2022, 7, 5);
    private static final String DOMAIN = "identity-auth";

    private final FakeContracts contracts = new FakeContracts(TODAY, Fixtures.contract());
    private final FakeFactQueries queries = new FakeFactQueries(contracts);
    private final FakeFindings findings = new FakeFindings(contracts);
    private final FakeAssessments assessments = new FakeAssessments();
    private final FakeEngine engine = new FakeEngine();
    private final DefaultReportServiceTest.FakeSigner signer = new DefaultReportServiceTest.FakeSigner();
    private final DefaultReportService reports = new DefaultReportService(contracts, queries, findings, assessments,
            new FakeAccounts(contracts), new FakeEvidenceIntegrity(contracts), engine, signer, Fixtures.RENDERER);
    private final ByDay checklists = new ByDay(contracts);
    private final RecordingIntake intake = new RecordingIntake();

    CheckSheetReportsTest() {
        queries.digestCount = 12;
        queries.digestSha256 = "ab".repeat(32);
        engine.domains.add(Fixtures.bundle("org.lvyue.domain-identity-auth", "1.0.0", DOMAIN, "身份认证"));
        engine.catalogues.add(new DomainCatalogue(DOMAIN, "身份认证", "Identity", "附件二 1 身份认证服务",
                List.of(new FactKind("identity-auth.inspection", DOMAIN, "身份认证巡检记录", true, null, null, false, false, List.of())),
                List.of(obligation("ia.d05", DOMAIN, "检查证书黑名单列表每日晚上更新是否成功", Frequency.DAILY))));
        engine.catalogues.add(new DomainCatalogue("general-terms", "合同一般条款", "General terms", "合同一般条款", List.of(),
                List.of(obligation(DefaultReportService.INSPECTION_REPORT, "general-terms", "每月开展一次应用系统巡检，并提交巡检报告",
                        Frequency.MONTHLY))));
        reports.setChecklists(checklists);
        reports.setIntake(intake);
        assessments.month = new MonthlyAttainment(CONTRACT_ID, "2022-07", LocalDate.of(2022, 7, 1), LocalDate.of(2022, 7, 31),
                TODAY, List.of(new DomainLine(DOMAIN, "身份认证", 3, 21, 20, 1, 0, List.of())), new SupportLine(0, 0, 0, 100.0), 7);
        // 2022-07-05: 主 normal, 备 abnormal with its fault record; ia.d01 not checked; ia.d02 corrected to normal;
        // the weekly item done that day; 07-06: 备 checked again, normal
        checklists.put(new Checklist(CONTRACT_ID, DAY, List.of(
                daily("ia.d05", "检查证书黑名单列表每日晚上更新是否成功", "附件三 1.1.1(一) 5)", List.of("主", "备"),
                        record("r1", DAY, "主", true, null, "张工", "09:12", null, null),
                        record("r2", DAY, "备", false, "黑名单更新失败", "张工", "09:15", null, null,
                                new FaultRecord("f1", "CRL 下载超时，黑名单未按时更新", "甲方信息处 王科长",
                                        LocalDateTime.of(2022, 7, 5, 9, 30), "resolved"))),
                daily("ia.d01", "检查证书有效期验证服务是否正常运行", "附件三 1.1.1(一) 1)", List.of("")),
                daily("ia.d02", "检查证书随机数验证服务是否正常运行", "附件三 1.1.1(一) 2)", List.of(""),
                        record("r3", DAY, "", false, "误报", "李工", "10:00", null, "r4"),
                        record("r4", DAY, "", true, null, "李工", "10:05", "r3", null)),
                new ChecklistItem("ia.w01", DOMAIN, "检查身份认证服务器磁盘空间", "附件三 1.1.1(二) 1)", Frequency.WEEKLY, "2022-W27",
                        List.of(""), null, List.of(record("r5", DAY, "", true, "剩余 62%", "李工", "11:20", null, null))))));
        LocalDate next = DAY.plusDays(1);
        checklists.put(new Checklist(CONTRACT_ID, next, List.of(
                daily("ia.d05", "检查证书黑名单列表每日晚上更新是否成功", "附件三 1.1.1(一) 5)", List.of("主", "备"),
                        record("r6", next, "主", true, null, "张工", "09:05", null, null),
                        record("r7", next, "备", true, "已恢复", "张工", "09:06", null, null)))));
    }

    @Test
    void the_daily_sheet_shows_each_item_per_system_with_its_result_note_engineer_and_time_and_the_fault_of_the_abnormal_one() {
        Report r = reports.daily(CONTRACT_ID, DOMAIN, "2022-07-05");
        String text = text(r.pdf());
        for (String expected : List.of("身份认证检查运维单", "2022年7月5日", "安全应用维护服务", "北京市人力资源和社会保障局",
                "检查项目与结果", "ia.d05", "检查证书黑名单列表每日晚上更新是否成功", "附件三1.1.1(一)5)", "主", "备", "正常",
                "张*09:12", "备注：黑名单更新失败", "ia.d01", "未检", "（更正记录r3）", "ia.w01", "剩余62%", "李*11:20",
                "异常项目与故障记录", "共1项次", "CRL下载超时，黑名单未按时更新", "报告对象：甲方信息处王**",
                "报告时间：2022-07-0509:30", "已解决", "巡检工程师张*、李*",
                "已检3项次：正常2，异常1；未检1", "巡检工程师（签字）：", "甲方复核人（签字）：")) {
            assertTrue(text.contains(Fixtures.squeeze(expected)), "the 运维单 lacks " + expected + ":\n" + text);
        }
        assertFalse(text.contains("评估方（签字）"), "the engineer and the client's reviewer sign a 运维单, not the evaluator");
        for (String whole : List.of("张工", "李工", "王科长")) { // personal: the catalogue marks inspectors and recipients
            assertFalse(text.contains(whole), "the PDF names " + whole + " whole:\n" + text);
        }
        assertEquals("bj-hrss-2022/daily/identity-auth/2022-07-05", r.id());
        assertEquals("bj-hrss-2022-identity-auth-检查运维单-2022-07-05.pdf", r.fileName());
        assertArrayEquals(DefaultReportServiceTest.FakeSigner.digest(r.pdf()), r.signature(), "signed, the PDF as served");
        assertArrayEquals(r.pdf(), reports.daily(CONTRACT_ID, DOMAIN, "2022-07-05").pdf(), "the same records, the same bytes");
    }

    @Test
    void the_weekly_record_sheet_lists_the_weekly_items_of_the_week_with_their_results() {
        Report r = reports.weekly(CONTRACT_ID, DOMAIN, "2022-W27");
        String text = text(r.pdf());
        for (String expected : List.of("身份认证周检查记录单", "2022年第27周", "ia.w01", "2022-W27", "检查身份认证服务器磁盘空间",
                "正常（2022-07-05）", "李*", "2022-07-04至2022-07-10")) {
            assertTrue(text.contains(Fixtures.squeeze(expected)), "the weekly sheet lacks " + expected + ":\n" + text);
        }
        assertFalse(text.contains("ia.d05"), "daily items belong on the 运维单");
        assertEquals(7, checklists.asked.size(), "each day of the week read once");
    }

    @Test
    void the_monthly_inspection_report_counts_the_checks_due_and_done_and_says_how_each_abnormal_result_was_resolved() {
        Report r = reports.inspection(CONTRACT_ID, "2022-07");
        String text = text(r.pdf());
        for (String expected : List.of("应用系统巡检报告", "2022年7月", "一般条款八.3", "各服务巡检情况", "身份认证（identity-auth）",
                "6/7", "日常检查5/6；定期检查与维护1/1", "85.7%", "异常检查结果及处理", "黑名单更新失败",
                "故障记录f1：已解决", "2022-07-06复查正常（张*）", "已更正（记录r4：正常）", "故障记录",
                "CRL下载超时，黑名单未按时更新", "甲方信息处 王**", "义务履行（规则判定）", "本月违约事项",
                "乙方项目负责人（签字）：", "甲方接收人（签字）：")) {
            assertTrue(text.contains(Fixtures.squeeze(expected)), "the 巡检报告 lacks " + expected + ":\n" + text);
        }
        assertEquals(31, checklists.asked.size(), "every day of the month, once");
        assertEquals("bj-hrss-2022-巡检报告-2022-07.pdf", r.fileName());
    }

    @Test
    void submitting_the_inspection_report_posts_the_report_fact_of_its_obligation_through_the_intake_once() {
        InspectionSubmission s = reports.submitInspection(CONTRACT_ID, "2022-07", "engineer");
        assertEquals(1, intake.batches.size());
        Map<String, Object> fact = intake.batches.get(0).get(0);
        assertEquals("terms.report", fact.get("kind"));
        assertEquals("terms.monthly-inspection-report", fact.get("subject"));
        assertEquals("submitted", fact.get("status"));
        assertEquals(TODAY.toString(), fact.get("date"), "dated the day it is submitted");
        @SuppressWarnings("unchecked")
        Map<String, String> attributes = (Map<String, String>) fact.get("attributes");
        assertEquals("2022-07", attributes.get("period"));
        assertTrue(attributes.get("title").contains(s.report().id()), attributes.toString());
        assertEquals("engineer", intake.users.get(0));
        assertEquals(fact.get("id"), s.factId());
        assertEquals("terms.monthly-inspection-report", s.obligationId());

        InspectionSubmission again = reports.submitInspection(CONTRACT_ID, "2022-07", "engineer");
        assertEquals(s.factId(), again.factId(), "submitted again the same day, the same fact: a duplicate, not a second one");
        assertEquals(intake.batches.get(0), intake.batches.get(1), "with the same content, so the intake stores it once");
        contracts.today = TODAY.plusDays(1);
        assertFalse(reports.submitInspection(CONTRACT_ID, "2022-07", "engineer").factId().equals(s.factId()),
                "a later day's submission (after corrections) is a new one");
    }

    @Test
    void a_month_not_over_is_not_submitted_and_a_contract_without_the_obligation_has_nothing_to_submit() {
        contracts.today = LocalDate.of(2022, 7, 31);
        assertProblem(assertThrows(InvalidInputException.class, () -> reports.submitInspection(CONTRACT_ID, "2022-07", "engineer")),
                "month", "尚未结束");
        contracts.today = TODAY;
        engine.catalogues.removeIf(k -> k.domain().equals("general-terms"));
        NotFoundException none = assertThrows(NotFoundException.class,
                () -> reports.submitInspection(CONTRACT_ID, "2022-07", "engineer"));
        assertTrue(none.getMessage().contains("terms.monthly-inspection-report"), none.getMessage());
        assertEquals(List.of(), intake.batches, "nothing stored");
    }

    @Test
    void a_bad_day_week_month_or_service_is_refused_naming_the_field_before_anything_is_read_or_rendered() {
        assertProblem(assertThrows(InvalidInputException.class, () -> reports.daily(CONTRACT_ID, DOMAIN, "2022-7-5")),
                "day", "yyyy-MM-dd");
        assertProblem(assertThrows(InvalidInputException.class, () -> reports.daily(CONTRACT_ID, DOMAIN, "2022-02-30")),
                "day", "yyyy-MM-dd");
        assertProblem(assertThrows(InvalidInputException.class, () -> reports.daily(CONTRACT_ID, DOMAIN, "2023-01-05")),
                "day", "服务期");
        assertProblem(assertThrows(InvalidInputException.class, () -> reports.daily(CONTRACT_ID, DOMAIN, "2022-10-11")),
                "day", "尚未到来");
        assertProblem(assertThrows(InvalidInputException.class, () -> reports.weekly(CONTRACT_ID, DOMAIN, "2022-W53")),
                "week", "ISO");
        assertProblem(assertThrows(InvalidInputException.class, () -> reports.weekly(CONTRACT_ID, DOMAIN, "2021-W50")),
                "week", "服务期");
        assertProblem(assertThrows(InvalidInputException.class, () -> reports.records(CONTRACT_ID, DOMAIN, "2022-13")),
                "month", "yyyy-MM");
        assertProblem(assertThrows(InvalidInputException.class, () -> reports.inspection(CONTRACT_ID, "2022-11")),
                "month", "尚未到来");
        NotFoundException service = assertThrows(NotFoundException.class, () -> reports.daily(CONTRACT_ID, "support", "2022-07-05"));
        assertTrue(service.getMessage().startsWith("服务领域 (domain) 'support' 不是合同 bj-hrss-2022 运行中的服务"), service.getMessage());
        assertTrue(service.getMessage().contains(DOMAIN), service.getMessage());
        assertThrows(NotFoundException.class, () -> reports.daily("no-such", DOMAIN, "2022-07-05"));
        assertEquals(List.of(), checklists.asked, "no checklist read");
        assertEquals(0, signer.signed, "nothing rendered");
    }

    @Test
    void without_the_checklist_service_the_sheets_answer_busy_and_the_other_reports_are_unaffected() {
        reports.unsetChecklists(checklists);
        BusyException busy = assertThrows(BusyException.class, () -> reports.daily(CONTRACT_ID, DOMAIN, "2022-07-05"));
        assertEquals(BusyException.Reason.NOT_READY, busy.reason());
        assertTrue(busy.getMessage().startsWith("检查记录服务未启动"), busy.getMessage());
    }

    private static void assertProblem(InvalidInputException e, String field, String reason) {
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertEquals(field, e.problems().get(0).field());
        assertTrue(e.problems().get(0).reason().contains(reason), e.problems().toString());
        assertTrue(e.getMessage().contains("(" + field + ")"), e.getMessage());
    }

    // --- checklists as the checklist service gives them

    private static Obligation obligation(String id, String domain, String title, Frequency frequency) {
        return new Obligation(id, domain, title, "附件三", frequency, 1, domain + ".inspection", id, Severity.MEDIUM, null);
    }

    private static ChecklistItem daily(String id, String title, String clause, List<String> systems, CheckRecord... records) {
        return new ChecklistItem(id, DOMAIN, title, clause, Frequency.DAILY, DAY.toString(), systems, "identity-auth.fault",
                List.of(records));
    }

    private static CheckRecord record(String id, LocalDate day, String system, boolean normal, String note, String engineer,
                                      String beijingTime, String supersedes, String supersededBy, FaultRecord... faults) {
        Instant at = LocalDateTime.parse(day + "T" + beijingTime).atZone(PdfRenderer.BEIJING.toZoneId()).toInstant();
        return new CheckRecord(id, day, system, normal, note, engineer, at, supersedes, supersededBy, List.of(faults));
    }

    /** The shared fake, each day of the service period without items unless set up here; remembers the days read. */
    static final class ByDay extends FakeChecklists {
        final List<LocalDate> asked = new ArrayList<>();

        ByDay(FakeContracts contracts) {
            super(contracts);
            LocalDate.of(2022, 1, 1).datesUntil(LocalDate.of(2023, 1, 1))
                    .forEach(d -> put(new Checklist(CONTRACT_ID, d, List.of())));
        }

        @Override
        public Checklist checklist(String contractId, LocalDate day) {
            asked.add(day);
            return super.checklist(contractId, day);
        }
    }

    /** Takes every batch as new and remembers it and its user. */
    static final class RecordingIntake implements FactIntake {
        final List<List<Map<String, Object>>> batches = new ArrayList<>();
        final List<String> users = new ArrayList<>();

        @Override
        public IngestResult ingest(String contractId, List<Map<String, Object>> facts, String user) {
            batches.add(facts);
            users.add(user);
            return new IngestResult(batches.size(), facts.size(), facts.size(), List.of(), 0, 1, 0, 7, null);
        }

        @Override
        public IngestResult ingestCsv(String contractId, String format, Reader csv, String user) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ImportCheck checkFacts(String contractId, List<Map<String, Object>> facts, String user) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ImportCheck checkCsv(String contractId, String format, Reader csv, String user) {
            throw new UnsupportedOperationException();
        }
    }
}
