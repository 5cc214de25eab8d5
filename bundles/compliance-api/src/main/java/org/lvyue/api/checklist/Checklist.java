package org.lvyue.api.checklist;

import java.time.LocalDate;
import java.util.List;

/**
 * The check items due on one day of a contract, in catalogue order by domain.
 *
 * @param contractId the contract
 * @param day        the day
 * @param items      every item due that day
 */
public record Checklist(String contractId, LocalDate day, List<ChecklistItem> items) {

    public Checklist {
        items = List.copyOf(items);
    }

    /** The items of one domain (a service of 附件二), in catalogue order. */
    public List<ChecklistItem> ofDomain(String domain) {
        return items.stream().filter(i -> i.domain().equals(domain)).toList();
    }
}
