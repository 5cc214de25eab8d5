package org.lvyue.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per contract, held by every write to the contract: the duplicate check of a fact batch,
 * the reconciliation of findings and the appending to the contract's evidence chain see no
 * concurrent writer of the same contract.
 */
final class ContractLocks {
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    <T> T with(String contractId, Supplier<T> action) {
        ReentrantLock lock = lock(contractId);
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} holding the locks of all the contracts, taken in id order, as no other path holds two. */
    <T> T withAll(Collection<String> contractIds, Supplier<T> action) {
        List<ReentrantLock> held = new ArrayList<>();
        try {
            for (String id : new TreeSet<>(contractIds)) {
                ReentrantLock lock = lock(id);
                lock.lock();
                held.add(lock);
            }
            return action.get();
        } finally {
            for (int i = held.size() - 1; i >= 0; i--) {
                held.get(i).unlock();
            }
        }
    }

    private ReentrantLock lock(String contractId) {
        return locks.computeIfAbsent(contractId, k -> new ReentrantLock());
    }
}
