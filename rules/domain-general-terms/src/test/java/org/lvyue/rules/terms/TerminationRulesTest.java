package org.lvyue.rules.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvyue.rules.terms.LatePaymentRulesTest.only;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.ledger.LedgerEntry;
import org.lvyue.api.ledger.Payer;

/**
 * 一般条款 十四.2 and 十六. Refund for a client termination effective 2022-09-30: the days after it are
 * 10-01..12-31 = 31 + 30 + 31 = 92. Exact: 6,085,700.00 × 92 ÷ 365 = 1,533,929.863… → 1,533,929.86.
 * Daily fee first: 6,085,700.00 ÷ 365 = 16,673.150… → 16,673.15 × 92 = 1,533,929.80.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TerminationRulesTest {
    private static final String REFUND = "一般条款十四.2 甲方解除合同";
    private TermsHarness terms;

    @AfterEach
    void close() {
        terms.close();
    }

    private void terminatedByTheClientOnSeptember30(String received) {
        terms.fact("payment.received", "2022-03-01", null, null, received)
                .fact("termination.effective", "2022-09-30", "client", null, null, "noticeDate", "2022-09-15");
    }

    @Test
    void the_refund_is_a_365th_of_the_amount_per_day_after_termination_rounded_once() {
        terms = new TermsHarness();
        terminatedByTheClientOnSeptember30("6085700.00");
        LedgerEntry refund = only(terms.ledger("2022-10-01", REFUND));
        assertEquals(new BigDecimal("1533929.86"), refund.getAmount());
        assertEquals(Payer.SUPPLIER, refund.getPayer());
        assertEquals(LedgerEntry.Category.TERMINATION_REFUND, refund.getCategory(), "what the settlement shows as its refund");
        // 十四.2 "收到甲方解除通知的 30 日内": notice 09-15, day 30 is Saturday 10-15, so the period ends on Monday 10-17
        // (民法典 第二百零三条).
        assertEquals(LocalDate.of(2022, 10, 17), refund.getDueOn());
        assertEquals(LocalDate.of(2022, 10, 17), refund.getDeadline());
        assertTrue(refund.getDeadlineBasis().contains("第 30 日为 2022-10-15，为法定休假日（周末），依民法典第二百零三条顺延至 2022-10-17"),
                refund.getDeadlineBasis());
        assertEquals("92", refund.getInputs().get("天数（解除日次日至服务期末 2022-12-31）"));
        assertEquals(List.of("money.rounding=round-at-end（默认）"), refund.getInterpretations());
    }

    @Test
    void rounding_the_daily_fee_first_gives_six_fen_less() {
        terms = new TermsHarness("money.rounding=daily-fee-first");
        terminatedByTheClientOnSeptember30("6085700.00");
        assertEquals(new BigDecimal("1533929.80"), only(terms.ledger("2022-10-01", REFUND)).getAmount());
    }

    @Test
    void the_refund_never_exceeds_what_was_received() {
        terms = new TermsHarness();
        terminatedByTheClientOnSeptember30("1000000.00");
        assertEquals(new BigDecimal("1000000.00"), only(terms.ledger("2022-10-01", REFUND)).getAmount());
    }

    @Test
    void a_refund_not_paid_within_thirty_days_of_the_notice_is_a_finding() {
        terms = new TermsHarness();
        terminatedByTheClientOnSeptember30("6085700.00");
        String overdue = "一般条款十四.2 退款逾期";
        // due 2022-10-17 (see above): not yet overdue on that day, overdue from 10-18
        assertEquals(List.of(), terms.findings("2022-10-17", overdue), "due that day");
        Finding late = only(terms.findings("2022-10-18", overdue));
        assertEquals(LocalDate.of(2022, 10, 17), late.getDeadline());
        terms.fact("refund.paid", "2022-10-17", null, null, "1533929.86");
        assertEquals(List.of(), terms.findings("2022-10-18", overdue), "paid on the last day");
    }

    @Test
    void the_supplier_may_terminate_when_non_payment_is_not_cured_within_thirty_days_of_its_notice() {
        terms = new TermsHarness();
        terms.invoiceAndBond()
                .fact("termination.notice", "2023-02-01", "supplier", null, null, "reason", "non-payment");
        String right = "一般条款十四.2 甲方欠款经书面通知";
        // 02-01 + 30 = Friday 03-03, a working day: the last day to cure; the right opens on 03-04
        assertEquals(List.of(), terms.findings("2023-03-03", right), "the last day to cure");
        Finding f = only(terms.findings("2023-03-04", right));
        assertTrue(f.getTitle().startsWith("乙方自 2023-03-04 起有权"), f.getTitle());
        terms.fact("termination.cured", "2023-02-20", "termination.notice-3", null, null);
        assertEquals(List.of(), terms.findings("2023-03-04", right));
    }

    /*
     * 十四.2 "乙方在连续 1 个月的运维服务质量考核中不合格的，乙方在甲方发出要求乙方纠正违约行为的书面通知之日起 30 天内未能
     * 纠正违约行为的，甲方有权解除合同": the 2022-09 monthly assessment failed (recorded 10-08); notice Monday 10-10;
     * 10-10 + 30 = Wednesday 11-09, a working day: the cure period ends then, the right opens on 11-10.
     */
    @Test
    void the_client_may_terminate_after_a_failed_month_not_cured_within_thirty_days_of_the_notice() {
        terms = new TermsHarness();
        terms.fact("assessment.monthly", "2022-10-08", "2022-09", "fail", null)
                .fact("termination.notice", "2022-10-10", "client", null, null, "reason", "quality");
        String right = "一般条款十四.2 月度考核不合格";
        assertEquals(List.of(), terms.findings("2022-11-09", right), "the last day to cure");
        Finding f = only(terms.findings("2022-11-10", right));
        assertTrue(f.getTitle().startsWith("甲方自 2022-11-10 起有权解除合同"), f.getTitle());
        assertTrue(f.getDetail().contains("考核不合格的月份：2022-09"), f.getDetail());
        assertEquals(LocalDate.of(2022, 11, 9), f.getDeadline());
        terms.fact("termination.cured", "2022-11-01", "termination.notice-2", null, null);
        assertEquals(List.of(), terms.findings("2022-11-10", right), "cured within the period");
    }

    @Test
    void a_failed_quarter_alone_opens_no_right_to_terminate_under_the_literal_monthly_reading() {
        terms = new TermsHarness();
        terms.fact("assessment.quarterly", "2022-10-08", "2022-Q3", "fail", null)
                .fact("assessment.monthly", "2022-10-08", "2022-09", "pass", null)
                .fact("termination.notice", "2022-10-10", "client", null, null, "reason", "quality");
        assertEquals(List.of(), terms.findings("2022-11-10", "一般条款十四.2"));
    }

    @Test
    void the_quarterly_reading_is_an_interpretation_that_opens_the_right_after_a_failed_quarter() {
        terms = new TermsHarness("termination.qualityBasis=quarterly-assessment");
        terms.fact("assessment.quarterly", "2022-10-08", "2022-Q3", "fail", null)
                .fact("termination.notice", "2022-10-10", "client", null, null, "reason", "quality");
        String right = "一般条款十四.2 季度考核不合格";
        assertEquals(List.of(), terms.findings("2022-11-09", right));
        Finding f = only(terms.findings("2022-11-10", right));
        assertTrue(f.getDetail().contains("termination.qualityBasis=quarterly-assessment（合同指定）"), f.getDetail());
    }

    @Test
    void a_major_security_incident_gives_the_client_the_right_to_terminate() {
        terms = new TermsHarness();
        terms.fact("incident.major-security", "2022-06-06", null, "confirmed", null, "description", "核心数据库被加密勒索");
        Finding f = only(terms.findings("2022-06-07", "一般条款十四.2 重大安全事件"));
        assertEquals(Severity.CRITICAL, f.getSeverity());
    }

    @Test
    void a_supplier_terminating_for_non_payment_recovers_the_fee_for_the_days_served() {
        // 2022-01-01..2022-06-30 = 181 days: 6,085,700.00 × 181 = 1,101,511,700.00; ÷ 365 = 3,017,840.274…
        // → 3,017,840.27; minus 1,000,000.00 paid = 2,017,840.27
        terms = new TermsHarness();
        terms.fact("payment.received", "2022-03-01", null, null, "1000000.00")
                .fact("termination.effective", "2022-06-30", "supplier", null, null, "noticeDate", "2022-05-20");
        LedgerEntry fee = only(terms.ledger("2022-07-01", "一般条款七.2 乙方因欠款终止合同"));
        assertEquals(new BigDecimal("2017840.27"), fee.getAmount());
        assertEquals(Payer.CLIENT, fee.getPayer());
        assertEquals(LedgerEntry.Category.FEE, fee.getCategory());
        assertEquals(List.of(), terms.ledger("2022-07-01", REFUND), "the client did not terminate: no refund");
    }

    @Test
    void service_after_expiry_is_billed_by_the_day() {
        // 2023-01-01..2023-01-31 = 31 days: 6,085,700.00 × 31 ÷ 365 = 516,867.671… → 516,867.67
        terms = new TermsHarness();
        terms.fact("service.after-expiry", "2023-01-31", null, null, null);
        LedgerEntry fee = only(terms.ledger("2023-02-01", "一般条款十六"));
        assertEquals(new BigDecimal("516867.67"), fee.getAmount());
        assertEquals(Payer.NEW_SUPPLIER, fee.getPayer(), "十六: 「由新服务商提供」");
        terms.close();

        // to 2024-02-29: 365 (2023) + 60 = 425 days; with the actual year length 366:
        // 6,085,700.00 × 425 ÷ 366 = 7,066,728.142… → 7,066,728.14 (÷ 365 would give 7,086,089.04)
        terms = new TermsHarness("afterExpiry.daysInYear=actual");
        terms.fact("service.after-expiry", "2024-02-29", null, null, null);
        assertEquals(new BigDecimal("7066728.14"), only(terms.ledger("2024-03-01", "一般条款十六")).getAmount());
    }
}
