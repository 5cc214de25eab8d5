package org.lvyue.cluster.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.lvyue.api.cluster.ContractOwners;
import org.lvyue.api.cluster.OwnershipListener;
import org.lvyue.api.store.ClusterNodes;
import org.lvyue.api.store.ComplianceStore;
import org.lvyue.api.store.ContractLeases;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's place in a cluster: with a node id configured it joins the cluster in the shared database, keeps its
 * share of the contracts' leases on a thread of its own ({@link LeaseKeeper}, every third of the lease time) and tells
 * the {@link OwnershipListener}s added to it what it gained and lost; it answers who owns a contract from what its last tick read.
 * Without a node id it is a single node that owns every contract and runs no thread.
 */
@Component(service = ContractOwners.class, configurationPid = ClusterConfig.PID, immediate = true)
@Designate(ocd = ClusterConfig.class)
public final class ClusterMembership implements ContractOwners {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterMembership.class);

    private final String nodeId;
    private final Duration ttl;
    private final List<OwnershipListener> listeners = new CopyOnWriteArrayList<>();
    private final LeaseKeeper keeper;
    private final ContractLeases leases;
    private final ClusterNodes nodes;
    private final ScheduledExecutorService ticks;
    /** Who owned what at the last tick: contract → owner elsewhere. */
    private volatile Map<String, Owner> elsewhere = Map.of();

    @Activate
    public ClusterMembership(@Reference ContractLeases leases, @Reference ClusterNodes nodes,
                             @Reference ComplianceStore store, ClusterConfig config) {
        this.nodeId = config.nodeId().strip();
        this.ttl = Duration.ofSeconds(Math.max(3, config.leaseSeconds()));
        this.leases = leases;
        this.nodes = nodes;
        if (nodeId.isEmpty()) {
            keeper = null;
            ticks = null;
            return;
        }
        nodes.join(nodeId);
        String url = ownUrl(config.url());
        keeper = new LeaseKeeper(leases, nodes, () -> store.contractVersions().keySet(), url, ttl,
                new LeaseKeeper.Listener() {
                    @Override
                    public void gained(String contractId, long epoch) {
                        LOG.info("集群节点 {} 接管合同 {}，纪元 {} (node {} now owns contract {} at epoch {})", nodeId, contractId,
                                epoch, nodeId, contractId, epoch);
                        tell(l -> l.gained(contractId));
                    }

                    @Override
                    public void lost(String contractId) {
                        LOG.info("集群节点 {} 不再持有合同 {} (node {} no longer owns contract {})", nodeId, contractId, nodeId,
                                contractId);
                        tell(l -> l.lost(contractId));
                    }
                });
        ticks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lvyue-cluster-" + nodeId);
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1000, ttl.toMillis() / 3);
        ticks.scheduleWithFixedDelay(this::tick, 0, period, TimeUnit.MILLISECONDS);
        LOG.info("集群节点 {} 已加入，地址 {}，租约 {} 秒 (joined the cluster as {} at {}, leases of {} s)", nodeId, url,
                ttl.toSeconds(), nodeId, url, ttl.toSeconds());
    }

    /** The URL configured, or this host's loopback and the HTTP port Karaf's web server was given. */
    static String ownUrl(String configured) {
        if (!configured.isBlank()) {
            return configured.strip().replaceAll("/+$", "");
        }
        return "http://127.0.0.1:" + System.getProperty("org.osgi.service.http.port", "8181");
    }

    @Deactivate
    void deactivate() {
        if (ticks == null) {
            return;
        }
        ticks.shutdownNow();
        try {
            ticks.awaitTermination(30, TimeUnit.SECONDS);
            keeper.stop();
            LOG.info("集群节点 {} 已交出其合同并离开 (node {} handed its contracts over and left)", nodeId, nodeId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Node {} could not hand its contracts over; their leases run out instead: {}", nodeId, e.toString());
        }
    }

    @Override
    public void addListener(OwnershipListener l) {
        listeners.add(l);
        if (keeper != null) {
            // what was gained before it came: telling twice does no harm, missing one would leave a contract unserved
            keeper.held().forEach(l::gained);
        }
    }

    @Override
    public void removeListener(OwnershipListener l) {
        listeners.remove(l);
    }

    private void tell(Consumer<OwnershipListener> event) {
        for (OwnershipListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.error("An ownership listener failed: {}", e.toString(), e);
            }
        }
    }

    /** One round: the keeper's tick, then who owns what elsewhere, then the listeners' refresh. */
    void tick() {
        try {
            LeaseKeeper.Tick t = keeper.tick();
            Map<String, String> urls = nodes.nodes().stream()
                    .collect(Collectors.toMap(ClusterNodes.Node::nodeId, ClusterNodes.Node::url, (a, b) -> a));
            elsewhere = leases.leases().stream()
                    .filter(l -> !l.nodeId().equals(nodeId) && urls.containsKey(l.nodeId()))
                    .collect(Collectors.toUnmodifiableMap(ContractLeases.Lease::contractId,
                            l -> new Owner(l.nodeId(), urls.get(l.nodeId()), false), (a, b) -> a));
            if (!t.gained().isEmpty() || !t.lost().isEmpty()) {
                LOG.info("Cluster tick: {} node(s), share {}, holding {}", t.nodes(), t.share(), t.held().size());
            }
            tell(OwnershipListener::refreshed);
        } catch (RuntimeException e) {
            // the database unreachable: the leases run out unless a later tick renews them in time
            LOG.warn("集群节点 {} 本轮租约维护失败 (node {} could not keep its leases this round): {}", nodeId, nodeId, e.toString());
        }
    }

    @Override
    public boolean clustered() {
        return keeper != null;
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public boolean ownsHere(String contractId) {
        return keeper == null || keeper.holds(contractId);
    }

    @Override
    public Optional<Owner> owner(String contractId) {
        if (ownsHere(contractId)) {
            return Optional.of(new Owner(nodeId, "", true));
        }
        return Optional.ofNullable(elsewhere.get(contractId));
    }

    @Override
    public boolean claim(String contractId) {
        return keeper == null || keeper.claim(contractId);
    }

    @Override
    public int failoverSeconds() {
        return (int) (ttl.toSeconds() + ttl.toSeconds() / 3 + 1);
    }
}
