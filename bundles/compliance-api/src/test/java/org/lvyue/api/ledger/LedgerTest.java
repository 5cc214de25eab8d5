package org.lvyue.api.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.waiver.Waiver;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerTest {
    private static final LocalDate DAY = LocalDate.of(2023, 1, 10);

    private static LedgerEntry entry(String rule, Payer payer, String amount, String finding) {
        return LedgerEntry.builder().contractId("c").rule(rule).clause("条款").payer(payer).kind("违约金")
                .amount(new BigDecimal(amount)).title(rule).formula("f").finding(finding).build();
    }

    private static Waiver waiver(Waiver.Target target, String key, LocalDate expires, Instant withdrawn) {
        return new Waiver(1, "c", target, key, "理由", expires, "admin", Instant.EPOCH, withdrawn == null ? null : "admin",
                withdrawn, withdrawn == null ? null : "撤回");
    }

    @Test
    void totals_add_each_side_and_the_net_is_what_the_supplier_owes_on_balance() {
        Ledger l = Ledger.of("c", DAY, 1, List.of(), List.of(entry("p1", Payer.SUPPLIER, "182571.00", null),
                entry("p2", Payer.SUPPLIER, "182571.00", null), entry("i", Payer.CLIENT, "304285.00", null)), List.of());
        assertEquals(new BigDecimal("365142.00"), l.supplierOwes());
        assertEquals(new BigDecimal("304285.00"), l.clientOwes());
        assertEquals(new BigDecimal("60857.00"), l.net());
        assertEquals(new BigDecimal("0.00"), l.waived());
        assertEquals(new BigDecimal("0.00"), l.newSupplierOwes());
    }

    @Test
    void what_the_new_service_provider_owes_is_totalled_apart_and_never_in_the_net_between_the_parties() {
        // 一般条款 十六: 59 days after expiry, 6,085,700.00 × 59 ÷ 365 = 983,715.89, 「由新服务商提供」
        Ledger l = Ledger.of("c", DAY, 1, List.of(), List.of(entry("p", Payer.SUPPLIER, "182571.00", null),
                entry("i", Payer.CLIENT, "152142.50", null), entry("十六", Payer.NEW_SUPPLIER, "983715.89", null)), List.of());
        assertEquals(new BigDecimal("182571.00"), l.supplierOwes());
        assertEquals(new BigDecimal("152142.50"), l.clientOwes());
        assertEquals(new BigDecimal("30428.50"), l.net(), "182,571.00 − 152,142.50: the supplier owes on balance");
        assertEquals(new BigDecimal("983715.89"), l.newSupplierOwes());
        assertEquals(3, l.lines().size(), "the new provider's amount stays in the ledger");
        assertEquals(Payer.NEW_SUPPLIER, l.lines().get(2).entry().getPayer());
    }

    @Test
    void a_waived_amount_of_the_new_service_provider_counts_only_as_waived() {
        Ledger l = Ledger.of("c", DAY, 1, List.of(), List.of(entry("十六", Payer.NEW_SUPPLIER, "983715.89", null)),
                List.of(waiver(Waiver.Target.LEDGER, "十六", null, null)));
        assertEquals(new BigDecimal("0.00"), l.newSupplierOwes());
        assertEquals(new BigDecimal("983715.89"), l.waived());
        assertEquals(new BigDecimal("0.00"), l.net());
    }

    @Test
    void an_amount_is_waived_by_its_own_waiver_or_by_a_waiver_of_the_finding_it_follows_from() {
        List<LedgerEntry> entries = List.of(entry("p1", Payer.SUPPLIER, "100.00", "finding/a"),
                entry("p2", Payer.SUPPLIER, "200.00", null), entry("p3", Payer.SUPPLIER, "400.00", null));
        Ledger l = Ledger.of("c", DAY, 1, List.of(), entries, List.of(
                waiver(Waiver.Target.FINDING, "finding/a", null, null),
                waiver(Waiver.Target.LEDGER, "p2", DAY, null),                         // expires today: still in force
                waiver(Waiver.Target.LEDGER, "p3", null, Instant.parse("2023-01-09T00:00:00Z")))); // withdrawn
        assertEquals(new BigDecimal("300.00"), l.waived());
        assertEquals(new BigDecimal("400.00"), l.supplierOwes());
        assertNull(l.lines().get(2).waiver());
        assertEquals(new BigDecimal("700.00"), Ledger.of("c", DAY.plusDays(1), 1, List.of(), entries,
                List.of(waiver(Waiver.Target.LEDGER, "p2", DAY, null))).supplierOwes(), "expired the day after");
    }

    @Test
    void money_rounds_once_half_up_to_the_fen() {
        assertEquals(new BigDecimal("1533929.86"), Money.fen(Money.divide(new BigDecimal("6085700.00")
                .multiply(BigDecimal.valueOf(92)), BigDecimal.valueOf(365))));
        assertEquals(new BigDecimal("0.01"), Money.fen(new BigDecimal("0.005")));
        assertEquals("¥1,217,140.00", Money.yuan(new BigDecimal("1217140")));
    }
}
