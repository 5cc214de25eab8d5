package org.lvyue.api.checklist;

/**
 * A result an engineer records for one item on one system.
 *
 * @param obligationId the item's id, e.g. {@code ia.d05}
 * @param system       the system (empty where the item has none)
 * @param normal       正常 or 异常
 * @param note         optional note
 * @param supersedes   the id of the record this one corrects, or null
 * @param fault        the fault record, required for an abnormal result of an item with a follow-up kind; else null
 */
public record CheckEntry(String obligationId, String system, boolean normal, String note, String supersedes,
                         FaultEntry fault) {

    /**
     * The fault record that goes with an abnormal result.
     *
     * @param description what was found
     * @param reportedTo  to whom it was reported
     * @param reportedAt  when, as the engineer states it ({@code yyyy-MM-ddTHH:mm})
     */
    public record FaultEntry(String description, String reportedTo, java.time.LocalDateTime reportedAt) {
    }
}
