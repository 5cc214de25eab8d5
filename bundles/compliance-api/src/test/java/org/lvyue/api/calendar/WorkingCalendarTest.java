package org.lvyue.api.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The bundled calendar against counts made by hand from the notices, and the loader's refusals. Each year's count is
 * weekdays − holidays falling on weekdays + weekend days worked in exchange (调休).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WorkingCalendarTest {

    private static final WorkingCalendar CN = WorkingCalendar.china();

    @Test
    void the_year_2022_has_249_working_days() {
        // 1 Jan 2022 is a Saturday; 365 days = 52 weeks + that Saturday, so 260 weekdays.
        // Holiday weekdays: 元旦 01-03 (1); 春节 01-31..02-04 (5); 清明 04-04, 04-05 (2); 劳动节 05-02..05-04 (3);
        // 端午 06-03 (1); 中秋 09-12 (1); 国庆 10-03..10-07 (5) = 18. Workdays: 01-29, 01-30, 04-02, 04-24, 05-07,
        // 10-08, 10-09 = 7. 260 - 18 + 7 = 249.
        assertEquals(249, CN.workingDays(2022));
    }

    @Test
    void the_year_2023_has_249_working_days() {
        // 1 Jan 2023 is a Sunday; 52 weeks + that Sunday, so 260 weekdays.
        // Holiday weekdays in 2023: 元旦 01-02 (1); 春节 01-23..01-27 (5); 清明 04-05 (1); 劳动节 05-01..05-03 (3);
        // 端午 06-22, 06-23 (2); 中秋国庆 09-29, 10-02..10-06 (6) = 18. Workdays: 01-28, 01-29, 04-23, 05-06, 06-25,
        // 10-07, 10-08 = 7. 260 - 18 + 7 = 249.
        assertEquals(249, CN.workingDays(2023));
    }

    @Test
    void the_year_2024_has_251_working_days() {
        // 1 Jan 2024 is a Monday; 366 days = 52 weeks + Monday and Tuesday, so 262 weekdays.
        // Holiday weekdays: 元旦 01-01 (1); 春节 02-12..02-16 (5); 清明 04-04, 04-05 (2); 劳动节 05-01..05-03 (3);
        // 端午 06-10 (1); 中秋 09-16, 09-17 (2); 国庆 10-01..10-04, 10-07 (5) = 19. Workdays: 02-04, 02-18, 04-07,
        // 04-28, 05-11, 09-14, 09-29, 10-12 = 8. 262 - 19 + 8 = 251.
        assertEquals(251, CN.workingDays(2024));
    }

    @Test
    void the_year_2025_has_248_working_days() {
        // 1 Jan 2025 is a Wednesday; 52 weeks + that Wednesday, so 261 weekdays.
        // Holiday weekdays: 元旦 01-01 (1); 春节 01-28..01-31, 02-03, 02-04 (6); 清明 04-04 (1);
        // 劳动节 05-01, 05-02, 05-05 (3); 端午 06-02 (1); 国庆中秋 10-01..10-03, 10-06..10-08 (6) = 18.
        // Workdays: 01-26, 02-08, 04-27, 09-28, 10-11 = 5. 261 - 18 + 5 = 248.
        assertEquals(248, CN.workingDays(2025));
    }

    @Test
    void the_year_2026_has_248_working_days() {
        // 1 Jan 2026 is a Thursday; 52 weeks + that Thursday, so 261 weekdays.
        // Holiday weekdays: 元旦 01-01, 01-02 (2); 春节 02-16..02-20, 02-23 (6); 清明 04-06 (1);
        // 劳动节 05-01, 05-04, 05-05 (3); 端午 06-19 (1); 中秋 09-25 (1); 国庆 10-01, 10-02, 10-05..10-07 (5) = 19.
        // Workdays: 01-04, 02-14, 02-28, 05-09, 09-20, 10-10 = 6. 261 - 19 + 6 = 248.
        assertEquals(248, CN.workingDays(2026));
    }

    @Test
    void the_bundled_calendar_covers_2022_to_2026_and_names_each_notice() {
        assertEquals(List.of(2022, 2023, 2024, 2025, 2026), List.copyOf(CN.years()));
        assertEquals("国务院办公厅关于2022年部分节假日安排的通知（2021年10月25日发布）", CN.source(2022));
        assertTrue(CN.source(2026).contains("2026年部分节假日安排") && CN.source(2026).contains("2025年11月4日"),
                CN.source(2026));
    }

    @Test
    void a_saturday_worked_in_exchange_is_a_working_day() {
        // 2022-01-29 is a Saturday (1 Jan 2022 is a Saturday, 28 days earlier), worked for 春节.
        assertTrue(CN.isWorkingDay(d("2022-01-29")));
        assertEquals(Optional.of("春节调休上班"), CN.holidayName(d("2022-01-29")));
    }

    @Test
    void a_weekday_inside_a_holiday_is_not_a_working_day() {
        // 2022-10-07 is a Friday (10-01 is a Saturday), the last day of 国庆 10-01..10-07.
        assertFalse(CN.isWorkingDay(d("2022-10-07")));
        assertEquals(Optional.of("国庆节"), CN.holidayName(d("2022-10-07")));
    }

    @Test
    void an_ordinary_weekend_is_a_rest_day_without_a_name_and_an_ordinary_weekday_a_working_day() {
        // 2022-03-01 is a Tuesday (59 days after Saturday 1 Jan: 59 = 8 weeks + 3), so 03-05 is a Saturday.
        assertFalse(CN.isWorkingDay(d("2022-03-05")));
        assertEquals(Optional.empty(), CN.holidayName(d("2022-03-05")));
        assertTrue(CN.isWorkingDay(d("2022-03-01")));
        assertEquals(Optional.empty(), CN.holidayName(d("2022-03-01")));
    }

    @Test
    void the_2023_new_year_holiday_reaches_back_into_2022() {
        // The 2023 notice: 元旦 2022-12-31..2023-01-02; 2023-01-02 is a Monday.
        assertEquals(Optional.of("元旦"), CN.holidayName(d("2022-12-31")));
        assertFalse(CN.isWorkingDay(d("2023-01-02")));
    }

    @Test
    void one_working_day_after_the_eve_of_national_day_is_the_saturday_worked_in_exchange() {
        // 2022-09-30 is a Friday; 10-01..10-07 is 国庆; 10-08 (Saturday) is worked in exchange.
        assertEquals(d("2022-10-08"), CN.plusWorkingDays(d("2022-09-30"), 1));
    }

    @Test
    void one_working_day_after_the_last_friday_of_2022_is_tuesday_3_january_2023() {
        // 2022-12-30 is a Friday; 12-31 Sat and 01-01 Sun are 元旦, and so is Monday 01-02.
        assertEquals(d("2023-01-03"), CN.plusWorkingDays(d("2022-12-30"), 1));
    }

    @Test
    void twenty_working_days_after_13_december_2022_is_11_january_2023() {
        // 2022-12-13 is a Tuesday (12-01 is a Thursday: 334 days after Saturday 1 Jan, 334 = 47 weeks + 5).
        // December: 14 15 16 | 19 20 21 22 23 | 26 27 28 29 30 = 13 (no holidays, no workdays in Dec 2022).
        // 12-31..01-02 元旦. January 2023: 03 04 05 06 = 17 | 07, 08 weekend, not worked | 09 10 11 = 20.
        assertEquals(d("2023-01-11"), CN.plusWorkingDays(d("2022-12-13"), 20));
        assertEquals(20, CN.workingDaysBetween(d("2022-12-13"), d("2023-01-11")));
    }

    @Test
    void zero_working_days_after_a_date_is_that_date_and_a_negative_count_is_refused() {
        assertEquals(d("2022-10-01"), CN.plusWorkingDays(d("2022-10-01"), 0));
        assertThrows(IllegalArgumentException.class, () -> CN.plusWorkingDays(d("2022-10-01"), -1));
    }

    @Test
    void working_days_between_undoes_plus_working_days() {
        for (LocalDate start = d("2022-01-01"); start.isBefore(d("2026-10-01")); start = start.plusDays(11)) {
            for (int n : new int[] {1, 2, 5, 20, 60}) {
                LocalDate end = CN.plusWorkingDays(start, n);
                assertTrue(CN.isWorkingDay(end), start + " + " + n);
                assertEquals(n, CN.workingDaysBetween(start, end), start + " + " + n);
                assertEquals(n - 1, CN.workingDaysBetween(start, end.minusDays(1)), start + " + " + n);
            }
        }
    }

    @Test
    void working_days_between_counts_the_end_but_not_the_start() {
        // 2022-01-01 is a holiday Saturday, so from it to 12-31 is the whole year's 249.
        assertEquals(249, CN.workingDaysBetween(d("2022-01-01"), d("2022-12-31")));
        // Friday 2022-09-30 to Saturday 10-08: only 10-08 counts.
        assertEquals(1, CN.workingDaysBetween(d("2022-09-30"), d("2022-10-08")));
        assertEquals(0, CN.workingDaysBetween(d("2022-03-01"), d("2022-03-01")));
        assertEquals(0, CN.workingDaysBetween(d("2022-03-08"), d("2022-03-01")));
    }

    @Test
    void the_working_days_within_a_span_are_listed_in_order_and_a_year_without_data_adds_none() {
        // 国庆 2022: 10-01..10-07 rest, Saturday 10-08 and Sunday 10-09 worked in exchange; Monday 10-10 ordinary
        assertEquals(List.of(d("2022-09-30"), d("2022-10-08"), d("2022-10-09"), d("2022-10-10")),
                CN.workingDaysWithin(d("2022-09-30"), d("2022-10-10")));
        // 2021 is not in the calendar: its last days are left out, 2022's first working day is Tuesday 01-04
        assertEquals(List.of(d("2022-01-04")), CN.workingDaysWithin(d("2021-12-28"), d("2022-01-04")));
        assertEquals(249, CN.workingDaysWithin(d("2022-01-01"), d("2022-12-31")).size());
        assertEquals(List.of(), CN.workingDaysWithin(d("2022-03-08"), d("2022-03-01")));
    }

    @Test
    void a_date_in_2021_or_2027_raises_the_missing_year_exception() {
        CalendarYearMissingException e = missing(2021, () -> CN.isWorkingDay(d("2021-12-31")));
        assertTrue(e.getMessage().startsWith("工作日历缺少 2021 年的数据（国务院办公厅当年节假日安排通知）；已有年份：2022–2026。"),
                e.getMessage());
        assertTrue(e.getMessage().contains("The working-day calendar has no data for 2021"), e.getMessage());

        missing(2027, () -> CN.holidayName(d("2027-01-01")));
        missing(2027, () -> CN.workingDays(2027));
        missing(2027, () -> CN.source(2027));
        missing(2021, () -> CN.plusWorkingDays(d("2021-12-31"), 1));
        missing(2021, () -> CN.workingDaysBetween(d("2021-12-31"), d("2022-01-04")));
        // Wednesday 2026-12-30: Thursday 12-31 is the first working day after it; the second would be in 2027.
        assertEquals(d("2026-12-31"), CN.plusWorkingDays(d("2026-12-30"), 1));
        missing(2027, () -> CN.plusWorkingDays(d("2026-12-30"), 2));
    }

    @Test
    void the_missing_year_message_lists_gaps_between_years() {
        WorkingCalendar calendar = WorkingCalendar.parse(Map.of(
                "cn-2022.txt", "year: 2022\nsource: a\n",
                "cn-2023.txt", "year: 2023\nsource: b\n",
                "cn-2025.txt", "year: 2025\nsource: c\n"));
        CalendarYearMissingException e =
                missing(2024, () -> calendar.workingDaysBetween(d("2023-12-29"), d("2025-01-02")));
        assertTrue(e.getMessage().contains("已有年份：2022–2023、2025。"), e.getMessage());
        assertTrue(e.getMessage().contains("years available: 2022–2023, 2025."), e.getMessage());
    }

    @Test
    void the_loader_rejects_a_workday_on_a_wednesday_naming_file_and_line() {
        // 2022-01-26 is a Wednesday (01-01 is a Saturday, 01-05 a Wednesday, 21 days on).
        String message = refused("cn-2022.txt", """
                # test
                year: 2022
                source: 测试
                workday 2022-01-26 春节调休上班
                """);
        assertTrue(message.startsWith("cn-2022.txt 第 4 行：调休上班日 2022-01-26 不是周六或周日"), message);
        assertTrue(message.contains("cn-2022.txt line 4: workday 2022-01-26 is not a Saturday or Sunday"), message);
    }

    @Test
    void the_loader_rejects_a_malformed_line_naming_file_and_line() {
        String message = refused("cn-2022.txt", "year: 2022\nsource: 测试\n\nholliday 2022-01-01..2022-01-03 元旦\n");
        assertTrue(message.startsWith("cn-2022.txt 第 4 行：无法识别的行"), message);
        assertTrue(message.contains("cn-2022.txt line 4: malformed line"), message);

        assertTrue(refused("cn-2022.txt", "year: 2022\nholiday 2022-01-01..2022-02-30 元旦\n")
                .startsWith("cn-2022.txt 第 2 行：日期无效：2022-02-30"));
        assertTrue(refused("cn-2022.txt", "year: 2022\nholiday 2022-01-03..2022-01-01 元旦\n")
                .startsWith("cn-2022.txt 第 2 行：假期结束日早于开始日"));
    }

    @Test
    void the_loader_rejects_a_year_line_that_disagrees_with_the_file_name() {
        String message = refused("cn-2022.txt", "# 2023\nyear: 2023\nsource: 测试\n");
        assertTrue(message.startsWith("cn-2022.txt 第 2 行：年份 2023 与文件名不符"), message);
        assertTrue(message.contains("cn-2022.txt line 2: year 2023 disagrees with the file name"), message);
    }

    @Test
    void the_loader_rejects_a_file_without_year_or_source() {
        assertTrue(refused("cn-2022.txt", "year: 2022\n").startsWith("cn-2022.txt：缺少 year: 或 source: 行"));
        assertTrue(refused("cn-2022.txt", "source: 测试\n").startsWith("cn-2022.txt：缺少 year: 或 source: 行"));
        assertTrue(refused("calendar.txt", "year: 2022\nsource: 测试\n").startsWith("calendar.txt：文件名须以"));
    }

    private static CalendarYearMissingException missing(int year, Executable call) {
        CalendarYearMissingException e = assertThrows(CalendarYearMissingException.class, call);
        assertEquals(year, e.year());
        return e;
    }

    private static String refused(String file, String text) {
        return assertThrows(IllegalArgumentException.class, () -> WorkingCalendar.parse(Map.of(file, text)))
                .getMessage();
    }

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }
}
