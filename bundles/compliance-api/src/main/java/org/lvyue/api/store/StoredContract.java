package org.lvyue.api.store;

import java.time.Instant;

/**
 * A contract definition as stored: the definition document (JSON) exactly as accepted.
 *
 * @param id          the contract id
 * @param version     the definition's version
 * @param definition  the definition document
 * @param storedAt    when it was stored
 * @param storedBy    who stored it
 */
public record StoredContract(String id, int version, String definition, Instant storedAt, String storedBy) {
}
