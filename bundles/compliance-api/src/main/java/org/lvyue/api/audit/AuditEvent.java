package org.lvyue.api.audit;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of a business system's audit log (安全审计及操作日志): who did what, from where, to
 * which resource, when. The log is large (about a million entries a year), so it is kept in its own
 * indexed store rather than among the facts, and the engine holds entries as this type, which only
 * the audit rules match: no other domain's rules see a million extra objects.
 *
 * @param id         unique per contract, supplied by the collector (a retried batch stores nothing twice)
 * @param at         local date-time of the event (Beijing)
 * @param user       the account
 * @param address    the client's IPv4 address
 * @param action     one of {@link #ACTIONS}
 * @param resource   what was acted on (a system function, a permission, a file), or null
 * @param classified whether the resource is classified (涉密文件)
 * @param requestId  for a permission grant: the approved request it executes, or null
 * @param system     the business system that logged it
 */
public record AuditEvent(String id, LocalDateTime at, String user, String address, String action, String resource,
                         boolean classified, String requestId, String system) {
    public static final Set<String> ACTIONS = Set.of("login", "login-failed", "logout", "operation", "permission-grant",
            "file-upload", "file-download");

    public AuditEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(action, "action");
    }

    /** The day of the event: rules group by it. */
    public LocalDate getDay() {
        return at.toLocalDate();
    }

    /** The hour of the day (0–23). */
    public int getHour() {
        return at.getHour();
    }

    public LocalDateTime getAt() { return at; }
    public String getUser() { return user; }
    public String getAddress() { return address; }
    public String getAction() { return action; }
    public String getResource() { return resource; }
    public boolean isClassified() { return classified; }
    public String getRequestId() { return requestId; }
    public String getSystem() { return system; }
    public String getId() { return id; }
}
