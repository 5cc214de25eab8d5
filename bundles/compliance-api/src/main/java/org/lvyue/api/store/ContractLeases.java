package org.lvyue.api.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Which node of a cluster owns each contract: a lease in the shared database with an epoch, its fencing token.
 * At most one node holds a contract's lease at a time; a node takes a free or lapsed lease with the next epoch,
 * keeps it by renewing it before it lapses, and hands it over by releasing it. Once a node has joined a cluster
 * (a node id is configured), the store writes a contract only in a transaction that finds this node's lease, at
 * the epoch the node took, still in place: a node that lost its lease (paused, cut off, slow) cannot write after
 * another node took the contract over, whatever its own clock says ({@link ContractNotOwnedException}). Lapse
 * times are the database's clock, the same for every node.
 */
@ProviderType
public interface ContractLeases {

    /**
     * @param contractId the contract
     * @param nodeId     the node holding it
     * @param epoch      the fencing token: one more at every change of holder, and at a node's new start
     * @param expiresAt  when it lapses unless renewed (the database's clock)
     */
    record Lease(String contractId, String nodeId, long epoch, Instant expiresAt) {
    }

    /** This node's id in the cluster; empty on a node that has not joined one (nothing is fenced then). */
    String nodeId();

    /**
     * Takes the contract's lease for this node for {@code ttl}: granted when no node holds it, when its holder's
     * lease lapsed or was released, or when this node held it before (a new start of the node: the epoch moves on,
     * fencing out whatever the previous start still had under way).
     *
     * @return the lease taken, or empty while another node's lease runs
     * @throws IllegalStateException when this node has not joined a cluster
     */
    Optional<Lease> acquire(String contractId, Duration ttl);

    /** Keeps this node's lease for another {@code ttl}; false when it is no longer this node's (taken over). */
    boolean renew(String contractId, Duration ttl);

    /**
     * Keeps this node's leases of these contracts for another {@code ttl}, together where the store can.
     *
     * @return the contracts whose leases are still this node's; the others were taken over
     * @since 1.7
     */
    default java.util.Set<String> renewAll(java.util.Collection<String> contractIds, Duration ttl) {
        java.util.Set<String> kept = new java.util.TreeSet<>();
        for (String c : contractIds) {
            if (renew(c, ttl)) {
                kept.add(c);
            }
        }
        return kept;
    }

    /** Hands the contract over: its lease lapses now, for another node to take. Nothing when not held. */
    void release(String contractId);

    /** The contract's lease while it runs; empty when free, lapsed or released. */
    Optional<Lease> holder(String contractId);

    /** Every lease that runs, by contract. */
    List<Lease> leases();
}
