package org.lvyue.store;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.lvyue.api.finding.FindingRecord;

/**
 * The findings the store keeps per contract (as the last committed reconciliation recorded them, by key), within a
 * budget of findings for every contract together: the contracts used least recently are let go first, and read
 * from the database again when next needed. A portfolio of many contracts, each with a year of findings, would
 * otherwise keep them all for as long as the process runs. The contract just kept is never the one let go, so one
 * contract larger than the budget is still kept alone.
 */
final class KeptFindings {
    private final Map<String, Map<String, FindingRecord>> byContract = new LinkedHashMap<>(16, 0.75f, true);
    private volatile int budget;
    private long kept;

    /** @param budget the most findings kept, of every contract together */
    KeptFindings(int budget) {
        this.budget = Math.max(1, budget);
    }

    /** Changes the budget; the next {@link #put} keeps within it. */
    void budget(int findings) {
        budget = Math.max(1, findings);
    }

    /** The contract's kept findings, or null when they are not kept (never read, let go, or dropped). */
    synchronized Map<String, FindingRecord> get(String contractId) {
        return byContract.get(contractId);
    }

    /** Keeps the contract's findings, letting go of the least recently used other contracts past the budget. */
    synchronized void put(String contractId, Map<String, FindingRecord> findings) {
        Map<String, FindingRecord> before = byContract.put(contractId, findings);
        kept += findings.size() - (before == null ? 0 : before.size());
        for (Iterator<Map.Entry<String, Map<String, FindingRecord>>> it = byContract.entrySet().iterator();
             kept > budget && it.hasNext(); ) {
            Map.Entry<String, Map<String, FindingRecord>> eldest = it.next();
            if (!eldest.getKey().equals(contractId)) {
                kept -= eldest.getValue().size();
                it.remove();
            }
        }
    }

    /** Drops the contract's findings: they are read from the database next time. */
    synchronized void remove(String contractId) {
        Map<String, FindingRecord> before = byContract.remove(contractId);
        if (before != null) {
            kept -= before.size();
        }
    }

    /** How many findings are kept, and of how many contracts (tests, figures). */
    synchronized long[] size() {
        return new long[] {kept, byContract.size()};
    }
}
