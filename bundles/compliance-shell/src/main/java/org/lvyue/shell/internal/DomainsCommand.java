package org.lvyue.shell.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.engine.RuleProblem;

/**
 * {@code compliance:domains}: every domain bundle the engine has seen, active, refused, stopped or
 * stuck, with its rule count and, for one that does not run, the file, line and message of each problem.
 */
@Service
@Command(scope = "compliance", name = "domains", description = "列出领域规则包：领域、包、版本、状态、规则数、拒绝或停止原因 "
        + "(lists the domain bundles: domain, bundle, version, state, rule count, why a bundle was refused or stopped)")
public class DomainsCommand extends ComplianceAction {
    @Reference
    ComplianceEngine engine;

    @Option(name = "--no-format", description = "不画表格，制表符分隔，便于脚本处理 (plain tab-separated output for scripts)")
    boolean noFormat;

    @Override
    void run(PrintStream out) {
        List<DomainStatus> domains = engine.domains();
        long active = domains.stream().filter(d -> d.state() == DomainState.ACTIVE).count();
        long refused = domains.stream().filter(d -> d.state() == DomainState.REFUSED).count();
        long stopped = domains.size() - active - refused;
        if (!noFormat) {
            out.println("规则集版本 (rule set) " + engine.ruleSetVersion() + "，" + active + " 个领域运行中 (active)，"
                    + refused + " 个被拒绝 (refused)" + (stopped == 0 ? "" : "，" + stopped + " 个运行出错已停止 (stopped)"));
        }
        Table table = Table.of("领域 (domain)", "名称 (title)", "规则包 (bundle)", "版本 (version)", "状态 (state)",
                "规则数 (rules)", "拒绝或停止原因 (why)").alignRight(5).emptyText("没有领域规则包 (no domain bundles)");
        for (DomainStatus d : domains) {
            table.row(d.domain(), d.title() == null ? "-" : d.title(), d.symbolicName(), d.version(), state(d.state()),
                    d.ruleCount(), d.problems().stream().map(DomainsCommand::problem).collect(Collectors.joining("; ")));
        }
        table.print(out, !noFormat);
    }

    static String state(DomainState state) {
        return switch (state) {
            case ACTIVE -> "运行 (ACTIVE)";
            case REFUSED -> "已拒绝 (REFUSED)";
            case STOPPED -> "已停止 (STOPPED)";
            case STUCK -> "卡死 (STUCK)";
        };
    }

    private static String problem(RuleProblem p) {
        return (p.file() == null ? "" : p.file() + (p.line() > 0 ? ":" + p.line() : "") + " ") + p.message();
    }
}
