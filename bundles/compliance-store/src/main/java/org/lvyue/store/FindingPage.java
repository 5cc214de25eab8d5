package org.lvyue.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.FindingQuery;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.finding.FindingStatus;

/**
 * The findings a query selects out of a contract's findings as recorded, with their status on a day, by period
 * start, domain and key: answered from the findings the store keeps of each contract instead of reading and sorting
 * every row of the day's status in the database at each page. A finding stored OPEN is WAIVED on a day a waiver of it
 * is in force.
 */
final class FindingPage {
    /** The order of the pages; the same on every database (Java's string order, which is also H2's). */
    static final Comparator<FindingRecord> ORDER = Comparator
            .comparing((FindingRecord r) -> r.finding().getPeriodStart())
            .thenComparing(r -> r.finding().getDomain(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(r -> r.finding().getKey());

    private FindingPage() {
    }

    /**
     * The finding with its status on a day: stored OPEN, it is WAIVED while a waiver of it is in force.
     *
     * @param waived the keys of the findings a waiver is in force for on that day
     */
    static FindingRecord onDay(FindingRecord r, Set<String> waived) {
        if (r.status() != FindingStatus.OPEN || !waived.contains(r.finding().getKey())) {
            return r;
        }
        return new FindingRecord(r.finding(), FindingStatus.WAIVED, r.firstSeenAt(), r.changedAt(), r.resolvedAt(),
                r.ruleBundle(), r.ruleBundleVersion());
    }

    /**
     * @param recorded the contract's findings with their stored status (OPEN or RESOLVED)
     * @param waived   the keys of the findings a waiver is in force for on the day asked
     */
    static List<FindingRecord> select(Collection<FindingRecord> recorded, FindingQuery q, Set<String> waived) {
        List<FindingRecord> selected = new ArrayList<>();
        for (FindingRecord r : recorded) {
            Finding f = r.finding();
            if (q.domain() != null && !q.domain().equals(f.getDomain())
                    || q.from() != null && f.getPeriodEnd().isBefore(q.from())
                    || q.to() != null && f.getPeriodStart().isAfter(q.to())
                    || q.severity() != null && q.severity() != f.getSeverity()
                    || q.clause() != null && !q.clause().equals(f.getClause())) {
                continue;
            }
            FindingRecord onDay = onDay(r, waived);
            if (q.status() != null && q.status() != onDay.status()) {
                continue;
            }
            selected.add(onDay);
        }
        selected.sort(ORDER);
        int from = (int) Math.min(q.offset(), selected.size());
        int to = (int) Math.min((long) from + q.limit(), selected.size());
        return List.copyOf(selected.subList(from, to));
    }
}
