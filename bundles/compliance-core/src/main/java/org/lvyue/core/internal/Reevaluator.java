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
@Component(service = Reevaluator.class, configurationPid = "org.lvyue.core")
public final class Reevaluator implements ContractSwitchListener, org.lvyue.api.engine.RuleSetListener {
    private static final Logger LOG = LoggerFactory.getLogger(Reevaluator.class);

    /** An evaluation and what recording it changed. */
    record Recorded(Evaluation evaluation, FindingChanges changes) {
    }

    private final ComplianceStore store;
    private final ComplianceEngine engine;
    private final LockOrder locks;
    private final BusinessClock days;
    private final Map<String, Long> recordedVersions = new ConcurrentHashMap<>();
    /** The day each contract's recorded findings are of. */
    private final Map<String, LocalDate> recordedAsOf = new ConcurrentHashMap<>();
    /** What the last clean stop knew of each contract's findings, and what the next start makes of it. */
    private final RestartStamps stamps;
    /** Contracts whose restart stamp was looked at since this start: once each, before their first evaluation. */
    private final Set<String> stampsTaken = ConcurrentHashMap.newKeySet();
    /**
     * Contracts whose findings were recorded, or whose stamp was taken, since their last stamp: when
     * ({@link System#nanoTime}).
     */
    private final Map<String, Long> unstamped = new ConcurrentHashMap<>();
    /** Why the latest evaluation of a contract failed; absent once one succeeds. */
    private final Map<String, String> failedEvaluations = new ConcurrentHashMap<>();
    /** Contracts whose re-evaluation is queued and not started: a second request adds nothing. */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lvyue-reevaluate");
        t.setDaemon(true);
        return t;
    });
    private final ServiceRegistration<?> registration;
    /**
     * Contracts not evaluated because the engine's rule set was not yet the one the node starts on: their
     * findings would have been recorded on part of the rules, and resolved and opened again a moment later.
     */
    private final Set<String> deferred = ConcurrentHashMap.newKeySet();
    /** Notified whenever a contract's findings were recorded or failed, and when the rule set changed. */
    private final Object progress = new Object();

    /** How long a report or a what-if waits for the contract's findings to stand on the current rules. */
    private final java.time.Duration findingsWait;

    @Activate
    public Reevaluator(@Reference ComplianceStore store, @Reference ComplianceEngine engine, @Reference LockOrder locks,
                       @Reference BusinessClock days, BundleContext context, CoreConfig config) {
        this(store, engine, locks, days, context, java.time.Duration.ofSeconds(Math.max(0, config.findingsWaitSeconds())));
    }

    private Reevaluator(ComplianceStore store, ComplianceEngine engine, LockOrder locks, BusinessClock days,
                        BundleContext context, java.time.Duration findingsWait) {
        this.findingsWait = findingsWait;
        this.stamps = new RestartStamps(store, engine);
        this.store = store;
        this.engine = engine;
        this.locks = locks;
        this.days = days;
        // Registered by hand, not as a DS service: the engine binds switch listeners and this
        // component needs the engine, so SCR would see a circular reference.
        this.registration = context == null ? null : context.registerService(new String[] {
                ContractSwitchListener.class.getName(), org.lvyue.api.engine.RuleSetListener.class.getName()}, this, null);
    }

    /** Without a framework: nobody tells it of switches but the caller (tests). */
    Reevaluator(ComplianceStore store, ComplianceEngine engine, LockOrder locks, BusinessClock days) {
        this(store, engine, locks, days, java.time.Duration.ofSeconds(30));
    }

    /** Without a framework, with the given wait for current findings (tests). */
    Reevaluator(ComplianceStore store, ComplianceEngine engine, LockOrder locks, BusinessClock days,
                java.time.Duration findingsWait) {
        this(store, engine, locks, days, null, findingsWait);
    }

    /**
     * Returns once the contract's findings are {@link #current}; waits at most the configured time.
     *
     * @throws org.lvyue.api.service.BusyException NOT_READY with the reason when they are not
     */
    void requireCurrent(String contractId) {
        try {
            if (awaitCurrent(contractId, findingsWait)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        java.util.List<String> why = new java.util.ArrayList<>(engine.preparing());
        String notChecked = notCheckedBecause(contractId);
        if (notChecked != null) {
            why.add(notChecked);
        }
        throw new org.lvyue.api.service.BusyException(org.lvyue.api.service.BusyException.Reason.NOT_READY,
                "合同 '" + contractId + "' 的违约事项尚未按当前规则集评估完成，请稍后重试" + (why.isEmpty() ? "" : "：" + String.join("；", why))
                        + " (the contract's findings are still being evaluated on the current rule set; retry later)",
                java.time.Duration.ofSeconds(failedLast(contractId) ? 30 : 5));
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

    /** Once the rule set the node starts on is in place, the contracts deferred until then are evaluated. */
    @Override
    public void ruleSetChanged(long version, java.util.List<org.lvyue.api.engine.DomainStatus> domains) {
        if (engine.preparing().isEmpty()) {
            java.util.List<String> waiting = java.util.List.copyOf(deferred);
            // every stamp first: a contract whose findings stand is ready before the others' evaluations begin
            waiting.forEach(this::takeStamp);
            for (String id : waiting) {
                deferred.remove(id);
                request(id);
            }
        }
        tellProgress();
    }

    private void reevaluate(String contractId) {
        if (!engine.isLoaded(contractId)) {
            return; // not (or no longer) held: the registry opens every contract it holds in the engine
        }
        if (!engine.preparing().isEmpty()) {
            deferred.add(contractId);
            if (engine.preparing().isEmpty() && deferred.remove(contractId)) {
                request(contractId); // the rule set came in between: its announcement may have missed this one
            }
            return;
        }
        takeStamp(contractId);
        // the contract's id in every line logged meanwhile on this thread (the JSON log's field "contract")
        try (org.slf4j.MDC.MDCCloseable mdc = org.slf4j.MDC.putCloseable(Intake.CONTRACT_MDC, contractId)) {
            locks.underContract(contractId, () -> evaluateAndRecord(contractId));
        } catch (RuntimeException e) {
            failed(contractId, e);
            try (org.slf4j.MDC.MDCCloseable mdc = org.slf4j.MDC.putCloseable(Intake.CONTRACT_MDC, contractId)) {
                LOG.error("Re-evaluation of contract {} failed", contractId, e);
            }
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
        recordedAsOf.put(e.contractId(), today);
        failedEvaluations.remove(e.contractId());
        unstamped.put(e.contractId(), System.nanoTime());
        tellProgress();
        LOG.debug("Contract {} evaluated on rule set v{}: {} findings ({} opened, {} resolved) in {} ms",
                e.contractId(), e.ruleSetVersion(), e.findings().size(), changes.opened(), changes.resolved(),
                e.took().toMillis());
        return new Recorded(e, changes);
    }

    /**
     * Once per start, before the contract's first evaluation on the rule set the node starts on: when the stamp its last
     * clean stop left says that nothing its findings depend on changed since, the recorded findings count as standing on
     * this rule set (the contract is ready), and the evaluation that follows builds its memory in the background.
     */
    private void takeStamp(String contractId) {
        if (!engine.preparing().isEmpty() || !stampsTaken.add(contractId)) {
            return;
        }
        try (org.slf4j.MDC.MDCCloseable mdc = org.slf4j.MDC.putCloseable(Intake.CONTRACT_MDC, contractId)) {
            LocalDate today = days.today();
            java.util.List<String> changed = stamps.differences(contractId, today);
            if (changed.isEmpty()) {
                recordedVersions.put(contractId, engine.ruleSetVersion());
                recordedAsOf.put(contractId, today);
                unstamped.put(contractId, System.nanoTime()); // taken: stamped again while running, for a crash before any change
                tellProgress();
                LOG.info("Contract {}: the findings recorded before the restart stand on rule set v{} (nothing changed since"
                        + " the stop); its memory is built in the background", contractId, engine.ruleSetVersion());
            } else if (changed.equals(java.util.List.of(RestartStamps.NO_STAMP))) {
                LOG.debug("Contract {}: no restart stamp; evaluated as usual", contractId);
            } else {
                LOG.info("Contract {} is evaluated before it is ready: {}", contractId, String.join("; ", changed));
            }
        } catch (RuntimeException e) {
            LOG.warn("Contract {}: its restart stamp could not be read; it is evaluated before it is ready", contractId, e);
        }
    }

    /**
     * At a clean stop, under the contract's lock: stamps the contract when its recorded findings stand on the current
     * rule set and {@code settled} says every batch stored for it was evaluated ({@link RestartStamps#stamp}).
     */
    boolean stampAtStop(String contractId, java.util.function.BooleanSupplier settled) {
        locks.requireContract(contractId);
        return current(contractId) && stamps.stamp(contractId, recordedAsOf.get(contractId), settled);
    }

    /** The contracts whose findings were recorded (or whose stamp was taken) since their last stamp, and not since {@code quiet}. */
    Map<String, Long> unstampedQuietFor(java.time.Duration quiet) {
        long now = System.nanoTime();
        Map<String, Long> out = new java.util.HashMap<>();
        unstamped.forEach((id, at) -> {
            if (now - at >= quiet.toNanos()) {
                out.put(id, at);
            }
        });
        return out;
    }

    /**
     * While the node runs, under the contract's lock: stamps a contract whose findings have not been recorded since
     * {@code seenAt}, as {@link #stampAtStop} does, so that a crash finds its findings standing as a clean stop would.
     *
     * @return whether it was stamped
     */
    boolean stampQuiet(String contractId, long seenAt, java.util.function.BooleanSupplier settled) {
        locks.requireContract(contractId);
        Long at = unstamped.get(contractId);
        if (at == null || at != seenAt || !stampAtStop(contractId, settled)) {
            return false;
        }
        unstamped.remove(contractId, seenAt);
        return true;
    }

    /** Notes that the contract's latest evaluation failed; returns why, in a line. */
    String failed(String contractId, RuntimeException e) {
        String why = rootMessage(e);
        failedEvaluations.put(contractId, why);
        tellProgress();
        return why;
    }

    private void tellProgress() {
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    /**
     * Whether the contract's recorded findings stand on the current rule set, and that rule set is the one
     * the node starts on (not part of the domain bundles still arriving).
     */
    boolean current(String contractId) {
        return engine.preparing().isEmpty() && !failedEvaluations.containsKey(contractId)
                && recordedVersion(contractId) == engine.ruleSetVersion();
    }

    /** Whether the contract waits for the rule set the node starts on before it is evaluated. */
    boolean deferred(String contractId) {
        return deferred.contains(contractId);
    }

    /** Whether the latest evaluation of the contract failed: waiting will not make its findings current. */
    boolean failedLast(String contractId) {
        return failedEvaluations.containsKey(contractId);
    }

    /**
     * Waits until the contract's findings are {@link #current}, at most {@code bound}.
     *
     * @return whether they are current
     */
    boolean awaitCurrent(String contractId, java.time.Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        synchronized (progress) {
            while (!current(contractId)) {
                if (failedLast(contractId) && engine.preparing().isEmpty()) {
                    return false; // its latest evaluation failed: waiting changes nothing until the rules change
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // woken by every recording and rule-set change; the timeout only bounds a missed wake-up
                progress.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 1000)));
            }
            return true;
        }
    }

    /** The contracts among these whose findings are not {@link #current}, in id order. */
    java.util.List<String> notCurrent(java.util.Collection<String> contractIds) {
        return contractIds.stream().filter(id -> !current(id)).sorted().toList();
    }

    /** Wakes up within a second or at the next recording or rule-set change, whichever comes first. */
    void awaitProgress(java.time.Duration atMost) throws InterruptedException {
        synchronized (progress) {
            progress.wait(Math.max(1, atMost.toMillis()));
        }
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
