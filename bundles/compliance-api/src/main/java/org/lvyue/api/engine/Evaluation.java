package org.lvyue.api.engine;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.lvyue.api.finding.Finding;
import org.lvyue.api.ledger.LedgerEntry;

/**
 * The outcome of holding one contract's facts against one rule set.
 *
 * @param contractId      the contract
 * @param asOf            the evaluation day
 * @param ruleSetVersion  the rule set's sequence number (changes on every swap)
 * @param domains         the active domain bundles of that rule set
 * @param factCount       how many facts were held against it
 * @param findings        what the rules derived
 * @param ledger          the amounts the rules derived
 * @param took            how long the evaluation took
 */
public record Evaluation(String contractId, LocalDate asOf, long ruleSetVersion, List<DomainStatus> domains,
                         int factCount, List<Finding> findings, List<LedgerEntry> ledger, Duration took) {
    public Evaluation {
        domains = List.copyOf(domains);
        findings = List.copyOf(findings);
        ledger = List.copyOf(ledger);
    }

    /** The bundle (symbolic name) behind a domain id in this rule set, or null. */
    public DomainStatus domain(String domainId) {
        for (DomainStatus d : domains) {
            if (d.domain().equals(domainId)) {
                return d;
            }
        }
        return null;
    }
}
