package org.lvyue.api.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The nodes of a cluster that are alive, as the shared database knows them: each node renews its row while it runs
 * and removes it when it stops; a row not renewed in time is a node gone. The contracts are shared out among these
 * ({@link ContractLeases}). Times are the database's clock, the same for every node.
 *
 * @since 1.5
 */
@ProviderType
public interface ClusterNodes {

    /**
     * @param nodeId    the node
     * @param url       where the other nodes reach it (its REST API), for the requests of the contracts it owns
     * @param startedAt when it first said it was alive, in its current run
     * @param expiresAt when it counts as gone unless it says so again
     */
    record Node(String nodeId, String url, Instant startedAt, Instant expiresAt) {
    }

    /**
     * Joins the cluster as {@code nodeId}: from now on the store writes a contract only under the lease this node took
     * for it ({@link ContractLeases}), and this node may say it is alive.
     *
     * @throws IllegalArgumentException when the id is blank or longer than 200 characters
     * @since 1.6
     */
    void join(String nodeId);

    /**
     * Says that this node is alive for another {@code ttl}, reachable at {@code url}.
     *
     * @throws IllegalStateException when this node has not joined a cluster
     */
    void heartbeat(String url, Duration ttl);

    /** The nodes alive now, by id. */
    List<Node> nodes();

    /** This node leaves: its row is removed at once, without waiting for it to run out. */
    void leave();
}
