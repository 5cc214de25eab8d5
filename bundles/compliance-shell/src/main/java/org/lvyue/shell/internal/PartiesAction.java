package org.lvyue.shell.internal;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.Session;
import org.lvyue.api.access.Parties;

/** What the commands on organisations, members and tokens share: the service and who acts, for the activity trail. */
abstract class PartiesAction extends ComplianceAction {
    /** The address the activity trail gives a change made in the shell. */
    static final String ADDRESS = "shell";

    @Reference
    Parties parties;

    @Reference(optional = true)
    Session session;

    /**
     * The shell's user, as the activity trail names them: the user principal of the subject the command runs
     * as (Karaf runs each command inside the session's JAAS subject), else the session's {@code USER}, else
     * {@code shell}.
     */
    @SuppressWarnings("removal")
    String actor() {
        javax.security.auth.Subject subject = javax.security.auth.Subject.getSubject(java.security.AccessController.getContext());
        if (subject != null) {
            for (java.security.Principal p : subject.getPrincipals()) {
                if (p.getClass().getSimpleName().equals("UserPrincipal")) {
                    return p.getName();
                }
            }
        }
        Object user = session == null ? null : session.get("USER");
        return user == null ? "shell" : user.toString();
    }

    /** The record id an option names ({@code --remove 3}), or a command error naming the option and what it expects. */
    static long idOf(String option, String value, String what) throws org.apache.karaf.shell.support.CommandException {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw fail(option + " 应为" + what + " (expects an id)：'" + value + "'");
        }
    }
}
