package org.lvyue.api.checklist;

import java.util.List;

import org.lvyue.api.spi.Frequency;

/**
 * One check item due on the day, in the catalogue's own words.
 *
 * @param obligationId the catalogue's stable id, e.g. {@code ia.d05}
 * @param domain       the domain whose catalogue lists it
 * @param title        the contract's words
 * @param clause       where the contract says so
 * @param frequency    daily, weekly, monthly; {@code PER_EVENT} for a holiday or special-period item
 * @param period       the period the item is due in: the day ({@code 2023-04-03}), the ISO week ({@code 2023-W14})
 *                     or the month ({@code 2023-04})
 * @param systems      the systems it is checked on, e.g. 主 and 备; one empty name where the catalogue has none
 * @param followUpKind the fault record's fact kind an abnormal result needs, or null
 * @param records      what is recorded against it in its period, oldest first, corrections included
 */
public record ChecklistItem(String obligationId, String domain, String title, String clause, Frequency frequency,
                            String period, List<String> systems, String followUpKind, List<CheckRecord> records) {

    public ChecklistItem {
        systems = List.copyOf(systems);
        records = List.copyOf(records);
    }

    /** Whether every system has a record that is not superseded. */
    public boolean done() {
        return systems.stream().allMatch(s -> records.stream()
                .anyMatch(r -> r.supersededBy() == null && s.equals(r.system())));
    }
}
