package org.lvyue.api.checklist;

import java.time.LocalDate;
import java.util.List;

import org.lvyue.api.service.IngestResult;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The supplier's daily work: which check items fall due on a day and what has been recorded, and the recording of
 * results. Results are facts like any other (the catalogue's inspection and fault kinds), so they pass the normal
 * intake: its validation, the evidence chain and the activity trail.
 */
@ProviderType
public interface Checklists {

    /**
     * Every check item of the contract's active domains due on {@code day}: daily items on the days the catalogue's
     * rules make them due, weekly and monthly items in their week and month, holiday and special-period items on
     * their days; each with the records that count for it (of the day, or of its week or month), corrections
     * included.
     *
     * @throws org.lvyue.api.service.NotFoundException     for an unknown contract
     * @throws org.lvyue.api.service.InvalidInputException for a day outside the contract's service period
     */
    Checklist checklist(String contractId, LocalDate day);

    /**
     * Records results for {@code day} as facts whose source is {@code engineer}, all or nothing.
     *
     * @throws org.lvyue.api.service.InvalidInputException naming each entry and field, Chinese first: an item not due
     *                                                     that day, a day in the future or outside the contract, an
     *                                                     abnormal result without the fault record its catalogue asks
     *                                                     for, a correction of a record that does not exist
     * @throws org.lvyue.api.service.NotFoundException     for an unknown contract
     */
    IngestResult record(String contractId, LocalDate day, String engineer, List<CheckEntry> entries);
}
