package org.lvyue.engine.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.calendar.Holiday;
import org.lvyue.api.calendar.WorkingCalendar;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.ContractRecords;
import org.lvyue.api.engine.EvaluationClock;
import org.lvyue.api.engine.EvaluationContext;
import org.lvyue.api.engine.ReportingPeriod;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.ledger.LedgerEntry;

/**
 * A Drools session over one contract's records, built from one rule set: the session, the rule set,
 * the handles of the facts (so that a fact of a known id replaces its predecessor), the audit log a
 * day at a time, the watch that tells which domain a failure comes from, and the day and clock it
 * was last evaluated on. Every session is made by {@link #open}, which inserts everything and fires
 * the rules once, so a session exists only evaluated.
 *
 * <p>Not thread-safe: its owner uses it from one thread at a time. Every use runs under the
 * {@link RuleGuard}, which turns a rule that throws, runs past the time limit or hangs its thread
 * into a {@link RuleFailure}; after one the session is {@linkplain #abandon abandoned}.
 */
final class Session {
    private final RuleSet rules;
    private final RuleGuard guard;
    private final KieSession kie;
    private final RuleWatch watch = new RuleWatch();
    private final Map<String, FactHandle> handles = new HashMap<>();
    private final SessionAuditDays auditDays;
    private FactHandle context;
    private FactHandle clock;

    /** The day and clock of an evaluation: what a session is evaluated on, and what a repeated question is. */
    record Question(LocalDate asOf, EvaluationClock clock) {
        static Question endOf(LocalDate asOf) {
            return new Question(asOf, EvaluationClock.of(asOf));
        }
    }

    /** What the rules derived. */
    record Derived(List<Finding> findings, List<LedgerEntry> ledger) {
    }

    private Session(RuleSet rules, Contract contract, RuleGuard guard) {
        this.rules = rules;
        this.guard = guard;
        this.auditDays = new SessionAuditDays(rules.auditSelectionFor(contract));
        this.kie = DroolsClassLoading.call(() -> {
            // only the rules of the services the contract buys: the others never fire for it, nor cost it memory
            KieSession s = rules.knowledgeBaseFor(contract).newKieSession();
            s.addEventListener(watch);
            return s;
        });
    }

    /**
     * A session of {@code rules} holding {@code records}, evaluated on {@code question}.
     *
     * @throws RuleFailure when a rule failed meanwhile; the half-built session is let go
     */
    static Session open(RuleSet rules, ContractRecords records, Question question, RuleGuard guard) {
        Session s = new Session(rules, records.contract(), guard);
        try {
            s.guarded(() -> {
                s.fill(records);
                s.context = s.kie.insert(new EvaluationContext(question.asOf()));
                s.clock = s.kie.insert(question.clock());
                s.kie.fireAllRules();
                return null;
            });
        } catch (RuleFailure f) {
            s.abandon(f);
            throw f;
        }
        return s;
    }

    RuleSet rules() {
        return rules;
    }

    /** Inserts facts, or replaces the held fact of the same id. */
    void add(Collection<Fact> facts) {
        if (facts.isEmpty()) {
            return;
        }
        guarded(() -> {
            for (Fact f : facts) {
                FactHandle h = handles.get(f.getId());
                if (h == null) {
                    handles.put(f.getId(), kie.insert(f));
                } else {
                    kie.update(h, f);
                }
            }
            return null;
        });
    }

    /** Adds audit-log entries the session does not hold yet (the caller drops repeated ids). */
    void addAuditEvents(Collection<AuditEvent> entries) {
        if (entries.isEmpty()) {
            return;
        }
        guarded(() -> {
            auditDays.add(kie, entries);
            return null;
        });
    }

    /** Moves the session to the question's day and clock (only a change re-propagates), fires, and collects. */
    Derived evaluate(Question question) {
        return guarded(() -> {
            moveTo(question);
            kie.fireAllRules();
            return derived();
        });
    }

    private void moveTo(Question question) {
        EvaluationContext ctx = new EvaluationContext(question.asOf());
        if (!ctx.equals(kie.getObject(context))) {
            // only a new day re-propagates: every day-dependent rule joins the context
            kie.update(context, ctx);
        }
        if (!question.clock().equals(kie.getObject(clock))) {
            kie.update(clock, question.clock());
        }
    }

    /**
     * The findings and ledger with {@code extra} facts, answered by this session and then taken back: the extra facts
     * are inserted (or replace the held fact of the same id), the session fires on the question, then every change is
     * undone, the day and clock included, and it fires again so that truth maintenance withdraws what they derived. A
     * what-if then costs what its facts change, not a session built from every record.
     *
     * @throws RuleFailure when a rule failed meanwhile: the session is then in no known state, and the caller drops it
     */
    Derived trial(Collection<Fact> extra, Question question) {
        return guarded(() -> {
            Object dayBefore = kie.getObject(context);
            Object clockBefore = kie.getObject(clock);
            Map<String, FactHandle> inserted = new HashMap<>();
            Map<FactHandle, Object> replaced = new java.util.LinkedHashMap<>();
            try {
                for (Fact f : extra) {
                    FactHandle held = handles.get(f.getId());
                    FactHandle added = inserted.get(f.getId());
                    if (held != null) {
                        replaced.putIfAbsent(held, kie.getObject(held));
                        kie.update(held, f);
                    } else if (added != null) {
                        kie.update(added, f);
                    } else {
                        inserted.put(f.getId(), kie.insert(f));
                    }
                }
                moveTo(question);
                kie.fireAllRules();
                return derived();
            } finally {
                inserted.values().forEach(kie::delete);
                replaced.forEach(kie::update);
                if (!dayBefore.equals(kie.getObject(context))) {
                    kie.update(context, dayBefore);
                }
                if (!clockBefore.equals(kie.getObject(clock))) {
                    kie.update(clock, clockBefore);
                }
                kie.fireAllRules();
            }
        });
    }

    void dispose() {
        DroolsClassLoading.run(kie::dispose);
    }

    /** Lets the session go after a failure in it: disposed, unless a thread that cannot be stopped still uses it. */
    void abandon(RuleFailure failure) {
        if (!failure.sessionLost()) {
            dispose();
        }
    }

    private <T> T guarded(java.util.function.Supplier<T> work) {
        return guard.run(kie, watch, rules, work);
    }

    private void fill(ContractRecords records) {
        Contract contract = records.contract();
        kie.insert(contract);
        contract.terms().forEach(kie::insert);
        contract.interpretations().forEach(kie::insert);
        ReportingPeriod.inWorkingMemory(contract).forEach(kie::insert);
        holidays(contract).forEach(kie::insert);
        rules.obligationsFor(contract).forEach(kie::insert);
        for (Fact f : records.facts()) {
            FactHandle h = handles.get(f.getId());
            if (h == null) {
                handles.put(f.getId(), kie.insert(f));
            } else {
                kie.update(h, f);
            }
        }
        auditDays.add(kie, records.auditLog());
    }

    /** The official holidays overlapping the service period, or none when the calendar lacks a year of it. */
    private static List<Holiday> holidays(Contract contract) {
        WorkingCalendar calendar = WorkingCalendar.china();
        for (int y = contract.periodStart().getYear(); y <= contract.periodEnd().getYear(); y++) {
            if (!calendar.years().contains(y)) {
                return List.of();
            }
        }
        return calendar.holidays(contract.periodStart(), contract.periodEnd());
    }

    private Derived derived() {
        // a finding puts its key together when asked, so each is asked once, not at every comparison
        List<Map.Entry<String, Finding>> keyed = new ArrayList<>();
        for (Object o : kie.getObjects(new ClassObjectFilter(Finding.class))) {
            Finding f = (Finding) o;
            keyed.add(Map.entry(f.getKey(), f));
        }
        keyed.sort(Map.Entry.comparingByKey());
        List<Finding> findings = new ArrayList<>(keyed.size());
        keyed.forEach(e -> findings.add(e.getValue()));
        List<LedgerEntry> ledger = new ArrayList<>();
        for (Object o : kie.getObjects(new ClassObjectFilter(LedgerEntry.class))) {
            ledger.add((LedgerEntry) o);
        }
        ledger.sort((a, b) -> a.getKey().compareTo(b.getKey()));
        return new Derived(findings, ledger);
    }
}
