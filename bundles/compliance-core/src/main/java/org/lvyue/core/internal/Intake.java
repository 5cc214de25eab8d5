package org.lvyue.core.internal;

import java.io.Reader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.lvyue.api.audit.AuditCount;
import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.audit.AuditLog;
import org.lvyue.api.audit.AuditQuery;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.metrics.Figure;
import org.lvyue.api.metrics.Figures;
import org.lvyue.api.metrics.IntakeListener;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.FactIntake;
import org.lvyue.api.service.ImportCheck;
import org.lvyue.api.service.IngestResult;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.spi.Obligation;
import org.lvyue.api.store.AppendResult;
import org.lvyue.api.store.ComplianceStore;
import org.lvyue.api.store.ConflictingFactException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records coming in: a batch of facts (JSON or an engineers' sheet) or of audit-log entries is validated
 * against the active domains' fact kinds, given room in the contract's bounded {@link IntakeQueue} (or
 * refused with 429, nothing stored), stored all or nothing in its own transaction, then handed to the engine
 * and evaluated together with every batch stored while the previous evaluation ran: one evaluation and one
 * recording of the findings ({@link Reevaluator}) per round, under the contract's lock; or only checked.
 * Also reads the audit log back, as {@link AuditLog} asks.
 *
 * <p>Crash safety: what is acknowledged is on disk. A batch is answered only after the store committed
 * it; an evaluation that fails or has not ended within the wait is reported beside the stored facts, never
 * as a refusal.
 */
@Component(service = {FactIntake.class, AuditLog.class, Figures.class}, configurationPid = IntakeConfig.PID)
@Designate(ocd = IntakeConfig.class)
public final class Intake implements FactIntake, AuditLog, Figures {
    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);
    /** A minute: the records evaluated in the last minute before a crash are what its next start evaluates again. */
    static final int DEFAULT_RESTART_STAMP_SECONDS = 60;

    private final ComplianceStore store;
    private final ComplianceEngine engine;
    private final Contracts contracts;
    private final Reevaluator reevaluator;
    private final LockOrder locks;
    private final BusinessClock days;
    private final FactValidator validator;
    private final IntakeQueue queue;
    /** The log's diagnostic context key of the contract a line concerns. */
    static final String CONTRACT_MDC = "contract";
    /** The operators' metrics: told of every batch taken. */
    private final List<IntakeListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Activate
    public Intake(@Reference ComplianceStore store, @Reference ComplianceEngine engine, @Reference Contracts contracts,
                  @Reference Reevaluator reevaluator, @Reference LockOrder locks, @Reference BusinessClock days,
                  IntakeConfig config) {
        this(store, engine, contracts, reevaluator, locks, days, config.maxQueuedBatches(), config.maxQueuedBytes(),
                Duration.ofSeconds(config.evaluationWaitSeconds()), Duration.ofMillis(config.crowdedEvaluationWaitMillis()));
        if (config.restartStampSeconds() > 0) {
            stamper = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lvyue-restart-stamps");
                t.setDaemon(true);
                t.setPriority(Thread.MIN_PRIORITY);
                return t;
            });
            // the period is both how often to look and how long a contract must have been quiet
            Duration every = Duration.ofSeconds(config.restartStampSeconds());
            stamper.scheduleWithFixedDelay(() -> stampSettled(every), every.toSeconds(), every.toSeconds(),
                    java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** Keeps the restart stamps current while the node runs (null in tests, and when configured off). */
    private java.util.concurrent.ScheduledExecutorService stamper;

    /** With the default bounds (tests). */
    Intake(ComplianceStore store, ComplianceEngine engine, Contracts contracts, Reevaluator reevaluator, LockOrder locks,
           BusinessClock days) {
        this(store, engine, contracts, reevaluator, locks, days, IntakeQueue.DEFAULT_MAX_BATCHES, IntakeQueue.DEFAULT_MAX_BYTES,
                Duration.ofSeconds(IntakeQueue.DEFAULT_WAIT_SECONDS), Duration.ofMillis(IntakeQueue.DEFAULT_CROWDED_WAIT_MILLIS));
    }

    Intake(ComplianceStore store, ComplianceEngine engine, Contracts contracts, Reevaluator reevaluator, LockOrder locks,
           BusinessClock days, int maxQueuedBatches, long maxQueuedBytes, Duration evaluationWait, Duration crowdedWait) {
        this.store = store;
        this.engine = engine;
        this.contracts = contracts;
        this.reevaluator = reevaluator;
        this.locks = locks;
        this.days = days;
        this.validator = new FactValidator(engine::factKind, domain -> engine.catalogues().stream()
                .anyMatch(c -> c.domain().equals(domain) && c.everyContract()));
        this.queue = new IntakeQueue(maxQueuedBatches, maxQueuedBytes, evaluationWait, crowdedWait, this::evaluate);
    }

    @Deactivate
    void deactivate() {
        if (stamper != null) {
            stamper.shutdownNow();
        }
        queue.close();
        stampForRestart();
    }

    /**
     * While the node runs: stamps each contract evaluated since its last stamp and quiet since for a period, once
     * everything it stored was evaluated, so that after a crash its recorded findings stand without a first evaluation,
     * as after a clean stop.
     */
    void stampSettled(Duration quiet) {
        // a contract quiet for a whole period: stamping it holds its lock while its records are counted, which a
        // contract under load would feel; a busy one is stamped once it goes quiet, or at the stop
        reevaluator.unstampedQuietFor(quiet).forEach((id, at) -> {
            try {
                locks.underContract(id, () -> reevaluator.stampQuiet(id, at, () -> queue.settled(id)));
            } catch (RuntimeException e) {
                LOG.debug("Contract {}: restart stamp not written now ({})", id, e.toString());
            }
        });
    }

    /**
     * Leaves each contract a restart stamp when all it stored was evaluated, so that the next start can count its
     * recorded findings as standing without evaluating it first ({@link RestartStamps}). A contract that cannot be
     * stamped is simply evaluated at the next start.
     */
    void stampForRestart() {
        int stamped = 0;
        int contractsSeen = 0;
        for (org.lvyue.api.contract.Contract c : contracts.served()) {
            contractsSeen++;
            try {
                if (locks.underContract(c.id(), () -> reevaluator.stampAtStop(c.id(), () -> queue.settled(c.id())))) {
                    stamped++;
                }
            } catch (RuntimeException e) {
                LOG.warn("Contract {}: no restart stamp ({})", c.id(), e.toString());
            }
        }
        LOG.info("Stopping: {} of {} contract(s) stamped for the next start", stamped, contractsSeen);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindListener(IntakeListener listener) {
        listeners.add(listener);
    }

    void unbindListener(IntakeListener listener) {
        listeners.remove(listener);
    }

    private void taken(String contractId, String kind, int records, long startedNanos) {
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        for (IntakeListener l : listeners) {
            try {
                l.ingested(contractId, kind, records, took);
            } catch (RuntimeException e) {
                LOG.warn("Intake listener {} failed", l, e);
            }
        }
    }

    /** Each contract's intake line now: the batches and bytes waiting for an evaluation's answer. */
    @Override
    public List<Figure> figures() {
        List<Figure> out = new ArrayList<>();
        for (IntakeQueue.Depth d : queue.depths()) {
            out.add(Figure.gauge("lvyue_intake_queue_batches", "Batches in the contract's intake queue, stored or being "
                    + "stored and not yet answered by an evaluation", Map.of("contract", d.contractId()), d.batches()));
            out.add(Figure.gauge("lvyue_intake_queue_bytes", "Bytes (about) of the batches in the contract's intake queue",
                    Map.of("contract", d.contractId()), d.bytes()));
        }
        return out;
    }

    /** The contract's intake line (tests). */
    IntakeQueue queue() {
        return queue;
    }

    @Override
    public IngestResult ingest(String contractId, List<Map<String, Object>> raw, String user) {
        long t0 = System.nanoTime();
        // the contract's id in every log line of the batch (the JSON log layout shows it as a field)
        try (org.slf4j.MDC.MDCCloseable mdc = org.slf4j.MDC.putCloseable(CONTRACT_MDC, contractId)) {
            IngestResult result = ingestTimed(contractId, raw, user);
            taken(contractId, IntakeListener.FACTS, raw.size(), t0);
            return result;
        }
    }

    private IngestResult ingestTimed(String contractId, List<Map<String, Object>> raw, String user) {
        Contract contract = contracts.contract(contractId);
        List<Fact> facts = validator.validate(contract, raw, user, days.today(), days.latest());
        IntakeQueue.Place place = queue.reserve(contractId, IntakeQueue.sizeOf(raw));
        AppendResult appended;
        try {
            // the store's own lock of the contract keeps its evidence chain one line and the duplicate and
            // conflict checks of concurrent batches right; the contract's lock is the evaluation's
            appended = store.appendFacts(contractId, facts, user, confidential(facts));
        } catch (RuntimeException | Error e) {
            queue.abandon(place);
            throw e;
        }
        // The facts are on disk and acknowledged from here on: a failing or late evaluation (a rule that
        // throws, a calendar year missing) is reported beside them, never as a refusal.
        List<Fact> toEngine = appended.stored();
        IntakeQueue.Evaluated e = queue.stored(place, () -> {
            if (!toEngine.isEmpty()) {
                engine.addFacts(contractId, toEngine);
            }
        }, preparing(contractId));
        if (e == null) {
            return new IngestResult(appended.batchId(), raw.size(), toEngine.size(), appended.duplicates(),
                    0, 0, -1, engine.ruleSetVersion(), STILL_EVALUATING);
        }
        if (e.failure() != null) {
            LOG.error("Contract {}: batch {} stored, but its evaluation failed: {}", contractId, appended.batchId(), e.failure());
            return new IngestResult(appended.batchId(), raw.size(), toEngine.size(), appended.duplicates(),
                    0, 0, -1, engine.ruleSetVersion(), "评估失败（事实已保存）：" + e.failure());
        }
        Reevaluator.Recorded r = e.recorded();
        return new IngestResult(appended.batchId(), raw.size(), toEngine.size(), appended.duplicates(),
                r.changes().opened(), r.changes().resolved(), r.changes().open(), r.evaluation().ruleSetVersion(), null);
    }

    /** The attributes of the batch's kinds that the catalogue marks confidential, {@code <kind>/<attribute>}. */
    private java.util.Set<String> confidential(List<Fact> facts) {
        java.util.Set<String> kinds = new java.util.HashSet<>();
        java.util.Set<String> out = new java.util.HashSet<>();
        for (Fact f : facts) {
            if (kinds.add(f.getKind())) {
                engine.factKind(f.getKind()).ifPresent(k -> k.confidentialAttributes().forEach(a -> out.add(k.name() + "/" + a)));
            }
        }
        return out;
    }

    /**
     * One evaluation for whatever was stored since the last: under the contract's lock, so that it sees every
     * batch handed over and the findings are recorded one evaluation at a time.
     */
    private IntakeQueue.Evaluated evaluate(String contractId, List<Runnable> toEngine) {
        return locks.underContract(contractId, () -> {
            try {
                // every batch is handed over even when one cannot be: the engine must not miss stored facts
                RuntimeException refused = null;
                for (Runnable batch : toEngine) {
                    try {
                        batch.run();
                    } catch (RuntimeException x) {
                        if (refused == null) {
                            refused = x;
                        } else {
                            refused.addSuppressed(x);
                        }
                    }
                }
                if (refused != null) {
                    throw refused;
                }
                return new IntakeQueue.Evaluated(reevaluator.evaluateAndRecord(contractId), null);
            } catch (RuntimeException e) {
                String why = reevaluator.failed(contractId, e);
                LOG.error("Contract {}: {} stored batches, but their evaluation failed", contractId, toEngine.size(), e);
                return new IntakeQueue.Evaluated(null, why);
            }
        });
    }

    /**
     * Whether the contract's findings are still being made to stand (its memory built after a start, a takeover from
     * another node or a rule-set change): a batch then is answered once stored, after the short wait, instead of
     * waiting the seconds the first evaluation takes.
     */
    private boolean preparing(String contractId) {
        return !reevaluator.current(contractId);
    }

    /** The answer's note for a stored batch whose evaluation has not ended within the wait. */
    static final String STILL_EVALUATING = "事实已保存，评估仍在进行，结果稍后可见 / stored; its evaluation is still running";

    @Override
    public IngestResult ingestCsv(String contractId, String format, Reader csv, String user) {
        Contract c = contracts.contract(contractId);
        CsvFacts.Sheet sheet = CsvFacts.read(CsvFacts.Format.of(format), csv, id -> obligation(c, id));
        try {
            return ingest(contractId, sheet.facts(), user);
        } catch (InvalidInputException e) {
            List<FactProblem> atLines = e.problems().stream().map(p -> new FactProblem(
                    p.index() < 0 ? -1 : sheet.lines().get(p.index()).intValue(), p.field(), p.reason())).toList();
            throw new InvalidInputException(e.getMessage() + "（index 为 CSV 行号）", atLines);
        } catch (ConflictingFactException e) {
            throw new ConflictingFactException(e.indexes().stream().map(i -> sheet.lines().get(i).intValue()).toList(), e.ids());
        }
    }

    @Override
    public ImportCheck checkFacts(String contractId, List<Map<String, Object>> raw, String user) {
        Contract c = contracts.contract(contractId);
        return ImportChecks.of(raw.size(), validator.check(c, raw, user, days.today(), days.latest()), List.of(), i -> i,
                ids -> store.factsWithIds(contractId, ids));
    }

    @Override
    public ImportCheck checkCsv(String contractId, String format, Reader csv, String user) {
        Contract c = contracts.contract(contractId);
        CsvFacts.Parsed parsed = CsvFacts.parse(CsvFacts.Format.of(format), csv, id -> obligation(c, id));
        List<FactProblem> early = new ArrayList<>(parsed.problems());
        if (parsed.rows() == 0) {
            early.add(new FactProblem(-1, "$", "没有数据行：至少需要一行数据"));
        }
        if (parsed.problems().stream().anyMatch(p -> p.index() == 1)) {
            // line 1 is the header: with a column refused, no row is read
            return new ImportCheck(parsed.rows(), 0, parsed.rows(), 0, early);
        }
        List<Long> lines = parsed.sheet().lines();
        return ImportChecks.of(parsed.rows(), validator.check(c, parsed.sheet().facts(), user, days.today(), days.latest()),
                early, i -> lines.get(i).intValue(), ids -> store.factsWithIds(contractId, ids));
    }

    /** An obligation held against the contract, by id: a sheet names the obligation its rows are evidence of. */
    private Optional<Obligation> obligation(Contract contract, String id) {
        return engine.catalogues(contract).stream().flatMap(k -> k.obligations().stream()).filter(o -> o.id().equals(id))
                .findFirst();
    }

    // ---------------------------------------------------------------- the audit log

    @Override
    public int append(String contractId, List<Map<String, Object>> raw, String user) {
        long t0 = System.nanoTime();
        try (org.slf4j.MDC.MDCCloseable mdc = org.slf4j.MDC.putCloseable(CONTRACT_MDC, contractId)) {
            int stored = appendTimed(contractId, raw);
            taken(contractId, IntakeListener.AUDIT, raw.size(), t0);
            return stored;
        }
    }

    private int appendTimed(String contractId, List<Map<String, Object>> raw) {
        Contract c = contracts.contract(contractId);
        List<AuditEvent> events = AuditIntake.read(raw,
                c.periodStart().minusDays(FactValidator.DAYS_BEFORE_PERIOD).atStartOfDay(), days.latest());
        IntakeQueue.Place place = queue.reserve(contractId, IntakeQueue.sizeOf(raw));
        int stored;
        try {
            stored = store.appendAuditEvents(contractId, events);
        } catch (RuntimeException | Error e) {
            queue.abandon(place);
            throw e;
        }
        IntakeQueue.Evaluated e = queue.stored(place, () -> engine.addAuditEvents(contractId, events), preparing(contractId));
        if (e != null && e.failure() != null) {
            LOG.error("Contract {}: {} audit entries stored, but the evaluation failed: {}", contractId, stored, e.failure());
        }
        return stored;
    }

    @Override
    public List<AuditEvent> query(String contractId, AuditQuery query) {
        contracts.contract(contractId);
        return store.auditEvents(contractId, query);
    }

    @Override
    public long count(String contractId, AuditQuery query) {
        contracts.contract(contractId);
        return store.auditEventCount(contractId, query);
    }

    @Override
    public List<AuditCount> countBy(String contractId, AuditQuery query, GroupBy by, int limit) {
        contracts.contract(contractId);
        return store.auditEventCounts(contractId, query, by, limit);
    }
}
