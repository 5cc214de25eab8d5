package org.lvyue.shell.internal;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;


import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.lvyue.api.activity.ActivityLog;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.LintItem;
import org.lvyue.api.contract.Renewal;
import org.lvyue.api.service.Contracts;

/**
 * {@code compliance:renew}: makes next year's contract from this one (续签), as
 * {@code POST /api/contracts/{id}/renewals} does, records it in the activity trail, and prints what changed.
 * Administrators only ({@code etc/org.apache.karaf.command.acl.compliance.cfg}).
 */
@Service
@Command(scope = "compliance", name = "renew", description = "续签：以本合同为模板生成下一年度合同，服务、参数、解释选择、条款原文沿用，列出变化 "
        + "(makes next year's contract from this one and lists what changed)")
public class RenewCommand extends ComplianceAction {
    @Reference
    Contracts contracts;

    @Reference(optional = true)
    ActivityLog activity;

    @Reference(optional = true)
    org.apache.karaf.shell.api.console.Session session;

    @Argument(index = 0, name = "contract", required = true, description = "所续签的合同编号 (the contract renewed)")
    @Completion(ContractIdCompleter.class)
    String contractId;

    @Argument(index = 1, name = "newId", required = true, description = "新合同编号，如 bj-hrss-2023 (the new contract's id)")
    String newId;

    @Option(name = "--period-start", description = "必填：新服务期首日 yyyy-MM-dd (first day of service)")
    String periodStart;

    @Option(name = "--period-end", description = "必填：新服务期末日 yyyy-MM-dd (last day of service)")
    String periodEnd;

    @Option(name = "--amount", description = "必填：新合同金额，元 (contract amount in yuan), e.g. 6300000.00")
    String amount;

    @Option(name = "--signed-on", description = "必填：签订日 yyyy-MM-dd (signing date)")
    String signedOn;

    @Option(name = "--award-notice-on", description = "中标/成交通知日 yyyy-MM-dd (award notice date)")
    String awardNoticeOn;

    @Option(name = "--no-format", description = "不画表格，制表符分隔，便于脚本处理 (plain tab-separated output for scripts)")
    boolean noFormat;

    @Argument(index = 2, name = TRAILING, multiValued = true, description = "选项也可写在参数之后 (options may follow the arguments)")
    List<String> options;

    @Override
    void run(PrintStream out) throws Exception {
        contract(contracts, contractId);
        BigDecimal money;
        try {
            money = new BigDecimal(required("--amount", amount).trim());
        } catch (NumberFormatException e) {
            throw fail("--amount '" + amount + "' 不是金额 (not an amount)，如 6300000.00");
        }
        Renewal r = new Renewal(newId, date("--period-start", required("--period-start", periodStart), null),
                date("--period-end", required("--period-end", periodEnd), null), money,
                date("--signed-on", required("--signed-on", signedOn), null), date("--award-notice-on", awardNoticeOn, null));
        String user = shellUser(session);
        Contract c = contracts.renewContract(contractId, r, user);
        if (activity != null) {
            activity.record(user, "shell", ActivityLog.CONTRACT_RENEW, c.id(), "续签自 " + contractId + "：服务期 "
                    + c.periodStart() + " 至 " + c.periodEnd() + "，合同金额 " + c.amount().toPlainString() + " 元（Karaf 命令行）");
        }
        out.println("已生成合同 (contract created) " + c.id() + " 版本 (version) " + c.version() + "，续签自 (renewed from) " + contractId
                + "，服务期 (period) " + c.periodStart() + ".." + c.periodEnd() + "，金额 (amount) " + c.amount().toPlainString());
        Table changes = Table.of("检查项 (item)", "字段 (field)", "内容 (detail)");
        for (LintItem i : contracts.lint(c.id())) {
            if (i.code().startsWith("renewal-")) {
                changes.row(i.title(), String.join(", ", i.fields()), i.detail());
            }
        }
        changes.print(out, !noFormat);
    }

    private static String required(String option, String value) throws org.apache.karaf.shell.support.CommandException {
        if (value == null || value.isBlank()) {
            throw fail("缺少选项 (missing option) " + option);
        }
        return value;
    }
}
