package org.lvyue.api.fact;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;

import org.lvyue.api.spi.PeriodLabels;

/**
 * One collected fact about the contract's performance: an inspection record, a delivered document,
 * a drill, a payment, a support ticket... Every kind of fact shares this shape; what a kind requires
 * of it is declared in the owning domain's catalogue ({@link FactKind}), so a new domain bundle
 * brings new kinds without changing this class. Immutable, so rules can share it safely.
 *
 * <p>Facts are ordered by when they happened: date, then time (a fact without a time comes first on
 * its day), then id. Rules find "the first X of a period" with {@code min} over this order, which
 * Drools maintains incrementally, instead of a pairwise {@code not Fact(date < $x.date)}, which is
 * quadratic in the number of facts.
 */
public final class Fact implements Comparable<Fact> {
    private static final Comparator<Fact> CHRONOLOGICAL = Comparator.comparing(Fact::getDate)
            .thenComparing(Fact::getTime, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Fact::getId).thenComparing(Fact::getContractId);

    private final String id;
    private final String contractId;
    private final String domain;
    private final String kind;
    private final String subject;
    private final LocalDate date;
    private final LocalDateTime time;
    private final String status;
    private final BigDecimal amount;
    private final Map<String, String> attributes;
    private final String source;
    private final Instant receivedAt;
    /**
     * The week and month labels, made on first use: rules index facts by them, so Drools asks for them at every
     * insertion into a node that joins on them. A racy single check is enough: a String is immutable.
     */
    private String week;
    private String month;

    private Fact(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.contractId = Objects.requireNonNull(b.contractId, "contractId");
        this.domain = Objects.requireNonNull(b.domain, "domain");
        this.kind = Objects.requireNonNull(b.kind, "kind");
        this.date = Objects.requireNonNull(b.date, "date");
        this.subject = b.subject;
        this.time = b.time;
        this.status = b.status;
        this.amount = b.amount;
        this.attributes = b.attributes == null ? Map.of() : Map.copyOf(b.attributes);
        this.source = b.source;
        this.receivedAt = b.receivedAt;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Client-supplied identifier, unique within a contract; a retried fact with the same id is not stored twice. */
    public String getId() { return id; }
    public String getContractId() { return contractId; }
    /** The service domain that owns the fact's kind, e.g. {@code emergency-drill}. */
    public String getDomain() { return domain; }
    /** The fact kind, e.g. {@code drill.performed}; declared by the domain's catalogue. */
    public String getKind() { return kind; }
    /** What the fact is about: a check item id, a deliverable id, a ticket number; kind-specific. */
    public String getSubject() { return subject; }
    /** The business date the fact belongs to (contract-local, Beijing time). */
    public LocalDate getDate() { return date; }
    /** The local date-time of the event where the kind records one. */
    public LocalDateTime getTime() { return time; }
    /** A kind-specific outcome, e.g. {@code ok}/{@code abnormal} for an inspection. */
    public String getStatus() { return status; }
    /** An amount in yuan where the kind records one (payments). */
    public BigDecimal getAmount() { return amount; }
    public Map<String, String> getAttributes() { return attributes; }
    /** Convenience for rules: one attribute, or null. */
    public String attr(String name) { return attributes.get(name); }
    /** The authenticated user who submitted the fact. */
    public String getSource() { return source; }
    /** When the product acknowledged the fact. */
    public Instant getReceivedAt() { return receivedAt; }

    public Builder toBuilder() {
        return builder().id(id).contractId(contractId).domain(domain).kind(kind).subject(subject).date(date)
                .time(time).status(status).amount(amount).attributes(attributes).source(source).receivedAt(receivedAt);
    }

    /** Same content, ignoring who sent it and when: a retried fact is the same fact. */
    public boolean sameContentAs(Fact o) {
        return id.equals(o.id) && contractId.equals(o.contractId) && domain.equals(o.domain) && kind.equals(o.kind)
                && Objects.equals(subject, o.subject) && date.equals(o.date) && Objects.equals(time, o.time)
                && Objects.equals(status, o.status)
                && (amount == null ? o.amount == null : o.amount != null && amount.compareTo(o.amount) == 0)
                && attributes.equals(o.attributes);
    }

    /** The fact's ISO week, {@code 2022-W09}: rules join it to the WEEKLY period of the same label. */
    public String getWeek() {
        String w = week;
        if (w == null) {
            week = w = PeriodLabels.week(date);
        }
        return w;
    }

    /** The fact's month, {@code 2022-03}. */
    public String getMonth() {
        String m = month;
        if (m == null) {
            month = m = PeriodLabels.month(date);
        }
        return m;
    }

    /** The fact's quarter, {@code 2022-Q1}. */
    public String getQuarter() {
        return PeriodLabels.quarter(date);
    }

    /** The fact's year, {@code 2022}. */
    public String getYear() {
        return Integer.toString(date.getYear());
    }

    @Override
    public int compareTo(Fact o) {
        return CHRONOLOGICAL.compare(this, o);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fact f && id.equals(f.id) && contractId.equals(f.contractId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(contractId, id);
    }

    @Override
    public String toString() {
        return "Fact[" + id + " " + kind + (subject == null ? "" : " " + subject) + " " + date + "]";
    }

    public static final class Builder {
        private String id, contractId, domain, kind, subject, status, source;
        private LocalDate date;
        private LocalDateTime time;
        private BigDecimal amount;
        private Map<String, String> attributes;
        private Instant receivedAt;

        public Builder id(String v) { id = v; return this; }
        public Builder contractId(String v) { contractId = v; return this; }
        public Builder domain(String v) { domain = v; return this; }
        public Builder kind(String v) { kind = v; return this; }
        public Builder subject(String v) { subject = v; return this; }
        public Builder date(LocalDate v) { date = v; return this; }
        public Builder time(LocalDateTime v) { time = v; return this; }
        public Builder status(String v) { status = v; return this; }
        public Builder amount(BigDecimal v) { amount = v; return this; }
        public Builder attributes(Map<String, String> v) { attributes = v; return this; }
        public Builder source(String v) { source = v; return this; }
        public Builder receivedAt(Instant v) { receivedAt = v; return this; }
        public Fact build() { return new Fact(this); }
    }
}
