package org.lvyue.api.checklist;

import java.time.LocalDateTime;

/**
 * A fault record that follows an abnormal check result: a fact of the catalogue's follow-up kind.
 *
 * @param factId      the fact's id
 * @param description what was found
 * @param reportedTo  to whom it was reported
 * @param reportedAt  when
 * @param status      {@code reported} or {@code resolved}, as the catalogue's follow-up kind says
 */
public record FaultRecord(String factId, String description, String reportedTo, LocalDateTime reportedAt,
                          String status) {
}
