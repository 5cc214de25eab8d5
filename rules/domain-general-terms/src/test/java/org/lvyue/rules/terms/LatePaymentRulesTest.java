package org.lvyue.rules.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.ledger.LedgerEntry;
import org.lvyue.api.ledger.Payer;

/**
 * 一般条款 七.2 on the demo contract (A = ¥6,085,700.00, due by 2022-12-31 after invoice and bond).
 *
 * <p>Hand count of the delay, due date 2022-12-31 (Saturday): 2022-12-31..2023-01-02 are 元旦 rest days,
 * so working day 1 of the delay is Tue 01-03; 01-03..01-06 = 4, 01-09..01-13 = 9, 01-16..01-20 = 14,
 * 01-21..01-27 春节 rest, Sat 01-28 and Sun 01-29 worked in exchange = 16, 01-30..02-03 = 21,
 * 02-06..02-10 = 26, 02-13..02-17 = 31. Interest therefore runs from Fri 2023-02-17.
 * One day of interest on the whole amount: 6,085,700.00 × 0.5% = 30,428.50; the cap: × 5% = 304,285.00.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LatePaymentRulesTest {
    private static final String INTEREST = "一般条款七.2 甲方逾期付款违约金";
    private TermsHarness terms;

    @AfterEach
    void close() {
        terms.close();
    }

    @Test
    void payment_on_the_30th_working_day_of_delay_owes_nothing() {
        terms = new TermsHarness();
        terms.invoiceAndBond().fact("payment.received", "2023-02-16", null, null, "6085700.00");
        assertEquals(List.of(), terms.ledger("2023-06-30", INTEREST));
    }

    @Test
    void payment_on_the_31st_working_day_owes_nothing_unless_the_payment_day_counts() {
        terms = new TermsHarness();
        terms.invoiceAndBond().fact("payment.received", "2023-02-17", null, null, "6085700.00");
        assertEquals(List.of(), terms.ledger("2023-06-30", INTEREST));
        terms.close();

        terms = new TermsHarness("latePayment.paymentDayCounts=yes");
        terms.invoiceAndBond().fact("payment.received", "2023-02-17", null, null, "6085700.00");
        LedgerEntry oneDay = only(terms.ledger("2023-06-30", INTEREST));
        assertEquals(new BigDecimal("30428.50"), oneDay.getAmount());
        assertTrue(oneDay.getInterpretations().contains("latePayment.paymentDayCounts=yes（合同指定）"),
                oneDay.getInterpretations().toString());
    }

    @Test
    void seven_calendar_days_or_five_working_days_of_interest_for_a_payment_a_week_later() {
        // paid Fri 2023-02-24, the payment day not counted: 02-17..02-23 = 7 calendar days,
        // of which working days are Fri 02-17 and Mon–Thu 02-20..02-23 = 5.
        terms = new TermsHarness();
        terms.invoiceAndBond().fact("payment.received", "2023-02-24", null, null, "6085700.00");
        LedgerEntry calendar = only(terms.ledger("2023-06-30", INTEREST));
        assertEquals(new BigDecimal("212999.50"), calendar.getAmount()); // 30,428.50 × 7
        assertEquals(Payer.CLIENT, calendar.getPayer());
        assertEquals("一般条款 七.2", calendar.getClause());
        assertEquals("2023-02-17", calendar.getInputs().get("起算日（逾期第 31 个工作日）"));
        assertEquals(List.of("payment.received-3"), calendar.getFactIds());
        terms.close();

        terms = new TermsHarness("latePayment.dayCount=working");
        terms.invoiceAndBond().fact("payment.received", "2023-02-24", null, null, "6085700.00");
        assertEquals(new BigDecimal("152142.50"), only(terms.ledger("2023-06-30", INTEREST)).getAmount()); // × 5
    }

    @Test
    void the_cap_of_five_percent_is_reached_after_ten_days_and_holds_after() {
        // paid 2023-02-27: 02-17..02-26 = 10 days → 304,285.00, exactly the cap
        terms = new TermsHarness();
        terms.invoiceAndBond().fact("payment.received", "2023-02-27", null, null, "6085700.00");
        assertEquals(new BigDecimal("304285.00"), only(terms.ledger("2023-06-30", INTEREST)).getAmount());
        terms.close();

        // paid 2023-03-15: 02-17..03-14 = 12 + 14 = 26 days → 791,141.00 uncapped, capped at 304,285.00
        terms = new TermsHarness();
        terms.invoiceAndBond().fact("payment.received", "2023-03-15", null, null, "6085700.00");
        LedgerEntry capped = only(terms.ledger("2023-06-30", INTEREST));
        assertEquals(new BigDecimal("304285.00"), capped.getAmount());
        assertEquals("¥791,141.00", capped.getInputs().get("未封顶金额"));
        assertTrue(capped.getTitle().contains("已达上限"), capped.getTitle());
    }

    @Test
    void only_the_part_paid_late_accrues_interest() {
        // ¥3,000,000.00 on time; ¥3,085,700.00 on 2023-02-24: 3,085,700 × 0.5% × 7 = 107,999.50 (cap 154,285.00)
        terms = new TermsHarness();
        terms.invoiceAndBond()
                .fact("payment.received", "2022-12-30", null, null, "3000000.00")
                .fact("payment.received", "2023-02-24", null, null, "3085700.00");
        LedgerEntry e = only(terms.ledger("2023-06-30", INTEREST));
        assertEquals(new BigDecimal("107999.50"), e.getAmount());
        assertEquals("¥3,085,700.00", e.getInputs().get("迟延金额"));
    }

    @Test
    void a_bond_received_late_moves_the_due_date_unless_the_due_date_is_read_as_fixed() {
        // bond on 2023-01-11: due 2023-01-11; working days after it: 01-12, 01-13 = 2, 01-16..01-20 = 7,
        // 01-28, 01-29 = 9, 01-30..02-03 = 14, 02-06..02-10 = 19, 02-13..02-17 = 24, 02-20..02-24 = 29,
        // 02-27 = 30, 02-28 = 31. Paid 2023-03-03: 02-28, 03-01, 03-02 = 3 days × 30,428.50 = 91,285.50.
        terms = new TermsHarness();
        terms.fact("payment.invoice", "2022-12-15", null, null, "6085700.00", "invoiceNo", "INV-1")
                .fact("bond.received", "2023-01-11", null, null, "608570.00", "validUntil", "2022-12-31")
                .fact("payment.received", "2023-03-03", null, null, "6085700.00");
        assertEquals(new BigDecimal("91285.50"), only(terms.ledger("2023-06-30", INTEREST)).getAmount());
        terms.close();

        // fixed: due 2022-12-31, interest from 2023-02-17: 02-17..03-02 = 14 days = 425,999.00 > cap
        terms = new TermsHarness("payment.dueDate=fixed-due-date");
        terms.fact("payment.invoice", "2022-12-15", null, null, "6085700.00", "invoiceNo", "INV-1")
                .fact("bond.received", "2023-01-11", null, null, "608570.00", "validUntil", "2022-12-31")
                .fact("payment.received", "2023-03-03", null, null, "6085700.00");
        assertEquals(new BigDecimal("304285.00"), only(terms.ledger("2023-06-30", INTEREST)).getAmount());
    }

    @Test
    void without_an_invoice_the_client_owes_no_interest() {
        // 四.3: no invoice, no liability for late payment
        terms = new TermsHarness();
        terms.fact("bond.received", "2022-12-20", null, null, "608570.00", "validUntil", "2022-12-31");
        assertEquals(List.of(), terms.at("2023-06-30").ledger());
    }

    @Test
    void unpaid_interest_grows_until_the_evaluation_day() {
        // unpaid on 2023-02-20: 02-17..02-19 = 3 days → 91,285.50
        terms = new TermsHarness();
        terms.invoiceAndBond();
        LedgerEntry e = only(terms.ledger("2023-02-20", INTEREST));
        assertEquals(new BigDecimal("91285.50"), e.getAmount());
        assertTrue(e.getInputs().get("各笔").contains("截至 2023-02-20 未付"), e.getInputs().toString());
    }

    @Test
    void the_supplier_may_terminate_or_suspend_after_more_than_thirty_days_of_delay() {
        // due 2022-12-31: 30 days late on 2023-01-30, 31 on 2023-01-31
        terms = new TermsHarness();
        terms.invoiceAndBond();
        String right = "一般条款七.2 逾期付款超过 30 天";
        assertEquals(List.of(), terms.findings("2023-01-30", right));
        Finding f = only(terms.findings("2023-01-31", right));
        assertTrue(f.getTitle().contains("逾期付款 31 天"), f.getTitle());
        terms.fact("payment.received", "2023-01-31", null, null, "6085700.00");
        assertEquals(List.of(), terms.findings("2023-02-01", right), "paid: the right is gone");
    }

    static <T> T only(List<T> list) {
        assertEquals(1, list.size(), () -> "expected one, got " + list);
        return list.get(0);
    }
}
