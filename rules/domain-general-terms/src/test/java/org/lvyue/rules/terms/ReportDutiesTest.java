package org.lvyue.rules.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvyue.rules.terms.LatePaymentRulesTest.only;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.Severity;

/**
 * 乙方's own reports as duties (八.3 「每月开展一次应用系统巡检，并提交巡检报告。每季度开展一次工作汇报，并向甲方提交书面季度
 * 服务工作总结报告」; 六.2(7) 「提交检测报告、故障分析报告、月报、年报」), held by the standard deliverable rules through this
 * catalogue, their open due dates read from the contract's interpretations.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReportDutiesTest {
    private TermsHarness terms;

    @AfterEach
    void close() {
        terms.close();
    }

    private List<Finding> of(String asOf, String obligation, String period) {
        return terms.at(asOf).findings().stream()
                .filter(f -> obligation.equals(f.getObligationId()) && f.getPeriodLabel().equals(period)).toList();
    }

    /*
     * reports.monthlyDue = 5-working-days (default): after Thu 2022-03-31, Fri 04-01 = 1, Sat 04-02 (清明 exchange) = 2,
     * 04-03..04-05 清明, Wed 04-06 = 3, 04-07 = 4, Fri 04-08 = 5: due 2022-04-08.
     */
    @Test
    void the_monthly_inspection_report_is_due_five_working_days_after_the_month() {
        terms = TermsHarness.withStandardRules();
        assertEquals(List.of(), of("2022-04-08", "terms.monthly-inspection-report", "2022-03"), "due that day");
        Finding missing = only(of("2022-04-09", "terms.monthly-inspection-report", "2022-03"));
        assertEquals(LocalDate.of(2022, 4, 8), missing.getDeadline());
        assertEquals(Severity.MEDIUM, missing.getSeverity());
        assertTrue(missing.getTitle().contains("每月开展一次应用系统巡检，并提交巡检报告"), missing.getTitle());
        assertTrue(missing.getDeadlineBasis().contains("5 个工作日"), missing.getDeadlineBasis());

        terms.fact("terms.report", "2022-04-08", "terms.monthly-inspection-report", "submitted", null,
                "period", "2022-03", "title", "2022 年 3 月应用系统巡检报告");
        assertEquals(List.of(), of("2022-04-09", "terms.monthly-inspection-report", "2022-03"));
    }

    /* reports.monthlyDue = 15-days: Thu 2022-03-31 + 15 = Fri 04-15, a working day. Submitted 04-18: 3 days late. */
    @Test
    void another_reading_of_the_monthly_due_date_moves_the_deadline_and_a_late_summary_is_found_late() {
        terms = TermsHarness.withStandardRules("reports.monthlyDue=15-days");
        assertEquals(List.of(), of("2022-04-15", "terms.monthly-summary", "2022-03"));
        terms.fact("terms.report", "2022-04-18", "terms.monthly-summary", "submitted", null,
                "period", "2022-03", "title", "2022 年 3 月月度服务工作总结报告");
        Finding late = only(of("2022-04-20", "terms.monthly-summary", "2022-03"));
        assertEquals(Severity.LOW, late.getSeverity());
        assertTrue(late.getTitle().contains("成果逾期 3 天提交"), late.getTitle());
        assertEquals(LocalDate.of(2022, 4, 15), late.getDeadline());
    }

    @Test
    void each_quarter_needs_a_work_briefing_in_it_and_a_written_summary_after_it() {
        terms = TermsHarness.withStandardRules();
        Finding briefing = only(of("2022-04-01", "terms.quarterly-briefing", "2022-Q1"));
        assertTrue(briefing.getTitle().contains("每季度开展一次工作汇报"), briefing.getTitle());
        assertEquals(LocalDate.of(2022, 3, 31), briefing.getDeadline());
        // the quarter ends 03-31 like the month: due 04-08 as above
        assertEquals(List.of(), of("2022-04-08", "terms.quarterly-summary", "2022-Q1"));
        only(of("2022-04-09", "terms.quarterly-summary", "2022-Q1"));

        terms.fact("terms.task", "2022-03-25", "terms.quarterly-briefing", null, null, "note", "一季度工作汇报会")
                .fact("terms.report", "2022-04-07", "terms.quarterly-summary", "submitted", null, "period", "2022-Q1",
                        "title", "2022 年第一季度服务工作总结报告");
        assertEquals(List.of(), of("2022-04-09", "terms.quarterly-briefing", "2022-Q1"));
        assertEquals(List.of(), of("2022-04-09", "terms.quarterly-summary", "2022-Q1"));
    }

    /*
     * reports.yearlyDue = 15-working-days after Sat 2022-12-31: 元旦 to 01-02; 01-03..01-06 = 4, 01-09..01-13 = 9,
     * 01-16..01-20 = 14, 春节 01-21..01-27, Sat 01-28 worked in exchange = 15: due 2023-01-28.
     */
    @Test
    void the_yearly_report_is_due_fifteen_working_days_after_the_service_year() {
        terms = TermsHarness.withStandardRules();
        assertEquals(List.of(), of("2023-01-28", "terms.yearly-report", "2022"));
        Finding missing = only(of("2023-01-29", "terms.yearly-report", "2022"));
        assertEquals(LocalDate.of(2023, 1, 28), missing.getDeadline());
    }

    /* A fault reported Fri 2022-06-10: 06-13 .. 06-17 are five working days (端午 was 06-03): due Fri 06-17. */
    @Test
    void each_reported_fault_needs_a_fault_analysis_report_naming_it() {
        terms = TermsHarness.withStandardRules();
        terms.fact("identity-auth.fault", "2022-06-10", "ia.d01", "reported", null, "description", "主系统证书验证服务中断")
                .fact("identity-auth.fault", "2022-06-13", "ia.d01", "resolved", null, "description", "已恢复");
        String rule = "一般条款六.2(7) 故障分析报告";
        assertEquals(List.of(), terms.findings("2022-06-17", rule), "due that day");
        Finding missing = only(terms.findings("2022-06-18", rule));
        assertEquals(LocalDate.of(2022, 6, 17), missing.getDeadline());
        assertEquals(List.of("identity-auth.fault-1"), missing.getFactIds(), "one report per fault, not per record");

        terms.fact("terms.report", "2022-06-16", "terms.fault-analysis", "submitted", null,
                "event", "identity-auth.fault-1", "title", "证书验证服务中断故障分析报告");
        assertEquals(List.of(), terms.findings("2022-06-18", rule));
    }
}
