package org.lvyue.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.LocalDate;
import java.time.temporal.IsoFields;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.fact.Fact;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PeriodLabelsTest {

    @Test
    void weeks_are_iso_weeks_of_the_week_based_year_zero_padded() {
        assertEquals("2022-W09", PeriodLabels.week(LocalDate.of(2022, 3, 1)));
        assertEquals("2021-W52", PeriodLabels.week(LocalDate.of(2022, 1, 1)), "1 Jan 2022 is a Saturday of 2021's last week");
        assertEquals("2020-W53", PeriodLabels.week(LocalDate.of(2020, 12, 31)));
        assertEquals("2025-W01", PeriodLabels.week(LocalDate.of(2024, 12, 30)), "30 Dec 2024 is the Monday of 2025's first week");
        assertEquals("2022-W52", PeriodLabels.week(LocalDate.of(2022, 12, 31)));
    }

    @Test
    void months_quarters_and_years_are_zero_padded_where_the_label_has_two_digits() {
        assertEquals("2022-03", PeriodLabels.month(LocalDate.of(2022, 3, 31)));
        assertEquals("2022-12", PeriodLabels.month(LocalDate.of(2022, 12, 1)));
        assertEquals("2023-Q1", PeriodLabels.quarter(LocalDate.of(2023, 3, 31)));
        assertEquals("2022-Q4", PeriodLabels.quarter(LocalDate.of(2022, 10, 1)));
        assertEquals("2022", PeriodLabels.year(LocalDate.of(2022, 6, 15)));
    }

    @Test
    void every_day_of_four_years_has_the_labels_of_the_formatted_definition() {
        for (LocalDate d = LocalDate.of(2020, 1, 1); d.isBefore(LocalDate.of(2024, 1, 1)); d = d.plusDays(1)) {
            assertEquals(String.format("%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
                    PeriodLabels.week(d), d.toString());
            assertEquals(String.format("%d-%02d", d.getYear(), d.getMonthValue()), PeriodLabels.month(d), d.toString());
        }
    }

    @Test
    void a_fact_makes_its_week_and_month_labels_once_and_agrees_with_the_labels() {
        Fact f = Fact.builder().id("f-1").contractId("c").domain("d").kind("k").date(LocalDate.of(2022, 1, 2)).build();
        assertEquals("2021-W52", f.getWeek());
        assertEquals("2022-01", f.getMonth());
        assertSame(f.getWeek(), f.getWeek(), "the label is kept, not made again at every call");
        assertSame(f.getMonth(), f.getMonth());
    }
}
