package org.lvyue.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.calendar.Deadline;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.Interpretation;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.spi.Obligation.Category;
import org.lvyue.api.spi.Obligation.DueRule;

/** How long an obligation gives after its period or its event: the catalogue's rule, or the contract's reading. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ObligationDeadlineTest {
    private static final LocalDate MARCH_END = LocalDate.of(2022, 3, 31);

    private static Obligation report(DueRule due, Map<String, String> params) {
        return new Obligation("x.r01", "x", "每月提交报告", "附件二", Frequency.MONTHLY, 1, "x.deliverable", "x.r01",
                Severity.MEDIUM, due, Category.DELIVERABLE, null, null, params);
    }

    private static Contract contract(String monthlyDue) {
        List<Interpretation> readings = monthlyDue == null ? List.of()
                : List.of(new Interpretation("reports.monthlyDue", "八.3", "月报期限", monthlyDue, "5-working-days",
                        List.of("5-working-days", "15-days", "soon")));
        return new Contract("c", 1, "n", "", "", null, null, BigDecimal.ONE, LocalDate.of(2022, 1, 1),
                LocalDate.of(2022, 12, 31), null, List.of(), readings);
    }

    @Test
    void five_working_days_after_march_2022_end_on_8_april_across_qingming() {
        // 04-01 = 1, Sat 04-02 (worked in exchange) = 2, 清明 04-03..05, 04-06 = 3, 04-07 = 4, 04-08 = 5
        Deadline d = report(new DueRule(null, 5, true), Map.of()).deadlineAfter(MARCH_END, contract(null));
        assertEquals(LocalDate.of(2022, 4, 8), d.end());
        assertEquals(Deadline.Unit.WORKING_DAYS, d.unit());
    }

    @Test
    void calendar_days_are_counted_as_the_civil_code_counts_them() {
        // 2022-03-31 + 3 = Sun 04-03, inside 清明 04-03..04-05: the period ends Wed 04-06
        Deadline d = report(new DueRule(null, 3, false), Map.of()).deadlineAfter(MARCH_END, contract(null));
        assertEquals(LocalDate.of(2022, 4, 6), d.end());
        assertTrue(d.extended());
    }

    @Test
    void an_obligation_that_defers_to_the_contract_takes_the_contracts_reading() {
        Obligation o = report(new DueRule(null, 5, true), Map.of(Obligation.DUE_INTERPRETATION, "reports.monthlyDue"));
        assertEquals(LocalDate.of(2022, 4, 8), o.deadlineAfter(MARCH_END, contract("5-working-days")).end());
        // 03-31 + 15 = Fri 04-15
        Deadline fifteen = o.deadlineAfter(MARCH_END, contract("15-days"));
        assertEquals(LocalDate.of(2022, 4, 15), fifteen.end());
        assertEquals(Deadline.Unit.CALENDAR_DAYS, fifteen.unit());
        assertThrows(IllegalStateException.class, () -> o.deadlineAfter(MARCH_END, contract(null)), "no such reading");
        assertThrows(IllegalStateException.class, () -> o.deadlineAfter(MARCH_END, contract("soon")), "not a period");
    }

    @Test
    void due_on_the_day_itself_is_that_day_even_when_it_is_a_rest_day() {
        LocalDate sunday = LocalDate.of(2022, 4, 3);
        Deadline before = report(new DueRule("x.event", 0, false, null, true), Map.of()).deadlineAfter(sunday, contract(null));
        assertEquals(sunday, before.end());
        assertFalse(before.extended());
        assertEquals(sunday, report(DueRule.END_OF_PERIOD, Map.of()).deadlineAfter(sunday, contract(null)).end());
    }
}
