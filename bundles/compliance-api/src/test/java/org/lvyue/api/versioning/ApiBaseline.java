package org.lvyue.api.versioning;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.FileResource;
import aQute.bnd.osgi.Instructions;
import aQute.bnd.osgi.Jar;
import aQute.bnd.service.diff.Delta;
import aQute.bnd.service.diff.Diff;
import aQute.bnd.version.Version;
import aQute.libg.reporter.ReporterAdapter;

/**
 * bnd's baseline of the API bundle against the committed baseline jar: for every exported package, whether its
 * {@code @Version} (package-info.java) grew as much as the changes since the baseline require, judged by bnd
 * (bndlib, the version maven-bundle-plugin builds with) from the class files and the {@code @ProviderType} and
 * {@code @ConsumerType} annotations.
 */
final class ApiBaseline {
    /** Exactly what the bundle's pom exports. */
    static final String EXPORTS = "org.lvyue.api.*";
    /** The API as last released (see README, "API versions"); relative to the module, where Surefire runs. */
    static final Path BASELINE = Path.of("baseline", "compliance-api.jar");
    static final Path CLASSES = Path.of("target", "classes");

    private ApiBaseline() {
    }

    /** The API as compiled now, with the manifest the bundle plugin would write for its exports. */
    static Jar current() throws Exception {
        return current(EXPORTS);
    }

    /** The API as compiled now, exporting only {@code exports} (a bnd Export-Package instruction). */
    static Jar current(String exports) throws Exception {
        try (Builder b = new Builder()) {
            b.setProperty("Bundle-SymbolicName", "org.lvyue.compliance-api");
            b.setProperty("Export-Package", exports);
            b.setProperty("-noextraheaders", "true");
            b.addClasspath(CLASSES.toFile());
            Jar jar = b.build();
            if (!b.getErrors().isEmpty()) {
                throw new IllegalStateException("bnd could not build the API: " + b.getErrors());
            }
            // the built jar reads from the builder's classpath, closed with it: keep it as a file
            Path file = Files.createTempFile(Path.of("target"), "compliance-api-", ".jar");
            file.toFile().deleteOnExit();
            jar.write(file.toFile());
            return new Jar(file.toFile());
        }
    }

    static Jar baseline() throws IOException {
        if (!Files.isRegularFile(BASELINE)) {
            throw new IllegalStateException("the baseline " + BASELINE.toAbsolutePath() + " is missing");
        }
        return new Jar(BASELINE.toFile());
    }

    /**
     * A package of the baseline whose version now is too low for its changes, or that is no longer exported
     * ({@code version} null).
     */
    record Mismatch(String pkg, Version version, Version baseline, Version needed, List<String> changes) {
        @Override
        public String toString() {
            return version == null ? pkg + " is no longer exported (was " + baseline + ")"
                    : pkg + " is " + version + " (baseline " + baseline + "); its changes need " + needed + ": "
                            + String.join("; ", changes);
        }
    }

    /** Every exported package of {@code older} whose version in {@code newer} is too low for the changes, or that is gone. */
    static List<Mismatch> mismatches(Jar newer, Jar older) throws Exception {
        List<Mismatch> problems = new ArrayList<>();
        ReporterAdapter reporter = new ReporterAdapter();
        for (Baseline.Info info : new Baseline(reporter, new DiffPluginImpl()).baseline(newer, older, new Instructions(EXPORTS))) {
            if (info.packageDiff.getDelta() == Delta.REMOVED) {
                problems.add(new Mismatch(info.packageName, null, info.olderVersion, null, List.of()));
            } else if (info.mismatch) {
                problems.add(new Mismatch(info.packageName, info.newerVersion, info.olderVersion, info.suggestedVersion,
                        changes(info.packageDiff)));
            }
        }
        if (!reporter.getErrors().isEmpty()) {
            throw new IllegalStateException("bnd could not baseline the API: " + reporter.getErrors());
        }
        problems.sort(java.util.Comparator.comparing(Mismatch::pkg));
        return problems;
    }

    /** The outermost added, removed or changed members, e.g. {@code REMOVED METHOD today()}. */
    private static List<String> changes(Diff diff) {
        List<String> out = new ArrayList<>();
        collect(diff, "", out);
        return out.size() > 8 ? List.copyOf(out.subList(0, 8)) : out;
    }

    private static void collect(Diff diff, String owner, List<String> out) {
        for (Diff child : diff.getChildren()) {
            Delta d = child.getDelta();
            if (d == Delta.UNCHANGED || d == Delta.IGNORED) {
                continue;
            }
            String name = owner.isEmpty() ? child.getName() : owner + "." + child.getName();
            if (d == Delta.ADDED || d == Delta.REMOVED || child.getChildren().isEmpty()) {
                out.add(d + " " + child.getType() + " " + name);
            } else {
                collect(child, child.getType().toString().matches("CLASS|INTERFACE") ? child.getName() : owner, out);
            }
        }
    }

    /**
     * {@code jar} with one API type recompiled from its source after {@code edit}: how a test makes an API change
     * without touching the source tree.
     *
     * @param type e.g. {@code org.lvyue.api.service.Contracts}
     */
    static Jar withEditedType(Jar jar, String type, UnaryOperator<String> edit, Path work) throws Exception {
        String path = type.replace('.', '/');
        String source = Files.readString(Path.of("src", "main", "java", path + ".java"), StandardCharsets.UTF_8);
        String edited = edit.apply(source);
        if (edited.equals(source)) {
            throw new IllegalArgumentException("the edit changed nothing in " + type);
        }
        Path src = work.resolve("src").resolve(path + ".java");
        Path out = work.resolve("classes");
        Files.createDirectories(src.getParent());
        Files.createDirectories(out);
        Files.writeString(src, edited, StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classpath = CLASSES.toAbsolutePath() + File.pathSeparator + System.getProperty("java.class.path");
        int status = javac.run(null, null, null, "-d", out.toString(), "-cp", classpath, "--release", "17", "-proc:none",
                src.toString());
        if (status != 0) {
            throw new IllegalStateException("the edited " + type + " does not compile");
        }
        try (var classes = Files.walk(out)) {
            classes.filter(Files::isRegularFile).forEach(f -> {
                try {
                    jar.putResource(out.relativize(f).toString().replace(File.separatorChar, '/'), new FileResource(f));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return jar;
    }
}
