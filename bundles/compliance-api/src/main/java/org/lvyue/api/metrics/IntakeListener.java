package org.lvyue.api.metrics;

import java.time.Duration;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: told of every batch the intake took (stored, whatever its evaluation then did). Called on
 * the request's thread after the batch was answered for: return at once.
 */
@ConsumerType
@FunctionalInterface
public interface IntakeListener {
    /** Facts sent as JSON or as a sheet. */
    String FACTS = "facts";
    /** Audit-log entries. */
    String AUDIT = "audit";

    /**
     * @param contractId the contract
     * @param kind       {@link #FACTS} or {@link #AUDIT}
     * @param records    records in the batch as sent
     * @param took       from the batch's arrival at the intake to its answer (validation, storing, the evaluation
     *                   waited for)
     */
    void ingested(String contractId, String kind, int records, Duration took);
}
