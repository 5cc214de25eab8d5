package org.lvyue.rules.securityaudit;

import java.time.LocalDate;
import java.util.Objects;

import org.lvyue.api.audit.AuditEvent;

/**
 * One audit entry that breaks a check whose test depends on data (the allowed hours, the known
 * networks), inserted logically by that check's rule. Finding rules accumulate hits rather than the
 * entries themselves, so the join that groups them holds the anomalies only, never the whole log.
 *
 * @param check the baseline check's id
 * @param user  the entry's account
 * @param day   the entry's day
 * @param event the entry
 */
public record AuditHit(String check, String user, LocalDate day, AuditEvent event) {

    public AuditHit {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(event, "event");
        user = event.user();
        day = event.getDay();
    }

    public static AuditHit of(String check, AuditEvent event) {
        return new AuditHit(check, null, null, event);
    }
}
