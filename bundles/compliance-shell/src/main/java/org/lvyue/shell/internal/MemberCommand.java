package org.lvyue.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.lvyue.api.access.Membership;

/** {@code compliance:member}: gives a user a role in an organisation, or with {@code --remove} takes it away. */
@Service
@Command(scope = "compliance", name = "member", description = "授予（或以 --remove 收回）用户在机构中的角色 "
        + "(gives a user a role in an organisation, or takes it away with --remove)")
public class MemberCommand extends PartiesAction {
    @Argument(index = 0, name = "organisation", required = true, description = "机构编号 (organisation id)")
    String organisation;

    @Argument(index = 1, name = "user", required = true, description = "用户名 (user name of the realm)")
    String user;

    @Argument(index = 2, name = "role", required = true, description = "角色：admin、engineer、evaluator、collector (role)")
    @Completion(value = StringsCompleter.class, values = {"admin", "engineer", "evaluator", "collector"})
    String role;

    @Option(name = "--remove", description = "收回该角色 (take the role away)")
    boolean remove;

    @Override
    void run(PrintStream out) throws Exception {
        Membership m = new Membership(user, organisation, role);
        if (remove) {
            if (!parties.removeMember(m, actor(), ADDRESS)) {
                throw fail("用户 '" + user + "' 不是机构 '" + organisation + "' 的 " + role + " (the user does not hold that role)");
            }
            out.println("已收回 (removed)：" + user + " 不再是 " + organisation + " 的 " + role);
        } else {
            boolean added = parties.addMember(m, actor(), ADDRESS);
            out.println((added ? "已授予 (added)：" : "已有该角色 (held already)：") + user + " 是 " + organisation + " 的 " + role);
        }
    }
}
