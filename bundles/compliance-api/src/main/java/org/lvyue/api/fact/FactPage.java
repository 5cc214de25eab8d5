package org.lvyue.api.fact;

import java.util.List;

/**
 * A page of a contract's stored facts, newest first (by date, then id).
 *
 * @param contractId the contract
 * @param kind       the kind browsed, or null for all kinds
 * @param total      how many facts match, over all pages
 * @param facts      this page
 */
public record FactPage(String contractId, String kind, long total, List<Fact> facts) {
    public FactPage {
        facts = List.copyOf(facts);
    }
}
