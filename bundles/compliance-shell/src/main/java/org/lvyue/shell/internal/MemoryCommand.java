package org.lvyue.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.engine.MemoryFigures;

/**
 * {@code compliance:memory}: what the engine's memory budget holds and did, for an operator sizing
 * the heap: working memories held against the budget, the releases and the rebuilds they cost.
 */
@Service
@Command(scope = "compliance", name = "memory", description = "显示合同工作内存：预算、已占用、释放与重建次数及耗时 "
        + "(shows the contracts' working memories: budget, held, releases, rebuilds and their times)")
public class MemoryCommand extends ComplianceAction {
    @Reference
    ComplianceEngine engine;

    @Override
    void run(PrintStream out) {
        MemoryFigures m = engine.memory();
        Table table = Table.of("项目 (figure)", "值 (value)").alignRight(1);
        table.row("预算 (budget)", mib(m.budgetBytes()));
        table.row("空闲释放时间 (idle time)", m.idle().toMinutes() + " min");
        table.row("已载入的工作内存 (memories held)", m.held());
        table.row("估计占用 (estimated bytes held)", mib(m.heldBytes()));
        table.row("正在使用 (in use)", m.inUse());
        table.row("空闲释放 (released idle)", m.idleReleases());
        table.row("因预算释放 (released for the budget)", m.budgetReleases());
        table.row("构建 (builds)", m.builds());
        table.row("重建 (rebuilds)", m.rebuilds());
        table.row("最近一次重建 (last rebuild)", m.lastRebuildMillis() + " ms");
        table.row("最长重建 (longest rebuild)", m.maxRebuildMillis() + " ms");
        table.row("平均重建 (mean rebuild)", (m.rebuilds() == 0 ? 0 : m.totalRebuildMillis() / m.rebuilds()) + " ms");
        table.print(out, true);
    }

    private static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }
}
