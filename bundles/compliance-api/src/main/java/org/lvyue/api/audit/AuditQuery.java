package org.lvyue.api.audit;

import java.time.LocalDateTime;

/**
 * Filters over the audit log; null means any. {@code from} is inclusive, {@code to} exclusive. Text
 * filters match exactly, except {@code address},
 * which also takes a prefix ending in a dot ({@code 10.12.}) for a subnet.
 */
public record AuditQuery(LocalDateTime from, LocalDateTime to, String user, String address, String resource, String action,
                         Boolean classified, int limit, int offset) {
}
