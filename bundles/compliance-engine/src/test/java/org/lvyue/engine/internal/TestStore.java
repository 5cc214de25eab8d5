package org.lvyue.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.audit.AuditSelection;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.ContractLoader;
import org.lvyue.api.engine.ContractRecords;
import org.lvyue.api.engine.SelectiveContractLoader;
import org.lvyue.api.fact.Fact;

/**
 * Where a test keeps one contract's records, as the product's store does: records are stored here
 * before the engine is handed them, and the engine reads them here when it builds the memory.
 * Counts the reads, so a test sees when the engine came back for them.
 */
final class TestStore implements ContractLoader {
    private final Contract contract;
    private final List<Fact> facts = new ArrayList<>();
    private final List<AuditEvent> auditLog = new ArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final List<AuditSelection> selections = new ArrayList<>();

    TestStore(Contract contract) {
        this.contract = contract;
    }

    synchronized TestStore store(List<Fact> added) {
        facts.addAll(added);
        return this;
    }

    synchronized TestStore storeAuditEvents(List<AuditEvent> added) {
        auditLog.addAll(added);
        return this;
    }

    @Override
    public synchronized ContractRecords load(String contractId) {
        if (!contractId.equals(contract.id())) {
            throw new IllegalArgumentException("no contract " + contractId);
        }
        reads.incrementAndGet();
        return new ContractRecords(contract, List.copyOf(facts), List.copyOf(auditLog));
    }

    /** How often the engine read the records. */
    int reads() {
        return reads.get();
    }

    /** The selections the engine asked for, in order, when it read through {@link #selective}. */
    synchronized List<AuditSelection> selections() {
        return List.copyOf(selections);
    }

    /** This store as a loader that selects the audit-log entries the engine asks for, as the product's does. */
    SelectiveContractLoader selective() {
        return new SelectiveContractLoader() {
            @Override
            public ContractRecords load(String contractId) {
                return TestStore.this.load(contractId);
            }

            @Override
            public ContractRecords load(String contractId, AuditSelection auditLog) {
                ContractRecords all = TestStore.this.load(contractId);
                synchronized (TestStore.this) {
                    selections.add(auditLog);
                }
                return new ContractRecords(all.contract(), all.facts(), all.auditLog().stream().filter(auditLog::reads).toList());
            }
        };
    }
}
