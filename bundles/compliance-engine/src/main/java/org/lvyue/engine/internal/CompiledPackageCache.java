package org.lvyue.engine.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
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
 * <p>An entry is named by the digest of the bundle's content together with this engine's build (which
 * embeds Drools), so a changed bundle or a new engine never reads an old entry. An entry that cannot be
 * read back (truncated, corrupt, written by classes that no longer fit) is deleted and the bundle
 * compiled again: the cache may only ever save time, never stop a start.
 *
 * <p>Besides its own folder, the cache may read a second one that it never writes: the rules the
 * distribution ships compiled at build time ({@link RulePrecompiler}), found under the same keys.
 */
public final class CompiledPackageCache {
    private static final Logger LOG = LoggerFactory.getLogger(CompiledPackageCache.class);
    /**
     * Starts every entry: a file of something else is not read as packages. Version 2 carries the digest of
     * its packages: a damaged class in an entry would otherwise deserialise and fail only when a rule fires.
     */
    private static final String MAGIC = "lvyue-kpkg-2";

    /** The manifest header bnd stamps a bundle's build time in: what tells one build of the engine from another. */
    public static final String BUILD_STAMP = "Bnd-LastModified";

    private final Path dir;
    private final Path shipped;
    private final String engineKey;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /**
     * @param dir       the folder of the entries, made when the first one is written
     * @param engineKey what besides the bundle the compiled form depends on: the engine's build
     */
    public CompiledPackageCache(Path dir, String engineKey) {
        this(dir, engineKey, null);
    }

    /**
     * @param shipped a folder of entries compiled at build time, read after {@code dir} and never written;
     *                null for none
     */
    public CompiledPackageCache(Path dir, String engineKey, Path shipped) {
        this.dir = dir;
        this.engineKey = engineKey;
        this.shipped = shipped;
    }

    /**
     * The key of an engine build: its bundle version and its build stamp, the same whether read from the
     * running bundle or from its jar at build time. Drools is embedded in the engine bundle, so a new
     * Drools is a new engine build.
     *
     * @param buildStamp the bundle's {@link #BUILD_STAMP}; null where the bundle has none (then entries are
     *                   kept per version only, which a SNAPSHOT rebuilt must not rely on)
     */
    public static String engineKey(String engineVersion, String buildStamp) {
        return engineVersion + "@" + (buildStamp == null ? "unstamped" : buildStamp.trim());
    }

    /** The key of an engine known by a name only: for tests and tools. */
    public static String engineKey(String engineName) {
        return engineKey(engineName, null);
    }

    /**
     * A digest of a rule set made of these bundles by this engine build: their entries' keys, in order. Empty when the
     * engine has no build stamp, which a rebuilt snapshot of the same version would not change.
     */
    String ruleSetDigest(List<DomainSource> active) {
        if (engineKey.endsWith("@unstamped")) {
            return "";
        }
        MessageDigest md = sha256();
        active.stream().map(this::key).sorted().forEach(k -> update(md, k));
        return HexFormat.of().formatHex(md.digest());
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

    /**
     * Whether the distribution's build compiled this very bundle (the same engine build, name, version, domain and
     * SHA-256 of every file): a bundle the distribution ships, whatever folder it is installed from.
     */
    boolean shipped(DomainSource source) {
        return shipped != null && Files.isRegularFile(shipped.resolve(key(source) + ".kpkg"));
    }

    /** The bundle's packages as compiled before, or empty when there is no usable entry. */
    Optional<Collection<KiePackage>> read(DomainSource source, ClassLoader loader) {
        String name = key(source) + ".kpkg";
        Optional<Collection<KiePackage>> found = read(source, dir.resolve(name), loader, true);
        if (found.isEmpty() && shipped != null) {
            found = read(source, shipped.resolve(name), loader, false);
        }
        if (found.isPresent()) {
            hits.incrementAndGet();
        } else {
            misses.incrementAndGet();
        }
        return found;
    }

    private Optional<Collection<KiePackage>> read(DomainSource source, Path file, ClassLoader loader, boolean ours) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (DataInputStream header = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            if (!MAGIC.equals(header.readUTF()) || !key(source).equals(header.readUTF())) {
                throw new IOException("not an entry of this bundle");
            }
            String digest = header.readUTF();
            byte[] payload = header.readNBytes(header.readInt());
            if (!digest.equals(HexFormat.of().formatHex(sha256().digest(payload)))) {
                throw new IOException("its packages do not match their digest");
            }
            ObjectInputStream in = new DroolsObjectInputStream(new ByteArrayInputStream(payload), loader);
            int n = in.readInt();
            List<KiePackage> packages = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                packages.add((KiePackage) in.readObject());
            }
            return Optional.of(packages);
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            LOG.warn("Compiled rules of {} {} in {} are not readable ({}); compiling the bundle again", source.symbolicName(),
                    source.version(), file, e.toString());
            if (ours) {
                delete(file);
            }
            return Optional.empty();
        }
    }

    /** Keeps the bundle's freshly compiled packages; a failure to write is logged and changes nothing else. */
    void write(DomainSource source, Collection<KiePackage> packages) {
        Path file = dir.resolve(key(source) + ".kpkg");
        try {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new DroolsObjectOutputStream(payload)) {
                out.writeInt(packages.size());
                for (KiePackage p : packages) {
                    out.writeObject(p);
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeUTF(MAGIC);
                out.writeUTF(key(source));
                out.writeUTF(HexFormat.of().formatHex(sha256().digest(payload.toByteArray())));
                out.writeInt(payload.size());
                payload.writeTo(out);
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

    /** Where entries are read from, for the log: the own folder, then the shipped one. */
    public String where() {
        return shipped == null ? dir.toString() : dir + " or " + shipped;
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
