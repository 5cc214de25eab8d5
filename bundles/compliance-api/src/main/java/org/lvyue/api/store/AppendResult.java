package org.lvyue.api.store;

import java.util.List;

import org.lvyue.api.fact.Fact;

/**
 * What one atomic append of a batch of facts did.
 *
 * @param batchId    the stored batch's id
 * @param stored     the facts newly stored, in batch order
 * @param duplicates ids of facts already stored with the same content (a retried batch), not stored again
 */
public record AppendResult(long batchId, List<Fact> stored, List<String> duplicates) {
}
