package org.lvyue.shell.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.lvyue.api.engine.MemoryFigures;
import org.lvyue.testing.FakeEngine;

class MemoryCommandTest {
    @Test
    @DisplayName("shows the budget, the memories held against it, the releases and the rebuilds with their times")
    void showsBudgetHeldReleasesAndRebuilds() throws Exception {
        FakeEngine engine = new FakeEngine();
        engine.memory = new MemoryFigures(2048L << 20, Duration.ofMinutes(30), 21, 1900L << 20, 1, 180, 129, 640, 2300, 129 * 500L,
                4, 125);
        MemoryCommand command = new MemoryCommand();
        command.engine = engine;
        List<String> out = Run.output(command).lines().map(l -> l.replaceAll("[ \u3000]*\\|[ \u3000]*", "|").strip()).toList();
        assertTrue(out.contains("预算 (budget)|2048 MiB"), out::toString);
        assertTrue(out.contains("已载入的工作内存 (memories held)|21") && out.contains("估计占用 (estimated bytes held)|1900 MiB"), out::toString);
        assertTrue(out.contains("空闲释放 (released idle)|4") && out.contains("因预算释放 (released for the budget)|125"), out::toString);
        assertTrue(out.contains("重建 (rebuilds)|129") && out.contains("最长重建 (longest rebuild)|2300 ms")
                && out.contains("平均重建 (mean rebuild)|500 ms"), out::toString);
    }
}
