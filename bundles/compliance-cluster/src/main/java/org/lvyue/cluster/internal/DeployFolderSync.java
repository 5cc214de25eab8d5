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
import java.util.HashMap;
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
import org.lvyue.api.store.DeployedJars;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's {@code deploy/} folder the same as every other node's, through the shared database: a jar that
 * appears, changes or goes here (uploaded through the API or the console, or copied in) is recorded as deployed or
 * removed; a jar recorded by another node is written here or deleted, and Felix File Install installs, updates or
 * uninstalls it as for any jar. What was last in step is kept in a small file under {@code data/}, so that after a
 * restart a change made while the node was down is told from a change made on it. When both changed, the database
 * wins: the nodes end with the same bundles. Runs only on a node that joined a cluster.
 */
@Component(service = DeployFolderSync.class, configurationPid = ClusterConfig.PID, immediate = true)
public final class DeployFolderSync {
    private static final Logger LOG = LoggerFactory.getLogger(DeployFolderSync.class);

    private final DeployedJars recorded;
    private final String nodeId;
    private final Path dir;
    private final Path stateFile;
    /** The rounds on a node of a cluster; none on a single node, which has nothing to keep in step. */
    private ScheduledExecutorService rounds;
    /** Digest of each jar as this node and the database last agreed on it, by file name. */
    private final Map<String, String> inStep = new TreeMap<>();
    /** The digest of each local file, kept while its size and time stay the same: no hashing of every jar each round. */
    private final Map<String, Seen> hashed = new HashMap<>();

    private record Seen(long size, long modified, String digest) {
    }

    @Activate
    public DeployFolderSync(@Reference ContractOwners owners, @Reference DeployedJars recorded, ClusterConfig config) {
        this(recorded, owners.nodeId(),
                Path.of(config.deployDir().replace("${karaf.base}", System.getProperty("karaf.base", "."))),
                Path.of(System.getProperty("karaf.data", "data"), "lvyue", "cluster-deploy.properties"));
        if (owners.clustered()) {
            rounds = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lvyue-deploy-sync");
                t.setDaemon(true);
                return t;
            });
            rounds.scheduleWithFixedDelay(this::safeRound, 0, Math.max(1, config.deploySyncSeconds()), TimeUnit.SECONDS);
        }
    }

    /** A node's sync whose rounds its caller runs ({@link #round}). */
    DeployFolderSync(DeployedJars recorded, String nodeId, Path dir, Path stateFile) {
        this.recorded = recorded;
        this.nodeId = nodeId;
        this.dir = dir.toAbsolutePath().normalize();
        this.stateFile = stateFile;
        loadState();
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
            LOG.warn("集群部署目录同步失败，下一轮重试 (the deploy folder could not be brought in step; next round): {}", e.toString());
        }
    }

    /** One comparison of the folder, the database and what was last in step; each difference settled. */
    synchronized void round() throws IOException {
        Map<String, String> local = localJars();
        if (local == null) {
            return; // a jar being copied in: the next round reads it whole
        }
        Map<String, String> db = new TreeMap<>();
        for (DeployedJars.Jar j : recorded.jars()) {
            db.put(j.name(), j.removed() ? null : j.digest());
        }
        TreeSet<String> names = new TreeSet<>(local.keySet());
        names.addAll(db.keySet());
        names.addAll(inStep.keySet());
        boolean changed = false;
        for (String name : names) {
            String here = local.get(name);
            String there = db.get(name);
            String agreed = inStep.get(name);
            if (Objects.equals(here, there)) {
                changed |= agree(name, here);
                continue;
            }
            boolean changedHere = !Objects.equals(here, agreed);
            boolean changedThere = !Objects.equals(there, agreed);
            if (changedThere) {
                if (changedHere) {
                    LOG.warn("Bundle {} changed here and on another node: the database's is kept", name);
                }
                changed |= take(name, there);
            } else if (here != null) {
                recorded.deployed(name, Files.readAllBytes(dir.resolve(name)), nodeId);
                LOG.info("集群：本节点部署的 {} 已记录，其他节点将安装 ({} deployed here, recorded for the other nodes)", name, name);
                changed |= agree(name, here);
            } else {
                recorded.removed(name, agreed, nodeId);
                LOG.info("集群：本节点移除的 {} 已记录，其他节点将卸载 ({} removed here, recorded for the other nodes)", name, name);
                changed |= agree(name, null);
            }
        }
        if (changed) {
            saveState();
        }
    }

    /** Brings the local folder to the database's {@code digest} of the jar (null: removed). */
    private boolean take(String name, String digest) throws IOException {
        Path target = dir.resolve(name);
        if (digest == null) {
            Files.deleteIfExists(target);
            LOG.info("集群：按其他节点的移除卸载 {} (removed on another node: deleted here)", name);
            return agree(name, null);
        }
        Optional<byte[]> content = recorded.content(name, digest);
        if (content.isEmpty()) {
            return false; // replaced again meanwhile: the next round sees the newer one
        }
        Path tmp = Files.createTempFile(dir.getParent(), ".lvyue-sync-", ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write(content.get());
        }
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        LOG.info("集群：按其他节点的部署安装 {} (deployed on another node: written here)", name);
        return agree(name, digest);
    }

    private boolean agree(String name, String digest) {
        return digest == null ? inStep.remove(name) != null : !digest.equals(inStep.put(name, digest));
    }

    /** A jar written less than this long ago may still be being copied in (an engineer's {@code cp}). */
    static final long SETTLE_MILLIS = 1000;

    /** Each jar of the folder and the SHA-256 of its content; null while one of them was written a moment ago. */
    private Map<String, String> localJars() throws IOException {
        Map<String, String> jars = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return jars;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path f : files) {
                if (!Files.isRegularFile(f)) {
                    continue;
                }
                String name = f.getFileName().toString();
                long size = Files.size(f);
                long modified = Files.getLastModifiedTime(f).toMillis();
                if (System.currentTimeMillis() - modified < SETTLE_MILLIS) {
                    return null;
                }
                Seen seen = hashed.get(name);
                if (seen == null || seen.size() != size || seen.modified() != modified) {
                    seen = new Seen(size, modified, sha256(f));
                    hashed.put(name, seen);
                }
                jars.put(name, seen.digest());
            }
        }
        hashed.keySet().retainAll(jars.keySet());
        return jars;
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
            p.store(out, "the deploy folder's jars as last in step with the cluster's database");
        }
        Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
