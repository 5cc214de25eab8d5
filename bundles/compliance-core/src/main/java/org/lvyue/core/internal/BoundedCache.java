package org.lvyue.core.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map of at most {@code capacity} entries that forgets the least recently used one to make room: for
 * answers that cost a lot to compute and nothing to compute again, such as a dashboard or a facts digest.
 * Unlike a map cleared when full, a full cache keeps what is still asked for.
 *
 * <p>Thread-safe: every access holds the cache's monitor, briefly; callers compute a value outside it,
 * so two threads may compute the same value at once and the later {@link #put} wins.
 */
final class BoundedCache<K, V> {
    private final int capacity;
    private final Map<K, V> entries;

    BoundedCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        // access order: a get moves the entry to the end, so the eldest is the least recently used
        this.entries = new LinkedHashMap<>(Math.min(capacity, 64) * 4 / 3 + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > BoundedCache.this.capacity;
            }
        };
    }

    /** The value kept for {@code key}, or null; counts as a use. */
    synchronized V get(K key) {
        return entries.get(key);
    }

    /** Keeps {@code value} for {@code key}, forgetting the least recently used entry when full. */
    synchronized void put(K key, V value) {
        entries.put(key, value);
    }

    synchronized void remove(K key) {
        entries.remove(key);
    }

    synchronized int size() {
        return entries.size();
    }

    int capacity() {
        return capacity;
    }
}
