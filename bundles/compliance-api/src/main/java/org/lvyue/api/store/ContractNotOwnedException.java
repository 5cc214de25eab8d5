package org.lvyue.api.store;

/**
 * A write of a contract refused because this node does not hold the contract's lease at the epoch it took: another
 * node owns the contract now (or none does). Nothing of the write was stored; the request belongs to the owner.
 */
public class ContractNotOwnedException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final String contractId;

    public ContractNotOwnedException(String contractId, String message) {
        super(message, null);
        this.contractId = contractId;
    }

    public String contractId() {
        return contractId;
    }
}
