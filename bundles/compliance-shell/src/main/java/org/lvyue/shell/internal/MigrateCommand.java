package org.lvyue.shell.internal;

import java.io.PrintStream;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.lvyue.api.store.StoreException;
import org.lvyue.api.store.StoreMigration;
import org.lvyue.api.store.StoreMigration.ContractCopy;

/**
 * {@code compliance:migrate}: copies the running store (the embedded H2 database, say) into an empty
 * PostgreSQL database, contract by contract, each verified there to the same evidence-chain head;
 * then point {@code etc/org.lvyue.store.cfg} at the target and restart (README, "Moving a store").
 */
@Service
@Command(scope = "compliance", name = "migrate", description = "把当前数据库逐个合同复制到空的目标数据库（如 PostgreSQL），并在目标库核对每条证据链的末条 "
        + "(copies the store into an empty database, contract by contract, verifying each evidence chain's head there)")
public class MigrateCommand extends ComplianceAction {
    @Reference
    StoreMigration migration;

    @Argument(index = 0, name = "url", required = true, description = "目标数据库地址 (target JDBC URL), e.g. jdbc:postgresql://db:5432/lvyue")
    String url;

    @Option(name = "--user", description = "目标数据库用户 (target database user)")
    String user = "";

    @Option(name = "--password", description = "目标数据库密码 (target database password)", censor = true)
    String password = "";

    @Argument(index = 1, name = TRAILING, multiValued = true, description = "选项也可写在参数之后 (options may follow the arguments)")
    List<String> options;

    @Override
    void run(PrintStream out) throws Exception {
        List<ContractCopy> copied;
        try {
            copied = migration.copyTo(url.trim(), user, password, c -> {
                out.println((c.verified() ? "合同 " + c.contractId() + "：已复制并核对，证据链末条一致 " + c.sourceHead()
                        + " (copied and verified: same evidence chain head)"
                        : "合同 " + c.contractId() + "：已复制，但目标库核对不符 (copied, but the target does NOT verify)：源 (source) "
                        + c.sourceHead() + "，目标 (target) " + c.targetHead() + " " + c.problems()));
                out.println("    " + c.rows());
                out.flush();
            });
        } catch (IllegalArgumentException | StoreException e) {
            throw fail(e.getMessage());
        }
        long bad = copied.stream().filter(c -> !c.verified()).count();
        if (bad > 0) {
            throw fail(bad + " 个合同在目标库核对不符，勿切换到目标库 (" + bad + " contracts do not verify on the target; do not"
                    + " switch to it)");
        }
        out.println("迁移完成：" + copied.size() + " 个合同 (migration done: " + copied.size() + " contracts)。下一步 (next): 停止产品，"
                + "在 etc/org.lvyue.store.cfg 设置 url/user/password 为目标库，再启动 (stop the product, point"
                + " etc/org.lvyue.store.cfg at the target, start it)");
    }
}
