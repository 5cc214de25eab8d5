package org.lvyue.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.ZipException;

import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.service.NotFoundException;

/**
 * The folder Felix File Install watches ({@code deploy/}): domain bundles are checked and written
 * there, or removed from it; File Install then installs, updates or uninstalls them and the engine
 * follows. A jar is written under a temporary name beside the folder and moved in in one step, so
 * File Install never sees half a file.
 */
final class DeployFolder {
    static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;
    static final String DOMAIN_HEADER = org.lvyue.api.spi.DomainHeaders.DOMAIN;
    static final Pattern SYMBOLIC_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}");
    /**
     * A domain id: it becomes part of addresses ({@code reports/monthly/{domain}/...}) and of report
     * file names, so it is a plain lower-case name, never a path.
     */
    static final Pattern DOMAIN_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern VERSION = Pattern.compile("\\d{1,9}(\\.\\d{1,9}(\\.\\d{1,9}(\\.[A-Za-z0-9_-]{1,64})?)?)?");

    private final Path dir;
    private final long maxBytes;

    DeployFolder(Path dir, long maxBytes) {
        this.dir = dir.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
    }

    Path dir() {
        return dir;
    }

    long maxBytes() {
        return maxBytes;
    }

    /** More than {@link #maxBytes()} were sent. */
    static final class TooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final long limit;

        TooLargeException(long limit) {
            super("larger than " + limit + " bytes");
            this.limit = limit;
        }
    }

    /**
     * @param symbolicName the bundle's symbolic name
     * @param version      its version
     * @param domain       the domain it declares ({@code Compliance-Domain})
     * @param file         the file name it was written under in the deploy folder
     * @param replaced     files of the same name and version it replaced: the one it was written over, and any
     *                     other removed (File Install refuses two bundles of one name and version)
     */
    record Deployed(String symbolicName, String version, String domain, String file, List<String> replaced) {
    }

    /**
     * Checks that the bytes are a readable jar whose manifest makes it a domain bundle, then writes it
     * to {@code <Bundle-SymbolicName>-<Bundle-Version>.jar}, or over the file that holds the same name
     * and version already (File Install then updates that bundle in place, and the engine keeps its
     * running rules if the new revision does not compile). Other versions of the bundle stay: the
     * engine runs the highest one that compiles, so a broken upload leaves the running rules alone.
     *
     * @throws TooLargeException     beyond the size limit (nothing written)
     * @throws InvalidInputException when it is not a domain bundle, saying why (nothing written)
     */
    Deployed deploy(InputStream body) {
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir.getParent() == null ? dir : dir.getParent(), ".lvyue-upload-", ".part");
            copyAtMost(body, tmp);
            BundleHeaders h = headers(tmp);
            Path canonical = dir.resolve(h.symbolicName() + "-" + h.version() + ".jar");
            List<String> twins = new ArrayList<>();
            for (Path other : jars()) {
                BundleHeaders o = readable(other);
                if (o != null && o.symbolicName().equals(h.symbolicName()) && o.version().equals(h.version())) {
                    twins.add(other.getFileName().toString());
                }
            }
            Path target = twins.isEmpty() || twins.contains(canonical.getFileName().toString()) ? canonical
                    : dir.resolve(twins.get(0));
            List<String> replaced = List.copyOf(twins);
            twins.remove(target.getFileName().toString());
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Path near = Files.createTempFile(dir, ".lvyue-upload-", ".part");
                Files.move(tmp, near, StandardCopyOption.REPLACE_EXISTING);
                Files.move(near, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            for (String twin : twins) {
                Files.deleteIfExists(dir.resolve(twin));
            }
            return new Deployed(h.symbolicName(), h.version(), h.domain(), target.getFileName().toString(), replaced);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bundle into " + dir, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover .part file beside the deploy folder is harmless
                }
            }
        }
    }

    /**
     * Removes every jar of the deploy folder whose manifest names this symbolic name.
     *
     * @return the file names removed
     * @throws NotFoundException when there is none
     */
    List<String> remove(String symbolicName) {
        List<String> removed = new ArrayList<>();
        try {
            for (Path jar : jars()) {
                BundleHeaders h = readable(jar);
                if (h != null && h.symbolicName().equals(symbolicName)) {
                    Files.deleteIfExists(jar);
                    removed.add(jar.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the bundle from " + dir, e);
        }
        if (removed.isEmpty()) {
            throw new NotFoundException("部署目录中没有 bundle '" + symbolicName + "' (no such bundle in deploy/)");
        }
        removed.sort(null);
        return removed;
    }

    private List<Path> jars() throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.jar")) {
            files.forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    private void copyAtMost(InputStream in, Path to) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(to)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new TooLargeException(maxBytes);
                }
                out.write(buffer, 0, n);
            }
        }
        if (total == 0) {
            throw refused("请求体为空：应为领域 bundle 的 jar 文件");
        }
    }

    record BundleHeaders(String symbolicName, String version, String domain) {
    }

    /** The headers of a jar in the folder, or null when it is no readable bundle (left alone). */
    private static BundleHeaders readable(Path jar) {
        try {
            return headers(jar);
        } catch (InvalidInputException e) {
            return null;
        }
    }

    /** The domain-bundle headers of a jar, or why it is none. */
    static BundleHeaders headers(Path jar) {
        Manifest mf;
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            mf = file.getManifest();
            // read every entry once: a truncated or corrupt archive fails here, not in File Install
            var entries = file.entries();
            byte[] sink = new byte[8192];
            while (entries.hasMoreElements()) {
                var entry = entries.nextElement();
                try (InputStream in = file.getInputStream(entry)) {
                    while (in.read(sink) > 0) {
                        // discard
                    }
                }
            }
        } catch (ZipException | SecurityException e) {
            throw refused("不是可读取的 jar 文件：" + e.getMessage());
        } catch (IOException e) {
            throw refused("不是可读取的 jar 文件：" + e.getMessage());
        }
        if (mf == null) {
            throw refused("jar 中没有 META-INF/MANIFEST.MF，不是 OSGi bundle");
        }
        Attributes a = mf.getMainAttributes();
        String name = a.getValue("Bundle-SymbolicName");
        if (name == null || name.isBlank()) {
            throw refused("清单缺少 Bundle-SymbolicName，不是 OSGi bundle");
        }
        name = name.split(";", 2)[0].trim();
        if (!SYMBOLIC_NAME.matcher(name).matches()) {
            throw refused("Bundle-SymbolicName '" + name + "' 只能含字母、数字、点、连字符和下划线");
        }
        String domain = a.getValue(DOMAIN_HEADER);
        if (domain == null || domain.isBlank()) {
            throw refused("清单缺少 " + DOMAIN_HEADER + " 头，不是领域 bundle（领域 bundle 须声明其领域编号，如 "
                    + DOMAIN_HEADER + ": emergency-drill）");
        }
        if (!DOMAIN_ID.matcher(domain.trim()).matches()) {
            throw refused(DOMAIN_HEADER + " '" + domain.trim() + "' 只能含小写字母、数字和连字符（最长 64 个字符），如 emergency-drill");
        }
        String version = a.getValue("Bundle-Version");
        version = version == null || version.isBlank() ? "0.0.0" : version.trim();
        if (!VERSION.matcher(version).matches()) {
            throw refused("Bundle-Version '" + version + "' 不是 OSGi 版本号（如 1.2.0 或 1.2.0.qualifier）");
        }
        return new BundleHeaders(name, version, domain.trim());
    }

    private static InvalidInputException refused(String reason) {
        return new InvalidInputException("不是可部署的领域 bundle：" + reason + "（未写入部署目录）",
                List.of(new FactProblem(-1, "$", reason)));
    }
}
