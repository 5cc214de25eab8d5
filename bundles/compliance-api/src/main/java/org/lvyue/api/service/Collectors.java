package org.lvyue.api.service;

import java.util.List;

import org.lvyue.api.baseline.CollectorRun;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The active collectors an engineer points at real endpoints (TLS servers, CRL files and URLs, a
 * folder of certificates). They run on a schedule; {@link #runNow} runs them at once.
 */
@ProviderType
public interface Collectors {
    /** The configured targets, e.g. {@code tls idp.example:443}; empty when the collectors are off. */
    List<String> targets();

    /** The contract the collected facts belong to, or null when the collectors are off. */
    String contractId();

    /**
     * Runs every configured collector now, each within its time limit, stores what they collected
     * with the record of each run, and returns the runs. A failure to collect is recorded as a
     * failed run, never thrown.
     */
    List<CollectorRun> runNow();
}
