package org.lvyue.api.service;

import java.util.Optional;

import org.lvyue.api.integrity.IntegrityReport;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The contract's evidence chain: verifying it, the last verification, and recording an issued report in it.
 */
@ProviderType
public interface EvidenceIntegrity {

    /**
     * Verifies the contract's evidence chain now: every entry and every row it covers (see
     * {@link org.lvyue.api.integrity.EvidenceChain}).
     *
     * @throws NotFoundException when there is no such contract
     */
    IntegrityReport verifyIntegrity(String contractId);

    /** The last verification of the contract's evidence chain, at start or on demand, if one ran. */
    Optional<IntegrityReport> lastIntegrity(String contractId);

    /**
     * Records an issued report's digests in the contract's evidence chain (once per distinct document).
     *
     * @return the chain position of its entry, or -1 where no chain is kept
     */
    long recordIssuedReport(String contractId, String reportId, String pdfSha256, String factsDigest);
}
