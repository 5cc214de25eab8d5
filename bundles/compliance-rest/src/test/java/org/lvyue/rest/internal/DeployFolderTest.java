package org.lvyue.rest.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.service.NotFoundException;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DeployFolderTest {
    @TempDir
    Path base;

    private DeployFolder folder(long max) {
        return new DeployFolder(base.resolve("deploy"), max);
    }

    static byte[] jar(String symbolicName, String version, String domain) throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (symbolicName != null) {
            a.putValue("Bundle-SymbolicName", symbolicName);
        }
        if (version != null) {
            a.putValue("Bundle-Version", version);
        }
        if (domain != null) {
            a.putValue("Compliance-Domain", domain);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, mf)) {
            jar.putNextEntry(new JarEntry("catalogue.json"));
            jar.write("{}".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return out.toByteArray();
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(base.resolve("deploy"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void a_domain_bundle_is_written_under_its_name_and_version_and_nothing_else_is_left_behind() throws IOException {
        byte[] bytes = jar("org.lvyue.domain-x;singleton:=true", "1.2.0", "x");
        DeployFolder.Deployed d = folder(1 << 20).deploy(new ByteArrayInputStream(bytes));
        assertEquals(new DeployFolder.Deployed("org.lvyue.domain-x", "1.2.0", "x", "org.lvyue.domain-x-1.2.0.jar", List.of()), d);
        assertArrayEquals(bytes, Files.readAllBytes(base.resolve("deploy/org.lvyue.domain-x-1.2.0.jar")));
        try (Stream<Path> s = Files.list(base)) {
            assertEquals(List.of("deploy"), s.map(p -> p.getFileName().toString()).toList(), "no temporary file remains");
        }
    }

    @Test
    void another_version_stays_beside_and_the_same_version_is_written_over_the_file_that_holds_it() throws IOException {
        Files.createDirectories(base.resolve("deploy"));
        Files.write(base.resolve("deploy/domain-x-shipped.jar"), jar("org.lvyue.domain-x", "1.0.0", "x"));
        Files.write(base.resolve("deploy/other.jar"), jar("org.lvyue.domain-y", "1.0.0", "y"));
        DeployFolder deploy = folder(1 << 20);

        assertEquals(List.of(), deploy.deploy(new ByteArrayInputStream(jar("org.lvyue.domain-x", "1.1.0", "x"))).replaced());
        assertEquals(List.of("domain-x-shipped.jar", "org.lvyue.domain-x-1.1.0.jar", "other.jar"), files());

        // File Install updates the shipped bundle in place: the engine keeps its rules if the new revision fails
        byte[] again = jar("org.lvyue.domain-x", "1.0.0", "x-again");
        DeployFolder.Deployed d = deploy.deploy(new ByteArrayInputStream(again));
        assertEquals("domain-x-shipped.jar", d.file());
        assertEquals(List.of("domain-x-shipped.jar"), d.replaced());
        assertEquals(List.of("domain-x-shipped.jar", "org.lvyue.domain-x-1.1.0.jar", "other.jar"), files());
        assertArrayEquals(again, Files.readAllBytes(base.resolve("deploy/domain-x-shipped.jar")));

        // two files of one name and version (File Install refuses the second): the canonical one stays
        Files.write(base.resolve("deploy/org.lvyue.domain-x-1.0.0.jar"), jar("org.lvyue.domain-x", "1.0.0", "x"));
        d = deploy.deploy(new ByteArrayInputStream(again));
        assertEquals("org.lvyue.domain-x-1.0.0.jar", d.file());
        assertEquals(List.of("domain-x-shipped.jar", "org.lvyue.domain-x-1.0.0.jar"), d.replaced());
        assertEquals(List.of("org.lvyue.domain-x-1.0.0.jar", "org.lvyue.domain-x-1.1.0.jar", "other.jar"), files());
    }

    @Test
    void jars_that_are_no_domain_bundle_are_refused_saying_why_and_nothing_is_written() throws IOException {
        DeployFolder deploy = folder(1 << 20);
        assertRefused(deploy, "不是可读取的 jar 文件", "this is not a zip".getBytes(StandardCharsets.UTF_8));
        assertRefused(deploy, "缺少 Bundle-SymbolicName", jar(null, "1.0.0", "x"));
        assertRefused(deploy, "缺少 Compliance-Domain", jar("org.example.plain", "1.0.0", null));
        assertRefused(deploy, "不是 OSGi 版本号", jar("org.lvyue.domain-x", "one", "x"));
        assertRefused(deploy, "只能含字母", jar("../../etc/evil", "1.0.0", "x"));
        assertRefused(deploy, "只能含小写字母、数字和连字符", jar("org.lvyue.domain-x", "1.0.0", "../../x"));
        assertRefused(deploy, "请求体为空", new byte[0]);
        byte[] whole = jar("org.lvyue.domain-x", "1.0.0", "x");
        assertRefused(deploy, "不是可读取的 jar 文件", java.util.Arrays.copyOf(whole, whole.length - 30));
        assertEquals(List.of(), files());
    }

    private static void assertRefused(DeployFolder deploy, String why, byte[] bytes) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> deploy.deploy(new ByteArrayInputStream(bytes)));
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertEquals("$", e.problems().get(0).field());
    }

    @Test
    void an_upload_beyond_the_limit_is_refused_before_it_is_read_whole() throws IOException {
        byte[] bytes = jar("org.lvyue.domain-x", "1.0.0", "x");
        DeployFolder.TooLargeException e = assertThrows(DeployFolder.TooLargeException.class,
                () -> folder(bytes.length - 1).deploy(new ByteArrayInputStream(bytes)));
        assertEquals(bytes.length - 1, e.limit);
        assertEquals(List.of(), files());
        assertEquals("org.lvyue.domain-x-1.0.0.jar", folder(bytes.length).deploy(new ByteArrayInputStream(bytes)).file());
    }

    @Test
    void removing_a_bundle_deletes_every_jar_of_its_name_whatever_the_file_is_called() throws IOException {
        Files.createDirectories(base.resolve("deploy"));
        Files.write(base.resolve("deploy/domain-x-shipped.jar"), jar("org.lvyue.domain-x", "1.0.0", "x"));
        Files.write(base.resolve("deploy/org.lvyue.domain-x-1.1.0.jar"), jar("org.lvyue.domain-x", "1.1.0", "x"));
        Files.write(base.resolve("deploy/other.jar"), jar("org.lvyue.domain-y", "1.0.0", "y"));
        Files.writeString(base.resolve("deploy/notes.txt"), "kept");

        assertEquals(List.of("domain-x-shipped.jar", "org.lvyue.domain-x-1.1.0.jar"), folder(1 << 20).remove("org.lvyue.domain-x"));
        assertEquals(List.of("notes.txt", "other.jar"), files());
        NotFoundException e = assertThrows(NotFoundException.class, () -> folder(1 << 20).remove("org.lvyue.domain-x"));
        assertTrue(e.getMessage().contains("org.lvyue.domain-x"));
    }
}
