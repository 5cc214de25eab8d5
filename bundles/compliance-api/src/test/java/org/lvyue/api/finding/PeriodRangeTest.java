package org.lvyue.api.finding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PeriodRangeTest {
    private static PeriodRange range(String text) {
        return PeriodRange.parse(text).orElseThrow();
    }

    @Test
    void a_year_a_quarter_a_month_and_a_day_are_their_first_and_last_days() {
        assertEquals(new PeriodRange(LocalDate.of(2022, 1, 1), LocalDate.of(2022, 12, 31)), range("2022"));
        assertEquals(new PeriodRange(LocalDate.of(2022, 7, 1), LocalDate.of(2022, 9, 30)), range("2022-Q3"));
        assertEquals(new PeriodRange(LocalDate.of(2024, 2, 1), LocalDate.of(2024, 2, 29)), range(" 2024-02 "));
        assertEquals(new PeriodRange(LocalDate.of(2022, 3, 7), LocalDate.of(2022, 3, 7)), range("2022-03-07"));
    }

    @Test
    void other_text_and_days_that_do_not_exist_are_no_period() {
        for (String bad : new String[] {"", "22", "2022-Q5", "2022-13", "2022-02-30", "2022/03", "2022-3", "last year"}) {
            assertTrue(PeriodRange.parse(bad).isEmpty(), bad);
        }
        assertEquals(Optional.empty(), PeriodRange.parse(null));
    }
}
