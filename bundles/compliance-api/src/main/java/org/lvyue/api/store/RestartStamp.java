package org.lvyue.api.store;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What a clean stop knew of a contract's recorded findings: they are the evaluation, as of {@code asOf}, of the
 * contract at {@code contractVersion} with {@code facts} facts and {@code auditEvents} audit-log entries (all it had)
 * on the rule set of digest {@code ruleSet}. A start that finds all of it still so may count those findings as standing
 * on its own rule set before it evaluates the contract again.
 *
 * @since 1.4
 */
public record RestartStamp(String ruleSet, int contractVersion, LocalDate asOf, long facts, long auditEvents,
                           Instant stampedAt) {
}
