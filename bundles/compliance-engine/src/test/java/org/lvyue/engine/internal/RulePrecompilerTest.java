package org.lvyue.engine.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvyue.engine.internal.TestDomains.AS_OF;
import static org.lvyue.engine.internal.TestDomains.CONTRACT;
import static org.lvyue.engine.internal.TestDomains.catalogue;
import static org.lvyue.engine.internal.TestDomains.drl;
import static org.lvyue.engine.internal.TestDomains.keys;
import static org.lvyue.engine.internal.TestDomains.missingRule;
import static org.lvyue.engine.internal.TestDomains.perFactRule;
import static org.lvyue.engine.internal.TestDomains.record;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.fact.Fact;

/**
 * The rules a distribution ships compiled: compiled at build time from the domain bundles' jars, found by
 * an engine of the same build under the same keys, never written or deleted by it, and a bundle whose
 * rules do not compile stops the build instead of shipping.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(120)
class RulePrecompilerTest {
    private static final List<Fact> FACTS = List.of(record("r1", "alpha", "2022-05-01", "ok"),
            record("r2", "alpha", "2022-07-01", "late"), record("b1", "beta", "2022-03-01", "ok"));

    @TempDir
    Path dir;

    @Test
    void an_engine_of_the_same_build_takes_every_shipped_bundle_from_the_build_and_finds_the_same() throws IOException {
        Path jars = domainJars("alpha", "beta");
        Path shipped = dir.resolve("compiled-rules");

        RulePrecompiler.main(new String[] {engineJar("2.0.0", "1796619174885").toString(), shipped.toString(), jars.toString()});

        assertEquals(2, kpkg(shipped).size(), "one entry per domain bundle");
        Start fresh = start(new CompiledPackageCache(dir.resolve("none"), "unrelated"), jars);
        Start shippedStart = start(new CompiledPackageCache(dir.resolve("data"), CompiledPackageCache.engineKey("2.0.0",
                "1796619174885"), shipped), jars);
        assertEquals(2, shippedStart.cache().hits(), "both bundles from the shipped entries");
        assertEquals(0, shippedStart.cache().misses());
        assertEquals(fresh.findings(), shippedStart.findings(), "the shipped consequences build the same findings");
        assertTrue(fresh.findings().contains("alpha/alpha: each record/-/2022/r2=late"), fresh.findings()::toString);
    }

    @Test
    void another_engine_build_compiles_again_and_a_damaged_shipped_entry_is_left_as_it_is() throws IOException {
        Path jars = domainJars("alpha", "beta");
        Path shipped = dir.resolve("compiled-rules");
        RulePrecompiler.main(new String[] {engineJar("2.0.0", "100").toString(), shipped.toString(), jars.toString()});

        Start rebuilt = start(new CompiledPackageCache(dir.resolve("data-1"), CompiledPackageCache.engineKey("2.0.0", "101"),
                shipped), jars);
        assertEquals(0, rebuilt.cache().hits(), "an engine built later does not read the earlier build's entries");

        Path entry = kpkg(shipped).get(0);
        byte[] damaged = Files.readAllBytes(entry);
        damaged[damaged.length / 2] ^= 0x5a;
        Files.write(entry, damaged);
        Start afterDamage = start(new CompiledPackageCache(dir.resolve("data-2"), CompiledPackageCache.engineKey("2.0.0", "100"),
                shipped), jars);

        assertEquals(1, afterDamage.cache().misses(), "the damaged entry is found out by its digest, not when a rule fires");
        assertEquals(1, afterDamage.cache().hits(), "the other entry is still read");
        assertEquals(rebuilt.findings(), afterDamage.findings());
        assertArrayEquals(damaged, Files.readAllBytes(entry), "the shipped folder is read, never written or deleted");
    }

    @Test
    void a_bundle_counts_as_shipped_only_with_the_very_content_the_build_compiled() throws IOException {
        Path jars = domainJars("alpha");
        Path shipped = dir.resolve("compiled-rules");
        RulePrecompiler.main(new String[] {engineJar("2.0.0", "7").toString(), shipped.toString(), jars.toString()});
        CompiledPackageCache cache = new CompiledPackageCache(dir.resolve("data"), CompiledPackageCache.engineKey("2.0.0", "7"),
                shipped);
        try (DomainJarContent content = new DomainJarContent(jars.resolve("domain-alpha-1.0.0.jar"))) {
            assertTrue(cache.shipped(content.source(1, content.symbolicName(), content.version(), null)));
        }

        // the same name, version and rules with one more file: a bundle the build never saw
        Path other = Files.createDirectories(dir.resolve("other")).resolve("domain-alpha-1.0.0.jar");
        jar(other, "test.alpha", "alpha", Map.of("/rules/alpha.drl", drl("alpha", missingRule("alpha", "alpha"),
                perFactRule("alpha", "alpha")), "/extra.txt", "x"));
        try (DomainJarContent content = new DomainJarContent(other)) {
            assertFalse(cache.shipped(content.source(1, content.symbolicName(), content.version(), null)));
        }
    }

    @Test
    void a_domain_bundle_whose_rules_do_not_compile_stops_the_build_naming_the_jar() throws IOException {
        Path jars = domainJars("alpha");
        jar(jars.resolve("broken-1.0.0.jar"), "test.broken", "broken",
                Map.of("/rules/broken.drl", "package broken;\nrule \"unterminated\"\nwhen\n"));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RulePrecompiler.main(new String[] {
                engineJar("2.0.0", "1").toString(), dir.resolve("out").toString(), jars.toString()}));

        assertTrue(e.getMessage().contains("broken-1.0.0.jar"), e.getMessage());
    }

    private record Start(CompiledPackageCache cache, List<String> findings) {
    }

    /** A start: the bundles read from their jars as the precompiler reads them, deployed together, evaluated. */
    private static Start start(CompiledPackageCache cache, Path jars) throws IOException {
        List<DomainSource> sources = new ArrayList<>();
        long id = 50;
        try (Stream<Path> files = Files.list(jars)) {
            for (Path jar : files.sorted().toList()) {
                try (DomainJarContent content = new DomainJarContent(jar)) {
                    sources.add(content.source(id++, content.symbolicName(), content.version(),
                            RulePrecompilerTest.class.getClassLoader()));
                }
            }
        }
        DroolsEngine engine = new DroolsEngine();
        try {
            engine.usePackageCache(cache);
            engine.deployAll(sources);
            engine.load(CONTRACT, FACTS);
            return new Start(cache, keys(engine.evaluate(CONTRACT.id(), AS_OF)).stream().sorted().toList());
        } finally {
            engine.close();
        }
    }

    private Path domainJars(String... domains) throws IOException {
        Path jars = Files.createDirectories(dir.resolve("deploy"));
        for (String d : domains) {
            jar(jars.resolve("domain-" + d + "-1.0.0.jar"), "test." + d, d, Map.of("/rules/" + d + ".drl",
                    drl(d, missingRule(d, d), perFactRule(d, d))));
        }
        return jars;
    }

    private Path engineJar(String version, String stamp) throws IOException {
        Path jar = dir.resolve("engine-" + version + "-" + stamp + ".jar");
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("Bundle-Version", version);
        m.getMainAttributes().putValue(CompiledPackageCache.BUILD_STAMP, stamp);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        return jar;
    }

    private static void jar(Path file, String symbolicName, String domain, Map<String, String> drl) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName + ";singleton:=true");
        m.getMainAttributes().putValue("Bundle-Version", "1.0.0");
        m.getMainAttributes().putValue("Compliance-Domain", domain);
        Map<String, byte[]> files = new LinkedHashMap<>();
        drl.forEach((path, text) -> files.put(path, text.getBytes(UTF_8)));
        files.put("/catalogue.json", catalogue(domain));
        files.put("/OSGI-INF/l10n/bundle.properties", ("name=" + domain).getBytes(UTF_8));
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream j = new JarOutputStream(out, m)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                j.putNextEntry(new JarEntry(f.getKey().substring(1)));
                j.write(f.getValue());
                j.closeEntry();
            }
        }
    }

    private static List<Path> kpkg(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".kpkg")).sorted().toList();
        }
    }
}
