package org.lvyue.engine.osgi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.lvyue.engine.internal.DomainSource;
import org.lvyue.engine.internal.DroolsEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The domain bundles present when the node starts, collected until it has started and then built into
 * one rule set ({@link DroolsEngine#deployAll}). The node has started when the framework reached its
 * start level, Karaf's boot features are installed and no domain bundle arrived for a quiet moment
 * (File Install may still be installing the jars of {@code deploy/}); past the longest wait the bundles
 * collected are built whatever the signals say, so a node whose boot never finishes still runs rules.
 * Until then the engine says what it waits for ({@link DroolsEngine#preparing()}).
 */
final class BootSet {
    private static final Logger LOG = LoggerFactory.getLogger(BootSet.class);

    /**
     * @param quiet   how long no domain bundle may arrive before the set is taken as complete
     * @param longest how long after the extender opened the set is built at the latest
     */
    record Timing(Duration quiet, Duration longest) {
        static final Timing PRODUCT = new Timing(Duration.ofMillis(1500), Duration.ofSeconds(120));
    }

    private final DroolsEngine engine;
    private final ScheduledExecutorService worker;
    private final Timing timing;
    private final Map<Long, DomainSource> collected = new LinkedHashMap<>();
    private boolean collecting = true;
    private boolean frameworkStarted;
    private boolean bootFeaturesInstalled;
    private long lastArrival = System.nanoTime();
    private ScheduledFuture<?> quietCheck;
    private ScheduledFuture<?> deadline;

    BootSet(DroolsEngine engine, ScheduledExecutorService worker, Timing timing) {
        this.engine = engine;
        this.worker = worker;
        this.timing = timing;
    }

    /** Starts collecting with the domain bundles already active, and what is known of the node's start. */
    synchronized void open(List<DomainSource> present, boolean started, boolean booted) {
        present.forEach(s -> collected.put(s.bundleId(), s));
        frameworkStarted |= started;
        bootFeaturesInstalled |= booted;
        tell();
        deadline = schedule(() -> {
            LOG.warn("The node has not finished starting after {} s (framework started: {}, boot features installed: {});"
                    + " building the {} domain bundle(s) present", timing.longest().toSeconds(), frameworkStarted,
                    bootFeaturesInstalled, collected.size());
            finish();
        }, timing.longest());
        maybeDone();
    }

    /** A domain bundle started: collected, and true, while the boot set is open; false once it was built. */
    synchronized boolean arrived(DomainSource source) {
        if (!collecting) {
            return false;
        }
        collected.put(source.bundleId(), source);
        lastArrival = System.nanoTime();
        tell();
        return true;
    }

    /** A domain bundle stopped or went: dropped from the set, and true, while it is open. */
    synchronized boolean left(long bundleId) {
        if (!collecting) {
            return false;
        }
        collected.remove(bundleId);
        tell();
        return true;
    }

    synchronized void frameworkStarted() {
        frameworkStarted = true;
        maybeDone();
    }

    synchronized void bootFeaturesInstalled() {
        bootFeaturesInstalled = true;
        maybeDone();
    }

    synchronized boolean collecting() {
        return collecting;
    }

    private void maybeDone() {
        if (collecting && frameworkStarted && bootFeaturesInstalled && quietCheck == null) {
            quietCheck = schedule(this::quietCheck, timing.quiet());
        }
    }

    /** Built once no bundle arrived for the quiet time; looked at again otherwise. */
    private void quietCheck() {
        synchronized (this) {
            if (!collecting) {
                return;
            }
            long quietFor = System.nanoTime() - lastArrival;
            long quiet = timing.quiet().toNanos();
            if (quietFor < quiet) {
                quietCheck = schedule(this::quietCheck, Duration.ofNanos(quiet - quietFor));
                return;
            }
        }
        finish();
    }

    /** Runs on the extender's thread: bundles that start after it are queued behind it and deployed one by one. */
    private void finish() {
        List<DomainSource> set;
        synchronized (this) {
            if (!collecting) {
                return;
            }
            collecting = false;
            if (deadline != null) {
                deadline.cancel(false);
            }
            set = new ArrayList<>(collected.values());
            collected.clear();
        }
        engine.preparing(List.of("规则集：正在编译并组装启动时的 " + set.size() + " 个领域 bundle (rule set: building the "
                + set.size() + " domain bundles present at start)"));
        try {
            engine.deployAll(set);
        } catch (RuntimeException e) {
            LOG.error("The domain bundles present at start could not be built into a rule set", e);
        } finally {
            engine.preparing(List.of());
        }
    }

    private void tell() {
        engine.preparing(List.of("规则集：等待节点启动完成，已收到 " + collected.size() + " 个领域 bundle (rule set: waiting for the node"
                + " to finish starting, " + collected.size() + " domain bundles so far)"));
    }

    private ScheduledFuture<?> schedule(Runnable r, Duration after) {
        try {
            return worker.schedule(r, Math.max(0, after.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            return null;
        }
    }
}
