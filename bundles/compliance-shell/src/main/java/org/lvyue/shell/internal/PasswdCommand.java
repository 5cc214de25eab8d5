package org.lvyue.shell.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.lvyue.api.activity.ActivityLog;
import org.lvyue.api.security.AccessPolicy;

/**
 * {@code compliance:passwd}: sets a user's password in Karaf's realm, typed twice without echo (so it
 * stays out of the command history), checked against the password rules and stored as a salted
 * PBKDF2 hash; a role that would break the separation of duties (三权分立, {@link org.lvyue.api.security.Duties}) is
 * refused. Each change and each refusal is in the security trail ({@code user-change}). System administrators only
 * ({@code etc/org.apache.karaf.command.acl.compliance.cfg}).
 */
@Service
@Command(scope = "compliance", name = "passwd", description = "设置用户口令：输入两次、不回显，以加盐哈希（PBKDF2）存入 users.properties "
        + "(sets a user's password, typed twice without echo, stored as a salted PBKDF2 hash)")
public class PasswdCommand extends AccountAction {
    @Reference(optional = true)
    AccessPolicy policy;

    @Option(name = "--role", multiValued = true, description = "新用户的角色，可重复；已有用户保留原角色并增加这些 "
            + "(roles of a new user, repeatable; an existing user keeps theirs and gains these)")
    @Completion(value = StringsCompleter.class, values = {"admin", "secadmin", "auditadmin", "engineer", "evaluator", "collector"})
    List<String> roles;

    @Override
    void run(PrintStream out) throws Exception {
        AccessPolicy p = policy;
        if (p == null) {
            throw fail("安全服务不可用：compliance-security 未运行 (the security service is unavailable)");
        }
        if (session == null) {
            throw fail("需要交互式终端输入口令 (needs an interactive terminal to type the password)");
        }
        String first = read("新口令 (new password): ");
        AccessPolicy.Refusal weak = p.weakness(user, first.toCharArray());
        if (weak != null) {
            throw fail(weak.message() + "，未修改 (" + weak.messageEn() + "; nothing changed)");
        }
        String second = read("再输入一次 (again): ");
        if (!first.equals(second)) {
            throw fail("两次输入的口令不一致，未修改 (the two passwords differ; nothing changed)");
        }
        List<String> granted = roles == null ? List.of() : List.copyOf(roles);
        String detail = "设置口令" + (granted.isEmpty() ? "" : "，授予角色 " + String.join("、", granted)) + "（Karaf 命令行）";
        try {
            p.setPassword(user, first.toCharArray(), granted);
        } catch (IllegalArgumentException | IllegalStateException e) {
            trail(ActivityLog.REFUSED, detail + "：" + e.getMessage());
            throw fail(e.getMessage());
        }
        trail(ActivityLog.SUCCESS, detail);
        out.println("已设置用户 '" + user + "' 的口令，以加盐哈希存储，一分钟内对所有登录生效 (password set and stored as a salted hash; "
                + "effective for every login within a minute)");
    }

    /** Lines typed to a session without a terminal ({@code printf 'pw\npw\n' | ssh admin@host compliance:passwd li}). */
    private BufferedReader piped;

    private String read(String prompt) throws IOException, org.apache.karaf.shell.support.CommandException {
        String line;
        if (piped == null) {
            try {
                line = session.readLine(prompt, '*');
            } catch (UnsupportedOperationException headless) {
                // a command run over ssh without a terminal: its input is the channel's
                piped = new BufferedReader(new InputStreamReader(session.getKeyboard(), StandardCharsets.UTF_8));
                line = piped.readLine();
            }
        } else {
            line = piped.readLine();
        }
        if (line == null || line.isEmpty()) {
            throw fail("未输入口令，未修改 (no password typed; nothing changed)");
        }
        return line;
    }
}
