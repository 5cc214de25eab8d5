package org.lvyue.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvyue.engine.internal.TestDomains.AS_OF;
import static org.lvyue.engine.internal.TestDomains.CONTRACT;
import static org.lvyue.engine.internal.TestDomains.keys;
import static org.lvyue.engine.internal.TestDomains.record;
import static org.lvyue.engine.internal.TestDomains.working;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.fact.Fact;

/**
 * Compiled rule packages kept between starts: a start with an unchanged bundle takes them from the cache and
 * the rules find the same as freshly compiled ones; anything wrong with the cache costs a compilation, never a
 * bundle. Each "start" is a new engine and a new cache object on the same folder, as after a restart.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(120)
class CompiledPackageCacheTest {
    private static final String ENGINE = CompiledPackageCache.engineKey("test-1");
    private static final List<Fact> FACTS = List.of(record("r1", "alpha", "2022-05-01", "ok"),
            record("r2", "alpha", "2022-07-01", "late"), record("b1", "beta", "2022-03-01", "ok"));

    @TempDir
    Path dir;

    private static List<DomainSource> bundles() {
        return List.of(working(7, "test.alpha", "1.0.0", "alpha", "alpha v1"),
                working(8, "test.beta", "1.0.0", "beta", "beta v1"));
    }

    /** A start: a new engine with a cache on the folder, the bundles deployed together, the contract evaluated. */
    private static Started start(Path cacheDir, List<DomainSource> sources) {
        return start(cacheDir, sources, ENGINE);
    }

    private static Started start(Path cacheDir, List<DomainSource> sources, String engineKey) {
        CompiledPackageCache cache = new CompiledPackageCache(cacheDir, engineKey);
        DroolsEngine engine = new DroolsEngine();
        try {
            engine.usePackageCache(cache);
            List<DomainStatus> statuses = engine.deployAll(sources);
            engine.load(CONTRACT, FACTS);
            List<String> findings = keys(engine.evaluate(CONTRACT.id(), AS_OF)).stream().sorted().toList();
            return new Started(statuses, findings, cache.hits(), cache.misses(), engine.ruleSetVersion(), engine.ruleSetDigest());
        } finally {
            engine.close();
        }
    }

    private record Started(List<DomainStatus> statuses, List<String> findings, long hits, long misses, long version,
                           String digest) {
        boolean allActive() {
            return statuses.stream().allMatch(s -> s.state() == DomainState.ACTIVE);
        }
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".kpkg")).sorted().toList();
        }
    }

    @Test
    void a_second_start_takes_the_unchanged_bundles_from_the_cache_and_its_rules_find_the_same() throws IOException {
        Started first = start(dir, bundles());
        assertEquals(0, first.hits());
        assertEquals(2, first.misses());
        assertEquals(2, entries().size(), "one entry per bundle");
        assertTrue(first.findings().contains("alpha/alpha v1: each record/-/2022/r2=late"), first.findings()::toString);
        assertTrue(first.findings().contains("beta/beta v1: each record/-/2022/b1=ok"), first.findings()::toString);

        Started second = start(dir, bundles());

        assertEquals(2, second.hits(), "both bundles read back from the cache");
        assertEquals(0, second.misses());
        assertTrue(second.allActive(), second.statuses()::toString);
        assertEquals(first.findings(), second.findings(), "the cached consequences build the same findings");
        assertEquals(1, second.version(), "the bundles present at start make one rule set");
    }

    @Test
    void the_rule_sets_digest_is_the_same_after_a_restart_and_another_when_a_bundle_or_the_engine_build_changed() {
        String build = CompiledPackageCache.engineKey("test", "20261207");
        Started first = start(dir, bundles(), build);
        Started again = start(dir, bundles(), build);
        Started changed = start(dir, List.of(working(7, "test.alpha", "1.0.0", "alpha", "alpha v2"),
                working(8, "test.beta", "1.0.0", "beta", "beta v1")), build);
        Started fewer = start(dir, List.of(working(8, "test.beta", "1.0.0", "beta", "beta v1")), build);
        Started rebuilt = start(dir, bundles(), CompiledPackageCache.engineKey("test", "20261208"));
        Started unstamped = start(dir, bundles(), ENGINE);

        assertEquals(64, first.digest().length(), first.digest());
        assertEquals(first.digest(), again.digest(), "the same bundles and engine: the same rule set, though its version restarts");
        assertEquals(4, java.util.Set.of(first.digest(), changed.digest(), fewer.digest(), rebuilt.digest()).size());
        assertEquals("", unstamped.digest(), "a build without a stamp cannot be told from the next one");
    }

    @Test
    void a_changed_bundle_is_compiled_again_and_runs_its_new_rules() {
        start(dir, bundles());

        Started changed = start(dir, List.of(working(7, "test.alpha", "1.0.0", "alpha", "alpha v2"),
                working(8, "test.beta", "1.0.0", "beta", "beta v1")));

        assertEquals(1, changed.hits(), "beta did not change");
        assertEquals(1, changed.misses(), "alpha's DRL did");
        assertTrue(changed.findings().contains("alpha/alpha v2: each record/-/2022/r2=late"), changed.findings()::toString);
        assertTrue(changed.findings().stream().noneMatch(k -> k.contains("alpha v1")), changed.findings()::toString);
    }

    @Test
    void corrupt_truncated_or_foreign_entries_are_compiled_again_replaced_and_never_stop_a_bundle() throws IOException {
        Started first = start(dir, bundles());
        List<Path> entries = entries();
        byte[] good = Files.readAllBytes(entries.get(0));
        Files.write(entries.get(0), Arrays.copyOf(good, good.length / 2)); // truncated: a crash while copying
        byte[] flipped = Files.readAllBytes(entries.get(1));
        for (int i = flipped.length / 3; i < flipped.length / 3 + 64 && i < flipped.length; i++) {
            flipped[i] ^= 0x5a; // damaged on disk
        }
        Files.write(entries.get(1), flipped);

        Started damaged = start(dir, bundles());

        assertTrue(damaged.allActive(), damaged.statuses()::toString);
        assertEquals(first.findings(), damaged.findings());
        assertEquals(2, damaged.misses(), "both damaged entries are found out by their digest, none used");

        Started repaired = start(dir, bundles());
        assertEquals(2, repaired.hits(), "the damaged entries were replaced by good ones");

        // another file under an entry's name (an entry of another bundle copied over it)
        List<Path> now = entries();
        Files.copy(now.get(1), now.get(0), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Started foreign = start(dir, bundles());
        assertTrue(foreign.allActive(), foreign.statuses()::toString);
        assertEquals(1, foreign.misses());
        assertEquals(first.findings(), foreign.findings());
    }

    @Test
    void a_cache_folder_that_cannot_be_written_costs_nothing_but_the_reuse() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("file"), "not a folder");

        Started first = start(notAFolder.resolve("cache"), bundles());
        Started second = start(notAFolder.resolve("cache"), bundles());

        assertTrue(first.allActive(), first.statuses()::toString);
        assertTrue(second.allActive(), second.statuses()::toString);
        assertEquals(0, second.hits());
        assertEquals(first.findings(), second.findings());
    }

    @Test
    void another_engine_build_does_not_read_the_entries_of_this_one() {
        start(dir, bundles());
        CompiledPackageCache other = new CompiledPackageCache(dir, CompiledPackageCache.engineKey("test-2"));
        DroolsEngine engine = new DroolsEngine();
        try {
            engine.usePackageCache(other);
            engine.deployAll(bundles());
            assertEquals(0, other.hits());
            assertEquals(2, other.misses());
        } finally {
            engine.close();
        }
    }
}
