package org.lvyue.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.lvyue.api.security.LoginAttempts;

/**
 * {@code compliance:locks}: the accounts locked after failed logins, and {@code --unlock <user>} to release one before
 * its time (recorded in the activity trail with who did it). Security administrators only (三权分立).
 */
@Service
@Command(scope = "compliance", name = "locks", description = "列出因连续登录失败而锁定的账户；--unlock 提前解除 "
        + "(lists the accounts locked after failed logins; --unlock releases one early)")
public class LocksCommand extends PartiesAction {
    @Reference(optional = true)
    LoginAttempts attempts;

    @Option(name = "--unlock", description = "提前解除该账户的锁定 (release this account's lock early)")
    String unlock;

    @Option(name = "--no-format", description = "不排版：制表符分隔，无表头 (tab-separated, no header)")
    boolean noFormat;

    @Override
    void run(PrintStream out) throws Exception {
        LoginAttempts a = attempts;
        if (a == null) {
            throw fail("登录失败处理服务不可用：compliance-security 或数据库未运行 (the login lockout service is unavailable)");
        }
        if (unlock != null) {
            if (!a.unlock(unlock.trim(), actor())) {
                throw fail("账户 '" + unlock.trim() + "' 未被锁定 (the account is not locked)");
            }
            out.println("已解除账户 '" + unlock.trim() + "' 的锁定 (lock released)");
            return;
        }
        Table table = Table.of("账户 (user)", "锁定于 (since)", "锁定至 (until)", "失败次数 (failures)", "最后来源 (last address)")
                .alignRight(3).emptyText("没有锁定的账户 (no account is locked)");
        for (LoginAttempts.Lock l : a.locks()) {
            table.row(l.user(), l.since(), l.until(), l.failures(), l.address() == null ? "-" : l.address());
        }
        table.print(out, !noFormat);
    }
}
