package org.lvyue.rules.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvyue.rules.terms.LatePaymentRulesTest.only;

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

    @Test
    void a_replacement_is_due_within_seven_days_and_one_done_later_is_late_by_the_difference() {
        terms.fact("staff.replacement-request", "2022-03-01", "R-1", null, null, "person", "张三");
        String missing = "一般条款六.1(2) 更换服务人员：7 日内未完成";
        assertEquals(List.of(), terms.findings("2022-03-08", missing), "03-08 is the seventh day");
        only(terms.findings("2022-03-09", missing));

        terms.fact("staff.replaced", "2022-03-10", "R-1", null, null, "newPerson", "李四");
        assertEquals(List.of(), terms.findings("2022-03-11", missing));
        Finding late = only(terms.findings("2022-03-11", "一般条款六.1(2) 更换服务人员：超过 7 日才完成"));
        assertTrue(late.getTitle().contains("逾期 2 天"), late.getTitle());
        assertEquals(Severity.LOW, late.getSeverity());
    }

    @Test
    void a_monthly_report_not_reviewed_within_fifteen_days_is_deemed_approved() {
        terms.fact("report.monthly-submitted", "2022-04-05", "2022-03", null, null);
        String deemed = "一般条款八.3";
        assertEquals(List.of(), terms.findings("2022-04-20", deemed), "04-20 is the fifteenth day");
        Finding f = only(terms.findings("2022-04-21", deemed));
        assertEquals(Severity.INFO, f.getSeverity());
        assertTrue(f.getTitle().contains("视为通过评审（2022-04-20）"), f.getTitle());

        terms.fact("report.monthly-reviewed", "2022-04-20", "2022-03", "questioned", null);
        assertEquals(List.of(), terms.findings("2022-04-21", deemed), "questioned within 15 days");
    }

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
        Finding f = only(terms.findings("2022-10-31", results)); // 09-30 + 30 = 10-30
        assertTrue(f.getTitle().contains("2022-09-30"), f.getTitle());
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
        assertTrue(f.getDetail().contains("期限 2022-10-11"), f.getDetail());
        terms.fact("confidential.returned", "2022-10-11", "REQ-7", null, null);
        assertEquals(List.of(), terms.findings("2022-10-12", ret));
    }

    @Test
    void force_majeure_needs_proof_within_ten_days_extends_the_term_and_is_renegotiated_after_ninety() {
        terms.fact("force-majeure.notice", "2022-07-01", "supplier", null, null,
                "eventStart", "2022-06-30", "description", "机房所在园区洪水");
        assertEquals(List.of(), terms.findings("2022-07-11", "一般条款十二 不可抗力：十日内"));
        only(terms.findings("2022-07-12", "一般条款十二 不可抗力：十日内"));
        // 90 days after 06-30 is 09-28: not more than 90; 09-29 is 91
        assertEquals(List.of(), terms.findings("2022-09-28", "一般条款十二 不可抗力超过 90 天"));
        only(terms.findings("2022-09-29", "一般条款十二 不可抗力超过 90 天"));

        terms.fact("force-majeure.ended", "2022-07-20", "force-majeure.notice-1", null, null);
        Finding extension = only(terms.findings("2022-09-29", "一般条款十二 不可抗力：履行期限顺延"));
        assertTrue(extension.getTitle().contains("影响 21 天"), extension.getTitle()); // 06-30..07-20 inclusive
        assertEquals(List.of(), terms.findings("2022-09-29", "一般条款十二 不可抗力超过 90 天"), "ended after 20 days");
    }
}
