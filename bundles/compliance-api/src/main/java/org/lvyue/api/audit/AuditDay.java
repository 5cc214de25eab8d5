package org.lvyue.api.audit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One day of the audit log as the rules see it: the day's entries of the actions some active domain
 * reads, in the order they arrived, and the same entries by action.
 *
 * <p>The engine holds the log in the working memory a day at a time, not an entry at a time. A year
 * has about a million entries, of which the rules flag a few hundred; an inserted fact costs Drools a
 * fact handle and a tuple in every node it reaches, for as long as it lives, which for the log was
 * three quarters of a full evaluation. A rule reads a day with {@code from}, asking for the action it
 * checks:
 *
 * <pre>
 * $l : AuditDay()
 * $e : AuditEvent(classified) from $l.of("file-download")
 * </pre>
 *
 * and where the check's test of an entry is a method of the check's data (the allowed hours, the
 * known networks), that method selects from the day's entries, so only the entries it flags become
 * tuples. When entries of a day already held arrive, the engine replaces that day by one holding them
 * all, and only that day's rules run again.
 */
public final class AuditDay {
    private final LocalDate day;
    private final List<AuditEvent> entries;
    private final Map<String, List<AuditEvent>> byAction;

    /**
     * @param day     the day of every entry
     * @param entries the entries, in arrival order
     * @throws IllegalArgumentException when an entry is of another day
     */
    public AuditDay(LocalDate day, Collection<AuditEvent> entries) {
        this.day = Objects.requireNonNull(day, "day");
        this.entries = List.copyOf(entries);
        Map<String, List<AuditEvent>> grouped = new HashMap<>();
        for (AuditEvent e : this.entries) {
            if (!e.getDay().equals(day)) {
                throw new IllegalArgumentException("audit entry " + e.id() + " of " + e.getDay() + " is not of " + day);
            }
            grouped.computeIfAbsent(e.action(), a -> new ArrayList<>()).add(e);
        }
        grouped.replaceAll((a, list) -> Collections.unmodifiableList(list));
        this.byAction = grouped;
    }

    public LocalDate getDay() {
        return day;
    }

    /** Every entry of the day, in arrival order. */
    public List<AuditEvent> entries() {
        return entries;
    }

    /** The day's entries of that action, in arrival order; empty when there is none. */
    public List<AuditEvent> of(String action) {
        return byAction.getOrDefault(action, List.of());
    }

    /** The day's entries of either action: those of the first, then those of the second. */
    public List<AuditEvent> of(String action, String orAction) {
        List<AuditEvent> first = of(action);
        List<AuditEvent> second = of(orAction);
        if (second.isEmpty() || action.equals(orAction)) {
            return first;
        }
        if (first.isEmpty()) {
            return second;
        }
        List<AuditEvent> both = new ArrayList<>(first.size() + second.size());
        both.addAll(first);
        both.addAll(second);
        return both;
    }

    /** Whether the day has an entry of that action, e.g. {@code login}. */
    public boolean has(String action) {
        return byAction.containsKey(action);
    }

    /** This day's entries followed by {@code more}. */
    public AuditDay with(Collection<AuditEvent> more) {
        List<AuditEvent> all = new ArrayList<>(entries.size() + more.size());
        all.addAll(entries);
        all.addAll(more);
        return new AuditDay(day, all);
    }

    @Override
    public String toString() {
        return "AuditDay[" + day + ", " + entries.size() + " entries]";
    }
}
