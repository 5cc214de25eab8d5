package org.lvyue.api.contract;

/**
 * A party to the contract.
 *
 * @param role         {@code 甲方} (client), {@code 乙方} (supplier) or {@code 评估方} (the evaluator)
 * @param name         the legal name
 * @param address      the address the contract gives
 * @param organisation the id of the organisation whose users act for this party in the product, or null
 *                     when none is named (then only the product's administrators see the contract)
 */
public record Party(String role, String name, String address, String organisation) {
    /** A party no organisation of the product acts for. */
    public Party(String role, String name, String address) {
        this(role, name, address, null);
    }
}
