package org.lvyue.shell.internal;

import java.io.PrintStream;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.lvyue.api.integrity.IntegrityProblem;
import org.lvyue.api.integrity.IntegrityReport;
import org.lvyue.api.service.EvidenceIntegrity;

/**
 * {@code compliance:integrity}: verifies a contract's evidence chain now, as
 * {@code GET /api/contracts/{id}/integrity} does. A broken chain is an answer (with each problem's
 * position and row), not an error.
 */
@Service
@Command(scope = "compliance", name = "integrity", description = "验证合同证据链：事实、审计日志、违约事项、豁免、报告摘要是否被改动，列出位置 "
        + "(verifies the contract's tamper-evident evidence chain and lists what changed, with positions)")
public class IntegrityCommand extends ComplianceAction {
    @Reference
    EvidenceIntegrity integrity;

    @Argument(index = 0, name = "contract", required = true, description = "合同编号 (contract id)")
    @Completion(ContractIdCompleter.class)
    String contract;

    @Option(name = "--no-format", description = "不画表格，制表符分隔，便于脚本处理 (plain tab-separated output for scripts)")
    boolean noFormat;

    @Argument(index = 1, name = TRAILING, multiValued = true, description = "选项也可写在参数之后 (options may follow the arguments)")
    List<String> options;

    @Override
    void run(PrintStream out) throws Exception {
        IntegrityReport r = integrity.verifyIntegrity(contract);
        out.println(r.intact() ? "证据链完整 (evidence chain intact)"
                : "证据链已被改动：" + r.problemCount() + " 处 (evidence chain BROKEN: " + r.problemCount() + " problems)");
        Table summary = Table.of("", "").noHeaders();
        summary.row("记录数 (entries)", r.entries());
        summary.row("末条 (head)", r.headPosition() + ":" + r.headHash());
        summary.row("算法 (digest)", String.join(", ", r.algorithms()));
        summary.row("已核对行 (rows verified)", r.rowsCovered().toString());
        summary.row("用时 (took)", r.took().toMillis() + " ms");
        summary.print(out, !noFormat);
        if (!r.problems().isEmpty()) {
            Table problems = Table.of("位置 (position)", "表 (table)", "行 (row)", "问题 (problem)").alignRight(0);
            for (IntegrityProblem p : r.problems()) {
                problems.row(p.position() < 0 ? "-" : p.position(), p.table(), p.key() == null ? "-" : p.key(), p.message());
            }
            problems.print(out, !noFormat);
        }
    }
}
