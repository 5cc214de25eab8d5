package org.lvyue.rules.securityaudit;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.lvyue.api.audit.AuditEvent;

import org.lvyue.api.spi.Obligation;

/**
 * The hours in which users may log in, from the check's params {@code start} and {@code end}
 * ({@code HH:mm}): a login at {@code start} or later and before {@code end} is inside; one before
 * {@code start} or at {@code end} or later is outside. A window whose start is after its end runs
 * over midnight (22:00–06:00).
 */
public record LoginHours(LocalTime start, LocalTime end) {

    public LoginHours {
        if (start.equals(end)) {
            throw new IllegalArgumentException("允许登录时段的开始与结束相同：" + start);
        }
    }

    /** The window of the check's params {@code start} and {@code end}. */
    public static LoginHours of(Obligation check) {
        return new LoginHours(time(check, "start"), time(check, "end"));
    }

    /** Whether a login at this moment is outside the allowed hours. */
    public boolean outside(LocalDateTime at) {
        LocalTime t = at.toLocalTime();
        boolean inside = start.isBefore(end)
                ? !t.isBefore(start) && t.isBefore(end)
                : !t.isBefore(start) || t.isBefore(end);
        return !inside;
    }

    /**
     * The entries among {@code entries} (a day's logins) made outside the allowed hours. The rule hands
     * this test a day's logins at once, so only those outside become tuples (see {@link org.lvyue.api.audit.AuditDay}).
     */
    public List<AuditEvent> outsideOf(List<AuditEvent> entries) {
        List<AuditEvent> out = new ArrayList<>();
        for (AuditEvent e : entries) {
            if (outside(e.at())) {
                out.add(e);
            }
        }
        return out;
    }

    /** e.g. {@code 07:00–20:00}. */
    public String describe() {
        return start + "–" + end;
    }

    private static LocalTime time(Obligation check, String name) {
        String v = AuditChecks.text(check, name);
        try {
            return LocalTime.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("baseline check " + check.id() + ": parameter " + name + " '" + v
                    + "' is not a time of day HH:mm", e);
        }
    }
}
