package org.lvyue.rest.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;

import org.lvyue.api.fact.Fact;

/** A stored fact as the API shows it: every field, the amount as a string of yuan. */
public record FactView(String id, String kind, String domain, String subject, LocalDate date, LocalDateTime time,
                       String status, String amount, Map<String, String> attributes, String source, Instant receivedAt) {
    static FactView of(Fact f) {
        return new FactView(f.getId(), f.getKind(), f.getDomain(), f.getSubject(), f.getDate(), f.getTime(), f.getStatus(),
                f.getAmount() == null ? null : MoneyViews.yuan(f.getAmount()), new java.util.TreeMap<>(f.getAttributes()),
                f.getSource(), f.getReceivedAt());
    }
}
