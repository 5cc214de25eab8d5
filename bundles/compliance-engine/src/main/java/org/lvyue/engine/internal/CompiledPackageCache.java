package org.lvyue.engine.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.kie.api.definition.KiePackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiled rule packages of domain bundles, kept on disk between starts so that a bundle that did not
 * change is not compiled again: compiling the shipped DRL is most of what a start used to wait for.
 *
 * <p>An entry is named by the digest of the bundle's content together with this engine's build and the
 * Drools version, so a changed bundle, a new engine or a new Drools never reads an old entry. An entry
 * that cannot be read back (truncated, corrupt, written by classes that no longer fit) is deleted and the
 * bundle compiled again: the cache may only ever save time, never stop a start.
 */
public final class CompiledPackageCache {
    private static final Logger LOG = LoggerFactory.getLogger(CompiledPackageCache.class);
    /** Starts every entry: a file of something else is not read as packages. */
    private static final String MAGIC = "lvyue-kpkg-1";

    private final Path dir;
    private final String engineKey;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /**
     * @param dir       the folder of the entries, made when the first one is written
     * @param engineKey what besides the bundle the compiled form depends on (engine build, Drools version)
     */
    public CompiledPackageCache(Path dir, String engineKey) {
        this.dir = dir;
        this.engineKey = engineKey;
    }

    /** The key of this engine: its bundle version and the Drools version it embeds. */
    public static String engineKey(String engineVersion) {
        Package drools = KiePackage.class.getPackage();
        String droolsVersion = drools == null || drools.getImplementationVersion() == null ? "?" : drools.getImplementationVersion();
        return engineVersion + "/drools-" + droolsVersion;
    }

    /** The digest the entries of a bundle's compiled packages are kept under. */
    String key(DomainSource source) {
        MessageDigest md = sha256();
        update(md, engineKey);
        update(md, source.symbolicName());
        update(md, source.version());
        update(md, source.domainId());
        update(md, source.contentDigest());
        return HexFormat.of().formatHex(md.digest());
    }

    /** The bundle's packages as compiled before, or empty when there is no usable entry. */
    Optional<Collection<KiePackage>> read(DomainSource source, ClassLoader loader) {
        Path file = dir.resolve(key(source) + ".kpkg");
        if (!Files.isRegularFile(file)) {
            misses.incrementAndGet();
            return Optional.empty();
        }
        try (ObjectInputStream in = new DroolsObjectInputStream(new ByteArrayInputStream(Files.readAllBytes(file)), loader)) {
            if (!MAGIC.equals(in.readUTF()) || !key(source).equals(in.readUTF())) {
                throw new IOException("not an entry of this bundle");
            }
            int n = in.readInt();
            List<KiePackage> packages = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                packages.add((KiePackage) in.readObject());
            }
            hits.incrementAndGet();
            return Optional.of(packages);
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            misses.incrementAndGet();
            LOG.warn("Compiled rules of {} {} in {} are not readable ({}); compiling the bundle again", source.symbolicName(),
                    source.version(), file, e.toString());
            delete(file);
            return Optional.empty();
        }
    }

    /** Keeps the bundle's freshly compiled packages; a failure to write is logged and changes nothing else. */
    void write(DomainSource source, Collection<KiePackage> packages) {
        Path file = dir.resolve(key(source) + ".kpkg");
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new DroolsObjectOutputStream(bytes)) {
                out.writeUTF(MAGIC);
                out.writeUTF(key(source));
                out.writeInt(packages.size());
                for (KiePackage p : packages) {
                    out.writeObject(p);
                }
            }
            Files.createDirectories(dir);
            // written aside and moved in: a crash mid-write leaves no half entry under the real name
            Path tmp = Files.createTempFile(dir, "entry", ".tmp");
            Files.write(tmp, bytes.toByteArray());
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Compiled rules of {} {} could not be kept in {}: {}", source.symbolicName(), source.version(), dir,
                    e.toString());
        }
    }

    /** How many bundles were loaded from the cache since start. */
    public long hits() {
        return hits.get();
    }

    /** How many bundles had to be compiled (no entry, or an unreadable one) since start. */
    public long misses() {
        return misses.get();
    }

    public Path dir() {
        return dir;
    }

    /** A digest of a bundle's DRL and catalogue, for sources that carry no digest of their own (tests, tools). */
    static String digestOf(Map<String, byte[]> drlFiles, byte[] catalogue) {
        MessageDigest md = sha256();
        for (Map.Entry<String, byte[]> e : drlFiles.entrySet()) {
            update(md, e.getKey());
            md.update(e.getValue());
        }
        if (catalogue != null) {
            update(md, "catalogue");
            md.update(catalogue);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void update(MessageDigest md, String s) {
        byte[] b = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
        md.update((byte) (b.length >>> 24));
        md.update((byte) (b.length >>> 16));
        md.update((byte) (b.length >>> 8));
        md.update((byte) b.length);
        md.update(b);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", file, e.toString());
        }
    }
}
