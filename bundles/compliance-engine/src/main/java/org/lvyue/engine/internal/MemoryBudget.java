package org.lvyue.engine.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.lvyue.api.engine.MemoryFigures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the contracts' working memories within a node's budget: a memory not used for the idle
 * time is released, and when the memories held (with the one about to be built) would exceed the
 * budget, the least recently used are released first. A memory in use (evaluated, or taking new
 * records) is never released; a released one is rebuilt from its loader at its next use.
 *
 * <p>A memory's size is an estimate ({@link #estimate}), made when its session is built: weighing
 * it on the heap would need a full GC per build, and the builds of a swap run beside evaluations
 * that allocate too. While a memory is being built it counts twice its last size: the records read
 * for it, or the running session it is built beside, stay on the heap with the session being made,
 * so the room for both is made before the build, not found over the budget after it.
 *
 * <p>Thread-safe: every decision is taken under this object's lock, and a victim is released under
 * it too, so that no use can start on it meanwhile. The memories never call this object while they
 * hold their own lock, so the two locks are always taken in this order.
 */
final class MemoryBudget {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryBudget.class);

    /**
     * Calibrated on the demo year with {@code bench/memory-bench.sh} (heap after GC against the
     * records held): a session's fixed cost, and what each fact and each audit-log entry adds
     * with the rules, tuples and findings it brings. Set so that the estimate is not below what
     * was measured (the demo year: 433-437 MiB after GC; 338 MiB with the earlier 3,000 and 500).
     */
    static final long BYTES_PER_SESSION = 256 * 1024;
    static final long BYTES_PER_FACT = 3_900;
    static final long BYTES_PER_AUDIT_EVENT = 650;

    /** What a memory is, to this policy: something that can let its working memory go. */
    interface Held {
        void release();
    }

    private static final class Entry {
        final Held memory;
        /** The estimate of its last build, kept after a release: what its rebuild is expected to cost. */
        long bytes;
        boolean held;
        /** Uses under way: while positive, it is not released. */
        int uses;
        long lastUse;
        /** Released since its last build: its next build is a rebuild. */
        boolean released;
        /** A session is being built for it: it counts twice its last size until the build ends. */
        boolean building;

        Entry(Held memory, long now) {
            this.memory = memory;
            this.lastUse = now;
        }
    }

    private final LongSupplier nanos;
    private final Map<String, Entry> entries = new HashMap<>();
    private long budgetBytes;
    private Duration idle;
    private long builds;
    private long rebuilds;
    private long lastRebuildMillis;
    private long maxRebuildMillis;
    private long totalRebuildMillis;
    private long idleReleases;
    private long budgetReleases;

    /**
     * @param nanos the clock of uses and idle times ({@link System#nanoTime} but in tests)
     */
    MemoryBudget(long budgetBytes, Duration idle, LongSupplier nanos) {
        this.nanos = nanos;
        configure(budgetBytes, idle);
    }

    /** The default budget: half of the maximum heap, the other half left to the store, the REST layer and reports. */
    static long defaultBudget() {
        return Runtime.getRuntime().maxMemory() / 2;
    }

    /** What a memory of these records is estimated to hold. */
    static long estimate(int facts, int auditEvents) {
        return BYTES_PER_SESSION + BYTES_PER_FACT * facts + BYTES_PER_AUDIT_EVENT * auditEvents;
    }

    synchronized void configure(long budgetBytes, Duration idle) {
        if (budgetBytes <= 0 || idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("budget and idle time must be positive: " + budgetBytes + ", " + idle);
        }
        this.budgetBytes = budgetBytes;
        this.idle = idle;
    }

    /** A memory the engine holds from now on (it is built at its first use). */
    synchronized void track(String contractId, Held memory) {
        entries.put(contractId, new Entry(memory, nanos.getAsLong()));
    }

    /** The memory is gone for good (unloaded, or replaced by a new one of the same contract). */
    synchronized void forget(String contractId, Held memory) {
        Entry e = entries.get(contractId);
        if (e != null && e.memory == memory) {
            entries.remove(contractId);
        }
    }

    /** A use starts: the memory is not released until it ends. */
    synchronized void enter(String contractId) {
        Entry e = entries.get(contractId);
        if (e != null) {
            e.uses++;
            e.lastUse = nanos.getAsLong();
        }
    }

    /** A use ended: the memory's idle time starts now. */
    synchronized void exit(String contractId) {
        Entry e = entries.get(contractId);
        if (e != null) {
            e.uses = Math.max(0, e.uses - 1);
            e.lastUse = nanos.getAsLong();
        }
    }

    /**
     * A session is about to be built for the memory: it is counted at the size of its last build,
     * and others are released first if it would not fit, so the heap never holds both.
     */
    void building(String contractId) {
        List<Held> victims;
        synchronized (this) {
            Entry e = entries.get(contractId);
            if (e == null) {
                return;
            }
            if (!e.held) {
                e.held = true;
            }
            e.building = true;
            victims = overBudget(e);
            releaseAll(victims);
        }
    }

    /** A session was built for the memory, holding {@code bytes} (an {@link #estimate}), in {@code nanos}. */
    synchronized void built(String contractId, long bytes, long buildNanos) {
        Entry e = entries.get(contractId);
        if (e == null) {
            return;
        }
        e.bytes = bytes;
        e.held = true;
        e.building = false;
        builds++;
        if (e.released) {
            e.released = false;
            rebuilds++;
            lastRebuildMillis = buildNanos / 1_000_000;
            maxRebuildMillis = Math.max(maxRebuildMillis, lastRebuildMillis);
            totalRebuildMillis += lastRebuildMillis;
        }
        releaseAll(overBudget(e));
    }

    /** The build announced by {@link #building} ended without a session: the room kept for it is given back. */
    synchronized void notBuilt(String contractId) {
        Entry e = entries.get(contractId);
        if (e != null) {
            e.building = false;
        }
    }

    /** The memory was released from outside (the engine's API): it no longer counts. */
    synchronized void released(String contractId) {
        Entry e = entries.get(contractId);
        if (e != null && e.held) {
            e.held = false;
            e.released = true;
        }
    }

    /** Releases the memories idle for longer than the idle time, and the least recently used over the budget. */
    synchronized void sweep() {
        long now = nanos.getAsLong();
        long idleNanos = idle.toNanos();
        List<String> idleOnes = new ArrayList<>();
        for (Map.Entry<String, Entry> me : entries.entrySet()) {
            Entry e = me.getValue();
            if (e.held && e.uses == 0 && now - e.lastUse >= idleNanos) {
                idleOnes.add(me.getKey());
            }
        }
        for (String id : idleOnes) {
            Entry e = entries.get(id);
            let(id, e);
            idleReleases++;
            LOG.debug("Contract {}: working memory released after {} s unused (about {} MiB)", id,
                    Duration.ofNanos(now - e.lastUse).toSeconds(), e.bytes >> 20);
        }
        releaseAll(overBudget(null));
    }

    synchronized MemoryFigures figures() {
        int held = 0;
        int inUse = 0;
        long bytes = 0;
        for (Entry e : entries.values()) {
            if (e.held) {
                held++;
                bytes += e.bytes;
            }
            if (e.uses > 0) {
                inUse++;
            }
        }
        return new MemoryFigures(budgetBytes, idle, held, bytes, inUse, builds, rebuilds, lastRebuildMillis, maxRebuildMillis,
                totalRebuildMillis, idleReleases, budgetReleases);
    }

    /**
     * The least recently used memories, not in use and other than {@code keep}, whose release brings
     * the held estimate within the budget. Under the lock; marks them released.
     */
    private List<Held> overBudget(Entry keep) {
        long total = 0;
        List<Map.Entry<String, Entry>> candidates = new ArrayList<>();
        for (Map.Entry<String, Entry> me : entries.entrySet()) {
            Entry e = me.getValue();
            if (e.held) {
                total += e.building ? 2 * e.bytes : e.bytes;
                if (e.uses == 0 && e != keep) {
                    candidates.add(me);
                }
            }
        }
        if (total <= budgetBytes) {
            return List.of();
        }
        candidates.sort((a, b) -> Long.compare(a.getValue().lastUse, b.getValue().lastUse));
        List<Held> victims = new ArrayList<>();
        for (Map.Entry<String, Entry> me : candidates) {
            if (total <= budgetBytes) {
                break;
            }
            Entry e = me.getValue();
            total -= e.building ? 2 * e.bytes : e.bytes;
            victims.add(e.memory);
            budgetReleases++;
            LOG.debug("Contract {}: working memory released for the budget (about {} MiB; {} MiB held of {} MiB)",
                    me.getKey(), e.bytes >> 20, total >> 20, budgetBytes >> 20);
            e.held = false;
            e.released = true;
        }
        return victims;
    }

    /** Releases one memory now. Under the lock. */
    private void let(String contractId, Entry e) {
        e.held = false;
        e.released = true;
        e.memory.release();
    }

    /** Under the lock: no use can start on a victim before it is released. */
    private static void releaseAll(List<Held> victims) {
        victims.forEach(Held::release);
    }
}
