package org.lvyue.testing;

import java.util.Optional;

import org.lvyue.api.cluster.ContractOwners;

/** The owners of a node that joined no cluster: it serves every contract. */
public final class SingleNode implements ContractOwners {
    public static final SingleNode OWNERS = new SingleNode();

    private SingleNode() {
    }

    @Override
    public boolean clustered() {
        return false;
    }

    @Override
    public String nodeId() {
        return "";
    }

    @Override
    public boolean ownsHere(String contractId) {
        return true;
    }

    @Override
    public Optional<Owner> owner(String contractId) {
        return Optional.of(new Owner("", "", true));
    }

    @Override
    public boolean claim(String contractId) {
        return true;
    }

    @Override
    public int failoverSeconds() {
        return 1;
    }

    @Override
    public void addListener(org.lvyue.api.cluster.OwnershipListener listener) {
        // a single node gains and loses nothing
    }

    @Override
    public void removeListener(org.lvyue.api.cluster.OwnershipListener listener) {
    }
}
