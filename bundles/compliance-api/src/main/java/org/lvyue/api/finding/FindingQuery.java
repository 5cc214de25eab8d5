package org.lvyue.api.finding;

import java.time.LocalDate;

/**
 * Filters over a contract's findings; null means "any". A finding matches a period when its own
 * period overlaps {@code [from, to]}.
 */
public record FindingQuery(String domain, LocalDate from, LocalDate to, FindingStatus status, int limit, int offset) {
    public static FindingQuery all() {
        return new FindingQuery(null, null, null, null, Integer.MAX_VALUE, 0);
    }
}
