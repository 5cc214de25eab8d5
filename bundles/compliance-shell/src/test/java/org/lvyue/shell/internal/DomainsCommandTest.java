package org.lvyue.shell.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.engine.RuleProblem;
import org.lvyue.testing.FakeEngine;

class DomainsCommandTest {
    @Test
    @DisplayName("shows each domain bundle's state and rule count, and for a refused one the file, line and message")
    void showsStateRulesAndRefusalReason() throws Exception {
        FakeEngine engine = new FakeEngine();
        engine.domains.add(Sample.domain("support"));
        engine.domains.add(new DomainStatus("org.lvyue.domain-broken", "1.0.1", 77, "broken", null, DomainState.REFUSED, 0,
                List.of(new RuleProblem("rules/drill.drl", 12, "Unable to resolve\nObjectType 'Drill'")), Instant.now()));
        DomainsCommand command = new DomainsCommand();
        command.engine = engine;
        String out = Run.output(command);
        String support = line(out, "support");
        assertTrue(support.contains("org.lvyue.domain-support") && support.contains("运行 (ACTIVE)") && support.contains("|3|"),
                out);
        String broken = line(out, "broken");
        assertTrue(broken.contains("已拒绝 (REFUSED)") && broken.contains("|1.0.1|")
                && broken.contains("rules/drill.drl:12 Unable to resolve ObjectType 'Drill'"), out);
        assertTrue(out.startsWith("规则集版本 (rule set) 7，1 个领域运行中 (active)，1 个被拒绝 (refused)"), out);
    }

    @Test
    @DisplayName("shows a domain stopped at run time with the rule's file, line and reason, and counts it apart")
    void showsStoppedDomains() throws Exception {
        FakeEngine engine = new FakeEngine();
        engine.domains.add(Sample.domain("support"));
        engine.domains.add(new DomainStatus("org.lvyue.domain-loop", "1.0.0", 78, "loop", "循环", DomainState.STOPPED, 0,
                List.of(new RuleProblem("rules/loop.drl", 9, "评估超过时间限制 30 秒 (time limit of 30 s exceeded)")),
                Instant.now()));
        engine.domains.add(new DomainStatus("org.lvyue.domain-spin", "1.0.0", 79, "spin", "自旋", DomainState.STUCK, 0,
                List.of(new RuleProblem("rules/spin.drl", 4, "卡死 (stuck)")), Instant.now()));
        DomainsCommand command = new DomainsCommand();
        command.engine = engine;
        String out = Run.output(command);
        assertTrue(line(out, "loop").contains("已停止 (STOPPED)") && line(out, "loop").contains("rules/loop.drl:9 评估超过时间限制"), out);
        assertTrue(line(out, "spin").contains("卡死 (STUCK)"), out);
        assertTrue(out.startsWith("规则集版本 (rule set) 7，1 个领域运行中 (active)，0 个被拒绝 (refused)，2 个运行出错已停止 (stopped)"),
                out);
    }

    private static String line(String out, String start) {
        return out.lines().filter(l -> l.matches(start + "[ \u3000].*")).findFirst().orElseThrow(() -> new AssertionError(out))
                .replaceAll("[ \u3000]*\\|[ \u3000]*", "|");
    }
}
