package org.lvyue.api.cluster;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when this node gains or loses a contract ({@link ContractOwners#addListener}). Calls come from the cluster's
 * own thread, one at a time; a listener that needs long work hands it to its own.
 */
@ConsumerType
public interface OwnershipListener {

    /** The contract is this node's from now on: its working memory is to be built here. */
    void gained(String contractId);

    /** The contract is no longer this node's (taken over or handed over): its working memory is to be released. */
    void lost(String contractId);

    /** The cluster's contracts may have changed (defined on another node): read them again. Called at every tick. */
    default void refreshed() {
    }
}
