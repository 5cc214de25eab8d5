package org.lvyue.api.cluster;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Which node serves each contract. A node that has joined a cluster holds a lease on each contract it owns (the
 * store's {@code ContractLeases}); only the owner builds the contract's working memory and writes for it, and every
 * other node sends the contract's requests there. On a node that has joined no cluster every contract is its own.
 */
@ProviderType
public interface ContractOwners {

    /**
     * A contract's owner.
     *
     * @param nodeId the owning node's id
     * @param url    where its REST API answers, e.g. {@code http://10.0.0.2:8181}
     * @param here   whether the owner is this node
     */
    record Owner(String nodeId, String url, boolean here) {
    }

    /** Whether this node has joined a cluster; false on a single node. */
    boolean clustered();

    /** This node's id in the cluster; empty on a single node. */
    String nodeId();

    /** Whether this node serves the contract now: always on a single node, while it holds the lease in a cluster. */
    boolean ownsHere(String contractId);

    /**
     * The node that serves the contract now, as this node last learnt it; empty while no node does (its owner died
     * and its lease has not yet run out, or nobody has taken it yet).
     */
    Optional<Owner> owner(String contractId);

    /**
     * Takes a contract nobody owns for this node, such as one defined here a moment ago: true when this node owns it
     * afterwards (it may have already), false while another node's lease runs.
     */
    boolean claim(String contractId);

    /** Seconds a contract without a reachable owner waits at most for one: a client's {@code Retry-After}. */
    int failoverSeconds();

    /**
     * Tells {@code listener} of every contract this node gains or loses from now on, and at once of each it holds
     * already. (Not a whiteboard service: the contracts' registry both needs this service and listens to it.)
     */
    void addListener(OwnershipListener listener);

    void removeListener(OwnershipListener listener);
}
