package org.lvyue.shell.internal;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.lvyue.api.ledger.Ledger;
import org.lvyue.api.ledger.LedgerEntry;
import org.lvyue.api.ledger.Money;
import org.lvyue.api.ledger.Payer;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.Accounts;

/**
 * {@code compliance:ledger}: every amount owed either way on a day, each with its clause, who pays,
 * the formula and any waiver, then the totals between 甲方 and 乙方 and, apart, what the new service
 * provider owes (一般条款 十六). {@code --verbose} adds each amount's inputs,
 * interpretations and facts.
 */
@Service
@Command(scope = "compliance", name = "ledger", description = "显示某日的违约金、利息、退款等每笔款项（条款、公式）及合计 "
        + "(shows every amount owed either way on a day, with its clause and formula, and the totals)")
public class LedgerCommand extends ComplianceAction {
    @Reference
    Contracts contracts;
    @Reference
    Accounts accounts;

    @Argument(index = 0, name = "contract", required = true, description = "合同编号，如 bj-hrss-2022 (the contract id)")
    @Completion(ContractIdCompleter.class)
    String contractId;

    @Argument(index = 1, name = ComplianceAction.TRAILING, multiValued = true, description = "选项也可写在参数之后，"
            + "如 bj-hrss-2022 --as-of 2023-03-15 (options may also follow the arguments)")
    List<String> trailingOptions;

    @Option(name = "--as-of", description = "计算日 yyyy-MM-dd，默认今天 (the day; default: the product's today)")
    String asOf;

    @Option(name = "-v", aliases = "--verbose", description = "同时列出每笔款项的输入、合同解释和事实 "
            + "(also list each amount's inputs, interpretations and facts)")
    boolean verbose;

    @Option(name = "--no-format", description = "不画表格，制表符分隔，便于脚本处理 (plain tab-separated output for scripts)")
    boolean noFormat;

    @Override
    void run(PrintStream out) throws Exception {
        contract(contracts, contractId);
        LocalDate day = date("--as-of", asOf, contracts.today());
        Ledger ledger = accounts.ledger(contractId, day);
        if (!noFormat) {
            out.println("合同 (contract) " + contractId + "，计算日 (as of) " + day + "，规则集 (rule set) " + ledger.ruleSetVersion());
        }
        Table table = Table.of("键 (key)", "条款 (clause)", "付款方 (payer)", "金额 (amount)", "到期 (due)", "豁免 (waiver)",
                "公式 (formula)", "款项 (item)").alignRight(3).emptyText("没有款项 (no amounts owed)");
        for (Ledger.Line line : ledger.lines()) {
            LedgerEntry e = line.entry();
            table.row(e.getKey(), e.getClause(), payer(e.getPayer()), Money.yuan(e.getAmount()),
                    e.getDueOn() == null ? "-" : e.getDueOn(), line.waived() ? "已豁免 #" + line.waiver().id() : "-",
                    e.getFormula(), e.getTitle());
        }
        table.print(out, !noFormat);
        if (noFormat) {
            return;
        }
        if (verbose) {
            for (Ledger.Line line : ledger.lines()) {
                LedgerEntry e = line.entry();
                out.println();
                out.println(e.getKey() + "  " + Money.yuan(e.getAmount()) + "  " + e.getFormula());
                e.getInputs().forEach((name, value) -> out.println("  输入 (input) " + name + " = " + value));
                e.getInterpretations().forEach(i -> out.println("  解释 (interpretation) " + i));
                if (!e.getFactIds().isEmpty()) {
                    out.println("  事实 (facts) " + String.join(", ", e.getFactIds()));
                }
                if (line.waived()) {
                    out.println("  豁免 (waiver) #" + line.waiver().id() + " " + line.waiver().justification());
                }
            }
            out.println();
        }
        Table totals = Table.of("", "").noHeaders().alignRight(1);
        totals.row("乙方应付 (supplier owes)", Money.yuan(ledger.supplierOwes()));
        totals.row("甲方应付 (client owes)", Money.yuan(ledger.clientOwes()));
        totals.row("已豁免 (waived)", Money.yuan(ledger.waived()));
        totals.row("净额 (net)", Money.yuan(ledger.net()));
        totals.print(out, true);
        out.println(ledger.net().signum() >= 0 ? "净额为乙方净应付甲方 (on balance the supplier owes the client)"
                : "净额为负：甲方净应付乙方 (on balance the client owes the supplier)");
        if (ledger.lines().stream().anyMatch(l -> l.entry().getPayer() == Payer.NEW_SUPPLIER)) {
            Table third = Table.of("", "").noHeaders().alignRight(1);
            third.row("新服务商应付 (new supplier owes)", Money.yuan(ledger.newSupplierOwes()));
            third.print(out, true);
            out.println(Ledger.NEW_SUPPLIER_NOTE + " (clause 16: the new service provider owes it, not the client; "
                    + "not in the totals or the net above)");
        }
        out.println("舍入 (rounding)：" + ledger.rounding());
    }

    static String payer(Payer p) {
        return p.label() + " (" + switch (p) {
            case CLIENT -> "client";
            case SUPPLIER -> "supplier";
            case NEW_SUPPLIER -> "new supplier";
        } + ")";
    }
}
