package org.lvyue.rules.securityaudit;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One user's day with at least one anomaly of one check: the key the audit rules group findings by.
 * The grouping rules insert it logically once per anomalous audit entry; equal groups are one fact
 * justified by every such entry, so a user's day gives one finding however many entries it has, and
 * the group goes when its last entry goes. Only anomalous entries make groups: an ordinary entry
 * never reaches a finding rule's join.
 *
 * @param check       the baseline check's id, e.g. {@code sa.login-hours}
 * @param user        the account
 * @param day         the day of the entries
 * @param previousDay the day before (for windows that cross midnight); part of the record so that
 *                    rules can bind it as a property
 */
public record AuditGroup(String check, String user, LocalDate day, LocalDate previousDay) {

    public AuditGroup {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(day, "day");
        previousDay = day.minusDays(1);
    }

    public static AuditGroup of(String check, String user, LocalDate day) {
        return new AuditGroup(check, user, day, null);
    }
}
