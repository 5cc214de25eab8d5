package org.lvyue.api.engine;

import java.util.Collection;
import java.util.Objects;

import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.fact.Fact;

/**
 * What a contract's working memory is built from. The collections are read once and not kept: a
 * year's audit log holds about a million entries, so they are taken as given rather than copied.
 *
 * @param contract the contract's definition
 * @param facts    its facts (a later one of the same id replaces an earlier one)
 * @param auditLog its audit-log entries (a repeated id is read once)
 */
public record ContractRecords(Contract contract, Collection<Fact> facts, Collection<AuditEvent> auditLog) {
    public ContractRecords {
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(auditLog, "auditLog");
    }
}
