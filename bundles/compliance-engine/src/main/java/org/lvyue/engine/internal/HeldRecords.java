package org.lvyue.engine.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.audit.AuditSelection;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.ContractRecords;
import org.lvyue.api.fact.Fact;

/**
 * What the engine holds of one contract: its definition, its facts by id (a later one replaces an
 * earlier one) and its audit log by id (a repeated entry is dropped), either all of it or only the
 * entries a selection reads (those the rules read when it was read: the others stay in the store).
 * Sessions are built from it. Not thread-safe: guarded by the lock of the memory that holds it.
 */
final class HeldRecords {
    private final Contract contract;
    /** The audit-log entries held: those this selection reads; null when every entry is. */
    private final AuditSelection auditSelection;
    private final Map<String, Fact> facts;
    private Map<String, AuditEvent> auditLog;

    private HeldRecords(Contract contract, AuditSelection auditSelection, int facts) {
        this.contract = contract;
        this.auditSelection = auditSelection;
        this.facts = new LinkedHashMap<>(facts * 4 / 3 + 1);
        this.auditLog = new LinkedHashMap<>();
    }

    /** The records with every audit-log entry. */
    static HeldRecords of(ContractRecords records) {
        return of(records, null);
    }

    /** The records with the audit-log entries {@code auditSelection} reads (every entry when null). */
    static HeldRecords of(ContractRecords records, AuditSelection auditSelection) {
        HeldRecords held = new HeldRecords(records.contract(), auditSelection, records.facts().size());
        held.put(records.facts());
        held.putAuditEvents(records.auditLog());
        return held;
    }

    /** Whether every audit-log entry {@code needed} reads is held (when it is in the contract's log). */
    boolean holdsAudit(AuditSelection needed) {
        return auditSelection == null || auditSelection.covers(needed);
    }

    static HeldRecords of(Contract contract, Collection<Fact> facts) {
        return of(new ContractRecords(contract, facts, List.of()));
    }

    int factCount() {
        return facts.size();
    }

    /** How many facts there would be with {@code extra}, which replace held facts of the same id. */
    int factCountWith(Collection<Fact> extra) {
        return facts.size() + (int) extra.stream().map(Fact::getId).distinct().filter(id -> !facts.containsKey(id)).count();
    }

    int auditEventCount() {
        return auditLog.size();
    }

    void put(Collection<Fact> added) {
        for (Fact f : added) {
            facts.put(f.getId(), f);
        }
    }

    /** Adds the entries not held yet (of those the held selection reads), and returns them. */
    List<AuditEvent> putAuditEvents(Collection<AuditEvent> added) {
        if (auditLog.isEmpty() && added.size() > 1024) {
            // a year's log read at once: sized for it rather than grown by doubling a million entries
            auditLog = new LinkedHashMap<>(added.size() * 4 / 3 + 1);
        }
        List<AuditEvent> fresh = new ArrayList<>(added.size());
        for (AuditEvent e : added) {
            if ((auditSelection == null || auditSelection.reads(e)) && auditLog.putIfAbsent(e.id(), e) == null) {
                fresh.add(e);
            }
        }
        return fresh;
    }

    /** A copy, for a session built while others go on adding to this. */
    ContractRecords snapshot() {
        return new ContractRecords(contract, List.copyOf(facts.values()), List.copyOf(auditLog.values()));
    }

    /** The same without copying: only while no other thread can reach this. */
    ContractRecords view() {
        return new ContractRecords(contract, facts.values(), auditLog.values());
    }

    /** A copy with {@code extra} facts, which replace held facts of the same id. */
    ContractRecords with(Collection<Fact> extra) {
        Map<String, Fact> all = new LinkedHashMap<>(facts);
        extra.forEach(f -> all.put(f.getId(), f));
        return new ContractRecords(contract, List.copyOf(all.values()), List.copyOf(auditLog.values()));
    }
}
