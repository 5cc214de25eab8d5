package org.lvyue.api.ledger;

/**
 * Who owes an amount. 甲方 and 乙方 owe each other; a third party's amount is kept with its clause
 * like any other but never counts in what the two parties owe each other ({@link Ledger#net()}).
 */
public enum Payer {
    /** 甲方 pays 乙方: fees, late-payment interest. */
    CLIENT("甲方"),
    /** 乙方 pays 甲方: penalties, refunds. */
    SUPPLIER("乙方"),
    /**
     * The provider 甲方 signs with after this contract: 一般条款 十六 has it pay the fee for 乙方's service
     * between expiry and the new contract (「由新服务商提供」), so 甲方 does not owe it.
     */
    NEW_SUPPLIER("新服务商");

    private final String label;

    Payer(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
