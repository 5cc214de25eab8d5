package org.lvyue.api.service;

import java.util.List;

/**
 * What one accepted batch of facts did.
 *
 * <p>Batches of a contract that arrive while it is being evaluated are stored at once and evaluated together
 * in its next evaluation: the finding counts are those of that shared evaluation, the same in the answer of
 * every batch it took in (what the batches did together, not this batch alone).
 *
 * @param batchId         the stored batch
 * @param received        facts in the batch
 * @param stored          facts newly stored
 * @param duplicateIds    ids already stored with the same content (a retry), not stored again
 * @param findingsOpened  findings that opened in the evaluation that took the batch in
 * @param findingsResolved findings that resolved in that evaluation
 * @param findingsOpen    open findings of the contract afterwards
 * @param ruleSetVersion  the rule set the batch was evaluated with
 * @param evaluationError null when the evaluation succeeded; otherwise why it failed (the facts are
 *                        stored all the same, and the findings are those of the last good evaluation), or that
 *                        the evaluation had not ended within the configured wait (stored all the same; it is
 *                        evaluated later)
 */
public record IngestResult(long batchId, int received, int stored, List<String> duplicateIds, int findingsOpened,
                           int findingsResolved, int findingsOpen, long ruleSetVersion, String evaluationError) {
}
