package org.lvyue.demo;

import java.time.LocalDate;
import java.util.List;

/**
 * A violation the generator put into the demo year on purpose, with what should find it.
 *
 * @param id           {@code V01}, ...
 * @param clause       the contract clause it breaks
 * @param domain       the domain id as the catalogues name it (for an audit-log anomaly, the domain of the check that
 *                     covers it)
 * @param date         the day it happened (or the period's first day for a missing record)
 * @param description  what it is, in Chinese
 * @param factIds      the facts (or audit event ids, or PKI fact ids of the uploaded artefacts) behind it; for a
 *                     missing record, the related facts that do exist (possibly none), the absence itself being
 *                     listed in {@link DemoData#missing()}
 * @param expectedRule the DRL rule name that finds it, or for the audit anomalies (no rule yet) the catalogue
 *                     obligation whose check covers it
 */
public record InjectedViolation(String id, String clause, String domain, LocalDate date, String description,
                                List<String> factIds, String expectedRule) {
    public InjectedViolation {
        factIds = List.copyOf(factIds);
    }
}
