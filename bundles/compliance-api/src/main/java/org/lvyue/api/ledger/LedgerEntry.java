package org.lvyue.api.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.lvyue.api.calendar.Deadline;

/**
 * One amount owed under the contract, as a rule derived it: who pays, how much, by when, under
 * which clause, by which formula from which inputs, under which interpretations, from which facts.
 * Rules insert entries logically, like findings, so an amount changes or disappears by itself when
 * the facts behind it do.
 *
 * <p>The {@link #getKey() key} identifies the same amount across evaluations (rule + discriminator),
 * so a waiver can refer to it.
 */
public final class LedgerEntry {
    private final String key;
    private final String contractId;
    private final String rule;
    private final String clause;
    private final Payer payer;
    private final String kind;
    private final Category category;
    private final BigDecimal amount;
    private final LocalDate dueOn;
    private final String title;
    private final String formula;
    private final Map<String, String> inputs;
    private final List<String> orderedInputs;
    private final List<String> interpretations;
    private final List<String> factIds;
    private final String findingKey;
    private final LocalDate deadline;
    private final String deadlineBasis;

    private LedgerEntry(Builder b) {
        this.contractId = Objects.requireNonNull(b.contractId, "contractId");
        this.rule = Objects.requireNonNull(b.rule, "rule");
        this.clause = Objects.requireNonNull(b.clause, "clause");
        this.payer = Objects.requireNonNull(b.payer, "payer");
        this.kind = Objects.requireNonNull(b.kind, "kind");
        this.category = b.category != null ? b.category : b.payer == Payer.SUPPLIER ? Category.PENALTY : Category.FEE;
        this.title = Objects.requireNonNull(b.title, "title");
        this.formula = Objects.requireNonNull(b.formula, "formula");
        this.amount = Money.fen(Objects.requireNonNull(b.amount, "amount"));
        this.dueOn = b.dueOn;
        this.inputs = Map.copyOf(b.inputs);
        this.interpretations = b.interpretations == null ? List.of() : List.copyOf(b.interpretations);
        this.factIds = b.factIds == null ? List.of() : List.copyOf(b.factIds);
        this.findingKey = b.findingKey;
        this.deadline = b.deadline;
        this.deadlineBasis = b.deadline == null ? null : Objects.requireNonNull(b.deadlineBasis, "deadlineBasis");
        this.key = rule + (b.discriminator == null ? "" : "/" + b.discriminator);
        this.orderedInputs = List.copyOf(b.inputs.keySet());
    }

    public static Builder builder() {
        return new Builder();
    }

    public String getKey() { return key; }
    public String getContractId() { return contractId; }
    /** The rule that derived it, named after its clause. */
    public String getRule() { return rule; }
    public String getClause() { return clause; }
    public Payer getPayer() { return payer; }
    /** 违约金 (penalty), 逾期付款违约金 (interest), 退款 (refund), 服务费 (fee)... */
    public String getKind() { return kind; }
    /** What the amount is, as its rule says, for readers that total or pick entries (never by rule name). */
    public Category getCategory() { return category; }
    /** Yuan, rounded to the fen by {@link Money#fen}. */
    public BigDecimal getAmount() { return amount; }
    /** When it is due, or null when the contract sets no date. */
    public LocalDate getDueOn() { return dueOn; }
    public String getTitle() { return title; }
    /** The formula in words and symbols, e.g. {@code A × 3%}. */
    public String getFormula() { return formula; }
    /** The formula's inputs, in the order the formula uses them. */
    public Map<String, String> getInputs() {
        Map<String, String> ordered = new LinkedHashMap<>();
        orderedInputs.forEach(k -> ordered.put(k, inputs.get(k)));
        return ordered;
    }
    /** The interpretations the amount depends on, each as {@code id=value（默认|合同指定）}. */
    public List<String> getInterpretations() { return interpretations; }
    public List<String> getFactIds() { return factIds; }
    /** The finding this amount follows from, or null: waiving that finding waives the amount too. */
    public String getFindingKey() { return findingKey; }
    /** The contract period the amount was computed against (e.g. when late-payment interest starts), or null. */
    public LocalDate getDeadline() { return deadline; }
    /** How that last day was found, in Chinese; null without one. */
    public String getDeadlineBasis() { return deadlineBasis; }

    @Override
    public boolean equals(Object o) {
        return o instanceof LedgerEntry e && key.equals(e.key) && contractId.equals(e.contractId)
                && amount.compareTo(e.amount) == 0 && payer == e.payer && category == e.category && Objects.equals(dueOn, e.dueOn)
                && Objects.equals(deadline, e.deadline)
                && formula.equals(e.formula) && inputs.equals(e.inputs) && factIds.equals(e.factIds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(contractId, key);
    }

    @Override
    public String toString() {
        return "LedgerEntry[" + key + " " + payer + " " + amount + "]";
    }

    /**
     * What an amount is, set by the rule that charges it; {@link #getKind()} is its Chinese label. Reports
     * and the dashboard select and total entries by it.
     */
    public enum Category {
        /** 违约金, 损失赔偿 and their adjustments: owed by the party in breach. */
        PENALTY,
        /** Interest on a late payment (逾期付款违约金). */
        INTEREST,
        /** A fee for service rendered (服务费). */
        FEE,
        /** Contract money paid back (退款), e.g. after a breach of confidentiality. */
        REFUND,
        /** The contract money for the days after an early termination, paid back day by day: what a settlement refunds. */
        TERMINATION_REFUND;

        /** Whether the amount is contract money paid back. */
        public boolean isRefund() {
            return this == REFUND || this == TERMINATION_REFUND;
        }
    }

    public static final class Builder {
        private String contractId, rule, clause, kind, title, formula, discriminator, findingKey;
        private Payer payer;
        private Category category;
        private BigDecimal amount;
        private LocalDate dueOn, deadline;
        private String deadlineBasis;
        private final Map<String, String> inputs = new LinkedHashMap<>();
        private List<String> interpretations, factIds;

        public Builder contractId(String v) { contractId = v; return this; }
        public Builder rule(String v) { rule = v; return this; }
        public Builder clause(String v) { clause = v; return this; }
        public Builder payer(Payer v) { payer = v; return this; }
        public Builder kind(String v) { kind = v; return this; }
        /** Defaults to {@link Category#PENALTY} for what the supplier owes, {@link Category#FEE} otherwise. */
        public Builder category(Category v) { category = v; return this; }
        public Builder amount(BigDecimal v) { amount = v; return this; }
        public Builder dueOn(LocalDate v) { dueOn = v; return this; }
        public Builder title(String v) { title = v; return this; }
        public Builder formula(String v) { formula = v; return this; }
        public Builder input(String name, Object value) { inputs.put(name, String.valueOf(value)); return this; }
        public Builder interpretations(List<String> v) { interpretations = v; return this; }
        public Builder interpretations(String... v) { interpretations = List.of(v); return this; }
        public Builder facts(List<String> v) { factIds = v; return this; }
        public Builder facts(String... v) { factIds = List.of(v); return this; }
        /** The finding this amount follows from. */
        public Builder finding(String key) { findingKey = key; return this; }
        /** The period the amount was computed against, counted by the calendar. */
        public Builder deadline(Deadline d) {
            deadline = d.end();
            deadlineBasis = d.describe();
            return this;
        }
        /** Distinguishes two amounts of one rule, e.g. the id of the fact behind each. */
        public Builder discriminator(String v) { discriminator = v; return this; }
        public LedgerEntry build() { return new LedgerEntry(this); }
    }
}
