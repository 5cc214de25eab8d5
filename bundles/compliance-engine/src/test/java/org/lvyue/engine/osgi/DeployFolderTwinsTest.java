package org.lvyue.engine.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** A second jar of one symbolic name and version in deploy/: OSGi installs one, the other is reported. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DeployFolderTwinsTest {
    @TempDir
    Path deploy;

    @Test
    void a_jar_the_framework_did_not_install_beside_an_installed_twin_is_reported_refused_with_both_file_names()
            throws IOException {
        Path first = jar("drill-1.0.0.jar", "org.lvyue.domain-drill", "1.0.0", "emergency-drill");
        Path copy = jar("drill-copy.jar", "org.lvyue.domain-drill", "1.0.0", "emergency-drill");
        List<DeployFolderTwins.Installed> installed = List.of(
                new DeployFolderTwins.Installed(40, "org.lvyue.domain-drill", Version.parseVersion("1.0.0"),
                        DeployFolderTwins.fileOf(first.toUri().toString())));
        DeployFolderTwins twins = new DeployFolderTwins(deploy);

        List<DomainStatus> refused = twins.scan(installed);

        assertEquals(1, refused.size(), refused::toString);
        DomainStatus s = refused.get(0);
        assertEquals(DomainState.REFUSED, s.state());
        assertEquals(-1, s.bundleId());
        assertEquals("emergency-drill", s.domain());
        assertEquals("drill-copy.jar", s.problems().get(0).file());
        assertTrue(s.problems().get(0).message().startsWith("与已安装的 bundle（drill-1.0.0.jar，编号 40）同名同版本，"
                + "OSGi 不安装第二个：先安装的那个继续运行"), s.problems().get(0).message());
        assertEquals(s.since(), twins.scan(installed).get(0).since(), "reported since it was first seen");

        Files.delete(copy);
        assertEquals(List.of(), twins.scan(installed));
    }

    @Test
    void jars_not_installed_yet_other_versions_and_jars_that_are_no_domain_bundle_are_left_alone() throws IOException {
        Path running = jar("a.jar", "org.lvyue.domain-a", "1.0.0", "a");
        jar("a-2.jar", "org.lvyue.domain-a", "2.0.0", "a"); // another version: the engine decides between them
        jar("b.jar", "org.lvyue.domain-b", "1.0.0", "b"); // not picked up yet
        jar("lib.jar", "org.lvyue.domain-a", "1.0.0", null); // same name and version, but no domain bundle
        Files.writeString(deploy.resolve("broken.jar"), "not a jar");

        List<DomainStatus> refused = new DeployFolderTwins(deploy).scan(List.of(new DeployFolderTwins.Installed(7,
                "org.lvyue.domain-a", Version.parseVersion("1.0.0"), DeployFolderTwins.fileOf(running.toUri().toString()))));

        assertEquals(List.of(), refused);
    }

    @Test
    void only_file_locations_name_a_file() {
        assertNull(DeployFolderTwins.fileOf("mvn:org.lvyue/compliance-api/0.1.0"));
        assertNull(DeployFolderTwins.fileOf(null));
        assertEquals(Path.of("/opt/lvyue/deploy/x.jar"), DeployFolderTwins.fileOf("file:/opt/lvyue/deploy/../deploy/x.jar"));
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
