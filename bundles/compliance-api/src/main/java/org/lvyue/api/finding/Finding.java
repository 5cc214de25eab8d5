package org.lvyue.api.finding;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import org.lvyue.api.calendar.Deadline;

/**
 * A violation (or a warning) that a rule derived from the facts: which rule, which clause of the
 * contract it enforces, how grave, for which period, and the facts that caused it. Rules insert
 * findings logically, so a finding disappears by itself when the facts behind it change.
 *
 * <p>The {@link #getKey() key} identifies the same finding across evaluations; it is built from the
 * rule, the obligation and the period, never from timestamps. It is put together when asked for, not
 * held: a year of missed checks is hundreds of findings in every contract's working memory, and their
 * keys would be as many strings again.
 */
public final class Finding {
    /** A key the rule gave itself, or null when it is made of the rule, obligation, period and discriminator. */
    private final String key;
    private final String discriminator;
    private final int hash;
    private final String contractId;
    private final String domain;
    private final String obligationId;
    private final String ruleName;
    private final String clause;
    private final Severity severity;
    private final LocalDate periodStart;
    private final LocalDate periodEnd;
    private final String periodLabel;
    private final String title;
    private final String detail;
    private final List<String> factIds;
    private final int occurrences;
    private final LocalDate deadline;
    private final String deadlineBasis;

    private Finding(Builder b) {
        this.contractId = Objects.requireNonNull(b.contractId, "contractId");
        this.domain = Objects.requireNonNull(b.domain, "domain");
        this.ruleName = Objects.requireNonNull(b.ruleName, "ruleName");
        this.clause = Objects.requireNonNull(b.clause, "clause");
        this.severity = Objects.requireNonNull(b.severity, "severity");
        this.title = Objects.requireNonNull(b.title, "title");
        this.periodStart = Objects.requireNonNull(b.periodStart, "periodStart");
        this.periodEnd = Objects.requireNonNull(b.periodEnd, "periodEnd");
        this.obligationId = b.obligationId;
        this.periodLabel = b.periodLabel == null ? periodStart + ".." + periodEnd : b.periodLabel;
        this.detail = b.detail;
        this.factIds = b.factIds == null ? List.of() : List.copyOf(b.factIds);
        this.occurrences = b.occurrences < 1 ? 1 : b.occurrences;
        this.deadline = b.deadline;
        // a handful of texts ("期间最后一日是法定休假日的……") repeated in hundreds of findings: held once
        this.deadlineBasis = b.deadline == null ? null : Objects.requireNonNull(b.deadlineBasis, "deadlineBasis").intern();
        this.key = b.key;
        this.discriminator = b.discriminator;
        this.hash = Objects.hash(contractId, getKey());
    }

    public static Builder builder() {
        return new Builder();
    }

    public String getKey() {
        return key != null ? key
                : domain + "/" + ruleName + "/" + (obligationId == null ? "-" : obligationId) + "/" + periodLabel
                        + (discriminator == null ? "" : "/" + discriminator);
    }
    public String getContractId() { return contractId; }
    public String getDomain() { return domain; }
    /** The catalogue obligation the finding is about, if any. */
    public String getObligationId() { return obligationId; }
    /** The DRL rule that derived it, named after the clause it enforces. */
    public String getRuleName() { return ruleName; }
    /** The contract clause, in the contract's own numbering, e.g. {@code 附件二 5}. */
    public String getClause() { return clause; }
    public Severity getSeverity() { return severity; }
    public LocalDate getPeriodStart() { return periodStart; }
    public LocalDate getPeriodEnd() { return periodEnd; }
    /** e.g. {@code 2022}, {@code 2022-Q3}, {@code 2022-03}, {@code 2022-03-07}. */
    public String getPeriodLabel() { return periodLabel; }
    /** One line in Chinese saying what is wrong. */
    public String getTitle() { return title; }
    /** Details in Chinese: what was expected, what was found. */
    public String getDetail() { return detail; }
    /** The ids of the facts that caused the finding (empty when it is the absence of a fact). */
    public List<String> getFactIds() { return factIds; }
    /** How many missed occurrences the finding stands for (the days of a month without a daily check); 1 otherwise. */
    public int getOccurrences() { return occurrences; }
    /** The last day the rule held the facts against (the period ends at 24:00 of it), or null when none applies. */
    public LocalDate getDeadline() { return deadline; }
    /** How that last day was found, in Chinese (the period, its start, a move past a rest day); null without one. */
    public String getDeadlineBasis() { return deadlineBasis; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Finding f && hash == f.hash && getKey().equals(f.getKey()) && contractId.equals(f.contractId)
                && Objects.equals(title, f.title) && Objects.equals(detail, f.detail) && factIds.equals(f.factIds)
                && occurrences == f.occurrences && Objects.equals(deadline, f.deadline)
                && Objects.equals(deadlineBasis, f.deadlineBasis)
                && severity == f.severity;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "Finding[" + getKey() + " " + severity + " " + title + "]";
    }

    public static final class Builder {
        private String key, contractId, domain, obligationId, ruleName, clause, periodLabel, title, detail, discriminator;
        private Severity severity;
        private LocalDate periodStart, periodEnd;
        private List<String> factIds;
        private int occurrences = 1;
        private LocalDate deadline;
        private String deadlineBasis;

        public Builder key(String v) { key = v; return this; }
        public Builder contractId(String v) { contractId = v; return this; }
        public Builder domain(String v) { domain = v; return this; }
        public Builder obligation(String v) { obligationId = v; return this; }
        public Builder rule(String v) { ruleName = v; return this; }
        public Builder clause(String v) { clause = v; return this; }
        public Builder severity(Severity v) { severity = v; return this; }
        public Builder period(LocalDate start, LocalDate end, String label) {
            periodStart = start;
            periodEnd = end;
            periodLabel = label;
            return this;
        }
        public Builder title(String v) { title = v; return this; }
        public Builder detail(String v) { detail = v; return this; }
        public Builder facts(List<String> v) { factIds = v; return this; }
        public Builder facts(String... v) { factIds = List.of(v); return this; }
        public Builder occurrences(int v) { occurrences = v; return this; }
        /** The period the finding was judged against, counted by the calendar. */
        public Builder deadline(Deadline d) {
            deadline = d.end();
            deadlineBasis = d.describe();
            return this;
        }
        /** A last day found otherwise (the end of a reporting period), with how it was found. */
        public Builder deadline(LocalDate day, String basis) {
            deadline = day;
            deadlineBasis = basis;
            return this;
        }
        /** Distinguishes two findings of one rule, obligation and period, e.g. the subject of a fact. */
        public Builder discriminator(String v) { discriminator = v; return this; }
        public Finding build() { return new Finding(this); }
    }
}
