package org.lvyue.rules.securityaudit;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.spi.Obligation;

/**
 * What the audit rules share: the checks' thresholds from their params, audit entries in time order,
 * and the lists a finding names (capped, so that a day of thousands of entries stays readable).
 */
public final class AuditChecks {
    /** At most this many entry ids (and times) in one finding; the detail states the total. */
    public static final int MAX_LISTED = 20;
    private static final Comparator<AuditEvent> CHRONOLOGICAL = Comparator.comparing(AuditEvent::at).thenComparing(AuditEvent::id);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private AuditChecks() {
    }

    /** A parameter of the check, as written. */
    public static String text(Obligation check, String name) {
        String v = check.params().get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("baseline check " + check.id() + " has no parameter " + name);
        }
        return v;
    }

    /** A whole-number threshold of the check, e.g. {@code count}. */
    public static int param(Obligation check, String name) {
        String v = text(check, name);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("baseline check " + check.id() + ": parameter " + name + " '" + v
                    + "' is not a whole number", e);
        }
    }

    /** The entries (AuditEvent objects, as an accumulate collects them) by time, then id. */
    public static List<AuditEvent> chronological(Collection<?> entries) {
        List<AuditEvent> out = new ArrayList<>(entries.size());
        for (Object o : entries) {
            out.add((AuditEvent) o);
        }
        out.sort(CHRONOLOGICAL);
        return out;
    }

    /** The ids of the first {@link #MAX_LISTED} entries, in order. */
    public static List<String> ids(List<AuditEvent> entries) {
        return entries.stream().limit(MAX_LISTED).map(AuditEvent::id).toList();
    }

    /** The times of the first {@link #MAX_LISTED} entries, e.g. {@code 02:13:05、02:14:00}, then {@code …} if there are more. */
    public static String times(List<AuditEvent> entries) {
        List<String> out = entries.stream().limit(MAX_LISTED).map(e -> e.at().format(TIME)).toList();
        return String.join("、", out) + (entries.size() > MAX_LISTED ? "……" : "");
    }

    /** The distinct addresses of the entries, sorted; {@code 未记录} for an entry without one. */
    public static String addresses(List<AuditEvent> entries) {
        TreeSet<String> out = new TreeSet<>();
        for (AuditEvent e : entries) {
            out.add(address(e));
        }
        return String.join("、", out);
    }

    /** The entry's address, or {@code 未记录}. */
    public static String address(AuditEvent e) {
        return e.address() == null || e.address().isBlank() ? "未记录" : e.address();
    }

    /** The distinct systems of the entries, sorted, or an empty string when none names one. */
    public static String systems(List<AuditEvent> entries) {
        TreeSet<String> out = new TreeSet<>();
        for (AuditEvent e : entries) {
            if (e.system() != null && !e.system().isBlank()) {
                out.add(e.system());
            }
        }
        return String.join("、", out);
    }

    /** The first {@link #MAX_LISTED} logins as {@code 02:13:05 10.13.0.1}, a failed one marked {@code （失败）}. */
    public static String logins(List<AuditEvent> entries) {
        List<String> out = entries.stream().limit(MAX_LISTED)
                .map(e -> e.at().format(TIME) + " " + address(e) + ("login-failed".equals(e.action()) ? "（失败）" : "")).toList();
        return String.join("、", out) + (entries.size() > MAX_LISTED ? "……" : "");
    }

    /** The distinct resources of the entries, sorted, at most {@link #MAX_LISTED}; {@code 未记录} when none names one. */
    public static String resources(List<AuditEvent> entries) {
        TreeSet<String> out = new TreeSet<>();
        for (AuditEvent e : entries) {
            if (e.resource() != null && !e.resource().isBlank()) {
                out.add(e.resource());
            }
        }
        if (out.isEmpty()) {
            return "未记录";
        }
        return String.join("、", out.stream().limit(MAX_LISTED).toList()) + (out.size() > MAX_LISTED ? "等 " + out.size() + " 个" : "");
    }

    /** How the evidence is listed: {@code 共 N 条，列出前 20 条审计记录编号} or {@code 共 N 条审计记录}. */
    public static String listed(List<AuditEvent> entries) {
        return entries.size() > MAX_LISTED
                ? "共 " + entries.size() + " 条，证据列出前 " + MAX_LISTED + " 条审计记录编号。"
                : "共 " + entries.size() + " 条审计记录。";
    }
}
