package org.lvyue.engine.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/** The files and headers of a bundle that is still a jar on disk, for tools that run outside the framework. */
public final class DomainJarContent implements DomainBundleContent, AutoCloseable {
    private final JarFile jar;
    private final Attributes headers;

    public DomainJarContent(Path file) throws IOException {
        this.jar = new JarFile(file.toFile());
        this.headers = jar.getManifest() == null ? new Attributes() : jar.getManifest().getMainAttributes();
    }

    @Override
    public String header(String name) {
        return headers.getValue(name);
    }

    /** The symbolic name without its directives ({@code ;singleton:=true}), as the framework gives it. */
    public String symbolicName() {
        String name = header("Bundle-SymbolicName");
        return name == null ? null : name.split(";", 2)[0].trim();
    }

    /** The bundle's version header; bnd writes it normalised, as the framework prints it. */
    public String version() {
        String version = header("Bundle-Version");
        return version == null ? "0.0.0" : version.trim();
    }

    @Override
    public List<String> files() {
        List<String> paths = new ArrayList<>();
        for (JarEntry e : Collections.list(jar.entries())) {
            if (!e.isDirectory()) {
                paths.add("/" + e.getName());
            }
        }
        return paths;
    }

    @Override
    public byte[] read(String path) throws IOException {
        JarEntry entry = jar.getJarEntry(path.substring(1));
        if (entry == null) {
            throw new IOException(path + " is not in " + jar.getName());
        }
        try (var in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() throws IOException {
        jar.close();
    }
}
