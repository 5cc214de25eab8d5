package org.lvyue.engine.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.lvyue.api.audit.AuditDay;
import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.audit.AuditSelection;

/**
 * The audit log in one session, a day at a time ({@link AuditDay}): of the entries, only those the
 * contract's domains read go in ({@link RuleSet#auditSelectionFor}). Entries of a day already held
 * replace that day by one holding them all, so only that day's rules run again.
 */
final class SessionAuditDays {
    private final AuditSelection selection;
    private final Map<LocalDate, FactHandle> days = new HashMap<>();

    SessionAuditDays(AuditSelection selection) {
        this.selection = selection;
    }

    /** Adds entries not yet in the session (the caller drops repeated ids). */
    void add(KieSession session, Collection<AuditEvent> entries) {
        if (selection.isEmpty()) {
            return;
        }
        Map<LocalDate, List<AuditEvent>> byDay = new TreeMap<>();
        LocalDate lastDay = null;
        List<AuditEvent> last = null;
        for (AuditEvent e : entries) {
            if (selection.reads(e)) {
                LocalDate day = e.getDay();
                if (!day.equals(lastDay)) { // entries mostly come in time order: one lookup per day, not per entry
                    lastDay = day;
                    last = byDay.computeIfAbsent(day, d -> new ArrayList<>());
                }
                last.add(e);
            }
        }
        byDay.forEach((day, list) -> {
            FactHandle held = days.get(day);
            if (held == null) {
                days.put(day, session.insert(new AuditDay(day, list)));
            } else {
                session.update(held, ((AuditDay) session.getObject(held)).with(list));
            }
        });
    }
}
