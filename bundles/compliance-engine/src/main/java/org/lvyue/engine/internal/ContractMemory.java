package org.lvyue.engine.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;

import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.audit.AuditSelection;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.ContractLoader;
import org.lvyue.api.engine.ContractRecords;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.engine.SelectiveContractLoader;
import org.lvyue.api.fact.Fact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One contract's working memory, for its whole life: the records it holds ({@link HeldRecords}, read
 * through its loader at first use), the {@link Session} that answers, and the {@link Preparation}
 * of the next session, if one is queued or under way.
 *
 * <p>Every session is built by a preparation on the engine's thread, outside the lock: the first
 * one when an evaluation finds none (it waits), the next ones when the rule set changed (the running
 * one answers meanwhile, its {@code ruleSetVersion} says so). At the switch, under the lock, what
 * arrived meanwhile is replayed into the new session and it replaces the old one; a preparation
 * that fails leaves the old one answering. Releasing lets the session go, and the records too when
 * the loader can read them again; the next use builds the memory anew.
 *
 * <p>All state is guarded by the lock: a Drools session is not thread-safe.
 */
final class ContractMemory implements MemoryBudget.Held {
    private static final Logger LOG = LoggerFactory.getLogger(ContractMemory.class);
    /** The diagnostic context's key of the contract, as the core's intake and re-evaluations set it. */
    static final String CONTRACT_MDC = "contract";

    /** What a memory needs of its engine. */
    interface Engine {
        /** The rule set evaluations should stand on now. */
        RuleSet ruleSet();

        RuleGuard guard();

        /** Runs a preparation on the engine's thread, after those queued before it. */
        void prepareLater(Runnable preparation);

        /** Contains a failure of a domain's rule: stops the domain, which changes the rule set. */
        void failed(RuleFailure failure);

        /** Tells the listeners that the contract's evaluations now stand on {@code ruleSetVersion}. */
        void switched(String contractId, long ruleSetVersion);

        /** A session is about to be built for the contract (never called under the memory's lock). */
        default void building(String contractId) {
        }

        /** A session holding about {@code bytes} was built for the contract in {@code nanos} (never under the lock). */
        default void built(String contractId, long bytes, long nanos) {
        }

        /** The session announced by {@link #building} was not built: it failed, or the memory was released meanwhile. */
        default void notBuilt(String contractId) {
        }
    }

    /** What a switch did: whether the listeners are to be told, and the size of what is held now. */
    private record Switched(boolean tell, long bytes) {
    }

    private record Answer(Evaluation evaluation, Session.Question question, long changes) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final String contractId;
    /** Null when the records were given, not read: then they are all there is, and a release keeps them. */
    private final ContractLoader loader;
    private final Engine engine;

    /** Null while released (or not read yet). */
    private HeldRecords records;
    /** Null until the first build, and after a release or a rule failure in it. */
    private Session session;
    /** Null unless one is queued or under way. */
    private Preparation preparation;
    /** The last question asked: a preparation after a rule-set change answers it; null until the first. */
    private Session.Question question;
    /** The rule set whose preparation failed: evaluations do not ask for it again, a swap or a release does. */
    private RuleSet failedTarget;
    /** The rule set version last told to the listeners. */
    private long told = -1;
    /** Bumped by everything that changes what an evaluation would find. */
    private long changes;
    /** The last evaluation, answered again while nothing changed and the same question is asked. */
    private Answer last;
    private boolean closed;
    /** A session was built once: a build from the loader after that is a rebuild after a release. */
    private boolean builtBefore;

    private ContractMemory(String contractId, ContractLoader loader, HeldRecords records, Engine engine) {
        this.contractId = contractId;
        this.loader = loader;
        this.records = records;
        this.engine = engine;
    }

    /** A memory read through {@code loader} when first used, and again after each release. */
    static ContractMemory opened(String contractId, ContractLoader loader, Engine engine) {
        return new ContractMemory(contractId, loader, null, engine);
    }

    /** A memory of these records only: a release keeps them. */
    static ContractMemory holding(Contract contract, Collection<Fact> facts, Engine engine) {
        return new ContractMemory(contract.id(), null, HeldRecords.of(contract, facts), engine);
    }

    void add(Collection<Fact> facts) {
        lock.lock();
        try {
            changes++;
            if (preparation != null) {
                preparation.arrived(facts);
            }
            if (records == null) {
                return; // released: the loader has them
            }
            records.put(facts);
            if (session != null) {
                live(() -> session.add(facts));
            }
        } finally {
            lock.unlock();
        }
    }

    void addAuditEvents(Collection<AuditEvent> entries) {
        lock.lock();
        try {
            if (records == null) {
                changes++;
                if (preparation != null) {
                    preparation.arrivedAuditEvents(entries); // its loader may or may not have them: replayed by id
                }
                return;
            }
            List<AuditEvent> fresh = records.putAuditEvents(entries);
            if (preparation != null && preparation.started() && preparation.snapshot() == null) {
                // it reads the loader again, for entries these records do not select: replayed by id against that read
                preparation.arrivedAuditEvents(entries);
            }
            if (fresh.isEmpty()) {
                return;
            }
            changes++;
            if (preparation != null && preparation.snapshot() != null) {
                preparation.arrivedAuditEvents(fresh);
            }
            if (session != null) {
                live(() -> session.addAuditEvents(fresh));
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Answers from the running session, asking for the current rule set's preparation when it is
     * behind; without a session, waits for one to be built.
     *
     * @throws RuleFailure when a rule failed in the session or in the build waited for
     */
    Evaluation evaluate(Session.Question q) {
        while (true) {
            Preparation awaited;
            lock.lock();
            try {
                question = q;
                if (session != null) {
                    RuleSet current = engine.ruleSet();
                    if (session.rules() != current && preparation == null && failedTarget != current) {
                        prepare(); // a swap this memory missed: the running session answers meanwhile
                    }
                    return answer(q);
                }
                awaited = preparation != null ? preparation : prepare();
            } finally {
                lock.unlock();
            }
            awaited.await();
        }
    }

    /**
     * Evaluates with extra facts, this memory left as it was: on the live session when it runs {@code rules} (tried and
     * taken back under the lock), else in a throw-away session of {@code rules}.
     */
    Evaluation evaluateWith(RuleSet rules, Collection<Fact> extra, Session.Question q) {
        ContractRecords with;
        lock.lock();
        try {
            if (session != null && session.rules() == rules) {
                long t0 = System.nanoTime();
                Session.Derived derived;
                try {
                    derived = session.trial(extra, q);
                } catch (RuleFailure f) {
                    drop(f); // taken back half-way or not at all: the next evaluation waits for a fresh session
                    throw f;
                }
                changes++; // the next answer is collected from the session again, not repeated from before the trial
                return new Evaluation(contractId, q.asOf(), rules.version(), rules.activeStatuses(),
                        records.factCountWith(extra), derived.findings(), derived.ledger(),
                        Duration.ofNanos(System.nanoTime() - t0));
            }
            // held records that lack entries these rules read (a swap not prepared yet) are read again for it
            with = records != null && (loader == null || records.holdsAudit(rules.auditSelection())) ? records.with(extra) : null;
        } finally {
            lock.unlock();
        }
        if (with == null) {
            with = readRecords(rules).with(extra); // released, or lacking entries: read, not kept
        }
        long t0 = System.nanoTime();
        Session s = Session.open(rules, with, q, engine.guard());
        Session.Derived derived;
        try {
            derived = s.evaluate(q);
        } catch (RuleFailure f) {
            s.abandon(f);
            throw f;
        }
        s.dispose();
        return new Evaluation(contractId, q.asOf(), rules.version(), rules.activeStatuses(), with.facts().size(),
                derived.findings(), derived.ledger(), Duration.ofNanos(System.nanoTime() - t0));
    }

    /** The rule set changed: a memory that holds records and was asked before gets ready for it. */
    void ruleSetChanged() {
        lock.lock();
        try {
            failedTarget = null;
            RuleSet current = engine.ruleSet();
            if (records != null && question != null && preparation == null
                    && (session == null || session.rules() != current)) {
                prepare();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Lets the session go, and the records when the loader can read them again. */
    @Override
    public void release() {
        Preparation dropped;
        lock.lock();
        try {
            dropped = letGo();
        } finally {
            lock.unlock();
        }
        if (dropped != null) {
            dropped.end(); // its waiters look again, and find nothing: they ask for a new one
        }
    }

    /** Releases for good: nothing is built for this memory any more. */
    void close() {
        Preparation dropped;
        lock.lock();
        try {
            closed = true;
            dropped = letGo();
            records = null;
        } finally {
            lock.unlock();
        }
        if (dropped != null) {
            dropped.end();
        }
    }

    private Preparation letGo() {
        Preparation dropped = preparation;
        preparation = null; // one under way sees it at the switch and discards its session
        if (session != null) {
            session.dispose();
            session = null;
        }
        if (loader != null) {
            records = null;
        }
        failedTarget = null;
        last = null;
        changes++;
        return dropped;
    }

    /** Queues a preparation on the engine's thread. Under the lock. */
    private Preparation prepare() {
        Preparation p = new Preparation();
        if (closed) {
            p.fail(new IllegalArgumentException("contract not loaded: " + contractId));
            return p;
        }
        preparation = p;
        try {
            engine.prepareLater(() -> {
                // the contract's id in every line its build logs on the engine's thread (the JSON log's "contract")
                try (org.slf4j.MDC.MDCCloseable mdc = org.slf4j.MDC.putCloseable(CONTRACT_MDC, contractId)) {
                    build(p);
                }
            });
        } catch (RejectedExecutionException e) {
            preparation = null;
            p.fail(new IllegalStateException("引擎已关闭，合同 " + contractId + " 无法评估 (the engine is closed)", e));
        }
        return p;
    }

    /**
     * Runs a preparation on the engine's thread: builds the current rule set's session outside the
     * lock, from a snapshot of the records (or from the loader, for a released memory), then switches
     * to it under the lock.
     */
    private void build(Preparation p) {
        Session.Question q;
        lock.lock();
        try {
            if (preparation != p) {
                p.end(); // released since: whoever waited was let go then already
                return;
            }
            RuleSet current = engine.ruleSet();
            if (session != null && session.rules() == current) {
                preparation = null;
                p.end();
                return;
            }
            // records that lack audit-log entries the new rule set reads are read again, with them
            boolean reread = records == null || (loader != null && !records.holdsAudit(current.auditSelection()));
            p.start(current, reread ? null : records.snapshot());
            q = question;
        } finally {
            lock.unlock();
        }
        engine.building(contractId); // outside the lock: the budget may release other memories first
        long t0 = System.nanoTime();
        RuleSet target = p.target();
        boolean reported = false;
        try {
            HeldRecords read = p.snapshot() == null ? readRecords(target) : null;
            Session built = Session.open(target, read != null ? read.view() : p.snapshot(), q, engine.guard());
            Switched switched = switchTo(p, built, read, t0);
            if (switched != null) {
                engine.built(contractId, switched.bytes(), System.nanoTime() - t0);
                reported = true;
                if (switched.tell()) {
                    engine.switched(contractId, target.version());
                }
            }
            p.end();
        } catch (RuleFailure f) {
            givenUp(p, target);
            if (Thread.currentThread().isInterrupted()) {
                p.fail(f); // the engine is closing: nothing to contain, nothing to prepare again
                return;
            }
            LOG.warn("Contract {}: the rule set v{} could not be prepared, the running session stays: {}", contractId,
                    target.version(), f.getMessage());
            engine.failed(f); // stops the domain to blame: the swap that follows prepares again
            p.fail(f);
        } catch (RuntimeException e) {
            givenUp(p, target);
            LOG.warn("Contract {}: rule set v{} could not be prepared: {}", contractId, target.version(), e.toString());
            p.fail(e);
        } finally {
            if (!reported) {
                engine.notBuilt(contractId); // failed, or released meanwhile: the budget keeps no room for it
            }
        }
        RuleSet now = engine.ruleSet();
        if (now != target) {
            ruleSetChanged(); // a swap that came while this one was built
        }
    }

    /**
     * Replays what arrived while {@code built} was built and makes it the running session.
     *
     * @param read the records it was built from, when read from the loader (they become this memory's)
     * @return whether the listeners are to be told (it stands on another rule set than the one last told) and
     *         the estimated size of the memory now; null when it was released meanwhile
     */
    private Switched switchTo(Preparation p, Session built, HeldRecords read, long t0) {
        lock.lock();
        try {
            if (preparation != p) {
                built.dispose(); // released meanwhile
                return null;
            }
            List<AuditEvent> entries = p.entriesMeanwhile();
            if (read != null) {
                read.put(p.factsMeanwhile());
                entries = read.putAuditEvents(entries); // the loader may have read some of them already
            }
            try {
                built.add(p.factsMeanwhile());
                built.addAuditEvents(entries);
            } catch (RuleFailure f) {
                built.abandon(f);
                throw f;
            }
            if (read != null) {
                records = read;
            }
            if (session != null) {
                session.dispose();
            }
            boolean beside = session != null;
            session = built;
            preparation = null;
            failedTarget = null;
            changes++;
            long version = built.rules().version();
            // a rebuild after a release is the memory budget's routine: counted there, not worth a line at INFO
            boolean rebuild = read != null && builtBefore;
            builtBefore = true;
            if (!rebuild || LOG.isDebugEnabled()) {
                String how = beside ? "prepared beside the running one" : rebuild ? "rebuilt from its records"
                        : read != null ? "built from its records" : "built";
                String line = "Contract {}: rule set v{} {} in {} ms ({} facts; {} facts and {} entries arrived meanwhile)";
                Object[] args = { contractId, version, how, (System.nanoTime() - t0) / 1_000_000, records.factCount(),
                        p.factsMeanwhile().size(), entries.size() };
                if (rebuild) {
                    LOG.debug(line, args);
                } else {
                    LOG.info(line, args);
                }
            }
            boolean tell = told != version;
            told = version;
            return new Switched(tell, MemoryBudget.estimate(records.factCount(), records.auditEventCount()));
        } finally {
            lock.unlock();
        }
    }

    private void givenUp(Preparation p, RuleSet target) {
        lock.lock();
        try {
            if (preparation == p) {
                preparation = null;
                failedTarget = target;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The records as the loader reads them now: only the audit-log entries {@code rules} read, when the loader
     * can select them (a year's log is about a million entries, of which the rules read a quarter).
     */
    private HeldRecords readRecords(RuleSet rules) {
        if (loader == null) {
            throw new IllegalArgumentException("contract not loaded: " + contractId); // closed: its records are gone
        }
        AuditSelection selection = loader instanceof SelectiveContractLoader ? rules.auditSelection() : null;
        ContractRecords read = selection != null ? ((SelectiveContractLoader) loader).load(contractId, selection)
                : loader.load(contractId);
        if (!read.contract().id().equals(contractId)) {
            throw new IllegalStateException("the loader of contract " + contractId + " read contract " + read.contract().id());
        }
        return HeldRecords.of(read, selection);
    }

    /** Under the lock, with a session. */
    private Evaluation answer(Session.Question q) {
        if (last != null && last.changes() == changes && last.question().equals(q)) {
            return last.evaluation(); // nothing changed since: the same question has the same answer
        }
        long t0 = System.nanoTime();
        Session s = session;
        Session.Derived derived;
        try {
            derived = s.evaluate(q);
        } catch (RuleFailure f) {
            drop(f); // a rule failed half-way: the next evaluation waits for a fresh session
            throw f;
        }
        Evaluation e = new Evaluation(contractId, q.asOf(), s.rules().version(), s.rules().activeStatuses(),
                records.factCount(), derived.findings(), derived.ledger(), Duration.ofNanos(System.nanoTime() - t0));
        last = new Answer(e, q, changes);
        return e;
    }

    private void drop(RuleFailure failure) {
        session.abandon(failure);
        session = null;
        changes++;
    }

    /**
     * Runs new facts or entries into the live session; when a rule fails on them the session is
     * dropped, and the next evaluation, on a fresh one, reports the failure.
     */
    private void live(Runnable work) {
        try {
            work.run();
        } catch (RuleFailure f) {
            LOG.warn("Contract {}: a rule failed while facts were added; the session is rebuilt at the next evaluation: {}",
                    contractId, f.getMessage());
            drop(f);
        }
    }
}
