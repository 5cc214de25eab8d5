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

class EvaluateCommandTest {
    private final FakeContracts contracts = Sample.contracts();
    private final FakeFindings findings = Sample.findings(contracts);

    EvaluateCommandTest() {
        LocalDate jul = LocalDate.of(2022, 7, 1);
        findings.record(Sample.recorded(Sample.finding("support", "late-1", Severity.HIGH, "2022-07", jul, jul.plusDays(30), "a"),
                        FindingStatus.OPEN))
                .record(Sample.recorded(Sample.finding("support", "late-2", Severity.MEDIUM, "2022-07", jul, jul.plusDays(30), "b"),
                        FindingStatus.OPEN))
                .record(Sample.recorded(Sample.finding("support", "late-3", Severity.HIGH, "2022-02", jul.minusMonths(5),
                        jul.minusMonths(5).plusDays(27), "c"), FindingStatus.OPEN));
    }

    private EvaluateCommand command(String... args) {
        EvaluateCommand c = new EvaluateCommand();
        c.contracts = contracts;
        c.findings = findings;
        c.contractId = args[0];
        return c;
    }

    /** The counts of one table row, by its first cell. */
    private static List<String> row(String out, String first) {
        String line = out.lines().filter(l -> l.startsWith(first)).findFirst().orElseThrow(() -> new AssertionError(out));
        return List.of(line.split("\\|")).stream().map(s -> s.strip().replace("\u3000", "")).toList();
    }

    @Test
    @DisplayName("counts the findings of every active domain by severity, says how long it took, and defaults to today")
    void countsPerDomainAndSeverity() throws Exception {
        String out = Run.output(command(Sample.ID));
        assertEquals(Sample.TODAY, findings.evaluatedOn);
        // domain, critical, high, medium, low, info, total
        assertEquals(List.of("support", "0", "2", "1", "0", "0", "3"), row(out, "support"), out);
        assertEquals(List.of("general-terms", "0", "0", "0", "0", "0", "0"), row(out, "general-terms"), out);
        assertTrue(out.contains("用时 (took) 37.0 ms") && out.contains("评估日 (as of) 2023-01-10"), out);
        assertTrue(out.contains("nothing was recorded"), out);
    }

    @Test
    @DisplayName("with --period counts only findings overlapping that period, and --as-of sets the day")
    void periodLimitsTheSummary() throws Exception {
        EvaluateCommand c = command(Sample.ID);
        c.period = "2022-Q3";
        c.asOf = "2022-12-31";
        String out = Run.output(c);
        assertEquals(LocalDate.of(2022, 12, 31), findings.evaluatedOn);
        assertEquals(List.of("support", "0", "1", "1", "0", "0", "2"), row(out, "support"), out);
        assertTrue(out.contains("2022-07-01..2022-09-30"), out);
    }

    @Test
    @DisplayName("refuses an unknown contract, a malformed day and a malformed period with one clear line")
    void refusesBadInput() {
        String unknown = Run.refusal(command("no-such"));
        assertEquals("合同 'no-such' 不存在 (contract not found)；现有合同 (contracts)：bj-hrss-2022", unknown);
        EvaluateCommand badDay = command(Sample.ID);
        badDay.asOf = "2023-02-30";
        assertTrue(Run.refusal(badDay).startsWith("--as-of '2023-02-30' 不是日期"));
        EvaluateCommand badPeriod = command(Sample.ID);
        badPeriod.period = "2022-Q5";
        assertTrue(Run.refusal(badPeriod).startsWith("期间 (period) '2022-Q5' 无效，应为 2022、2022-Q3、2022-03 或 2022-03-07"));
    }
}
