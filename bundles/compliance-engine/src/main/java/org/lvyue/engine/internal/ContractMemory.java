package org.lvyue.engine.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.lvyue.api.calendar.Holiday;
import org.lvyue.api.calendar.WorkingCalendar;
import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.EvaluationClock;
import org.lvyue.api.engine.EvaluationContext;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.engine.ReportingPeriod;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.ledger.LedgerEntry;

/**
 * One contract's working memory: its facts, and a Drools session over them built from one rule set.
 * All access goes through the lock: a session is not thread-safe. When the rule set changes, the
 * session is rebuilt from the facts on the next evaluation; an evaluation under way keeps the
 * session (and so the rule set) it started with.
 */
final class ContractMemory {
    private final ReentrantLock lock = new ReentrantLock();
    private final Contract contract;
    private final Map<String, Fact> facts = new LinkedHashMap<>();
    /** The audit log (about a million entries a year): inserted like facts, matched only by the audit rules. */
    private final Map<String, AuditEvent> auditEvents = new LinkedHashMap<>();

    private RuleSet ruleSet;
    private KieSession session;
    private final Map<String, FactHandle> handles = new HashMap<>();
    private FactHandle contextHandle;
    private FactHandle clockHandle;

    ContractMemory(Contract contract, Collection<Fact> initial) {
        this.contract = contract;
        initial.forEach(f -> facts.put(f.getId(), f));
    }

    Contract contract() {
        return contract;
    }

    void add(Collection<Fact> added) {
        lock.lock();
        try {
            for (Fact f : added) {
                facts.put(f.getId(), f);
                if (session != null) {
                    DroolsClassLoading.run(() -> {
                        FactHandle h = handles.get(f.getId());
                        if (h == null) {
                            handles.put(f.getId(), session.insert(f));
                        } else {
                            session.update(h, f);
                        }
                    });
                }
            }
        } finally {
            lock.unlock();
        }
    }

    void addAuditEvents(Collection<AuditEvent> added) {
        lock.lock();
        try {
            List<AuditEvent> fresh = new ArrayList<>();
            for (AuditEvent e : added) {
                if (auditEvents.putIfAbsent(e.id(), e) == null) {
                    fresh.add(e);
                }
            }
            if (session != null && !fresh.isEmpty()) {
                RuleSet rules = ruleSet;
                DroolsClassLoading.run(() -> fresh.stream().filter(e -> rules.readsAudit(e.action())).forEach(session::insert));
            }
        } finally {
            lock.unlock();
        }
    }

    Evaluation evaluate(RuleSet current, LocalDate asOf, EvaluationClock clock) {
        lock.lock();
        try {
            long t0 = System.nanoTime();
            if (session == null || ruleSet != current) {
                rebuild(current);
            }
            Derived derived;
            try {
                derived = DroolsClassLoading.call(() -> {
                    EvaluationContext ctx = new EvaluationContext(asOf);
                    if (contextHandle == null) {
                        contextHandle = session.insert(ctx);
                    } else if (!ctx.equals(session.getObject(contextHandle))) {
                        // Only a new day re-propagates: every day-dependent rule joins the context.
                        session.update(contextHandle, ctx);
                    }
                    if (clockHandle == null) {
                        clockHandle = session.insert(clock);
                    } else if (!clock.equals(session.getObject(clockHandle))) {
                        session.update(clockHandle, clock);
                    }
                    session.fireAllRules();
                    return derived(session);
                });
            } catch (RuntimeException e) {
                dispose(); // a rule threw half-way: the next evaluation starts from a fresh session
                throw e;
            }
            return new Evaluation(contract.id(), asOf, ruleSet.version(), ruleSet.activeStatuses(), facts.size(),
                    derived.findings(), derived.ledger(), Duration.ofNanos(System.nanoTime() - t0));
        } finally {
            lock.unlock();
        }
    }

    /** Evaluates with extra facts in a throw-away session; this memory is left untouched. */
    Evaluation evaluateWith(RuleSet current, Collection<Fact> extra, LocalDate asOf) {
        Map<String, Fact> all;
        List<AuditEvent> events;
        lock.lock();
        try {
            all = new LinkedHashMap<>(facts);
            events = List.copyOf(auditEvents.values());
        } finally {
            lock.unlock();
        }
        extra.forEach(f -> all.put(f.getId(), f));
        long t0 = System.nanoTime();
        Derived derived = DroolsClassLoading.call(() -> {
            KieSession s = newSession(current, all.values(), null);
            events.stream().filter(e -> current.readsAudit(e.action())).forEach(s::insert);
            try {
                s.insert(new EvaluationContext(asOf));
                s.insert(EvaluationClock.of(asOf));
                s.fireAllRules();
                return derived(s);
            } finally {
                s.dispose();
            }
        });
        return new Evaluation(contract.id(), asOf, current.version(), current.activeStatuses(), all.size(),
                derived.findings(), derived.ledger(), Duration.ofNanos(System.nanoTime() - t0));
    }

    void dispose() {
        lock.lock();
        try {
            if (session != null) {
                DroolsClassLoading.run(session::dispose);
                session = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private void rebuild(RuleSet current) {
        dispose();
        handles.clear();
        contextHandle = null;
        clockHandle = null;
        session = DroolsClassLoading.call(() -> {
            KieSession s = newSession(current, facts.values(), handles);
            // a million entries a year: only those of actions some domain reads go into the session
            auditEvents.values().stream().filter(e -> current.readsAudit(e.action())).forEach(s::insert);
            return s;
        });
        ruleSet = current;
    }

    private KieSession newSession(RuleSet rules, Collection<Fact> all, Map<String, FactHandle> handleSink) {
        KieSession s = rules.knowledgeBase().newKieSession();
        s.insert(contract);
        contract.terms().forEach(s::insert);
        contract.interpretations().forEach(s::insert);
        ReportingPeriod.of(contract).forEach(s::insert);
        holidays(contract).forEach(s::insert);
        rules.obligations().forEach(s::insert);
        for (Fact f : all) {
            FactHandle h = s.insert(f);
            if (handleSink != null) {
                handleSink.put(f.getId(), h);
            }
        }
        return s;
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

    private record Derived(List<Finding> findings, List<LedgerEntry> ledger) {
    }

    private static Derived derived(KieSession s) {
        List<Finding> findings = new ArrayList<>();
        for (Object o : s.getObjects(new ClassObjectFilter(Finding.class))) {
            findings.add((Finding) o);
        }
        findings.sort((a, b) -> a.getKey().compareTo(b.getKey()));
        List<LedgerEntry> ledger = new ArrayList<>();
        for (Object o : s.getObjects(new ClassObjectFilter(LedgerEntry.class))) {
            ledger.add((LedgerEntry) o);
        }
        ledger.sort((a, b) -> a.getKey().compareTo(b.getKey()));
        return new Derived(findings, ledger);
    }
}
