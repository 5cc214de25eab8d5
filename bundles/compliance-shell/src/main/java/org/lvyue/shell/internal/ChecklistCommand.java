package org.lvyue.shell.internal;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.lvyue.api.checklist.CheckRecord;
import org.lvyue.api.checklist.Checklist;
import org.lvyue.api.checklist.ChecklistItem;
import org.lvyue.api.checklist.Checklists;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.service.Contracts;

/** {@code compliance:checklist}: the day's check items (今日巡检), one line per item and system, with what is recorded. */
@Service
@Command(scope = "compliance", name = "checklist", description = "列出合同某日到期的检查项（今日巡检）及其记录：领域、检查项、频次、期间、系统、结果、记录人、时间 "
        + "(lists the check items due on a day and what is recorded)")
public class ChecklistCommand extends ComplianceAction {
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

    @Reference
    Contracts contracts;
    @Reference
    Checklists checklists;

    @Argument(index = 0, name = "contract", required = true, description = "合同编号，如 bj-hrss-2022 (the contract id)")
    @Completion(ContractIdCompleter.class)
    String contractId;

    @Argument(index = 1, name = "day", description = "日期 yyyy-MM-dd，默认今天（服务期已结束时为其最后一天） "
            + "(the day; today by default, or the service period's last day once it has ended)")
    String day;

    @Argument(index = 2, name = ComplianceAction.TRAILING, multiValued = true, description = "选项也可写在参数之后 "
            + "(options may also follow the arguments)")
    List<String> trailingOptions;

    @Option(name = "--no-format", description = "不画表格，制表符分隔，便于脚本处理 (plain tab-separated output for scripts)")
    boolean noFormat;

    @Override
    void run(PrintStream out) throws Exception {
        if (day != null && day.equals("--no-format")) {
            // Karaf takes the word after the contract as the optional day: the one option, written there, is meant
            noFormat = true;
            day = null;
        }
        Contract c = contract(contracts, contractId);
        LocalDate today = contracts.today();
        LocalDate d = date("day", day, today.isAfter(c.periodEnd()) ? c.periodEnd() : today);
        Checklist list = checklists.checklist(contractId, d);
        Table table = Table.of("领域 (domain)", "检查项 (item)", "频次 (frequency)", "期间 (period)", "系统 (system)",
                "结果 (result)", "记录人 (by)", "时间 (at)", "内容 (title)").emptyText(d + " 没有到期的检查项 (no item due)");
        int lines = 0;
        int done = 0;
        for (ChecklistItem i : list.items()) {
            for (String system : i.systems()) {
                CheckRecord r = i.records().stream().filter(x -> x.system().equals(system) && x.supersededBy() == null)
                        .reduce((a, b) -> b).orElse(null);
                long corrected = i.records().stream().filter(x -> x.system().equals(system) && x.supersededBy() != null).count();
                String result = r == null ? "未检查 (to do)" : (r.normal() ? "正常 (normal)" : "异常 (abnormal)")
                        + (corrected > 0 ? "，已更正 " + corrected + " 次 (corrected)" : "")
                        + (!r.normal() && i.followUpKind() != null ? "，故障记录 " + r.faults().size() + " 条 (faults)" : "");
                table.row(i.domain(), i.obligationId(), i.frequency().label(), i.period(), system.isEmpty() ? "-" : system, result,
                        r == null ? "" : org.lvyue.api.fact.PersonalKind.NAME.mask(r.engineer()), // personal: masked
                        r == null || r.recordedAt() == null ? "" : AT.format(r.recordedAt()), i.title());
                lines++;
                done += r == null ? 0 : 1;
            }
        }
        if (!noFormat) {
            out.println("合同 (contract) " + c.id() + "，日期 (day) " + d + "：到期检查项 " + list.items().size() + " 项 (items)");
        }
        table.print(out, !noFormat);
        if (!noFormat && lines > 0) {
            out.println("已完成 " + done + "/" + lines + " (done)");
        }
    }
}
