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

    /** The shell's user (Karaf's {@code USER} of the session), as the activity trail names them. */
    String actor() {
        Object user = session == null ? null : session.get("USER");
        return user == null ? "shell" : user.toString();
    }
}
