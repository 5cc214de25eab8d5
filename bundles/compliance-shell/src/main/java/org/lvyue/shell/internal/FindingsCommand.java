package org.lvyue.shell.internal;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.FindingQuery;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.Findings;

/** {@code compliance:findings}: the contract's recorded findings, filtered, as a table. */
@Service
@Command(scope = "compliance", name = "findings", description = "列出合同已记录的违约事项：领域、条款、严重性、期间、状态、标题、键 "
        + "(lists the contract's recorded findings: domain, clause, severity, period, status, title, key)")
public class FindingsCommand extends ComplianceAction {
    static final int MAX_LIMIT = 5000;

    @Reference
    Contracts contracts;
    @Reference
    Findings findings;

    @Reference
    ComplianceEngine engine;

    @Argument(index = 0, name = "contract", required = true, description = "合同编号，如 bj-hrss-2022 (the contract id)")
    @Completion(ContractIdCompleter.class)
    String contractId;

    @Argument(index = 1, name = ComplianceAction.TRAILING, multiValued = true, description = "选项也可写在参数之后，"
            + "如 bj-hrss-2022 --status OPEN (options may also follow the arguments)")
    List<String> trailingOptions;

    @Option(name = "--domain", description = "只看该领域，如 support (only this domain)")
    @Completion(DomainIdCompleter.class)
    String domain;

    @Option(name = "--status", description = "只看该状态：OPEN 未消除、WAIVED 已豁免、RESOLVED 已消除 (only findings in this status)")
    @Completion(value = StringsCompleter.class, values = {"OPEN", "WAIVED", "RESOLVED"})
    String status;

    @Option(name = "--period", description = "只看与该期间重叠的：2022、2022-Q3、2022-03 或 2022-03-07 "
            + "(only findings overlapping this year, quarter, month or day)")
    String period;

    @Option(name = "--limit", description = "最多显示多少条，1 到 5000 (at most this many rows, 1 to 5000)")
    int limit = 100;

    @Option(name = "--no-format", description = "不画表格，制表符分隔，便于脚本处理 (plain tab-separated output for scripts)")
    boolean noFormat;

    @Override
    void run(PrintStream out) throws Exception {
        contract(contracts, contractId);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw fail("--limit " + limit + " 应在 1 到 " + MAX_LIMIT + " 之间 (must be between 1 and " + MAX_LIMIT + ")");
        }
        FindingStatus st = status(status);
        String d = domain == null || domain.isBlank() ? null : domain.trim();
        LocalDate[] range = period == null ? new LocalDate[2] : period(period);
        // one more than asked, to say whether there are more
        List<FindingRecord> records = findings.findings(contractId, new FindingQuery(d, range[0], range[1], st, limit + 1, 0));
        boolean more = records.size() > limit;
        if (records.isEmpty() && d != null) {
            // a removed domain's findings stay recorded, so an unknown domain is no error; but it may be a typo
            List<String> known = engine.domains().stream().map(DomainStatus::domain).toList();
            if (!known.contains(d)) {
                throw fail("没有领域 '" + d + "' 的违约事项，且没有该领域的规则包 (no findings, and no bundle of that domain)；"
                        + "已部署的领域 (deployed domains)：" + String.join(", ", known));
            }
        }
        // the key (for waivers and the REST API) is long: last, so a narrow terminal wraps only it
        Table table = Table.of("领域 (domain)", "条款 (clause)", "严重性 (severity)", "期间 (period)", "状态 (status)",
                "标题 (title)", "键 (key)").emptyText("没有符合条件的违约事项 (no findings match)");
        for (FindingRecord r : records.subList(0, Math.min(limit, records.size()))) {
            Finding f = r.finding();
            table.row(f.getDomain(), f.getClause(), f.getSeverity().label() + " (" + f.getSeverity().name() + ")",
                    f.getPeriodLabel(), r.status().label() + " (" + r.status().name() + ")", f.getTitle(), f.getKey());
        }
        table.print(out, !noFormat);
        if (!noFormat && table.size() > 0) {
            out.println(more ? "仅显示前 " + limit + " 条，用 --limit 或更窄的条件查看其余 (first " + limit + " shown; more match)"
                    : "共 " + table.size() + " 条 (" + table.size() + " findings)");
        }
    }

    static FindingStatus status(String value) throws Exception {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return FindingStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw fail("--status '" + value + "' 无效，应为 " + Arrays.stream(FindingStatus.values())
                    .map(s -> s.name() + "（" + s.label() + "）").collect(Collectors.joining("、")) + " (unknown status)");
        }
    }
}
