package org.lvyue.engine.internal;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Compiles the rules of the domain bundles a distribution ships, at build time, into the cache the
 * engine reads at its first start, so that a new installation does not wait for Drools' compiler.
 * Entries are keyed as the running engine keys them: by the engine bundle's build stamp and each
 * domain bundle's content; a bundle replaced later simply misses and is compiled at run time.
 *
 * <p>{@code java … RulePrecompiler <engine bundle jar> <output folder> <folder of domain bundle jars>…}.
 * A domain bundle whose rules do not compile fails the build: the distribution would refuse it.
 */
public final class RulePrecompiler {

    private RulePrecompiler() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: RulePrecompiler <engine jar> <output folder> <jar folder>...");
        }
        String engineKey;
        try (DomainJarContent engine = new DomainJarContent(Path.of(args[0]))) {
            engineKey = CompiledPackageCache.engineKey(engine.version(), engine.header(CompiledPackageCache.BUILD_STAMP));
        }
        Path out = Path.of(args[1]);
        CompiledPackageCache cache = new CompiledPackageCache(out, engineKey);
        List<String> refused = new ArrayList<>();
        int compiled = 0;
        long id = 1;
        for (int i = 2; i < args.length; i++) {
            for (Path jar : jars(Path.of(args[i]))) {
                try (DomainJarContent content = new DomainJarContent(jar);
                     URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                             RulePrecompiler.class.getClassLoader())) {
                    if (!content.isDomainBundle()) {
                        continue;
                    }
                    DomainSource source = content.source(id++, content.symbolicName(), content.version(), loader);
                    DomainModule module = DomainCompiler.compile(source, cache);
                    if (!module.problems().isEmpty()) {
                        refused.add(jar.getFileName() + ": " + module.problems());
                    } else {
                        compiled++;
                    }
                }
            }
        }
        if (!refused.isEmpty()) {
            throw new IllegalStateException("domain bundles whose rules do not compile: " + refused);
        }
        System.out.println("Compiled the rules of " + compiled + " domain bundle(s) into " + out + " (engine " + engineKey + ")");
    }

    private static List<Path> jars(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
    }
}
