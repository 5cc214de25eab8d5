package org.lvyue.shell.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.Findings;

/**
 * {@code compliance:evaluate}: holds a contract's facts against the active rules as of a day and
 * prints how many findings each domain derives, by severity, and how long it took. Nothing is
 * recorded: the recorded findings ({@code compliance:findings}) follow every batch of facts anyway.
 */
@Service
@Command(scope = "compliance", name = "evaluate", description = "按某日评估合同（试算，不记录），按领域和严重性统计违约并显示用时 "
        + "(evaluates a contract as of a day without recording anything; prints findings per domain and severity, and the time taken)")
public class EvaluateCommand extends ComplianceAction {
    @Reference
    Contracts contracts;
    @Reference
    Findings findings;

    @Argument(index = 0, name = "contract", required = true, description = "合同编号，如 bj-hrss-2022 (the contract id)")
    @Completion(ContractIdCompleter.class)
    String contractId;

    @Argument(index = 1, name = ComplianceAction.TRAILING, multiValued = true, description = "选项也可写在参数之后，"
            + "如 bj-hrss-2022 --period 2022-Q3 (options may also follow the arguments)")
    List<String> trailingOptions;

    @Option(name = "--as-of", description = "评估日 yyyy-MM-dd，默认今天 (the evaluation day; default: the product's today)")
    String asOf;

    @Option(name = "--period", description = "只统计与该期间重叠的违约：2022、2022-Q3、2022-03 或 2022-03-07 "
            + "(count only findings overlapping this year, quarter, month or day)")
    String period;

    @Option(name = "--no-format", description = "不画表格，制表符分隔，便于脚本处理 (plain tab-separated output for scripts)")
    boolean noFormat;

    /** Milliseconds with one decimal: an incremental evaluation takes well under one. */
    static String millis(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
    }

    @Override
    void run(PrintStream out) throws Exception {
        contract(contracts, contractId);
        LocalDate day = date("--as-of", asOf, contracts.today());
        LocalDate[] range = period == null ? null : period(period);
        long started = System.nanoTime();
        Evaluation e = findings.evaluate(contractId, day);
        Duration total = Duration.ofNanos(System.nanoTime() - started);

        Map<String, Map<Severity, Integer>> counts = new TreeMap<>();
        for (DomainStatus d : e.domains()) {
            counts.put(d.domain(), new EnumMap<>(Severity.class));
        }
        int[] sum = new int[Severity.values().length];
        int shown = 0;
        for (Finding f : e.findings()) {
            if (range != null && !overlaps(f.getPeriodStart(), f.getPeriodEnd(), range)) {
                continue;
            }
            counts.computeIfAbsent(f.getDomain(), k -> new EnumMap<>(Severity.class)).merge(f.getSeverity(), 1, Integer::sum);
            sum[f.getSeverity().ordinal()]++;
            shown++;
        }
        if (!noFormat) {
            out.println("合同 (contract) " + contractId + "，评估日 (as of) " + day + "，规则集 (rule set) " + e.ruleSetVersion()
                    + "，事实 (facts) " + e.factCount() + "，用时 (took) " + millis(e.took()) + "（总计 (overall) "
                    + millis(total) + "；同一天再评估是增量的 (incremental on the same day)）");
            if (range != null) {
                out.println("期间 (period) " + period.trim() + "：" + range[0] + ".." + range[1] + "，只统计与之重叠的违约 "
                        + "(findings overlapping it only)");
            }
        }
        List<String> headers = new ArrayList<>(List.of("领域 (domain)"));
        for (Severity s : Severity.values()) {
            headers.add(s.label() + " (" + s.name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        headers.add("合计 (total)");
        Table table = Table.of(headers.toArray(String[]::new)).alignRight(1, 2, 3, 4, 5, 6);
        counts.forEach((domain, bySeverity) -> {
            List<Object> row = new ArrayList<>(List.of(domain));
            int all = 0;
            for (Severity s : Severity.values()) {
                int n = bySeverity.getOrDefault(s, 0);
                row.add(n);
                all += n;
            }
            row.add(all);
            table.row(row.toArray());
        });
        List<Object> totals = new ArrayList<>(List.of("合计 (total)"));
        for (int n : sum) {
            totals.add(n);
        }
        totals.add(shown);
        table.row(totals.toArray());
        table.print(out, !noFormat);
        if (!noFormat) {
            out.println("款项 (ledger entries)：" + e.ledger().size() + " 笔；本次评估未记录任何结果 (nothing was recorded)");
        }
    }
}
