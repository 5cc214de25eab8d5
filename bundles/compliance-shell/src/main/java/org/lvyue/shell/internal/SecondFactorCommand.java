package org.lvyue.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.lvyue.api.activity.ActivityLog;
import org.lvyue.api.security.SecondFactor;

/**
 * {@code compliance:second-factor <user>}: whether the account has a second factor; {@code --enrol} draws a new secret
 * for an account whose roles require one (printed once, to hand to its holder, who confirms it at their first login
 * by its code), {@code --remove} takes it away (a lost phone). Security administrators only (三权分立); each change is in
 * the activity trail.
 */
@Service
@Command(scope = "compliance", name = "second-factor", description = "账号的动态口令（第二因素）：查看；--enrol 生成新密钥；--remove 解除 "
        + "(an account's second factor: shows it; --enrol draws a new secret; --remove takes it away)")
public class SecondFactorCommand extends AccountAction {
    @Reference(optional = true)
    SecondFactor factor;

    @Option(name = "--enrol", description = "生成新密钥，打印一次；持有人以其动态口令登录即生效 (draw a new secret, printed once;"
            + " in force once its holder logs in with its code)")
    boolean enrol;

    @Option(name = "--remove", description = "解除该账号的动态口令 (remove the account's second factor)")
    boolean remove;

    @Override
    void run(PrintStream out) throws Exception {
        SecondFactor f = factor;
        if (f == null) {
            throw fail("动态口令服务不可用：compliance-security 未运行 (the second factor service is unavailable)");
        }
        String u = user.trim();
        if (enrol && remove) {
            throw fail("--enrol 与 --remove 只能选一个 (choose --enrol or --remove)");
        }
        if (remove) {
            if (!f.remove(u)) {
                throw fail("账号 '" + u + "' 没有动态口令 (the account has no second factor)");
            }
            trail(ActivityLog.SUCCESS, "解除动态口令（Karaf 命令行）");
            out.println("已解除账号 '" + u + "' 的动态口令 (second factor removed)");
            return;
        }
        if (enrol) {
            SecondFactor.Enrolment e = f.enrol(u);
            trail(ActivityLog.SUCCESS, "生成动态口令密钥，待该账号以其动态口令确认（Karaf 命令行）");
            out.println("新密钥（只显示这一次，请当面交给账号持有人）(the new secret, shown this once):");
            out.println("  密钥 (Base32): " + e.secret());
            out.println("  otpauth URI:   " + e.uri());
            out.println("持有人在验证器应用中添加后，登录时填写其当前动态口令（或以 POST /api/me/second-factor/confirm 确认）即生效"
                    + " (in force once its holder logs in with, or confirms, a current code)");
            return;
        }
        out.println("账号 '" + u + "'：" + (f.enrolled(u) ? "已绑定动态口令 (has a second factor)" : "未绑定动态口令 (no second factor)")
                + "；要求动态口令的角色 (roles that require one): "
                + (f.requiredRoles().isEmpty() ? "无 (none)" : String.join(", ", f.requiredRoles())));
    }
}
