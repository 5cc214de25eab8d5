package org.lvyue.cluster.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.lvyue.api.cluster.ContractOwners;
import org.lvyue.api.security.FieldCipher;
import org.lvyue.api.store.SharedFiles;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the files every node of a cluster must have alike the same on every node, through the shared database: the
 * domain bundles of {@code deploy/}, and of {@code etc/} the product's configuration ({@code org.lvyue.*.cfg}, but this
 * node's own cluster settings and the demo data's) and its users ({@code users.properties}). A file that appears,
 * changes or goes here (a bundle uploaded through the API or copied in, a setting changed with {@code config:edit}, a
 * password changed) is recorded as written or removed; a file recorded by another node is written here or deleted,
 * and Felix File Install and the realm take it up as for any change. The files of {@code etc/} are kept in the
 * database SM4-encrypted (they hold passwords); without the field cipher they are not shared. What was last in step
 * is kept in a small file under {@code data/}, so that after a restart a change made while the node was down is told
 * from a change made on it. When both changed, the database wins: the nodes end alike. Runs only on a node of a
 * cluster.
 */
@Component(service = {}, configurationPid = ClusterConfig.PID, immediate = true)
public final class SharedFolders {
    private static final Logger LOG = LoggerFactory.getLogger(SharedFolders.class);
    /** Settings of {@code etc/} that are each node's own. */
    static final Set<String> OWN_SETTINGS = Set.of("org.lvyue.cluster.cfg", "org.lvyue.demo.cfg");

    /**
     * A folder kept in step.
     *
     * @param prefix its path under the Karaf base, ending in {@code /}: how its files are named in the database
     * @param dir    where it is on this node
     * @param shared which of its files are shared, by name
     * @param sealed whether its files are kept encrypted in the database
     */
    record Folder(String prefix, Path dir, Predicate<String> shared, boolean sealed) {
    }

    private final SharedFiles recorded;
    private final String nodeId;
    private final List<Folder> folders;
    private final Path stateFile;
    private final Supplier<FieldCipher> cipher;
    /** The rounds on a node of a cluster; none on a single node, which has nothing to keep in step. */
    private ScheduledExecutorService rounds;
    private volatile FieldCipher boundCipher;
    private boolean warnedNoCipher;
    /** Digest of each file as this node and the database last agreed on it, by path. */
    private final Map<String, String> inStep = new TreeMap<>();
    /** The digest of each local file, kept while its size and time stay the same: no hashing of every file each round. */
    private final Map<Path, Seen> hashed = new HashMap<>();

    private record Seen(long size, long modified, String digest) {
    }

    @Activate
    public SharedFolders(@Reference ContractOwners owners, @Reference SharedFiles recorded, ClusterConfig config) {
        this.recorded = recorded;
        this.nodeId = owners.nodeId();
        this.folders = List.of(
                new Folder("deploy/", Path.of(config.deployDir().replace("${karaf.base}", System.getProperty("karaf.base", "."))),
                        n -> n.endsWith(".jar"), false),
                new Folder("etc/", Path.of(System.getProperty("karaf.etc", "etc")),
                        n -> n.equals("users.properties") || n.startsWith("org.lvyue.") && n.endsWith(".cfg")
                                && !OWN_SETTINGS.contains(n), true));
        this.stateFile = Path.of(System.getProperty("karaf.data", "data"), "lvyue", "cluster-files.properties");
        this.cipher = () -> boundCipher;
        loadState();
        if (owners.clustered()) {
            rounds = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lvyue-shared-files");
                t.setDaemon(true);
                return t;
            });
            rounds.scheduleWithFixedDelay(this::safeRound, 0, Math.max(1, config.deploySyncSeconds()), TimeUnit.SECONDS);
        }
    }

    /** A node's folders whose rounds its caller runs ({@link #round}). */
    SharedFolders(SharedFiles recorded, String nodeId, List<Folder> folders, Path stateFile, Supplier<FieldCipher> cipher) {
        this.recorded = recorded;
        this.nodeId = nodeId;
        this.folders = List.copyOf(folders);
        this.stateFile = stateFile;
        this.cipher = cipher;
        loadState();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindCipher(FieldCipher c) {
        boundCipher = c;
    }

    void unbindCipher(FieldCipher c) {
        if (boundCipher == c) {
            boundCipher = null;
        }
    }

    @Deactivate
    void deactivate() {
        if (rounds != null) {
            rounds.shutdownNow();
        }
    }

    private void safeRound() {
        try {
            round();
        } catch (IOException | RuntimeException e) {
            LOG.warn("集群文件同步失败，下一轮重试 (the shared files could not be brought in step; next round): {}", e.toString());
        }
    }

    /** One comparison of the folders, the database and what was last in step; each difference settled. */
    synchronized void round() throws IOException {
        FieldCipher sealer = cipher.get();
        List<Folder> now = folders.stream().filter(f -> !f.sealed() || sealer != null).toList();
        if (now.size() < folders.size() && !warnedNoCipher) {
            warnedNoCipher = true;
            LOG.warn("集群：字段密钥不可用，etc/ 的配置和用户暂不在节点间同步 (no field cipher: etc/ is not shared until it is back)");
        }
        Map<String, String> local = new TreeMap<>();
        for (Folder f : now) {
            if (!localFiles(f, local)) {
                return; // a file being copied in: the next round reads it whole
            }
        }
        Map<String, String> db = new TreeMap<>();
        for (SharedFiles.File file : recorded.files()) {
            if (folderOf(now, file.path()) != null) {
                db.put(file.path(), file.removed() ? null : file.digest());
            }
        }
        TreeSet<String> paths = new TreeSet<>(local.keySet());
        paths.addAll(db.keySet());
        inStep.keySet().stream().filter(p -> folderOf(now, p) != null).forEach(paths::add);
        boolean changed = false;
        for (String path : paths) {
            Folder folder = folderOf(now, path);
            String here = local.get(path);
            String there = db.get(path);
            String agreed = inStep.get(path);
            if (Objects.equals(here, there)) {
                changed |= agree(path, here);
                continue;
            }
            boolean changedHere = !Objects.equals(here, agreed);
            boolean changedThere = !Objects.equals(there, agreed);
            if (changedThere) {
                if (changedHere) {
                    LOG.warn("{} changed here and on another node: the database's is kept", path);
                }
                changed |= take(folder, path, there, sealer);
            } else if (here != null) {
                byte[] content = Files.readAllBytes(fileOf(folder, path));
                recorded.written(path, here, folder.sealed() ? seal(sealer, path, content) : content, nodeId);
                LOG.info("集群：本节点写入的 {} 已记录，其他节点将同样写入 ({} changed here, recorded for the other nodes)", path, path);
                changed |= agree(path, here);
            } else {
                recorded.removed(path, agreed, nodeId);
                LOG.info("集群：本节点删除的 {} 已记录，其他节点将同样删除 ({} removed here, recorded for the other nodes)", path, path);
                changed |= agree(path, null);
            }
        }
        if (changed) {
            saveState();
        }
    }

    private static Folder folderOf(List<Folder> folders, String path) {
        for (Folder f : folders) {
            if (path.startsWith(f.prefix()) && f.shared().test(path.substring(f.prefix().length()))) {
                return f;
            }
        }
        return null;
    }

    private static Path fileOf(Folder folder, String path) {
        String name = path.substring(folder.prefix().length());
        if (name.contains("/") || name.contains("\\") || name.equals("..")) {
            throw new IllegalArgumentException("not a file of " + folder.prefix() + ": " + path);
        }
        return folder.dir().resolve(name);
    }

    private static byte[] seal(FieldCipher cipher, String path, byte[] content) {
        return cipher.encrypt(Base64.getEncoder().encodeToString(content), "shared_file:" + path)
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] unseal(FieldCipher cipher, String path, byte[] stored) {
        return Base64.getDecoder().decode(cipher.decrypt(new String(stored, StandardCharsets.US_ASCII), "shared_file:" + path));
    }

    /** Brings the local file to the database's {@code digest} of it (null: removed). */
    private boolean take(Folder folder, String path, String digest, FieldCipher sealer) throws IOException {
        Path target = fileOf(folder, path);
        if (digest == null) {
            Files.deleteIfExists(target);
            LOG.info("集群：按其他节点的删除删除 {} (removed on another node: deleted here)", path);
            return agree(path, null);
        }
        Optional<byte[]> content = recorded.content(path, digest);
        if (content.isEmpty()) {
            return false; // replaced again meanwhile: the next round sees the newer one
        }
        byte[] bytes = folder.sealed() ? unseal(sealer, path, content.get()) : content.get();
        Files.createDirectories(folder.dir());
        Path tmp = Files.createTempFile(folder.dir().toAbsolutePath().getParent(), ".lvyue-sync-", ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write(bytes);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        LOG.info("集群：按其他节点的写入写入 {} (written on another node: written here)", path);
        return agree(path, digest);
    }

    private boolean agree(String name, String digest) {
        return digest == null ? inStep.remove(name) != null : !digest.equals(inStep.put(name, digest));
    }

    /** A file written less than this long ago may still be being copied in (an engineer's {@code cp}). */
    static final long SETTLE_MILLIS = 1000;

    /** Adds each shared file of the folder and the SHA-256 of its content; false while one was written a moment ago. */
    private boolean localFiles(Folder folder, Map<String, String> into) throws IOException {
        if (!Files.isDirectory(folder.dir())) {
            return true;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder.dir())) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (!Files.isRegularFile(f) || !folder.shared().test(name)) {
                    continue;
                }
                long size = Files.size(f);
                long modified = Files.getLastModifiedTime(f).toMillis();
                if (System.currentTimeMillis() - modified < SETTLE_MILLIS) {
                    return false;
                }
                Seen seen = hashed.get(f);
                if (seen == null || seen.size() != size || seen.modified() != modified) {
                    seen = new Seen(size, modified, sha256(f));
                    hashed.put(f, seen);
                }
                into.put(folder.prefix() + name, seen.digest());
            }
        }
        return true;
    }

    private static String sha256(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private void loadState() {
        if (!Files.exists(stateFile)) {
            return;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(stateFile)) {
            p.load(in);
            p.stringPropertyNames().forEach(n -> inStep.put(n, p.getProperty(n)));
        } catch (IOException e) {
            LOG.warn("Cannot read {}: every jar is compared afresh ({})", stateFile, e.toString());
        }
    }

    private void saveState() throws IOException {
        Properties p = new Properties();
        p.putAll(inStep);
        Files.createDirectories(stateFile.toAbsolutePath().getParent());
        Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "the shared files as last in step with the cluster's database");
        }
        Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
