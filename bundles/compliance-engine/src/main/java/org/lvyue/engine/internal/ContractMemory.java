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
 * All access goes through the lock: a session is not thread-safe.
 *
 * <p>When the rule set changes, {@link #prepare} builds and evaluates the new rule set's session
 * beside the old one, outside the lock, then replays what arrived meanwhile and switches under the
 * lock. Until the switch, evaluations keep answering from the old session (their
 * {@code ruleSetVersion} says so): a hot swap costs readers and writers a few milliseconds, not the
 * rebuild. Without a preparation (the first evaluation, a test) the session is rebuilt in place.
 */
final class ContractMemory {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ContractMemory.class);
    private final ReentrantLock lock = new ReentrantLock();
    private final Contract contract;
    private final Map<String, Fact> facts = new LinkedHashMap<>();
    /** The audit log (about a million entries a year); the session holds it a day at a time ({@link SessionAuditDays}). */
    private Map<String, AuditEvent> auditEvents = new LinkedHashMap<>();

    private final RuleGuard guard;
    private RuleSet ruleSet;
    private KieSession session;
    /** Watches the session's firings, to tell which domain a failure comes from. */
    private RuleWatch watch;
    private Map<String, FactHandle> handles = new HashMap<>();
    /** The session's audit log, a day at a time. */
    private SessionAuditDays auditDays;
    private FactHandle contextHandle;
    private FactHandle clockHandle;

    /** Bumped by everything that changes what an evaluation would find: added facts, entries, a new session. */
    private long changes;
    /** The last evaluation and what it was asked, answered again while nothing changed. */
    private Evaluation last;
    private EvaluationClock lastClock;
    private long lastChanges = -1;

    /**
     * The rule set a preparation is for: reserved ({@link #reserve}) or under way ({@link #prepare}).
     * While it is set, evaluations answer from the running session. With it: the facts and entries it
     * starts from, what arrived since, and a future completed when it ends, switched or not.
     */
    private RuleSet preparing;
    private boolean preparationStarted;
    private List<Fact> preparedFacts;
    private List<AuditEvent> preparedAudit;
    private List<Fact> factsSincePreparing;
    private List<AuditEvent> auditSincePreparing;
    private java.util.concurrent.CompletableFuture<Void> preparationEnded;

    ContractMemory(Contract contract, Collection<Fact> initial, RuleGuard guard) {
        this.contract = contract;
        this.guard = guard;
        initial.forEach(f -> facts.put(f.getId(), f));
    }

    Contract contract() {
        return contract;
    }

    /** Whether the session is built from {@code rules}. */
    boolean runs(RuleSet rules) {
        lock.lock();
        try {
            return session != null && ruleSet == rules;
        } finally {
            lock.unlock();
        }
    }

    /** Whether a session runs, built from another rule set than {@code current}: a preparation can build beside it. */
    boolean behind(RuleSet current) {
        lock.lock();
        try {
            return session != null && ruleSet != current;
        } finally {
            lock.unlock();
        }
    }

    void add(Collection<Fact> added) {
        lock.lock();
        try {
            changes++;
            if (factsSincePreparing != null) {
                factsSincePreparing.addAll(added);
            }
            for (Fact f : added) {
                facts.put(f.getId(), f);
            }
            if (session != null) {
                KieSession s = session;
                Map<String, FactHandle> h = handles;
                live(() -> {
                    for (Fact f : added) {
                        FactHandle handle = h.get(f.getId());
                        if (handle == null) {
                            h.put(f.getId(), s.insert(f));
                        } else {
                            s.update(handle, f);
                        }
                    }
                });
            }
        } finally {
            lock.unlock();
        }
    }

    void addAuditEvents(Collection<AuditEvent> added) {
        lock.lock();
        try {
            if (auditEvents.isEmpty() && added.size() > 1024) {
                // a year's log loaded at once: sized for it rather than grown by doubling a million entries
                auditEvents = new LinkedHashMap<>(added.size() * 4 / 3 + 1);
            }
            int sizeBefore = auditEvents.size();
            // the new entries are needed only by a live session or a preparation under way
            boolean keep = session != null || auditSincePreparing != null;
            List<AuditEvent> fresh = new ArrayList<>(keep ? added.size() : 0);
            for (AuditEvent e : added) {
                if (auditEvents.putIfAbsent(e.id(), e) == null && keep) {
                    fresh.add(e);
                }
            }
            if (auditEvents.size() > sizeBefore) {
                changes++;
                if (auditSincePreparing != null) {
                    auditSincePreparing.addAll(fresh);
                }
            }
            if (session != null && !fresh.isEmpty()) {
                KieSession s = session;
                SessionAuditDays days = auditDays;
                live(() -> days.add(s, fresh));
            }
        } finally {
            lock.unlock();
        }
    }

    Evaluation evaluate(RuleSet current, LocalDate asOf, EvaluationClock clock) {
        lock.lock();
        try {
            long t0 = System.nanoTime();
            if (session == null || (ruleSet != current && preparing == null)) {
                rebuild(current);
            }
            if (last != null && lastChanges == changes && last.asOf().equals(asOf) && clock.equals(lastClock)) {
                return last; // nothing changed since: the same question has the same answer
            }
            Derived derived;
            KieSession s = session;
            try {
                derived = guard.run(s, watch, ruleSet, () -> {
                    EvaluationContext ctx = new EvaluationContext(asOf);
                    if (contextHandle == null) {
                        contextHandle = s.insert(ctx);
                    } else if (!ctx.equals(s.getObject(contextHandle))) {
                        // Only a new day re-propagates: every day-dependent rule joins the context.
                        s.update(contextHandle, ctx);
                    }
                    if (clockHandle == null) {
                        clockHandle = s.insert(clock);
                    } else if (!clock.equals(s.getObject(clockHandle))) {
                        s.update(clockHandle, clock);
                    }
                    s.fireAllRules();
                    return derived(s);
                });
            } catch (RuleFailure e) {
                drop(e); // a rule failed half-way: the next evaluation starts from a fresh session
                throw e;
            }
            last = new Evaluation(contract.id(), asOf, ruleSet.version(), ruleSet.activeStatuses(), facts.size(),
                    derived.findings(), derived.ledger(), Duration.ofNanos(System.nanoTime() - t0));
            lastClock = clock;
            lastChanges = changes;
            return last;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reserves a preparation of {@code target}, to be run by {@link #prepare} on another thread: from
     * now on evaluations answer from the running session instead of rebuilding it in place. Returns
     * false, reserving nothing, when no session runs yet, it runs {@code target}, or a preparation is
     * reserved or under way already.
     */
    boolean reserve(RuleSet target) {
        lock.lock();
        try {
            if (session == null || ruleSet == target || preparing != null) {
                return false;
            }
            beginPreparing(target);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Drops a reservation that was not taken up (its thread could not run, or found nothing to do). */
    void releaseReservation() {
        lock.lock();
        try {
            if (preparing != null && !preparationStarted) {
                endPreparing();
            }
        } finally {
            lock.unlock();
        }
    }

    private void beginPreparing(RuleSet target) {
        preparing = target;
        preparationStarted = false;
        preparedFacts = List.copyOf(facts.values());
        preparedAudit = List.copyOf(auditEvents.values());
        factsSincePreparing = new ArrayList<>();
        auditSincePreparing = new ArrayList<>();
        preparationEnded = new java.util.concurrent.CompletableFuture<>();
    }

    private void endPreparing() {
        preparing = null;
        preparationStarted = false;
        preparedFacts = null;
        preparedAudit = null;
        factsSincePreparing = null;
        auditSincePreparing = null;
        preparationEnded.complete(null);
        preparationEnded = null;
    }

    /**
     * Builds the session of {@code target} beside the current one and evaluates it as of
     * {@code asOf}, without holding the lock; then, under the lock, replays the facts and entries
     * that arrived meanwhile and switches to it. Does nothing when the session already runs
     * {@code target}. A reservation not yet taken up is taken up here, for {@code target} (what it
     * holds does not depend on the rule set). When another thread's preparation is reserved or under
     * way, waits for it to end if {@code join}, else returns at once.
     *
     * @return false when it returned at once, leaving the preparation to the thread that has it
     */
    boolean prepare(RuleSet target, LocalDate asOf, EvaluationClock clock, boolean join) {
        List<Fact> snapshot;
        List<AuditEvent> auditSnapshot;
        java.util.concurrent.CompletableFuture<Void> other;
        lock.lock();
        try {
            if (session != null && ruleSet == target) {
                return true;
            }
            other = preparing == null || (!preparationStarted && join) ? null : preparationEnded;
            if (other == null) {
                if (preparing == null) {
                    beginPreparing(target);
                }
                preparing = target;
                preparationStarted = true;
                snapshot = preparedFacts;
                auditSnapshot = preparedAudit;
                preparedFacts = null; // the new session holds them; the memory need not
                preparedAudit = null;
            } else {
                snapshot = null;
                auditSnapshot = null;
            }
        } finally {
            lock.unlock();
        }
        if (other != null) {
            if (join) {
                other.join(); // completed normally however it ends; the caller checks what runs now
            }
            return join;
        }
        long t0 = System.nanoTime();
        Map<String, FactHandle> newHandles = new HashMap<>();
        SessionAuditDays newDays = new SessionAuditDays(target);
        FactHandle[] dayHandles = new FactHandle[2];
        RuleWatch newWatch = new RuleWatch();
        KieSession built = null;
        boolean switched = false;
        boolean lost = false;
        try {
            built = openSession(target, newWatch);
            KieSession s = built;
            guard.run(s, newWatch, target, () -> {
                fill(s, target, snapshot, newHandles);
                newDays.add(s, auditSnapshot);
                dayHandles[0] = s.insert(new EvaluationContext(asOf));
                dayHandles[1] = s.insert(clock);
                s.fireAllRules();
                return null;
            });
            lock.lock();
            try {
                guard.run(s, newWatch, target, () -> {
                    for (Fact f : factsSincePreparing) {
                        FactHandle h = newHandles.get(f.getId());
                        if (h == null) {
                            newHandles.put(f.getId(), s.insert(f));
                        } else {
                            s.update(h, f);
                        }
                    }
                    newDays.add(s, auditSincePreparing);
                    return null;
                });
                dispose();
                session = s;
                watch = newWatch;
                ruleSet = target;
                handles = newHandles;
                auditDays = newDays;
                contextHandle = dayHandles[0];
                clockHandle = dayHandles[1];
                changes++;
                switched = true;
                LOG.info("Contract {}: rule set v{} prepared beside the running one in {} ms ({} facts, {} audit entries;"
                        + " {} facts and {} entries arrived meanwhile)", contract.id(), target.version(),
                        (System.nanoTime() - t0) / 1_000_000, snapshot.size(), auditSnapshot.size(),
                        factsSincePreparing.size(), auditSincePreparing.size());
            } finally {
                lock.unlock();
            }
        } catch (RuleFailure e) {
            lost = e.sessionLost();
            throw e; // the old session stays
        } finally {
            if (!switched && built != null && !lost) {
                KieSession failed = built;
                DroolsClassLoading.run(failed::dispose);
            }
            lock.lock();
            try {
                endPreparing();
            } finally {
                lock.unlock();
            }
        }
        return true;
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
        RuleWatch w = new RuleWatch();
        KieSession s = openSession(current, w);
        Derived derived;
        boolean lost = false;
        try {
            derived = guard.run(s, w, current, () -> {
                fill(s, current, all.values(), null);
                new SessionAuditDays(current).add(s, events);
                s.insert(new EvaluationContext(asOf));
                s.insert(EvaluationClock.of(asOf));
                s.fireAllRules();
                return derived(s);
            });
        } catch (RuleFailure e) {
            lost = e.sessionLost();
            throw e;
        } finally {
            if (!lost) {
                DroolsClassLoading.run(s::dispose);
            }
        }
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

    /** Forgets a session a rule failed in: disposed, or just let go when a thread that cannot be stopped still uses it. */
    private void drop(RuleFailure failure) {
        if (failure.sessionLost()) {
            session = null;
        } else {
            dispose();
        }
    }

    /**
     * Runs work on the live session (new facts or entries); when a rule fails on it, the session is
     * dropped and the next evaluation rebuilds it from the facts held, and reports the failure.
     */
    private void live(Runnable work) {
        try {
            guard.run(session, watch, ruleSet, () -> {
                work.run();
                return null;
            });
        } catch (RuleFailure e) {
            LOG.warn("Contract {}: a rule failed while facts were added; the session is rebuilt at the next evaluation: {}",
                    contract.id(), e.getMessage());
            drop(e);
            changes++;
        }
    }

    private void rebuild(RuleSet current) {
        dispose();
        changes++;
        Map<String, FactHandle> newHandles = new HashMap<>();
        contextHandle = null;
        clockHandle = null;
        SessionAuditDays newDays = new SessionAuditDays(current);
        RuleWatch w = new RuleWatch();
        KieSession s = openSession(current, w);
        try {
            guard.run(s, w, current, () -> {
                fill(s, current, facts.values(), newHandles);
                newDays.add(s, auditEvents.values());
                return null;
            });
        } catch (RuleFailure e) {
            if (!e.sessionLost()) {
                DroolsClassLoading.run(s::dispose);
            }
            throw e;
        }
        session = s;
        watch = w;
        handles = newHandles;
        auditDays = newDays;
        ruleSet = current;
    }

    private static KieSession openSession(RuleSet rules, RuleWatch watch) {
        return DroolsClassLoading.call(() -> {
            KieSession s = rules.knowledgeBase().newKieSession();
            s.addEventListener(watch);
            return s;
        });
    }

    private void fill(KieSession s, RuleSet rules, Collection<Fact> all, Map<String, FactHandle> handleSink) {
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
