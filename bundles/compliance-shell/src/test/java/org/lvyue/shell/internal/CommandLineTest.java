package org.lvyue.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.impl.action.command.DefaultActionPreparator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.finding.Severity;
import org.lvyue.testing.FakeContracts;
import org.lvyue.testing.FakeFindings;
import org.lvyue.testing.FakeEngine;

/** Command lines read by Karaf's own argument preparator, then run. */
class CommandLineTest {
    private final FakeContracts contracts = Sample.contracts();
    private final FakeFindings findings = Sample.findings(contracts);

    CommandLineTest() {
        LocalDate jul = LocalDate.of(2022, 7, 1);
        findings.record(Sample.recorded(Sample.finding("support", "phone-late", Severity.HIGH, "2022-07", jul, jul.plusDays(30),
                "电话响应超时"), FindingStatus.OPEN))
                .record(Sample.recorded(Sample.finding("support", "onsite-late", Severity.LOW, "2022-07", jul, jul.plusDays(30),
                        "现场响应超时"), FindingStatus.RESOLVED));
    }

    private FindingsCommand findings(String... words) throws Exception {
        FindingsCommand c = new FindingsCommand();
        new DefaultActionPreparator().prepare(c, null, new ArrayList<>(List.of(words)));
        c.contracts = contracts;
        c.findings = findings;
        c.engine = new FakeEngine();
        return c;
    }

    @Test
    @DisplayName("options work before the contract, as in every Karaf command, and after it, as engineers also type them")
    void optionsBeforeOrAfterTheArguments() throws Exception {
        String before = Run.output(findings("--status", "OPEN", "--no-format", "bj-hrss-2022"));
        String after = Run.output(findings("bj-hrss-2022", "--status", "OPEN", "--no-format"));
        String equals = Run.output(findings("bj-hrss-2022", "--status=OPEN", "--no-format"));
        assertEquals(1, before.lines().count(), before);
        assertTrue(before.contains("电话响应超时"), before);
        assertEquals(before, after);
        assertEquals(before, equals);
        FindingsCommand limited = findings("bj-hrss-2022", "--limit", "1");
        Run.output(limited);
        assertEquals(1, limited.limit);
    }

    @Test
    @DisplayName("a misplaced word, an unknown option or an option without its value is named in the refusal")
    void badTrailingWords() throws Exception {
        String unknown = Run.refusal(findings("bj-hrss-2022", "--state", "OPEN"));
        assertTrue(unknown.startsWith("未知选项 (undefined option) --state；可用选项 (options)：--domain --status --period --limit --no-format"),
                unknown);
        assertEquals("选项 --status 缺少取值 (needs a value)", Run.refusal(findings("bj-hrss-2022", "--status")));
        assertEquals("选项 --limit 应为整数 (expects a whole number)：'ten'", Run.refusal(findings("bj-hrss-2022", "--limit", "ten")));
        assertEquals("多余的参数 (unexpected argument) 'bj-hrss-2023'", Run.refusal(findings("bj-hrss-2022", "bj-hrss-2023")));
    }
}
