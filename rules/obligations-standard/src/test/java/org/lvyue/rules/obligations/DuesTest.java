package org.lvyue.rules.obligations;

import static java.time.LocalDate.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DuesTest {
    @Test
    void around_qingming_2022_the_day_before_is_the_exchanged_saturday() {
        // 清明 2022-04-03..04-05, Saturday 04-02 worked in exchange
        assertEquals(List.of(parse("2022-04-02"), parse("2022-04-06")), Dues.aroundHoliday(parse("2022-04-03"), parse("2022-04-05")));
    }

    @Test
    void a_day_outside_the_calendar_is_left_out_not_guessed() {
        // 元旦 2022-01-01..01-03: the working day before it lies in 2021, which the calendar lacks
        assertEquals(List.of(parse("2022-01-04")), Dues.aroundHoliday(parse("2022-01-01"), parse("2022-01-03")));
    }
}
