package org.lvyue.api.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Periods counted as 民法典 第二百零一条至第二百零四条 count them, on the 2022 and 2023 State Council calendars: the start day
 * not counted, a last day on a rest day moved to the first working day after the rest, a 调休 weekend day a working day.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DeadlineTest {

    private static final WorkingCalendar CN = WorkingCalendar.china();

    @Test
    void a_replacement_requested_on_27_april_2022_is_due_on_5_may_because_the_seventh_day_is_in_the_labour_day_holiday() {
        // 六.1(2) 7 日内: 04-28 is day 1, ..., 05-04 is day 7; 劳动节 runs 04-30..05-04, so the period ends on
        // 05-05 (Thursday, a working day), at 24:00.
        Deadline d = CN.days(d("2022-04-27"), 7);
        assertEquals(d("2022-05-04"), d.nominalEnd());
        assertEquals(d("2022-05-05"), d.end());
        assertTrue(d.extended());
        assertEquals("劳动节", d.rest());
        assertTrue(d.metBy(d("2022-05-05")), "the last day itself is in time");
        assertFalse(d.metBy(d("2022-05-06")));
        assertFalse(d.passedBy(d("2022-05-05")));
        assertTrue(d.passedBy(d("2022-05-06")));
        assertEquals(d("2022-05-06"), d.dayAfter());
        assertEquals(1, d.daysLate(d("2022-05-06")));
        assertEquals("自 2022-04-27 次日起算 7 日，第 7 日为 2022-05-04，为法定休假日（劳动节），依民法典第二百零三条顺延至 2022-05-05，"
                + "期限至 2022-05-05 24 时止", d.describe());
    }

    @Test
    void a_period_ending_on_an_ordinary_working_day_is_not_moved() {
        // 2022-03-01 + 7 = 2022-03-08, a Tuesday.
        Deadline d = CN.days(d("2022-03-01"), 7);
        assertEquals(d("2022-03-08"), d.end());
        assertFalse(d.extended());
        assertNull(d.rest());
        assertEquals("自 2022-03-01 次日起算 7 日，第 7 日为 2022-03-08，期限至 2022-03-08 24 时止", d.describe());
    }

    @Test
    void a_period_ending_on_a_sunday_moves_to_the_monday() {
        // 2022-02-27 + 7 = 2022-03-06, a Sunday; Monday 03-07 is a working day.
        Deadline d = CN.days(d("2022-02-27"), 7);
        assertEquals(d("2022-03-07"), d.end());
        assertEquals("周末", d.rest());
    }

    @Test
    void a_period_ending_on_a_weekend_day_worked_in_exchange_ends_that_day() {
        // 2022-04-17 + 7 = 2022-04-24, a Sunday the notice makes a working day (劳动节调休上班): not a rest day.
        Deadline d = CN.days(d("2022-04-17"), 7);
        assertEquals(d("2022-04-24"), d.end());
        assertFalse(d.extended());
    }

    @Test
    void a_period_ending_in_the_national_day_week_moves_to_the_saturday_worked_in_exchange() {
        // 2022-09-24 + 7 = 2022-10-01; 国庆节 runs 10-01..10-07 and Saturday 10-08 is worked in exchange.
        Deadline d = CN.days(d("2022-09-24"), 7);
        assertEquals(d("2022-10-08"), d.end());
        assertEquals("国庆节", d.rest());
    }

    @Test
    void a_weekend_running_into_a_holiday_is_one_rest_and_names_both() {
        // 2022-09-03 + 7 = 2022-09-10 (Saturday), the first day of 中秋节 09-10..09-12; first working day 09-13.
        assertEquals(d("2022-09-13"), CN.days(d("2022-09-03"), 7).end());
        // 2022-11-29 + 30 = 2022-12-29 (Thursday): a working day.
        assertEquals(d("2022-12-29"), CN.days(d("2022-11-29"), 30).end());
        // 2022-12-01 + 30 = 2022-12-31 (Saturday), into 元旦 2022-12-31..2023-01-02: first working day 2023-01-03.
        Deadline newYear = CN.days(d("2022-12-01"), 30);
        assertEquals(d("2023-01-03"), newYear.end());
        assertEquals("元旦", newYear.rest());
        // 2022-01-21 + 8 = 2022-01-29, a Saturday worked in exchange before 春节: in time that day.
        assertEquals(d("2022-01-29"), CN.days(d("2022-01-21"), 8).end());
        // 2022-01-21 + 9 = 2022-01-30 (a Sunday worked in exchange); + 10 = 01-31, 春节 to 02-06: 02-07.
        assertEquals(d("2022-01-30"), CN.days(d("2022-01-21"), 9).end());
        assertEquals(d("2022-02-07"), CN.days(d("2022-01-21"), 10).end());
    }

    @Test
    void a_working_day_period_ends_on_its_last_working_day_and_is_never_moved() {
        // 五: signed 2022-12-13; 20 working days end 2023-01-11 (see WorkingCalendarTest / DeadlineRulesTest).
        Deadline d = CN.workingDays(d("2022-12-13"), 20);
        assertEquals(d("2023-01-11"), d.end());
        assertEquals(Deadline.Unit.WORKING_DAYS, d.unit());
        assertFalse(d.extended());
        assertEquals("自 2022-12-13 次日起算 20 个工作日（国务院办公厅节假日安排），第 20 个工作日为 2023-01-11，"
                + "期限至 2023-01-11 24 时止", d.describe());
    }

    @Test
    void a_period_cannot_be_negative_and_needs_the_calendar_of_its_years() {
        assertThrows(IllegalArgumentException.class, () -> CN.days(d("2022-03-01"), -1));
        CalendarYearMissingException e = assertThrows(CalendarYearMissingException.class,
                () -> CN.days(d("2026-12-20"), 30));
        assertEquals(2027, e.year());
        assertThrows(CalendarYearMissingException.class, () -> CN.days(d("2021-12-20"), 30));
    }

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }
}
