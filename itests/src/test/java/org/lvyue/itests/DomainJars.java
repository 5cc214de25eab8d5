package org.lvyue.itests;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes small domain bundles for the tests: a manifest, one DRL file and a catalogue. */
final class DomainJars {
    private DomainJars() {
    }

    static final String IMPORTS = "org.lvyue.api.contract,org.lvyue.api.engine,org.lvyue.api.fact,"
            + "org.lvyue.api.finding,org.lvyue.api.spi";

    static byte[] jar(String symbolicName, String version, String domain, String drl, String catalogue) throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", version);
        a.putValue("Import-Package", IMPORTS);
        a.putValue("Compliance-Domain", domain);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, mf)) {
            jar.putNextEntry(new JarEntry("rules/"));
            jar.closeEntry();
            jar.putNextEntry(new JarEntry("rules/" + domain + ".drl"));
            jar.write(drl.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
            jar.putNextEntry(new JarEntry("catalogue.json"));
            jar.write(catalogue.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return out.toByteArray();
    }

    /**
     * Catalogue of a one-obligation test domain. It applies to every contract, as the general terms do: the demo
     * contract lists the services it buys, and a test domain is none of them.
     */
    static String catalogue(String domain) {
        return "{\"domain\":\"" + domain + "\",\"title\":\"测试领域\",\"clause\":\"测试\",\"everyContract\":true,"
                + "\"factKinds\":[{\"name\":\"" + domain + ".tick\",\"title\":\"测试事实\"}],"
                + "\"obligations\":[{\"id\":\"" + domain + ".yearly\",\"title\":\"每年一次\",\"clause\":\"测试条款\","
                + "\"frequency\":\"YEARLY\",\"evidenceKind\":\"" + domain + ".tick\",\"severity\":\"LOW\"}]}";
    }

    /** A rule that always holds for the contract and names its version in the finding's title. */
    static String alwaysRule(String domain, String label) {
        return "package org.lvyue.test." + domain.replace('-', '_') + ";\n"
                + "import org.lvyue.api.contract.Contract;\n"
                + "import org.lvyue.api.finding.Finding;\n"
                + "import org.lvyue.api.finding.Severity;\n"
                + "rule \"测试条款 " + label + "\"\n"
                + "when\n"
                + "    $c : Contract()\n"
                + "then\n"
                + "    insertLogical(Finding.builder().contractId($c.id()).domain(\"" + domain + "\")\n"
                + "        .rule(drools.getRule().getName()).clause(\"测试条款\").severity(Severity.LOW)\n"
                + "        .period($c.periodStart(), $c.periodEnd(), \"" + label + "\").title(\"" + label + "\").build());\n"
                + "end\n";
    }

    /** The jar with one entry's content replaced, every other entry (a signature too) as it was. */
    static byte[] replace(byte[] jar, String entry, String content) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(jar));
             java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                zip.write(e.getName().equals(entry) ? content.getBytes(StandardCharsets.UTF_8) : in.readAllBytes());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** Writes the jar through a temporary file and an atomic move, as an engineer's copy would land. */
    static void deploy(Path deployDir, String fileName, byte[] jar) throws IOException {
        Path tmp = Files.createTempFile(deployDir.getParent(), "upload", ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write(jar);
        }
        Files.move(tmp, deployDir.resolve(fileName), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
