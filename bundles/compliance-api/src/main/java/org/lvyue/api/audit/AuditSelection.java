package org.lvyue.api.audit;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which audit-log entries the rules read: every entry of {@link #actions}, and the classified entries of
 * {@link #classifiedActions}. The log holds about a million entries a contract year, of which the rules read
 * about a quarter (logins, failed logins, permission grants, classified downloads); the engine reads and holds
 * only those, and the store selects them in its query.
 *
 * @param actions           actions of which every entry is read
 * @param classifiedActions actions of which only the classified entries are read (those of {@code actions} are
 *                          read whole and are left out of this set)
 */
public record AuditSelection(Set<String> actions, Set<String> classifiedActions) {
    /** No entry at all: no active rule reads the log. */
    public static final AuditSelection NONE = new AuditSelection(Set.of(), Set.of());

    public AuditSelection {
        actions = Set.copyOf(Objects.requireNonNull(actions, "actions"));
        Set<String> classified = new HashSet<>(Objects.requireNonNull(classifiedActions, "classifiedActions"));
        classified.removeAll(actions); // read whole already: one selection has one form
        classifiedActions = Set.copyOf(classified);
    }

    /** Whether the rules read this entry. */
    public boolean reads(AuditEvent e) {
        return actions.contains(e.action()) || (e.classified() && classifiedActions.contains(e.action()));
    }

    /** Whether no entry is read. */
    public boolean isEmpty() {
        return actions.isEmpty() && classifiedActions.isEmpty();
    }

    /** Whether every entry {@code other} reads is read by this one too. */
    public boolean covers(AuditSelection other) {
        if (!actions.containsAll(other.actions)) {
            return false;
        }
        for (String a : other.classifiedActions) {
            if (!actions.contains(a) && !classifiedActions.contains(a)) {
                return false;
            }
        }
        return true;
    }
}
