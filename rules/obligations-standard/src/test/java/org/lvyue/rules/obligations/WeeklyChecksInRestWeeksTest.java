package org.lvyue.rules.obligations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.finding.Finding;

/**
 * 附件三 每周维护 in a week without a working day. 2022-W05 (Mon 01-31 .. Sun 02-06) is all 春节; the weekend before it,
 * 01-29 and 01-30, was worked in exchange. Literally (checks.weeklyInRestWeek=in-the-week, the default) the week still
 * has its weekly check; read as next-working-day it may be done up to Mon 02-07, the first working day after it.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WeeklyChecksInRestWeeksTest {
    private static final Path DOMAIN = Path.of("src/test/resources/weekly-domain");
    private static final LocalDate START = LocalDate.of(2022, 1, 24); // Monday of 2022-W04
    private static final String IN_WEEK = "附件三 每周检查：当周未执行";
    private static final String MOVED = "附件三 每周检查：无工作日的一周，顺延至其后第一个工作日仍未执行";

    private static DomainMonth month(String reading) {
        return new DomainMonth(DOMAIN, "weekly-test", START, "checks.weeklyInRestWeek=" + reading)
                .record("wt.w01", LocalDate.of(2022, 1, 24), "normal")   // W04
                .record("wt.w01", LocalDate.of(2022, 2, 7), "normal");   // W06, first working day after 春节
    }

    @Test
    void by_default_the_spring_festival_week_still_has_its_weekly_check() {
        try (DomainMonth m = month("")) {
            assertEquals(List.of("2022-W05 wt.w01 " + IN_WEEK), m.findings(LocalDate.of(2022, 2, 14)));
        }
    }

    @Test
    void a_check_done_on_a_rest_day_of_that_week_meets_the_literal_reading() {
        try (DomainMonth m = month("")) {
            m.record("wt.w01", LocalDate.of(2022, 2, 3), "normal");
            assertEquals(List.of(), m.findings(LocalDate.of(2022, 2, 14)));
        }
    }

    @Test
    void read_as_next_working_day_the_check_of_the_rest_week_may_be_done_on_7_february() {
        try (DomainMonth m = month("next-working-day")) {
            assertEquals(List.of(), m.findings(LocalDate.of(2022, 2, 14)), "the 02-07 check counts for the rest week");
        }
    }

    @Test
    void read_as_next_working_day_a_rest_week_without_a_check_by_then_is_found_with_that_day_as_its_deadline() {
        try (DomainMonth m = new DomainMonth(DOMAIN, "weekly-test", START, "checks.weeklyInRestWeek=next-working-day")
                .record("wt.w01", LocalDate.of(2022, 1, 24), "normal")
                .record("wt.w01", LocalDate.of(2022, 2, 8), "normal")) {
            assertEquals(List.of(), m.findings(LocalDate.of(2022, 2, 7)), "not yet past 02-07");
            List<Finding> found = m.raw(LocalDate.of(2022, 2, 8));
            assertEquals(1, found.size(), found::toString);
            assertEquals(MOVED, found.get(0).getRuleName());
            assertEquals("2022-W05", found.get(0).getPeriodLabel());
            assertEquals(LocalDate.of(2022, 2, 7), found.get(0).getDeadline());
        }
    }
}
