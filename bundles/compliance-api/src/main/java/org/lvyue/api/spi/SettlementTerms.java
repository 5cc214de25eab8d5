package org.lvyue.api.spi;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.lvyue.api.fact.Fact;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * How the contract records an early termination, for the settlement (合同解除结算单). The domain whose
 * clauses govern termination registers it as an OSGi service with {@link MonthlyReportSections#DOMAINS}
 * naming its domains, so the settlement itself names no fact kind and no clause; the amounts stay in the
 * ledger, where the rules put them (the refund by {@link org.lvyue.api.ledger.LedgerEntry.Category#TERMINATION_REFUND}).
 */
@ConsumerType
public interface SettlementTerms {
    /** The termination the contract's facts record (the latest one), or empty when there is none. */
    Optional<Termination> termination(Facts facts);

    /** Why there is no settlement, for a person: which record would show a termination (Chinese first). */
    String notTerminated();

    /** The contract's stored facts of one kind, in date order. */
    @FunctionalInterface
    interface Facts {
        List<Fact> of(String kind);
    }

    /**
     * A termination as the settlement shows it.
     *
     * @param effective the day it took effect: the settlement's period ends on it
     * @param summary   label/value lines (who terminated, the notice, the facts relied on, what was paid), in order
     * @param basis     the clause the settlement follows and what it says, shown under the summary
     */
    record Termination(LocalDate effective, Map<String, String> summary, String basis) {
        public Termination {
            summary = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(summary));
        }
    }
}
