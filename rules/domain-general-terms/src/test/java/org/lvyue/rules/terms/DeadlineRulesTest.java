package org.lvyue.rules.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvyue.rules.terms.LatePaymentRulesTest.only;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.Severity;

/** The deadlines of the general terms: 五, 六.1(2), 八.3, 九.2, 十二 and 附件四 三.5, on their boundary days. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DeadlineRulesTest {
    private TermsHarness terms;

    @BeforeEach
    void open() {
        terms = new TermsHarness();
    }

    @AfterEach
    void close() {
        terms.close();
    }

    /*
     * 五: signed Tue 2022-12-13; 20 working days: 12-14..12-16 = 3, 12-19..12-23 = 8, 12-26..12-30 = 13,
     * 12-31..01-02 元旦, 01-03..01-06 = 17, 01-09 = 18, 01-10 = 19, 01-11 = 20. Due 2023-01-11.
     */
    @Test
    void the_bond_is_due_twenty_working_days_after_signing_across_the_new_year_holiday() {
        String bond = "一般条款五 履约保函：签署后";
        assertEquals(List.of(), terms.findings("2023-01-11", bond), "due that day: not yet late");
        Finding late = only(terms.findings("2023-01-12", bond));
        assertTrue(late.getTitle().contains("应于 2023-01-11 前"), late.getTitle());
        assertEquals(Severity.HIGH, late.getSeverity());

        terms.fact("bond.received", "2023-01-11", null, null, "608570.00", "validUntil", "2022-12-31");
        assertEquals(List.of(), terms.findings("2023-02-01", "一般条款五"));
    }

    @Test
    void a_bond_below_ten_percent_or_expiring_early_is_a_finding() {
        terms.fact("bond.received", "2023-01-05", null, null, "600000.00", "validUntil", "2022-12-30");
        Finding short_ = only(terms.findings("2023-02-01", "一般条款五 履约保函：金额不足"));
        assertTrue(short_.getDetail().contains("¥8,570.00"), short_.getDetail()); // 608,570.00 − 600,000.00
        only(terms.findings("2023-02-01", "一般条款五 履约保函：有效期早于"));
    }

    /* 六.1(2) 7 日内: request Tue 2022-03-01; 03-02 is day 1, Tue 03-08 day 7, a working day: due 03-08. */
    @Test
    void a_replacement_is_due_within_seven_days_and_one_done_later_is_late_by_the_difference() {
        terms.fact("staff.replacement-request", "2022-03-01", "R-1", null, null, "person", "张三");
        String missing = "一般条款六.1(2) 更换服务人员：7 日内未完成";
        assertEquals(List.of(), terms.findings("2022-03-08", missing), "03-08 is the seventh day");
        Finding open = only(terms.findings("2022-03-09", missing));
        assertEquals(LocalDate.of(2022, 3, 8), open.getDeadline());

        terms.fact("staff.replaced", "2022-03-10", "R-1", null, null, "newPerson", "李四");
        assertEquals(List.of(), terms.findings("2022-03-11", missing));
        Finding late = only(terms.findings("2022-03-11", "一般条款六.1(2) 更换服务人员：超过 7 日才完成"));
        assertTrue(late.getTitle().contains("逾期 2 天"), late.getTitle());
        assertEquals(Severity.LOW, late.getSeverity());
    }

    /*
     * The example, 民法典 第二百零一条、第二百零三条: request Wed 2022-04-27; 04-28 is day 1, ..., 05-04 day 7, inside
     * 劳动节 04-30..05-04; the period ends on the day after the rest, Thu 05-05 (not 05-04, as adding 7 days gives).
     */
    @Test
    void a_replacement_requested_on_27_april_2022_is_due_on_5_may_after_the_labour_day_holiday() {
        terms.fact("staff.replacement-request", "2022-04-27", "R-2", null, null, "person", "王五");
        String missing = "一般条款六.1(2) 更换服务人员：7 日内未完成";
        assertEquals(List.of(), terms.findings("2022-05-05", missing), "05-05 is the last day");
        Finding open = only(terms.findings("2022-05-06", missing));
        assertEquals(LocalDate.of(2022, 5, 5), open.getDeadline());
        assertEquals("自 2022-04-27 次日起算 7 日，第 7 日为 2022-05-04，为法定休假日（劳动节），依民法典第二百零三条顺延至 2022-05-05，"
                + "期限至 2022-05-05 24 时止", open.getDeadlineBasis());
        assertTrue(open.getTitle().contains("应于 2022-05-05 前完成"), open.getTitle());

        terms.fact("staff.replaced", "2022-05-05", "R-2", null, null, "newPerson", "赵六");
        assertEquals(List.of(), terms.findings("2022-05-10", "一般条款六.1(2)"), "done on the last day: in time");
    }

    @Test
    void a_replacement_done_the_day_after_the_moved_last_day_is_one_day_late() {
        terms.fact("staff.replacement-request", "2022-04-27", "R-3", null, null, "person", "王五")
                .fact("staff.replaced", "2022-05-06", "R-3", null, null, "newPerson", "赵六");
        Finding late = only(terms.findings("2022-05-10", "一般条款六.1(2) 更换服务人员：超过 7 日才完成"));
        assertTrue(late.getTitle().contains("逾期 1 天"), late.getTitle()); // 05-06 − 05-05
    }

    private void monthlySummary(String received, String month) {
        terms.fact("terms.report", received, "terms.monthly-summary", "submitted", null, "period", month,
                "title", month + " 月度服务工作总结报告");
    }

    /*
     * 八.3: received Tue 2022-04-05; 04-20 (Wed) is the 15th day, a working day. Up to 04-20 the review is 甲方's
     * deadline; from 04-21 the report is deemed approved.
     */
    @Test
    void a_monthly_report_not_reviewed_within_fifteen_days_is_deemed_approved_from_the_day_after() {
        monthlySummary("2022-04-05", "2022-03");
        String pending = "一般条款八.3 甲方收到月度报告后 15 日内评审";
        String deemed = "一般条款八.3 月度报告 15 日内未评审";
        Finding deadline = only(terms.findings("2022-04-20", pending));
        assertEquals(Severity.INFO, deadline.getSeverity());
        assertTrue(deadline.getTitle().contains("甲方应于 2022-04-20 前评审"), deadline.getTitle());
        assertEquals(List.of(), terms.findings("2022-04-20", deemed), "04-20 is the fifteenth day: not yet deemed");

        Finding f = only(terms.findings("2022-04-21", deemed));
        assertEquals(Severity.INFO, f.getSeverity());
        assertTrue(f.getTitle().contains("自 2022-04-21 起视为通过评审"), f.getTitle());
        assertEquals(LocalDate.of(2022, 4, 20), f.getDeadline());
        assertEquals(List.of(), terms.findings("2022-04-21", pending), "the deadline has passed");

        terms.fact("report.monthly-reviewed", "2022-04-20", "2022-03", "questioned", null);
        assertEquals(List.of(), terms.findings("2022-04-21", "一般条款八.3"), "questioned within 15 days");
    }

    /*
     * 八.3 across 国庆节: received Fri 2022-09-16; day 15 is Sat 10-01, inside 国庆节 10-01..10-07; Sat 10-08 is worked in
     * exchange, so the review period ends on 10-08 and the deemed approval takes effect on Sun 10-09.
     */
    @Test
    void a_review_period_ending_in_the_national_day_holiday_runs_to_the_exchanged_saturday() {
        monthlySummary("2022-09-16", "2022-08");
        Finding pending = only(terms.findings("2022-10-08", "一般条款八.3 甲方收到月度报告后 15 日内评审"));
        assertEquals(LocalDate.of(2022, 10, 8), pending.getDeadline());
        assertTrue(pending.getDeadlineBasis().contains("为法定休假日（国庆节）"), pending.getDeadlineBasis());
        Finding f = only(terms.findings("2022-10-09", "一般条款八.3 月度报告 15 日内未评审"));
        assertTrue(f.getTitle().contains("自 2022-10-09 起视为通过评审"), f.getTitle());
        terms.fact("report.monthly-reviewed", "2022-10-08", "2022-08", "approved", null);
        assertEquals(List.of(), terms.findings("2022-10-09", "一般条款八.3"), "reviewed on the moved last day");
    }

    /*
     * 九.2 "合同终止之日起三十日内": expiry 2022-12-31 + 30 = Mon 2023-01-30, a working day. Terminated Fri 2022-09-30:
     * + 30 = Sun 10-30, moved to Mon 10-31; so late only from 11-01.
     */
    @Test
    void results_are_due_thirty_days_after_expiry_unless_expiry_is_not_read_as_termination() {
        String results = "一般条款九.2";
        assertEquals(List.of(), terms.findings("2023-01-30", results), "2022-12-31 + 30 = 2023-01-30");
        only(terms.findings("2023-01-31", results));
        terms.fact("results.delivered", "2023-01-30", null, null, null);
        assertEquals(List.of(), terms.findings("2023-01-31", results));
        terms.close();

        terms = new TermsHarness("results.anchor=termination-only");
        assertEquals(List.of(), terms.findings("2023-06-30", results));
        terms.fact("termination.effective", "2022-09-30", "client", null, null, "noticeDate", "2022-09-15");
        assertEquals(List.of(), terms.findings("2022-10-31", results), "the 30th day is a Sunday: due Monday 10-31");
        Finding f = only(terms.findings("2022-11-01", results));
        assertTrue(f.getTitle().contains("2022-09-30"), f.getTitle());
        assertEquals(LocalDate.of(2022, 10, 31), f.getDeadline());
    }

    /*
     * 附件四 三.5: request Thu 2022-09-29; 5 working days: 09-30 = 1, 10-01..10-07 国庆 rest,
     * Sat 10-08 and Sun 10-09 worked in exchange = 2, 3, Mon 10-10 = 4, Tue 10-11 = 5. Due 2022-10-11.
     */
    @Test
    void confidential_material_is_due_back_in_five_working_days_counted_through_the_national_day_exchange() {
        terms.fact("confidential.return-request", "2022-09-29", "REQ-7", null, null);
        String ret = "附件四三.5";
        assertEquals(List.of(), terms.findings("2022-10-11", ret));
        Finding f = only(terms.findings("2022-10-12", ret));
        assertTrue(f.getTitle().contains("期限 2022-10-11"), f.getTitle());
        assertEquals(LocalDate.of(2022, 10, 11), f.getDeadline());
        assertTrue(f.getDeadlineBasis().contains("5 个工作日（国务院办公厅节假日安排）"), f.getDeadlineBasis());
        terms.fact("confidential.returned", "2022-10-11", "REQ-7", null, null);
        assertEquals(List.of(), terms.findings("2022-10-12", ret));
    }

    /*
     * 十二 "在事件发生后，立即通知对方，并在十日内…提供…证明文件": event Thu 2022-06-30, notice 07-01; the ten days run from
     * the event: 06-30 + 10 = Sun 07-10, moved to Mon 07-11. Days affected are counted from the day after the event
     * began (第二百零一条): 06-30 + 90 = 09-28, so an event still going on 09-28 has affected 90 days, on 09-29 91.
     */
    @Test
    void force_majeure_needs_proof_within_ten_days_of_the_event_extends_the_term_and_is_renegotiated_after_ninety() {
        terms.fact("force-majeure.notice", "2022-07-01", "supplier", null, null,
                "eventStart", "2022-06-30", "description", "机房所在园区洪水");
        String proof = "一般条款十二 不可抗力：十日内";
        assertEquals(List.of(), terms.findings("2022-07-11", proof), "07-10 is a Sunday: the last day is 07-11");
        Finding late = only(terms.findings("2022-07-12", proof));
        assertEquals(LocalDate.of(2022, 7, 11), late.getDeadline());
        assertTrue(late.getDeadlineBasis().startsWith("自 2022-06-30 次日起算 10 日"), late.getDeadlineBasis());
        assertEquals(List.of(), terms.findings("2022-09-28", "一般条款十二 不可抗力超过 90 天"));
        only(terms.findings("2022-09-29", "一般条款十二 不可抗力超过 90 天"));

        // ended 07-20: 06-30 .. 07-20 is 20 days counted from 07-01, at both places
        terms.fact("force-majeure.ended", "2022-07-20", "force-majeure.notice-1", null, null);
        Finding extension = only(terms.findings("2022-09-29", "一般条款十二 不可抗力：履行期限顺延"));
        assertTrue(extension.getTitle().contains("影响 20 天"), extension.getTitle());
        assertEquals(List.of(), terms.findings("2022-09-29", "一般条款十二 不可抗力超过 90 天"), "ended after 20 days");
    }

    @Test
    void an_event_that_ended_after_ninety_one_days_is_renegotiated_and_extends_by_the_same_count() {
        terms.fact("force-majeure.notice", "2022-03-02", "client", null, null,
                "eventStart", "2022-03-01", "description", "疫情封控")
                .fact("force-majeure.proof", "2022-03-08", "force-majeure.notice-1", null, null)
                .fact("force-majeure.ended", "2022-05-31", "force-majeure.notice-1", null, null);
        // 03-01 .. 05-31: 30 (March after the 1st) + 30 + 31 = 91 days, more than 90
        Finding extension = only(terms.findings("2022-06-30", "一般条款十二 不可抗力：履行期限顺延"));
        assertTrue(extension.getTitle().contains("影响 91 天"), extension.getTitle());
        Finding renegotiate = only(terms.findings("2022-06-30", "一般条款十二 不可抗力超过 90 天"));
        assertTrue(renegotiate.getDetail().contains("影响 91 天"), renegotiate.getDetail());
        assertEquals(List.of(), terms.findings("2022-06-30", "一般条款十二 不可抗力：十日内"), "proof within ten days");
    }
}
