package org.lvyue.api.contract;

/**
 * A party to the contract.
 *
 * @param role    {@code 甲方} (client) or {@code 乙方} (supplier)
 * @param name    the legal name
 * @param address the address the contract gives
 */
public record Party(String role, String name, String address) {
}
