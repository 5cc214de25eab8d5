package org.lvyue.core.internal;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Component;

/**
 * Every lock of the core, and the one order they are taken in. The rooms take locks only through here.
 *
 * <p>The locks, outermost first:
 * <ol>
 * <li><b>contract</b>, one per contract: held while a contract's records change and the findings they
 * lead to are recorded, so that changes of one contract are added to the engine, evaluated and recorded
 * one at a time: defining a contract, a new waiver, a re-evaluation, and the hand-over and evaluation of
 * the batches of facts and audit entries stored since the last ({@link #underContract}). The batches
 * themselves are stored without it, under the store's own lock of the contract, so that they go to disk
 * while an evaluation runs ({@link IntakeQueue}).</li>
 * <li><b>dashboard</b>, one per contract and day: one build of that dashboard at a time; whoever finds it
 * taken answers with the dashboard built before, if there is one ({@link #dashboard}). A build is taken
 * without the contract lock: it reads for half a second and must not hold up intake.</li>
 * <li>then, inside the core's locks and never around them, the locks of the bundles the core calls: the
 * store's write lock of a contract and the engine's lock of a contract's working memory. Neither calls
 * back into the core while holding one.</li>
 * </ol>
 *
 * <p>The rules, checked before a lock is waited for (a lock taken out of order throws
 * {@link IllegalStateException}, so a mistake fails a test instead of hanging a request):
 * <ul>
 * <li>down the list only: never a contract lock while holding a dashboard lock;</li>
 * <li>one of each kind at a time: never two contracts' locks, never two dashboards' (two requests for two
 * contracts would wait for each other);</li>
 * <li>a lock held may be taken again by its thread.</li>
 * </ul>
 * Besides, never take a core lock on the engine's thread ({@code lvyue-prepare}): a request that holds a
 * contract lock may be waiting for that thread to build the contract's memory. That is why the engine's
 * {@link org.lvyue.api.engine.ContractSwitchListener} call only queues a re-evaluation ({@link Reevaluator}).
 *
 * <p>A lock exists while it is held or waited for, so their number stays that of the contracts and days in
 * use, not of every day ever asked.
 */
@Component(service = LockOrder.class)
public final class LockOrder {
    /** The kinds of lock, in the order they may be taken. */
    enum Level {
        CONTRACT, DASHBOARD
    }

    /** A lock held; closing it releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private record Key(Level level, String name) {
        @Override
        public String toString() {
            return level.name().toLowerCase() + " lock of " + name;
        }
    }

    /** A lock and how many threads hold or wait for it; it is forgotten when none does. */
    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    private final Map<Key, Slot> slots = new ConcurrentHashMap<>();
    /** The locks the current thread holds, the last taken first. */
    private final ThreadLocal<Deque<Key>> held = ThreadLocal.withInitial(ArrayDeque::new);

    /** Runs {@code work} holding the contract's lock, waiting for it as long as it takes. */
    <T> T underContract(String contractId, Supplier<T> work) {
        try (Held h = take(new Key(Level.CONTRACT, contractId), true)) {
            return work.get();
        }
    }

    /**
     * The lock of the dashboard of the contract on that day.
     *
     * @param wait whether to wait for it; when not, null if another thread holds it
     */
    Held dashboard(String contractId, LocalDate asOf, boolean wait) {
        return take(new Key(Level.DASHBOARD, contractId + "@" + asOf), wait);
    }

    /** Whether the current thread holds the contract's lock. */
    boolean holdsContract(String contractId) {
        return held.get().contains(new Key(Level.CONTRACT, contractId));
    }

    /** Fails unless the current thread holds the contract's lock: for work that must not run without it. */
    void requireContract(String contractId) {
        if (!holdsContract(contractId)) {
            throw new IllegalStateException("the contract lock of " + contractId + " is not held by this thread");
        }
    }

    /** How many locks exist now (held or waited for). */
    int locksInUse() {
        return slots.size();
    }

    private Held take(Key key, boolean wait) {
        checkOrder(key);
        Slot slot = slots.compute(key, (k, s) -> {
            Slot in = s == null ? new Slot() : s;
            in.users++;
            return in;
        });
        boolean got;
        if (wait) {
            slot.lock.lock();
            got = true;
        } else {
            got = slot.lock.tryLock();
        }
        if (!got) {
            leave(key);
            return null;
        }
        Deque<Key> mine = held.get();
        mine.push(key);
        return () -> {
            mine.removeFirstOccurrence(key);
            slot.lock.unlock();
            leave(key);
        };
    }

    private void leave(Key key) {
        slots.compute(key, (k, s) -> --s.users == 0 ? null : s);
    }

    private void checkOrder(Key key) {
        Deque<Key> mine = held.get();
        if (mine.contains(key)) {
            return; // taken again by its holder
        }
        for (Key h : mine) {
            if (h.level() == key.level()) {
                throw new IllegalStateException("lock order: the " + key + " is taken while holding the " + h
                        + " (one " + key.level().name().toLowerCase() + " lock at a time)");
            }
            if (h.level().compareTo(key.level()) > 0) {
                throw new IllegalStateException("lock order: the " + key + " is taken while holding the " + h
                        + " (" + key.level().name().toLowerCase() + " locks come first)");
            }
        }
    }
}
