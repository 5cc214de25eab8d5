package org.lvyue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BoundedCacheTest {

    @Test
    void it_keeps_at_most_its_capacity_and_forgets_the_eldest_first() {
        BoundedCache<String, Integer> cache = new BoundedCache<>(2);
        cache.put("a", 1);
        cache.put("b", 2);
        cache.put("c", 3);

        assertEquals(2, cache.size());
        assertNull(cache.get("a"));
        assertEquals(2, cache.get("b"));
        assertEquals(3, cache.get("c"));
    }

    @Test
    void an_entry_read_is_kept_over_one_not_read_since() {
        BoundedCache<String, Integer> cache = new BoundedCache<>(2);
        cache.put("a", 1);
        cache.put("b", 2);
        cache.get("a");
        cache.put("c", 3);

        assertEquals(1, cache.get("a"));
        assertNull(cache.get("b"));
    }

    @Test
    void a_full_cache_keeps_what_is_still_asked_for_instead_of_emptying() {
        BoundedCache<Integer, Integer> cache = new BoundedCache<>(64);
        for (int i = 0; i < 1000; i++) {
            cache.get(0); // the one asked for all the time
            cache.put(i == 0 ? 0 : i, i);
        }
        assertEquals(64, cache.size());
        assertEquals(0, cache.get(0));
    }

    @Test
    void replacing_a_value_does_not_grow_it() {
        BoundedCache<String, Integer> cache = new BoundedCache<>(2);
        cache.put("a", 1);
        cache.put("a", 2);
        cache.put("b", 3);

        assertEquals(2, cache.size());
        assertEquals(2, cache.get("a"));
    }

    @Test
    void a_value_removed_is_gone() {
        BoundedCache<String, Integer> cache = new BoundedCache<>(2);
        cache.put("a", 1);
        cache.remove("a");
        assertNull(cache.get("a"));
        assertEquals(0, cache.size());
    }

    @Test
    void a_capacity_below_one_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> new BoundedCache<String, String>(0));
    }

    @Test
    void many_threads_at_once_never_take_it_past_its_capacity() throws Exception {
        BoundedCache<Integer, Integer> cache = new BoundedCache<>(16);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> largest = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t * 10_000;
                largest.add(pool.submit(() -> {
                    int max = 0;
                    for (int i = 0; i < 10_000; i++) {
                        cache.put(offset + i, i);
                        cache.get(offset + i / 2);
                        max = Math.max(max, cache.size());
                    }
                    return max;
                }));
            }
            for (Future<Integer> f : largest) {
                assertTrue(f.get(30, TimeUnit.SECONDS) <= 16);
            }
            assertEquals(16, cache.size());
        } finally {
            pool.shutdownNow();
        }
    }
}
