package org.lvyue.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.finding.Severity;
import org.lvyue.testing.FakeContracts;
import org.lvyue.testing.FakeFindings;
import org.lvyue.testing.FakeEngine;

class FindingsCommandTest {
    private final FakeContracts contracts = Sample.contracts();
    private final FakeFindings findings = Sample.findings(contracts);
    private final FakeEngine engine = new FakeEngine();

    FindingsCommandTest() {
        LocalDate jul = LocalDate.of(2022, 7, 1);
        findings.record(Sample.recorded(Sample.finding("support", "phone-late", Severity.HIGH, "2022-07", jul, jul.plusDays(30),
                        "电话响应超过 1 小时"), FindingStatus.OPEN))
                .record(Sample.recorded(Sample.finding("support", "onsite-late", Severity.MEDIUM, "2022-03", jul.minusMonths(4),
                        jul.minusMonths(4).plusDays(30), "现场响应超时"), FindingStatus.RESOLVED))
                .record(Sample.recorded(Sample.finding("general-terms", "failure", Severity.CRITICAL, "2022-08-10",
                        LocalDate.of(2022, 8, 10), LocalDate.of(2022, 8, 10), "服务不合格"), FindingStatus.OPEN));
        engine.domains.addAll(List.of(Sample.domain("support"), Sample.domain("general-terms")));
    }

    private FindingsCommand command() {
        FindingsCommand c = new FindingsCommand();
        c.contracts = contracts;
        c.findings = findings;
        c.engine = engine;
        c.contractId = Sample.ID;
        return c;
    }

    @Test
    @DisplayName("shows each finding's domain, clause, severity, period, status, title and key")
    void showsTheColumnsAnEngineerReads() throws Exception {
        String out = Run.output(command());
        String row = out.lines().filter(l -> l.endsWith("general-terms/failure/-/2022-08-10")).findFirst()
                .orElseThrow(() -> new AssertionError(out));
        assertEquals(List.of("general-terms", "一般条款 七.1", "严重 (CRITICAL)", "2022-08-10", "未消除 (OPEN)", "服务不合格",
                "general-terms/failure/-/2022-08-10"), List.of(row.split("\\|")).stream().map(String::strip).toList(), out);
        assertTrue(out.contains("共 3 条 (3 findings)"), out);
    }

    @Test
    @DisplayName("filters by domain, status and overlapping period, as the REST API does")
    void filters() throws Exception {
        FindingsCommand c = command();
        c.domain = "support";
        c.status = "open";
        String out = Run.output(c);
        assertTrue(out.contains("电话响应超过 1 小时"), out);
        assertFalse(out.contains("现场响应超时") || out.contains("服务不合格"), out);

        FindingsCommand q3 = command();
        q3.period = "2022-Q3";
        String third = Run.output(q3);
        assertTrue(third.contains("电话响应超过 1 小时") && third.contains("服务不合格") && !third.contains("现场响应超时"), third);
    }

    @Test
    @DisplayName("says when more findings match than --limit shows")
    void saysWhenTheLimitCutsTheList() throws Exception {
        FindingsCommand c = command();
        c.limit = 2;
        String out = Run.output(c);
        assertEquals(2, out.lines().filter(l -> l.contains("(OPEN)") || l.contains("(RESOLVED)")).count(), out);
        assertTrue(out.contains("仅显示前 2 条"), out);
    }

    @Test
    @DisplayName("refuses an unknown status, a limit out of range, and a domain no bundle has, naming what is valid")
    void refusesBadFilters() {
        FindingsCommand status = command();
        status.status = "CLOSED";
        assertEquals("--status 'CLOSED' 无效，应为 OPEN（未消除）、RESOLVED（已消除）、WAIVED（已豁免） (unknown status)",
                Run.refusal(status));
        FindingsCommand limit = command();
        limit.limit = 0;
        assertTrue(Run.refusal(limit).startsWith("--limit 0 应在 1 到 5000 之间"));
        FindingsCommand domain = command();
        domain.domain = "suport";
        String refusal = Run.refusal(domain);
        assertTrue(refusal.contains("'suport'") && refusal.contains("support, general-terms"), refusal);
        FindingsCommand contract = command();
        contract.contractId = "bj-hrss-2021";
        assertTrue(Run.refusal(contract).startsWith("合同 'bj-hrss-2021' 不存在 (contract not found)"));
    }

    @Test
    @DisplayName("--no-format prints one tab-separated line per finding and nothing else")
    void plainOutputForScripts() throws Exception {
        FindingsCommand c = command();
        c.noFormat = true;
        c.status = "OPEN";
        List<String> lines = Run.output(c).lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        assertEquals(7, lines.get(0).split("\t").length, lines.get(0));
    }
}
