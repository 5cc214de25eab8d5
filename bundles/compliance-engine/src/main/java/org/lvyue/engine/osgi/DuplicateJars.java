package org.lvyue.engine.osgi;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.engine.RuleProblem;
import org.lvyue.api.spi.DomainHeaders;
import org.osgi.framework.Version;

/**
 * A second domain jar with the symbolic name and version of an installed bundle: how to tell one,
 * and what to report about it. OSGi installs one bundle of a name and version; the bundle installed
 * first keeps running, the second jar is refused.
 */
final class DuplicateJars {
    private DuplicateJars() {
    }

    /** An installed bundle: its id, name, version and, for one installed from a file, that file. */
    record Installed(long bundleId, String symbolicName, Version version, Path file) {
    }

    /** A domain jar's headers. */
    record Jar(Path file, String symbolicName, Version version, String domain) {
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

    /** The domain-bundle headers of a jar, or null when it is no readable domain bundle. */
    static Jar read(Path file) {
        try (JarFile jf = new JarFile(file.toFile(), false)) {
            Manifest mf = jf.getManifest();
            Attributes a = mf == null ? null : mf.getMainAttributes();
            String name = a == null ? null : a.getValue("Bundle-SymbolicName");
            String domain = a == null ? null : a.getValue(DomainHeaders.DOMAIN);
            if (name == null || domain == null) {
                return null;
            }
            String v = a.getValue("Bundle-Version");
            return new Jar(file.toAbsolutePath().normalize(), name.split(";", 2)[0].trim(),
                    Version.parseVersion(v == null ? "0.0.0" : v.trim()), domain.trim());
        } catch (IOException | IllegalArgumentException e) {
            return null; // not a readable jar, or no valid version: File Install reports it
        }
    }

    /** The installed bundle of the jar's name and version that came from another file, or null. */
    static Installed twin(Jar jar, List<Installed> installed) {
        for (Installed b : installed) {
            if (b.symbolicName().equals(jar.symbolicName()) && b.version().equals(jar.version())
                    && !jar.file().equals(b.file())) {
                return b;
            }
        }
        return null;
    }

    /** The refusal reported for the jar: bundle id -1, the jar's file name, and the bundle that runs. */
    static DomainStatus refusal(Jar jar, Installed running, Instant since) {
        String zh = running.file() == null ? "编号 " + running.bundleId()
                : running.file().getFileName() + "，编号 " + running.bundleId();
        String en = running.file() == null ? "bundle " + running.bundleId()
                : running.file().getFileName() + ", bundle " + running.bundleId();
        return new DomainStatus(jar.symbolicName(), jar.version().toString(), -1, jar.domain(), null, DomainState.REFUSED, 0,
                List.of(new RuleProblem(jar.file().getFileName().toString(), -1, "与已安装的 bundle（" + zh
                        + "）同名同版本：先安装的那个继续运行，此 jar 不予安装；删除此 jar 不影响运行中的 bundle，要替换请提高版本号"
                        + " (the same Bundle-SymbolicName and Bundle-Version as " + en + ": the one installed first keeps"
                        + " running and this jar is not installed; removing it leaves the running bundle alone; to replace"
                        + " it, raise the version)")), since);
    }
}
