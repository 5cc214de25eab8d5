package org.lvyue.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.ReportingPeriod;
import org.lvyue.api.spi.Frequency;

/** The periods the engine inserts for a contract (API class, tested here where the engine uses it). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReportingPeriodTest {

    @Test
    void a_calendar_year_contract_has_one_year_four_quarters_and_twelve_months() {
        List<ReportingPeriod> periods = ReportingPeriod.of(contract("2022-01-01", "2022-12-31"));

        assertEquals(List.of(p(Frequency.YEARLY, "2022-01-01", "2022-12-31", "2022")), of(periods, Frequency.YEARLY));
        assertEquals(List.of(
                p(Frequency.QUARTERLY, "2022-01-01", "2022-03-31", "2022-Q1"),
                p(Frequency.QUARTERLY, "2022-04-01", "2022-06-30", "2022-Q2"),
                p(Frequency.QUARTERLY, "2022-07-01", "2022-09-30", "2022-Q3"),
                p(Frequency.QUARTERLY, "2022-10-01", "2022-12-31", "2022-Q4")), of(periods, Frequency.QUARTERLY));
        List<ReportingPeriod> months = of(periods, Frequency.MONTHLY);
        assertEquals(12, months.size());
        assertEquals(List.of("2022-01", "2022-02", "2022-03", "2022-04", "2022-05", "2022-06", "2022-07", "2022-08",
                "2022-09", "2022-10", "2022-11", "2022-12"), months.stream().map(ReportingPeriod::label).toList());
        assertEquals(p(Frequency.MONTHLY, "2022-02-01", "2022-02-28", "2022-02"), months.get(1));
        assertEquals(p(Frequency.MONTHLY, "2022-12-01", "2022-12-31", "2022-12"), months.get(11));
        assertEquals(1 + 4 + 12 + 53 + 365, periods.size(), "years, quarters, months, ISO weeks and days");
    }

    @Test
    void the_working_memory_holds_the_weeks_and_longer_periods_and_no_day() {
        Contract c = contract("2022-01-01", "2022-12-31");
        List<ReportingPeriod> held = ReportingPeriod.inWorkingMemory(c);

        assertEquals(1 + 4 + 12 + 53, held.size(), "years, quarters, months and ISO weeks");
        assertEquals(List.of(), of(held, Frequency.DAILY));
        assertEquals(ReportingPeriod.of(c).stream().filter(p -> p.frequency() != Frequency.DAILY).toList(), held);
    }

    @Test
    void weeks_are_iso_weeks_clipped_to_the_service_period_and_days_know_whether_they_are_worked() {
        List<ReportingPeriod> periods = ReportingPeriod.of(contract("2022-01-01", "2022-12-31"));
        List<ReportingPeriod> weeks = of(periods, Frequency.WEEKLY);
        // Sat 2022-01-01 belongs to ISO week 2021-W52 (Mon 2021-12-27); the last week starts Mon 2022-12-26
        assertEquals(p(Frequency.WEEKLY, "2022-01-01", "2022-01-02", "2021-W52"), weeks.get(0));
        assertEquals(p(Frequency.WEEKLY, "2022-12-26", "2022-12-31", "2022-W52"), weeks.get(52));
        assertEquals(0, weeks.get(0).workingDays());
        assertEquals(249, of(periods, Frequency.YEARLY).get(0).workingDays());
        // February 2022: 28 days, 8 weekend days, 春节 on Tue 02-01..Fri 02-04: 16 working days
        assertEquals(16, of(periods, Frequency.MONTHLY).get(1).workingDays());
        ReportingPeriod exchangeSaturday = of(periods, Frequency.DAILY).stream()
                .filter(d -> d.label().equals("2022-01-29")).findFirst().orElseThrow();
        assertEquals(1, exchangeSaturday.workingDays(), "a 调休 Saturday is worked");
        assertEquals("2022-W04", org.lvyue.api.spi.PeriodLabels.week(LocalDate.parse("2022-01-29")));
    }

    @Test
    void a_contract_across_years_clips_its_first_and_last_periods_to_the_service_period() {
        List<ReportingPeriod> periods = ReportingPeriod.of(contract("2022-03-15", "2023-02-10"));

        assertEquals(List.of(
                p(Frequency.YEARLY, "2022-03-15", "2022-12-31", "2022"),
                p(Frequency.YEARLY, "2023-01-01", "2023-02-10", "2023")), of(periods, Frequency.YEARLY));
        assertEquals(List.of(
                p(Frequency.QUARTERLY, "2022-03-15", "2022-03-31", "2022-Q1"),
                p(Frequency.QUARTERLY, "2022-04-01", "2022-06-30", "2022-Q2"),
                p(Frequency.QUARTERLY, "2022-07-01", "2022-09-30", "2022-Q3"),
                p(Frequency.QUARTERLY, "2022-10-01", "2022-12-31", "2022-Q4"),
                p(Frequency.QUARTERLY, "2023-01-01", "2023-02-10", "2023-Q1")), of(periods, Frequency.QUARTERLY));
        List<ReportingPeriod> months = of(periods, Frequency.MONTHLY);
        assertEquals(12, months.size());
        assertEquals(p(Frequency.MONTHLY, "2022-03-15", "2022-03-31", "2022-03"), months.get(0));
        assertEquals(p(Frequency.MONTHLY, "2022-04-01", "2022-04-30", "2022-04"), months.get(1));
        assertEquals(p(Frequency.MONTHLY, "2023-01-01", "2023-01-31", "2023-01"), months.get(10));
        assertEquals(p(Frequency.MONTHLY, "2023-02-01", "2023-02-10", "2023-02"), months.get(11));
    }

    @Test
    void a_period_contains_its_first_and_last_day_only() {
        ReportingPeriod q1 = p(Frequency.QUARTERLY, "2022-03-15", "2022-03-31", "2022-Q1");

        assertEquals(List.of(false, true, true, false, false),
                List.of(q1.contains(LocalDate.parse("2022-03-14")), q1.contains(LocalDate.parse("2022-03-15")),
                        q1.contains(LocalDate.parse("2022-03-31")), q1.contains(LocalDate.parse("2022-04-01")),
                        q1.contains(null)));
    }

    private static List<ReportingPeriod> of(List<ReportingPeriod> periods, Frequency f) {
        return periods.stream().filter(p -> p.frequency() == f).toList();
    }

    /** A period as expected, its working-day count taken from the calendar like the engine's. */
    private static ReportingPeriod p(Frequency f, String start, String end, String label) {
        LocalDate s = LocalDate.parse(start);
        LocalDate e = LocalDate.parse(end);
        int working = (int) s.datesUntil(e.plusDays(1)).filter(org.lvyue.api.calendar.WorkingCalendar.china()::isWorkingDay).count();
        return new ReportingPeriod(f, s, e, label, working);
    }

    private static Contract contract(String from, String to) {
        return new Contract("c", 1, "n", "", "", null, null, BigDecimal.ONE, LocalDate.parse(from), LocalDate.parse(to),
                null);
    }
}
