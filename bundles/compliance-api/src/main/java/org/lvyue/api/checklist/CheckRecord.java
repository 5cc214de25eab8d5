package org.lvyue.api.checklist;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One recorded result of a check item on one system: a fact of the catalogue's inspection kind.
 *
 * @param factId       the fact's id
 * @param day          the day of the check
 * @param system       the system checked (empty where the catalogue has none)
 * @param normal       正常 or 异常
 * @param note         the engineer's note, or null
 * @param engineer     who recorded it
 * @param recordedAt   when the product received it
 * @param supersedes   the id of the record it corrects, or null
 * @param supersededBy the id of the record that corrects it, or null while it stands
 * @param faults       the fault records that follow an abnormal result
 */
public record CheckRecord(String factId, LocalDate day, String system, boolean normal, String note, String engineer,
                          Instant recordedAt, String supersedes, String supersededBy, List<FaultRecord> faults) {

    public CheckRecord {
        faults = List.copyOf(faults);
    }
}
