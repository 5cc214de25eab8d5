package org.lvyue.api.audit;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The contract's audit log: appended by collectors, searched and counted by administrators, held by
 * the security-audit rules against their thresholds.
 */
@ProviderType
public interface AuditLog {
    /** What a grouping counts by. */
    enum GroupBy {
        DAY, HOUR, USER, ADDRESS, RESOURCE, ACTION
    }

    /**
     * Validates a batch of entries (as parsed JSON objects: {@code id}, {@code at}, {@code user},
     * {@code address}, {@code action}, {@code resource}, {@code classified}, {@code requestId},
     * {@code system}) and stores it, all or none; entries whose id is already stored with the same
     * content are skipped (a retried batch), another content under a stored id is refused. Then the
     * contract is re-evaluated and its findings recorded.
     *
     * @return how many entries were new
     * @throws org.lvyue.api.service.InvalidInputException with every problem of every entry
     * @throws org.lvyue.api.service.NotFoundException     when there is no such contract
     */
    int append(String contractId, List<java.util.Map<String, Object>> events, String user);

    /** Matching entries, newest first. */
    List<AuditEvent> query(String contractId, AuditQuery query);

    /** How many entries match. */
    long count(String contractId, AuditQuery query);

    /** Matching entries counted by one key, largest first (then by key), at most {@code limit} keys. */
    List<AuditCount> countBy(String contractId, AuditQuery query, GroupBy by, int limit);
}
