package org.lvyue.api.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.lvyue.api.contract.Interpretation;
import org.lvyue.api.waiver.Waiver;

/**
 * Every amount owed under a contract on one day, with the waivers in force, and the totals. Totals
 * add the rounded entries (each entry is rounded once, by {@link Money#fen}); a waived entry counts
 * in {@code waived}, not in what is owed.
 *
 * <p>{@code supplierOwes}, {@code clientOwes} and {@code net} are between 甲方 and 乙方 only. An amount a
 * third party owes ({@link Payer#NEW_SUPPLIER}: 一般条款 十六's fee for service after expiry, 「由新服务商提供」)
 * stays in {@code lines} with its clause, formula, inputs and facts, and is totalled apart in
 * {@code newSupplierOwes}: 甲方 does not owe it, so it never lowers or raises the net.
 *
 * @param contractId      the contract
 * @param asOf            the day
 * @param ruleSetVersion  the rule set that computed it
 * @param rounding        the rounding rule, in words
 * @param interpretations every interpretation of the contract, as chosen
 * @param lines           the entries, each with its waiver if one is in force
 * @param supplierOwes    Σ of the supplier's unwaived entries (penalties, refunds)
 * @param clientOwes      Σ of the client's unwaived entries (interest, fees)
 * @param waived          Σ of the waived entries, whoever owes them
 * @param net             supplierOwes − clientOwes: positive when the supplier owes the client on balance
 * @param newSupplierOwes Σ of the new service provider's unwaived entries (十六's fee after expiry), in no other total
 */
public record Ledger(String contractId, LocalDate asOf, long ruleSetVersion, String rounding,
                     List<Interpretation> interpretations, List<Line> lines, BigDecimal supplierOwes,
                     BigDecimal clientOwes, BigDecimal waived, BigDecimal net, BigDecimal newSupplierOwes) {
    /** Why the new service provider's amounts stand apart, in the words the API, reports and the shell show. */
    public static final String NEW_SUPPLIER_NOTE = "一般条款十六：合同期满后至甲方与新服务商签署服务合同前乙方继续服务的费用"
            + "「由新服务商提供」，不由甲方支付，不计入甲乙双方的应付与净额。";
    public static final String ROUNDING = "金额以 BigDecimal 精确计算，每笔在最后一步按四舍五入（HALF_UP）保留到分；"
            + "含除法（如 A÷365）的中间结果保留 34 位有效数字，除非解释项 money.rounding 指定先将日费用舍入到分。"
            + "合计为各笔舍入后金额之和。";

    public Ledger {
        interpretations = List.copyOf(interpretations);
        lines = List.copyOf(lines);
    }

    /** One entry and the waiver in force on the ledger's day (of the amount, or of the finding it follows from), or null. */
    public record Line(LedgerEntry entry, Waiver waiver) {
        public boolean waived() {
            return waiver != null;
        }
    }

    /** Builds the ledger of a day from the entries and the contract's waivers. */
    public static Ledger of(String contractId, LocalDate asOf, long ruleSetVersion, List<Interpretation> interpretations,
                            List<LedgerEntry> entries, List<Waiver> waivers) {
        BigDecimal supplier = BigDecimal.ZERO.setScale(2);
        BigDecimal client = BigDecimal.ZERO.setScale(2);
        BigDecimal waived = BigDecimal.ZERO.setScale(2);
        BigDecimal newSupplier = BigDecimal.ZERO.setScale(2);
        List<Line> lines = new java.util.ArrayList<>();
        for (LedgerEntry e : entries) {
            Waiver w = waivers.stream().filter(x -> x.activeOn(asOf)
                    && (x.target() == Waiver.Target.LEDGER && x.key().equals(e.getKey())
                        || x.target() == Waiver.Target.FINDING && x.key().equals(e.getFindingKey())))
                    .findFirst().orElse(null);
            lines.add(new Line(e, w));
            if (w != null) {
                waived = waived.add(e.getAmount());
                continue;
            }
            switch (e.getPayer()) {
                case SUPPLIER -> supplier = supplier.add(e.getAmount());
                case CLIENT -> client = client.add(e.getAmount());
                case NEW_SUPPLIER -> newSupplier = newSupplier.add(e.getAmount());
                default -> throw new IllegalStateException("no total for payer " + e.getPayer());
            }
        }
        return new Ledger(contractId, asOf, ruleSetVersion, ROUNDING, interpretations, lines, supplier, client, waived,
                supplier.subtract(client), newSupplier);
    }
}
