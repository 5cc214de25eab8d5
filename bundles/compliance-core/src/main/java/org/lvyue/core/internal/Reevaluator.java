package org.lvyue.core.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.engine.ContractSwitchListener;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.store.ComplianceStore;
import org.lvyue.api.store.ComplianceStore.FindingChanges;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a contract's findings: evaluates it as of today and reconciles the recorded findings with what
 * the evaluation found (new ones open, vanished ones resolve). Whoever changed a contract's records has it
 * done at once, under the contract's lock ({@link #evaluateAndRecord}); when the engine tells that a
 * contract's evaluations stand on another rule set, it is done here, on this room's own thread
 * ({@code lvyue-reevaluate}). Knows the rule-set version the recorded findings stand on, and why the
 * latest evaluation failed.
 */
@Component(service = Reevaluator.class)
public final class Reevaluator implements ContractSwitchListener {
    private static final Logger LOG = LoggerFactory.getLogger(Reevaluator.class);

    /** An evaluation and what recording it changed. */
    record Recorded(Evaluation evaluation, FindingChanges changes) {
    }

    private final ComplianceStore store;
    private final ComplianceEngine engine;
    private final LockOrder locks;
    private final BusinessClock days;
    private final Map<String, Long> recordedVersions = new ConcurrentHashMap<>();
    /** Why the latest evaluation of a contract failed; absent once one succeeds. */
    private final Map<String, String> failedEvaluations = new ConcurrentHashMap<>();
    /** Contracts whose re-evaluation is queued and not started: a second request adds nothing. */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lvyue-reevaluate");
        t.setDaemon(true);
        return t;
    });
    private final ServiceRegistration<ContractSwitchListener> registration;

    @Activate
    public Reevaluator(@Reference ComplianceStore store, @Reference ComplianceEngine engine, @Reference LockOrder locks,
                       @Reference BusinessClock days, BundleContext context) {
        this.store = store;
        this.engine = engine;
        this.locks = locks;
        this.days = days;
        // Registered by hand, not as a DS service: the engine binds switch listeners and this
        // component needs the engine, so SCR would see a circular reference.
        this.registration = context == null ? null : context.registerService(ContractSwitchListener.class, this, null);
    }

    /** Without a framework: nobody tells it of switches but the caller (tests). */
    Reevaluator(ComplianceStore store, ComplianceEngine engine, LockOrder locks, BusinessClock days) {
        this(store, engine, locks, days, null);
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The contract's evaluations stand on another rule set: its findings are evaluated and recorded again. */
    @Override
    public void switched(String contractId, long ruleSetVersion) {
        request(contractId);
    }

    /**
     * Queues one re-evaluation of the contract unless one is waiting already: at start-up a dozen
     * domain bundles activate one after another, and only the last rule set needs recording.
     */
    void request(String contractId) {
        if (worker.isShutdown() || !pending.add(contractId)) {
            return;
        }
        try {
            worker.execute(() -> {
                pending.remove(contractId);
                reevaluate(contractId);
            });
        } catch (RejectedExecutionException closed) {
            pending.remove(contractId);
        }
    }

    private void reevaluate(String contractId) {
        if (!engine.isLoaded(contractId)) {
            return; // not (or no longer) held: the registry opens every contract it holds in the engine
        }
        try {
            locks.underContract(contractId, () -> evaluateAndRecord(contractId));
        } catch (RuntimeException e) {
            failed(contractId, e);
            LOG.error("Re-evaluation of contract {} failed", contractId, e);
        }
    }

    /**
     * Evaluates the contract as of today and records its findings. The caller holds the contract's lock:
     * the evaluation has to see the records just stored and nothing stored after them.
     */
    Recorded evaluateAndRecord(String contractId) {
        locks.requireContract(contractId);
        LocalDate today = days.today();
        Evaluation e = engine.evaluate(contractId, today, days.evaluationClock(today));
        FindingChanges changes = store.reconcileFindings(e, Instant.now());
        recordedVersions.put(e.contractId(), e.ruleSetVersion());
        failedEvaluations.remove(e.contractId());
        LOG.debug("Contract {} evaluated on rule set v{}: {} findings ({} opened, {} resolved) in {} ms",
                e.contractId(), e.ruleSetVersion(), e.findings().size(), changes.opened(), changes.resolved(),
                e.took().toMillis());
        return new Recorded(e, changes);
    }

    /** Notes that the contract's latest evaluation failed; returns why, in a line. */
    String failed(String contractId, RuntimeException e) {
        String why = rootMessage(e);
        failedEvaluations.put(contractId, why);
        return why;
    }

    /** The rule-set version of the contract's last recorded evaluation, 0 before the first. */
    long recordedVersion(String contractId) {
        return recordedVersions.getOrDefault(contractId, 0L);
    }

    /** Why the recorded findings may not reflect the facts and rules now, or null when they do. */
    String notCheckedBecause(String contractId) {
        String failed = failedEvaluations.get(contractId);
        if (failed != null) {
            return "最近一次评估失败，结果未更新：" + failed;
        }
        long recorded = recordedVersion(contractId);
        long current = engine.ruleSetVersion();
        return recorded < current
                ? "规则集已更新为 v" + current + "，按新规则的评估尚未完成（当前结果来自 v" + recorded + "）" : null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
