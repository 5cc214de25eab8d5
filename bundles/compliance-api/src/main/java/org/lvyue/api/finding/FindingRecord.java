package org.lvyue.api.finding;

import java.time.Instant;

/**
 * A finding as the store keeps it: the finding of the last evaluation that produced it, its status,
 * and when it was first seen, last changed (content, severity, rule bundle or status) and resolved; plus the rule bundle that produced it.
 */
public record FindingRecord(Finding finding, FindingStatus status, Instant firstSeenAt, Instant changedAt,
                            Instant resolvedAt, String ruleBundle, String ruleBundleVersion) {
}
