package org.lvyue.shell.internal;

import java.io.PrintStream;
import java.util.Comparator;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.finding.FindingQuery;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.Findings;

/** {@code compliance:contracts}: the contracts the product holds, with how many findings are open on each. */
@Service
@Command(scope = "compliance", name = "contracts", description = "列出合同：编号、服务期、版本、未消除违约数 "
        + "(lists the contracts with number, service period, version and open findings)")
public class ContractsCommand extends ComplianceAction {
    @Reference
    Contracts contracts;
    @Reference
    Findings findings;

    @Option(name = "--no-format", description = "不画表格，制表符分隔，便于脚本处理 (plain tab-separated output for scripts)")
    boolean noFormat;

    @Override
    void run(PrintStream out) {
        Table table = Table.of("合同 (contract)", "版本 (version)", "编号 (number)", "服务期 (period)", "未消除违约 (open findings)",
                "名称 (name)").alignRight(1, 4).emptyText("没有合同 (no contracts)");
        for (Contract c : contracts.contracts().stream().sorted(Comparator.comparing(Contract::id)).toList()) {
            int open = findings.findings(c.id(), new FindingQuery(null, null, null, FindingStatus.OPEN, Integer.MAX_VALUE, 0)).size();
            table.row(c.id(), c.version(), c.number() == null || c.number().isBlank() ? "-" : c.number(),
                    c.periodStart() + ".." + c.periodEnd(), open, c.name());
        }
        table.print(out, !noFormat);
    }
}
