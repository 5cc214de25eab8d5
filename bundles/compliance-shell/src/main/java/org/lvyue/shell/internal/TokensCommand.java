package org.lvyue.shell.internal;

import java.io.PrintStream;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.lvyue.api.access.ApiToken;
import org.lvyue.api.service.Contracts;

/**
 * {@code compliance:tokens}: a contract's collector tokens; {@code --issue NAME} issues one and prints its
 * secret this once, {@code --revoke ID} revokes one.
 */
@Service
@Command(scope = "compliance", name = "tokens", description = "合同的采集令牌：列出；--issue 名称 签发（令牌只显示这一次）；--revoke 编号 吊销 "
        + "(a contract's collector tokens: list, --issue NAME issues one and shows it once, --revoke ID revokes one)")
public class TokensCommand extends PartiesAction {
    @Reference
    Contracts contracts;

    @Argument(index = 0, name = "contract", required = true, description = "合同编号 (contract id)")
    @Completion(ContractIdCompleter.class)
    String contract;

    @Option(name = "--issue", description = "签发令牌，取此名称 (issue a token of this name)")
    String issue;

    @Option(name = "--revoke", description = "吊销此编号的令牌 (revoke the token of this id)")
    String revoke;

    @Option(name = "--no-format", description = "不画表格，制表符分隔，便于脚本处理 (plain tab-separated output for scripts)")
    boolean noFormat;

    @Argument(index = 1, name = TRAILING, multiValued = true, description = "选项也可写在参数之后 (options may follow the arguments)")
    List<String> options;

    @Override
    void run(PrintStream out) throws Exception {
        contract(contracts, contract);
        if (issue != null && revoke != null) {
            throw fail("--issue 与 --revoke 只能选一个 (one of --issue and --revoke)");
        }
        if (issue != null) {
            var t = parties.issueToken(contract, issue, actor(), ADDRESS);
            out.println("已签发令牌 #" + t.token().id() + " (token issued)；令牌只显示这一次，请立即保存 (shown this once):");
            out.println(t.secret());
            return;
        }
        if (revoke != null) {
            long id = idOf("--revoke", revoke, "令牌编号");
            if (!parties.revokeToken(contract, id, actor(), ADDRESS)) {
                throw fail("合同 '" + contract + "' 没有编号为 " + id + " 的有效令牌 (no such valid token)");
            }
            out.println("已吊销令牌 #" + id + " (token revoked)");
            return;
        }
        Table table = Table.of("编号 (id)", "名称 (name)", "签发 (issued)", "签发人 (by)", "最近使用 (last used)", "吊销 (revoked)")
                .alignRight(0).emptyText("没有令牌 (no tokens)");
        for (ApiToken t : parties.tokens(contract)) {
            table.row(t.id(), t.name(), t.createdAt(), t.createdBy(), t.lastUsed() == null ? "-" : t.lastUsed(),
                    t.revokedAt() == null ? "-" : t.revokedAt());
        }
        table.print(out, !noFormat);
    }
}
