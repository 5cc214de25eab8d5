package org.lvyue.core.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.lvyue.api.audit.AuditQuery;
import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.store.ComplianceStore;
import org.lvyue.api.store.RestartStamp;
import org.lvyue.api.store.StoredContract;

/**
 * Whether a contract's recorded findings still stand after a restart, without evaluating it again first. A clean stop
 * stamps each contract whose recorded findings are the evaluation of everything stored for it (the rule set's digest,
 * the contract's version, the day, how many facts and audit-log entries it had); the next start takes the stamp and
 * compares it with what it finds. Any difference, a stamp missing (a crash, a stop under load) or a rule set the engine
 * cannot tell apart from another, and the contract is evaluated before it counts as ready, as without stamps.
 */
final class RestartStamps {
    /** The difference when the last stop left no stamp (a crash, a stop under load, a contract new since). */
    static final String NO_STAMP = "上次停止时未留下标记 (no stamp from the last stop)";
    private static final AuditQuery EVERY_ENTRY = new AuditQuery(null, null, null, null, null, null, null, 0, 0);

    private final ComplianceStore store;
    private final ComplianceEngine engine;

    RestartStamps(ComplianceStore store, ComplianceEngine engine) {
        this.store = store;
        this.engine = engine;
    }

    /**
     * Stamps the contract at a stop, when its recorded findings are of {@code asOf} on the current rule set and
     * {@code settled} says that every batch stored for it was evaluated. The caller holds the contract's lock, so no
     * evaluation runs meanwhile; the counts are read before {@code settled} is asked, so that a batch stored in between
     * makes the counts differ at the next start rather than go unseen.
     *
     * @return whether it was stamped
     */
    boolean stamp(String contractId, LocalDate asOf, java.util.function.BooleanSupplier settled) {
        String digest = engine.ruleSetDigest();
        Optional<StoredContract> contract = store.contract(contractId);
        if (digest.isEmpty() || contract.isEmpty() || asOf == null) {
            return false;
        }
        long facts = store.factCount(contractId);
        long audit = store.auditEventCount(contractId, EVERY_ENTRY);
        if (!settled.getAsBoolean()) {
            return false;
        }
        store.saveRestartStamp(contractId, new RestartStamp(digest, contract.get().version(), asOf, facts, audit, Instant.now()));
        return true;
    }

    /**
     * Takes the contract's stamp and says why its recorded findings do not stand on the current rule set as of
     * {@code today}, in Chinese and English: empty when they do. The records are counted only when the rule set, the
     * contract's version and the day are the same.
     */
    List<String> differences(String contractId, LocalDate today) {
        Optional<RestartStamp> taken = store.takeRestartStamp(contractId);
        if (taken.isEmpty()) {
            return List.of(NO_STAMP);
        }
        RestartStamp s = taken.get();
        List<String> why = new ArrayList<>();
        String digest = engine.ruleSetDigest();
        if (digest.isEmpty() || !digest.equals(s.ruleSet())) {
            why.add("规则集已变化 (the rule set changed)");
        }
        int version = store.contract(contractId).map(StoredContract::version).orElse(-1);
        if (version != s.contractVersion()) {
            why.add("合同版本 " + s.contractVersion() + " → " + version + " (the contract's version changed)");
        }
        if (!today.equals(s.asOf())) {
            why.add("评估日 " + s.asOf() + " → " + today + " (another day)");
        }
        if (!why.isEmpty()) {
            return why;   // the counts (a pass over a large contract's rows) would change nothing
        }
        long facts = store.factCount(contractId);
        if (facts != s.facts()) {
            why.add("事实 " + s.facts() + " → " + facts + " (facts stored since)");
        }
        long audit = store.auditEventCount(contractId, EVERY_ENTRY);
        if (audit != s.auditEvents()) {
            why.add("审计日志 " + s.auditEvents() + " → " + audit + " (audit-log entries stored since)");
        }
        return why;
    }
}
