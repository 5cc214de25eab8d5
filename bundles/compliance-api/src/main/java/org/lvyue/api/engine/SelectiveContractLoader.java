package org.lvyue.api.engine;

import org.lvyue.api.audit.AuditSelection;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A {@link ContractLoader} that can read only the audit-log entries the engine's rules read. A contract year's log
 * holds about a million entries and its rules read about a quarter of them: the engine asks for those, so that it
 * reads, and holds, no more. The engine reads a contract again when a new rule set reads entries its held
 * records lack.
 */
@ConsumerType
public interface SelectiveContractLoader extends ContractLoader {
    /**
     * The contract as {@link #load(String)} reads it, but with only the audit-log entries {@code auditLog}
     * reads (in the same order). Called on the engine's thread.
     */
    ContractRecords load(String contractId, AuditSelection auditLog);
}
