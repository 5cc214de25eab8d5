package org.lvyue.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;

import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.audit.AuditSelection;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.ContractRecords;
import org.lvyue.api.engine.SelectiveContractLoader;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.store.ComplianceStore;

/**
 * Where the engine reads a contract's records to build its working memory: the store, with only the audit-log
 * entries the rules read when the engine says which. The facts are read on a thread of their own while the audit
 * log is read on the caller's: two queries of one contract, each seconds long for a contract year, that wait for
 * nothing from each other.
 */
public final class StoreContractLoader implements SelectiveContractLoader {
    private final ComplianceStore store;
    private final Function<String, Contract> contracts;

    /**
     * @param store     where the records are
     * @param contracts the contract's definition by id, as the product holds it now
     */
    public StoreContractLoader(ComplianceStore store, Function<String, Contract> contracts) {
        this.store = store;
        this.contracts = contracts;
    }

    @Override
    public ContractRecords load(String contractId) {
        return read(contractId, null);
    }

    @Override
    public ContractRecords load(String contractId, AuditSelection auditLog) {
        return read(contractId, auditLog);
    }

    private ContractRecords read(String contractId, AuditSelection selection) {
        Contract c = contracts.apply(contractId);
        FutureTask<List<Fact>> facts = new FutureTask<>(() -> store.facts(contractId));
        Thread reader = new Thread(facts, "lvyue-read-facts");
        reader.setDaemon(true);
        reader.start();
        List<AuditEvent> auditLog = new ArrayList<>();
        try {
            if (selection == null) {
                store.forEachAuditEvent(contractId, auditLog::add);
            } else {
                store.forEachAuditEvent(contractId, selection, auditLog::add);
            }
            return new ContractRecords(c, facts.get(), auditLog);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("reading contract " + contractId + " was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("reading the facts of contract " + contractId + " failed", e.getCause());
        } finally {
            facts.cancel(false); // when the audit log failed: the facts read ends on its own, nobody waits for it
        }
    }
}
