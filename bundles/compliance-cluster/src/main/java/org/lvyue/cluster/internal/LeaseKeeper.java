package org.lvyue.cluster.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.lvyue.api.store.ClusterNodes;
import org.lvyue.api.store.ContractLeases;

/**
 * This node's share of a cluster's contracts, kept by the leases in the shared database (issue #26). At each
 * {@link #tick} the node says it is alive, renews the leases it holds, hands over those beyond its share when more
 * nodes are alive, and takes free or lapsed ones up to its share: the contracts divided by the nodes alive, rounded up.
 * It decides ownership only; what the node does with a contract it gains or loses is its {@link Listener}'s. A node
 * that stops ticking (dead, paused, cut off) loses its contracts when their leases run out, to the others' next ticks;
 * what it still writes meanwhile is refused by the store's fencing.
 */
final class LeaseKeeper {

    /** Told of each change of this node's contracts, from the ticking thread. */
    interface Listener {
        /** The contract is this node's from now on, at {@code epoch}. */
        void gained(String contractId, long epoch);

        /** The contract is no longer this node's: taken over, or handed over (told before its lease is released). */
        void lost(String contractId);
    }

    /** What a tick changed. */
    record Tick(int nodes, int share, List<String> held, List<String> gained, List<String> lost) {
    }

    private final ContractLeases leases;
    private final ClusterNodes nodes;
    private final Supplier<? extends Collection<String>> contracts;
    private final String url;
    private final Duration ttl;
    private final Listener listener;
    /** The contracts this node holds, by id; guarded by this. */
    private final TreeSet<String> held = new TreeSet<>();
    /** {@link #held} as last changed, for the requests' questions while a tick waits on the database. */
    private volatile Set<String> heldNow = Set.of();
    /**
     * Contracts claimed to be defined here, by when ({@link System#nanoTime}): for three lease times kept though not yet
     * stored, and never handed over to even out the nodes' shares, so that the definition under way ends here.
     */
    private final java.util.Map<String, Long> claimed = new java.util.HashMap<>();

    /**
     * @param contracts every contract of the cluster
     * @param url       where the other nodes reach this one
     * @param ttl       how long a lease or the node's row runs unless renewed; ticks come well within it
     */
    LeaseKeeper(ContractLeases leases, ClusterNodes nodes, Supplier<? extends Collection<String>> contracts, String url,
                Duration ttl, Listener listener) {
        this.leases = leases;
        this.nodes = nodes;
        this.contracts = contracts;
        this.url = url;
        this.ttl = ttl;
        this.listener = listener;
    }

    synchronized Tick tick() {
        nodes.heartbeat(url, ttl);
        Set<String> all = new TreeSet<>(contracts.get());
        // a definition goes on after its contract is stored (its memory, its first evaluation): kept as claimed, and
        // so never handed over below, for three lease times whether stored or not
        claimed.keySet().removeIf(c -> System.nanoTime() - claimed.get(c) > 3 * ttl.toNanos());
        all.addAll(claimed.keySet()); // the cluster's, though not stored yet
        int alive = Math.max(1, nodes.nodes().size());
        int share = (all.size() + alive - 1) / alive;
        List<String> gained = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        for (String c : List.copyOf(held)) {
            if (!all.contains(c)) {
                handOver(c, lost);  // the contract is gone
            }
        }
        Set<String> kept = held.isEmpty() ? Set.of() : leases.renewAll(List.copyOf(held), ttl);
        for (String c : List.copyOf(held)) {
            if (!kept.contains(c)) {
                drop(c, lost);  // taken over
            }
        }
        for (String c : List.copyOf(held.descendingSet())) {
            if (held.size() <= share) {
                break;
            }
            if (!claimed.containsKey(c)) {
                handOver(c, lost); // the last ones by id, not one being defined here
            }
        }
        if (held.size() < share) {
            Set<String> running = leases.leases().stream().map(ContractLeases.Lease::contractId).collect(Collectors.toSet());
            for (String c : all) {
                if (held.size() >= share) {
                    break;
                }
                if (!held.contains(c) && !running.contains(c)) {
                    Optional<ContractLeases.Lease> taken;
                    try {
                        taken = leases.acquire(c, ttl);
                    } catch (RuntimeException busy) {
                        continue; // its row is locked by a node gone silent: the next tick tries again
                    }
                    taken.ifPresent(l -> {
                        take(c, l.epoch());
                        gained.add(c);
                    });
                }
            }
        }
        return new Tick(alive, share, List.copyOf(held), gained, lost);
    }

    /**
     * Takes a contract nobody holds now, before its turn at a tick (a contract defined on this node a moment ago).
     *
     * @return whether this node holds it afterwards
     */
    synchronized boolean claim(String contractId) {
        if (held.contains(contractId)) {
            return true;
        }
        return leases.acquire(contractId, ttl).map(l -> {
            claimed.put(contractId, System.nanoTime());
            take(contractId, l.epoch());
            return true;
        }).orElse(false);
    }

    /** Whether this node holds the contract, as its last tick or claim left it; never waits for a tick under way. */
    boolean holds(String contractId) {
        return heldNow.contains(contractId);
    }

    /** Hands every contract over and leaves the cluster: the other nodes take them at their next tick. */
    synchronized void stop() {
        List<String> lost = new ArrayList<>();
        for (String c : List.copyOf(held)) {
            handOver(c, lost);
        }
        nodes.leave();
    }

    List<String> held() {
        return List.copyOf(new TreeSet<>(heldNow));
    }

    /** The contract is this node's: held, published for {@link #holds}, told. */
    private void take(String contractId, long epoch) {
        held.add(contractId);
        heldNow = Set.copyOf(held);
        listener.gained(contractId, epoch);
    }

    private void handOver(String contractId, List<String> lost) {
        drop(contractId, lost);
        leases.release(contractId);
    }

    private void drop(String contractId, List<String> lost) {
        held.remove(contractId);
        heldNow = Set.copyOf(held);
        lost.add(contractId);
        listener.lost(contractId);
    }
}
