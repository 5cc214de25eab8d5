package org.lvyue.api.service;

import java.util.List;

/**
 * What one accepted batch of facts did.
 *
 * @param batchId         the stored batch
 * @param received        facts in the batch
 * @param stored          facts newly stored
 * @param duplicateIds    ids already stored with the same content (a retry), not stored again
 * @param findingsOpened  findings that opened because of the batch
 * @param findingsResolved findings that resolved because of the batch
 * @param findingsOpen    open findings of the contract afterwards
 * @param ruleSetVersion  the rule set the batch was evaluated with
 * @param evaluationError null when the evaluation succeeded; otherwise why it failed (the facts are
 *                        stored all the same, and the findings are those of the last good evaluation)
 */
public record IngestResult(long batchId, int received, int stored, List<String> duplicateIds, int findingsOpened,
                           int findingsResolved, int findingsOpen, long ruleSetVersion, String evaluationError) {
}
