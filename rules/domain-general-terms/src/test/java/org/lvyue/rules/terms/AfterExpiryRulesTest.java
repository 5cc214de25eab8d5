package org.lvyue.rules.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lvyue.rules.terms.LatePaymentRulesTest.only;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.ledger.Ledger;
import org.lvyue.api.ledger.LedgerEntry;
import org.lvyue.api.ledger.Payer;

/**
 * 一般条款 十六 on the demo contract, as in the demo year: 乙方 serves on after 2022-12-31 through
 * January and February 2023 (one {@code service.after-expiry} fact per month, dated its last day).
 * Days served 2023-01-01..2023-02-28 = 31 + 28 = 59; 6,085,700.00 × 59 = 359,056,300.00;
 * ÷ 365 = 983,715.890410… → 983,715.89. The clause says this fee is 「由新服务商提供」: the new
 * provider pays it, so it is not in what 甲方 owes 乙方.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AfterExpiryRulesTest {
    private static final String AFTER_EXPIRY = "一般条款十六";
    private TermsHarness terms;

    @AfterEach
    void close() {
        terms.close();
    }

    private void servedThroughJanuaryAndFebruary2023() {
        terms.fact("service.after-expiry", "2023-01-31", null, null, null)
                .fact("service.after-expiry", "2023-02-28", null, null, null);
    }

    @Test
    void the_fee_for_service_after_expiry_is_owed_by_the_new_service_provider() {
        terms = new TermsHarness();
        servedThroughJanuaryAndFebruary2023();

        LedgerEntry fee = only(terms.ledger("2023-03-01", AFTER_EXPIRY));

        assertEquals(Payer.NEW_SUPPLIER, fee.getPayer());
        assertEquals("新服务商", fee.getPayer().label());
        assertEquals(new BigDecimal("983715.89"), fee.getAmount());
        assertEquals("一般条款 十六", fee.getClause());
        assertEquals("A × 服务天数 ÷ 当年天数", fee.getFormula());
        assertEquals("59", fee.getInputs().get("服务天数"));
        assertEquals("365", fee.getInputs().get("当年天数"));
        assertEquals(List.of("service.after-expiry-2"), fee.getFactIds(), "the last day served");
        assertEquals("合同期满后继续服务 59 天（2023-01-01 至 2023-02-28）的服务费，由新服务商提供", fee.getTitle());
    }

    @Test
    void the_new_providers_fee_is_in_no_total_between_the_client_and_the_supplier() {
        // beside it one confirmed service failure: 6,085,700.00 × 3% = 182,571.00 owed by 乙方
        terms = new TermsHarness();
        servedThroughJanuaryAndFebruary2023();
        terms.fact("service.failure", "2022-03-02", null, "confirmed", null, "description", "日检未执行");
        List<LedgerEntry> entries = terms.at("2023-03-01").ledger();
        assertEquals(2, entries.size(), entries::toString);

        Ledger ledger = Ledger.of(terms.contract.id(), LocalDate.of(2023, 3, 1), 1, List.of(), entries, List.of());

        assertEquals(new BigDecimal("182571.00"), ledger.supplierOwes());
        assertEquals(new BigDecimal("0.00"), ledger.clientOwes(), "甲方 owes none of 十六's fee");
        assertEquals(new BigDecimal("182571.00"), ledger.net());
        assertEquals(new BigDecimal("983715.89"), ledger.newSupplierOwes());
    }
}
