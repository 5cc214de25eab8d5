package org.lvyue.api.ledger;

/** Who owes an amount. */
public enum Payer {
    /** 甲方 pays 乙方: fees, late-payment interest. */
    CLIENT("甲方"),
    /** 乙方 pays 甲方: penalties, refunds. */
    SUPPLIER("乙方");

    private final String label;

    Payer(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
