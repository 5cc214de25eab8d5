package org.lvyue.demo;

import java.time.LocalDateTime;
import java.util.Set;

/**
 * One entry of the security-audit log (附件二 3, 附件三 1.3): who did what, when, from where, on which
 * business system. The demo year's log is regenerated from the seed on every read, in time order.
 *
 * @param id         {@code ae-<yyyyMMdd>-<nnnnnn>}, unique, in time order within the day
 * @param at         Beijing time, to the second
 * @param user       the account
 * @param address    IPv4 address the action came from
 * @param action     one of {@link #ACTIONS}
 * @param resource   what was acted on (a path, a file, or the role granted and to whom)
 * @param classified whether the file is classified (涉密文件); false for other actions
 * @param requestId  for a permission grant, the approval request it executes; null otherwise (and for a grant
 *                   without one)
 * @param system     the business system
 */
public record AuditEvent(String id, LocalDateTime at, String user, String address, String action, String resource,
                         boolean classified, String requestId, String system) {
    public static final Set<String> ACTIONS = Set.of("login", "login-failed", "logout", "operation", "permission-grant",
            "file-upload", "file-download");
}
