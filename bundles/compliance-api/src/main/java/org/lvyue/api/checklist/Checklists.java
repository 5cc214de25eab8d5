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
     * The checklist of each day from {@code from} through {@code to}, in day order, each as {@link #checklist} gives it:
     * for the sheets and the monthly 巡检报告, which read a week or a month. An implementation may read the range at once;
     * this one asks for each day.
     *
     * @throws org.lvyue.api.service.NotFoundException     for an unknown contract
     * @throws org.lvyue.api.service.InvalidInputException for a first or last day outside the contract's service period
     *                                                     (field {@code from} or {@code to}), or a last day before the first
     */
    default List<Checklist> checklists(String contractId, LocalDate from, LocalDate to) {
        List<Checklist> out = new java.util.ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            out.add(checklist(contractId, d));
        }
        return out;
    }

    /**
     * Records results for {@code day} as facts whose source is {@code engineer}, all or nothing.
     *
     * @throws org.lvyue.api.service.InvalidInputException naming each entry and field, Chinese first: an item not due
     *                                                     that day, a day in the future or outside the contract, an
     *                                                     abnormal result without the fault record its catalogue asks
     *                                                     for, a correction of a record that does not exist
     * @throws org.lvyue.api.service.ConflictException    an item changed since the engineer's page showed it: recorded
     *                                                     by someone else meanwhile (the entry names no record to
     *                                                     correct), or the record it corrects corrected already; the
     *                                                     message names who recorded it and when; nothing stored
     * @throws org.lvyue.api.service.NotFoundException     for an unknown contract
     */
    IngestResult record(String contractId, LocalDate day, String engineer, List<CheckEntry> entries);
}
