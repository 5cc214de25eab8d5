package org.lvyue.api.engine;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where the engine reads a contract it holds: at the first use of its working memory, and again
 * after {@link ComplianceEngine#release} let that memory go. The engine reads nothing else, so a
 * released memory costs nothing until it is used, and whoever uses it need not know it was released.
 */
@ConsumerType
@FunctionalInterface
public interface ContractLoader {
    /**
     * The contract as it is kept now: its definition, every fact and every audit-log entry,
     * including everything handed to the engine ({@link ComplianceEngine#addFacts},
     * {@link ComplianceEngine#addAuditEvents}) since it was opened. Called on the engine's thread.
     */
    ContractRecords load(String contractId);
}
