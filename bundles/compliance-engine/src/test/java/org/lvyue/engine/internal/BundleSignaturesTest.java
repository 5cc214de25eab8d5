package org.lvyue.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A domain bundle signed with an SM2 key by the signing tool, and checked as the engine checks it: trusted when its
 * files are as signed and its signer's certificate is listed, and otherwise saying which.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BundleSignaturesTest {
    private static final char[] PASSWORD = "vendor-key-pass".toCharArray();

    @TempDir
    Path dir;
    private Path key;
    private String fingerprint;

    @BeforeEach
    void vendorKey() throws Exception {
        key = dir.resolve("vendor.p12");
        fingerprint = BundleSigner.newKey(key, PASSWORD, "CN=某公司 规则包签名,O=某公司");
    }

    @Test
    void a_bundle_signed_by_a_trusted_signer_is_trusted_and_the_signature_names_the_signer() throws Exception {
        Path signed = signed(jar("domain.jar", files()));

        BundleSignatures.Check check = check(signed, List.of(fingerprint.toUpperCase(java.util.Locale.ROOT)));
        assertEquals(BundleSignatures.State.TRUSTED, check.state(), check.reason());
        assertNull(check.reason());
        assertEquals(fingerprint, check.fingerprint());
        assertTrue(check.signer().contains("CN=某公司 规则包签名"), check.signer());
        assertEquals(fingerprint, BundleSigner.fingerprint(key, PASSWORD), "what the operator lists is what the tool prints");
    }

    @Test
    void the_same_signature_by_a_signer_nobody_listed_is_untrusted() throws Exception {
        BundleSignatures.Check check = check(signed(jar("domain.jar", files())), List.of("00".repeat(32)));
        assertEquals(BundleSignatures.State.UNTRUSTED, check.state());
        assertTrue(check.reason().contains(fingerprint), check.reason());
    }

    @Test
    void a_file_changed_added_or_removed_after_the_signing_makes_the_signature_invalid_and_is_named() throws Exception {
        Path signed = signed(jar("domain.jar", files()));
        Map<String, byte[]> entries = entries(signed);
        entries.put("rules/drill.drl", "rule \"恶意规则\" when then end".getBytes(StandardCharsets.UTF_8));
        entries.put("rules/extra.drl", new byte[] {1});
        entries.remove("catalogue.json");

        BundleSignatures.Check check = check(jar("tampered.jar", entries), List.of(fingerprint));
        assertEquals(BundleSignatures.State.INVALID, check.state());
        assertTrue(check.reason().contains("/rules/drill.drl") && check.reason().contains("/rules/extra.drl")
                && check.reason().contains("/catalogue.json"), check.reason());
    }

    @Test
    void an_unsigned_bundle_and_a_damaged_signature_are_told_apart() throws Exception {
        assertEquals(BundleSignatures.State.UNSIGNED, check(jar("plain.jar", files()), List.of(fingerprint)).state());

        Map<String, byte[]> damaged = entries(signed(jar("domain.jar", files())));
        byte[] signature = damaged.get(BundleSignatures.ENTRY.substring(1));
        signature[signature.length - 10] ^= 0x5a;
        BundleSignatures.Check check = check(jar("damaged.jar", damaged), List.of(fingerprint));
        assertEquals(BundleSignatures.State.INVALID, check.state());
    }

    @Test
    void signing_again_replaces_the_signature_and_the_tool_never_overwrites_a_key() throws Exception {
        Path once = signed(jar("domain.jar", files()));
        Path twice = dir.resolve("twice.jar");
        BundleSigner.sign(key, PASSWORD, once, twice);
        assertEquals(BundleSignatures.State.TRUSTED, check(twice, List.of(fingerprint)).state());
        assertEquals(1, entries(twice).keySet().stream().filter(n -> n.equals(BundleSignatures.ENTRY.substring(1))).count());
        assertThrows(IllegalArgumentException.class, () -> BundleSigner.newKey(key, PASSWORD, "CN=x"));
    }

    private Path signed(Path jar) throws Exception {
        Path out = dir.resolve("signed-" + jar.getFileName());
        assertEquals(fingerprint, BundleSigner.sign(key, PASSWORD, jar, out));
        return out;
    }

    private static BundleSignatures.Check check(Path jar, List<String> trusted) throws IOException {
        try (DomainJarContent content = new DomainJarContent(jar)) {
            return BundleSignatures.check(content, trusted);
        }
    }

    private static Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("rules/drill.drl", "package org.lvyue.rules.drill;\n".getBytes(StandardCharsets.UTF_8));
        files.put("catalogue.json", "{\"domain\":\"drill\"}".getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private Path jar(String name, Map<String, byte[]> files) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "test.domain.drill");
        manifest.getMainAttributes().putValue("Compliance-Domain", "drill");
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                if (!e.getKey().equals("META-INF/MANIFEST.MF")) {
                    zip.putNextEntry(new JarEntry(e.getKey()));
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
        }
        return jar;
    }

    private static Map<String, byte[]> entries(Path jar) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (DomainJarContent content = new DomainJarContent(jar)) {
            for (String path : content.files()) {
                out.put(path.substring(1), content.read(path));
            }
        }
        return out;
    }
}
