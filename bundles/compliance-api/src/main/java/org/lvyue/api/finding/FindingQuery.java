package org.lvyue.api.finding;

import java.time.LocalDate;

/**
 * Filters over a contract's findings; null means "any". A finding matches a period when its own
 * period overlaps {@code [from, to]}; it matches a clause when its clause id is exactly {@code clause}
 * (e.g. {@code 一般条款 七.1}).
 */
public record FindingQuery(String domain, LocalDate from, LocalDate to, FindingStatus status, int limit, int offset,
                           Severity severity, String clause) {

    /** Without severity and clause filters. */
    public FindingQuery(String domain, LocalDate from, LocalDate to, FindingStatus status, int limit, int offset) {
        this(domain, from, to, status, limit, offset, null, null);
    }

    public static FindingQuery all() {
        return new FindingQuery(null, null, null, null, Integer.MAX_VALUE, 0);
    }
}
