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
        assertEquals(LocalDate.of(2022, 10, 15), refund.getDueOn()); // notice 09-15 + 30 days
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
        assertEquals(List.of(), terms.findings("2022-10-15", overdue), "due that day");
        only(terms.findings("2022-10-16", overdue));
        terms.fact("refund.paid", "2022-10-14", null, null, "1533929.86");
        assertEquals(List.of(), terms.findings("2022-10-16", overdue));
    }

    @Test
    void the_supplier_may_terminate_when_non_payment_is_not_cured_within_thirty_days_of_its_notice() {
        terms = new TermsHarness();
        terms.invoiceAndBond()
                .fact("termination.notice", "2023-02-01", "supplier", null, null, "reason", "non-payment");
        String right = "一般条款十四.2 甲方欠款经书面通知";
        assertEquals(List.of(), terms.findings("2023-03-03", right), "02-01 + 30 = 03-03, the last day to cure");
        only(terms.findings("2023-03-04", right));
        terms.fact("termination.cured", "2023-02-20", "termination.notice-3", null, null);
        assertEquals(List.of(), terms.findings("2023-03-04", right));
    }

    @Test
    void the_client_may_terminate_after_a_failed_assessment_not_cured_within_thirty_days() {
        terms = new TermsHarness();
        terms.fact("assessment.quarterly", "2022-10-08", "2022-Q3", "fail", null)
                .fact("termination.notice", "2022-10-10", "client", null, null, "reason", "quality");
        String right = "一般条款十四.2 考核不合格";
        assertEquals(List.of(), terms.findings("2022-11-09", right));
        only(terms.findings("2022-11-10", right));
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
