package org.lvyue.engine.osgi;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.engine.RuleProblem;
import org.lvyue.api.spi.DomainHeaders;
import org.osgi.framework.Version;

/**
 * Domain jars in the deploy folder that the framework would not install because a bundle of the
 * same symbolic name and version is installed already (OSGi admits one of each; File Install only
 * logs the refusal). The bundle installed first keeps running; the jar that came second is reported
 * refused, with both file names, until it is removed.
 */
final class DeployFolderTwins {
    private final Path dir;
    /** Manifests read, by file: read again only when the file changes. */
    private final Map<Path, Read> manifests = new HashMap<>();
    /** When each refused jar was first seen. */
    private final Map<Path, Instant> firstSeen = new HashMap<>();

    /** An installed bundle: its id, name, version and, for one installed from a file, that file. */
    record Installed(long bundleId, String symbolicName, Version version, Path file) {
    }

    /** A domain jar's headers. */
    record Jar(Path file, String symbolicName, Version version, String domain) {
    }

    private record Read(long size, long modified, Jar jar) {
    }

    DeployFolderTwins(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The file a bundle location names, for {@code file:} locations (what File Install uses); else null. */
    static Path fileOf(String location) {
        if (location == null || !location.startsWith("file:")) {
            return null;
        }
        try {
            return Path.of(URI.create(location)).toAbsolutePath().normalize();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }

    /** The refusals of the folder as it is now, given the bundles installed. */
    List<DomainStatus> scan(List<Installed> installed) {
        List<Jar> notInstalled = new ArrayList<>();
        List<Path> present = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            List<Path> fromFiles = installed.stream().map(Installed::file).filter(f -> f != null).toList();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.jar")) {
                for (Path f : files) {
                    Path file = f.toAbsolutePath().normalize();
                    present.add(file);
                    if (!fromFiles.contains(file)) {
                        Jar jar = read(file);
                        if (jar != null) {
                            notInstalled.add(jar);
                        }
                    }
                }
            } catch (IOException e) {
                return List.of();
            }
        }
        manifests.keySet().retainAll(present);
        List<DomainStatus> out = refusals(notInstalled, installed, firstSeen);
        firstSeen.keySet().retainAll(notInstalled.stream().map(Jar::file).toList());
        return out;
    }

    /**
     * A refusal for each jar not installed whose symbolic name and version an installed bundle has.
     * Others not installed (not picked up yet, or not a bundle at all) are left to File Install.
     */
    static List<DomainStatus> refusals(List<Jar> notInstalled, List<Installed> installed, Map<Path, Instant> firstSeen) {
        List<DomainStatus> out = new ArrayList<>();
        for (Jar jar : notInstalled) {
            for (Installed b : installed) {
                if (b.symbolicName().equals(jar.symbolicName()) && b.version().equals(jar.version())) {
                    String running = b.file() == null ? "编号 " + b.bundleId()
                            : b.file().getFileName() + "，编号 " + b.bundleId();
                    String runningEn = b.file() == null ? "bundle " + b.bundleId()
                            : b.file().getFileName() + ", bundle " + b.bundleId();
                    String name = jar.file().getFileName().toString();
                    out.add(new DomainStatus(jar.symbolicName(), jar.version().toString(), -1, jar.domain(), null,
                            DomainState.REFUSED, 0, List.of(new RuleProblem(name, -1,
                            "与已安装的 bundle（" + running + "）同名同版本，OSGi 不安装第二个：先安装的那个继续运行；"
                                    + "请删除其中一个 jar，或提高版本号 (duplicate Bundle-SymbolicName and Bundle-Version of "
                                    + runningEn + ": OSGi does not install the second one; the one installed first keeps"
                                    + " running; remove one of the jars, or raise the version)")),
                            firstSeen.computeIfAbsent(jar.file(), f -> Instant.now())));
                    break;
                }
            }
        }
        return out;
    }

    private Jar read(Path file) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
        Read cached = manifests.get(file);
        if (cached != null && cached.size() == attrs.size() && cached.modified() == attrs.lastModifiedTime().toMillis()) {
            return cached.jar();
        }
        Jar jar = null;
        try (JarFile jf = new JarFile(file.toFile(), false)) {
            Manifest mf = jf.getManifest();
            Attributes a = mf == null ? null : mf.getMainAttributes();
            String name = a == null ? null : a.getValue("Bundle-SymbolicName");
            String domain = a == null ? null : a.getValue(DomainHeaders.DOMAIN);
            if (name != null && domain != null) {
                String v = a.getValue("Bundle-Version");
                jar = new Jar(file, name.split(";", 2)[0].trim(), Version.parseVersion(v == null ? "0.0.0" : v.trim()),
                        domain.trim());
            }
        } catch (IOException | IllegalArgumentException e) {
            // not a readable jar, or no valid version: File Install reports it, nothing to add here
        }
        manifests.put(file, new Read(attrs.size(), attrs.lastModifiedTime().toMillis(), jar));
        return jar;
    }
}
