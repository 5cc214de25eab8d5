package org.lvyue.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.Session;
import org.lvyue.api.activity.ActivityLog;

/**
 * A command that changes one account of the realm: its user argument, and the change (or its refusal) in the security
 * trail as {@link ActivityLog#USER_CHANGE}, with the shell user who made it.
 */
abstract class AccountAction extends ComplianceAction {
    @Reference(optional = true)
    Session session;

    @Reference(optional = true)
    ActivityLog activity;

    @Argument(index = 0, name = "user", required = true, description = "用户名 (user name)")
    String user;

    /** The change to {@link #user}, or its refusal ({@link ActivityLog#REFUSED}), in the security trail. */
    void trail(String result, String detail) {
        if (activity != null) {
            activity.record(shellUser(session), "shell", ActivityLog.USER_CHANGE, user, detail, result);
        }
    }
}
