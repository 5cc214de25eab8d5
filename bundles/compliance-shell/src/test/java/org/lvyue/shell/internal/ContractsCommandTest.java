package org.lvyue.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.finding.Severity;
import org.lvyue.testing.FakeContracts;
import org.lvyue.testing.FakeFindings;

class ContractsCommandTest {
    private final FakeContracts contracts = Sample.contracts();
    private final FakeFindings findings = Sample.findings(contracts);

    private ContractsCommand command() {
        ContractsCommand c = new ContractsCommand();
        c.contracts = contracts;
        c.findings = findings;
        return c;
    }

    @Test
    @DisplayName("lists each contract with its number, service period, version and only its open findings counted")
    void listsContractsWithOpenFindings() throws Exception {
        LocalDate aug = LocalDate.of(2022, 8, 1);
        findings.record(Sample.recorded(Sample.finding("support", "r1", Severity.HIGH, "2022-08", aug, aug.plusDays(30), "响应超时"),
                        FindingStatus.OPEN))
                .record(Sample.recorded(Sample.finding("support", "r2", Severity.LOW, "2022-09", aug.plusMonths(1), aug.plusMonths(1),
                        "已补"), FindingStatus.RESOLVED))
                .record(Sample.recorded(Sample.finding("general-terms", "r3", Severity.HIGH, "2022", aug, aug, "违约"),
                        FindingStatus.OPEN));
        String out = Run.output(command());
        String row = out.lines().filter(l -> l.startsWith("bj-hrss-2022")).findFirst().orElseThrow(() -> new AssertionError(out));
        List<String> cells = List.of(row.split("\\|")).stream().map(String::strip).toList();
        assertEquals(List.of("bj-hrss-2022", "4", "-", "2022-01-01..2022-12-31", "2", "安全应用维护服务"), cells, out);
        assertTrue(out.contains("合同 (contract)") && out.contains("未消除违约 (open findings)"), out);
    }

    @Test
    @DisplayName("says there are no contracts rather than printing an empty table")
    void saysWhenThereAreNone() throws Exception {
        contracts.contracts.clear();
        assertEquals("没有合同 (no contracts)", Run.output(command()).strip());
    }
}
