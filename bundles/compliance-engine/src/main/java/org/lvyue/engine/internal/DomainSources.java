package org.lvyue.engine.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Builds a {@link DomainSource} from a folder laid out like a domain bundle; for tests and tools. */
public final class DomainSources {
    private static long nextId = 1_000_000;

    private DomainSources() {
    }

    /** Reads {@code rules/**.drl} and {@code catalogue.json} from {@code root}. */
    public static synchronized DomainSource fromDirectory(Path root, String symbolicName, String version, String domainId) {
        Map<String, byte[]> drl = new LinkedHashMap<>();
        Path rules = root.resolve("rules");
        try {
            if (Files.isDirectory(rules)) {
                try (Stream<Path> files = Files.walk(rules)) {
                    for (Path p : files.filter(f -> f.toString().endsWith(".drl")).sorted().toList()) {
                        drl.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                    }
                }
            }
            Path catalogue = root.resolve("catalogue.json");
            return new DomainSource(nextId++, symbolicName, version, domainId, drl,
                    Files.exists(catalogue) ? Files.readAllBytes(catalogue) : null, "catalogue.json",
                    DomainSources.class.getClassLoader());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
