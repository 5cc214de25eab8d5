package org.lvyue.engine.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;
import org.osgi.framework.Version;

/** A second jar of an installed domain bundle's name and version in deploy/: told apart, and reported. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DuplicateJarsTest {
    @TempDir
    Path deploy;

    @Test
    void a_jar_with_the_name_and_version_of_a_bundle_installed_from_another_file_is_a_duplicate_reported_refused()
            throws IOException {
        Path first = jar("drill-1.0.0.jar", "org.lvyue.domain-drill", "1.0.0", "emergency-drill");
        Path copy = jar("drill-copy.jar", "org.lvyue.domain-drill", "1.0.0", "emergency-drill");
        DuplicateJars.Installed running = new DuplicateJars.Installed(40, "org.lvyue.domain-drill",
                Version.parseVersion("1.0.0"), DuplicateJars.fileOf(first.toUri().toString()));
        List<DuplicateJars.Installed> installed = List.of(running);

        assertNull(DuplicateJars.twin(DuplicateJars.read(first), installed), "a bundle is no duplicate of itself");
        DuplicateJars.Jar duplicate = DuplicateJars.read(copy);
        assertSame(running, DuplicateJars.twin(duplicate, installed));

        Instant since = Instant.parse("2023-01-10T08:00:00Z");
        DomainStatus s = DuplicateJars.refusal(duplicate, running, since);
        assertEquals(DomainState.REFUSED, s.state());
        assertEquals(-1, s.bundleId());
        assertEquals("org.lvyue.domain-drill", s.symbolicName());
        assertEquals("emergency-drill", s.domain());
        assertEquals(since, s.since());
        assertEquals("drill-copy.jar", s.problems().get(0).file());
        assertTrue(s.problems().get(0).message().startsWith("与已安装的 bundle（drill-1.0.0.jar，编号 40）同名同版本：先安装的那个继续运行，"
                + "此 jar 不予安装；删除此 jar 不影响运行中的 bundle"), s.problems().get(0).message());
    }

    @Test
    void another_version_another_name_and_jars_that_are_no_domain_bundle_are_no_duplicates() throws IOException {
        Path running = jar("a.jar", "org.lvyue.domain-a", "1.0.0", "a");
        List<DuplicateJars.Installed> installed = List.of(new DuplicateJars.Installed(7, "org.lvyue.domain-a",
                Version.parseVersion("1.0.0"), DuplicateJars.fileOf(running.toUri().toString())));

        assertNull(DuplicateJars.twin(DuplicateJars.read(jar("a-2.jar", "org.lvyue.domain-a", "2.0.0", "a")), installed),
                "another version: the engine runs the highest");
        assertNull(DuplicateJars.twin(DuplicateJars.read(jar("b.jar", "org.lvyue.domain-b", "1.0.0", "a")), installed));
        assertNull(DuplicateJars.read(jar("lib.jar", "org.lvyue.domain-a", "1.0.0", null)), "no Compliance-Domain header");
        Files.writeString(deploy.resolve("broken.jar"), "not a jar");
        assertNull(DuplicateJars.read(deploy.resolve("broken.jar")));
    }

    @Test
    void only_file_locations_name_a_file() {
        assertNull(DuplicateJars.fileOf("mvn:org.lvyue/compliance-api/0.1.0"));
        assertNull(DuplicateJars.fileOf(null));
        assertEquals(Path.of("/opt/lvyue/deploy/x.jar"), DuplicateJars.fileOf("file:/opt/lvyue/deploy/../deploy/x.jar"));
    }

    private Path jar(String name, String symbolicName, String version, String domain) throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", version);
        if (domain != null) {
            a.putValue("Compliance-Domain", domain);
        }
        Path file = deploy.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, mf)) {
            jar.flush();
        }
        return file;
    }
}
