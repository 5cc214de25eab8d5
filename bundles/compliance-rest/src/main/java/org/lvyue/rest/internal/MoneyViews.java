package org.lvyue.rest.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.lvyue.api.contract.Interpretation;
import org.lvyue.api.ledger.Ledger;
import org.lvyue.api.ledger.LedgerEntry;
import org.lvyue.api.waiver.Waiver;

/**
 * JSON shapes of the ledger, waivers and interpretations. Amounts are strings with two decimals
 * ({@code "182571.00"}), so no JSON reader turns yuan into binary floating point.
 */
final class MoneyViews {
    private MoneyViews() {
    }

    static String yuan(BigDecimal amount) {
        return amount.setScale(2).toPlainString();
    }

    record InterpretationView(String id, String clause, String title, String value, String defaultValue,
                              boolean isDefault, List<String> options) {
        static InterpretationView of(Interpretation i) {
            return new InterpretationView(i.id(), i.clause(), i.title(), i.value(), i.defaultValue(), i.isDefault(),
                    i.options());
        }
    }

    record WaiverView(long id, String target, String key, String justification, LocalDate expiresOn, String createdBy,
                      Instant createdAt, String withdrawnBy, Instant withdrawnAt, String withdrawReason,
                      boolean activeToday) {
        static WaiverView of(Waiver w, LocalDate today) {
            return new WaiverView(w.id(), w.target().name(), w.key(), w.justification(), w.expiresOn(), w.createdBy(),
                    w.createdAt(), w.withdrawnBy(), w.withdrawnAt(), w.withdrawReason(), w.activeOn(today));
        }
    }

    record EntryView(String key, String rule, String clause, String payer, String payerLabel, String kind, String title,
                     String amount, LocalDate dueOn, String formula, Map<String, String> inputs,
                     List<String> interpretations, List<String> factIds, WaiverView waiver, LocalDate deadline,
                     String deadlineBasis) {
        static EntryView of(Ledger.Line line, LocalDate day) {
            LedgerEntry e = line.entry();
            return new EntryView(e.getKey(), e.getRule(), e.getClause(), e.getPayer().name(), e.getPayer().label(),
                    e.getKind(), e.getTitle(), yuan(e.getAmount()), e.getDueOn(), e.getFormula(), e.getInputs(),
                    e.getInterpretations(), e.getFactIds(), line.waiver() == null ? null : WaiverView.of(line.waiver(), day),
                    e.getDeadline(), e.getDeadlineBasis());
        }
    }

    /** Between 甲方 and 乙方, then apart what the new service provider owes (一般条款 十六), with why. */
    record Totals(String supplierOwes, String clientOwes, String waived, String net, String netMeaning,
                  String newSupplierOwes, String newSupplierMeaning) {
        static Totals of(Ledger l) {
            return new Totals(yuan(l.supplierOwes()), yuan(l.clientOwes()), yuan(l.waived()), yuan(l.net()),
                    l.net().signum() >= 0 ? "乙方净应付甲方" : "甲方净应付乙方", yuan(l.newSupplierOwes()),
                    Ledger.NEW_SUPPLIER_NOTE);
        }
    }

    record LedgerView(String contractId, LocalDate asOf, long ruleSetVersion, String rounding,
                      List<InterpretationView> interpretations, int count, List<EntryView> entries, Totals totals) {
        static LedgerView of(Ledger l) {
            List<EntryView> entries = l.lines().stream().map(line -> EntryView.of(line, l.asOf())).toList();
            return new LedgerView(l.contractId(), l.asOf(), l.ruleSetVersion(), l.rounding(),
                    l.interpretations().stream().map(InterpretationView::of).toList(), entries.size(), entries,
                    Totals.of(l));
        }
    }
}
