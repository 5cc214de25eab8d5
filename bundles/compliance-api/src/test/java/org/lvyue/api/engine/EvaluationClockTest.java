package org.lvyue.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EvaluationClockTest {
    // 2023-01-09T20:00Z is 04:00 on 2023-01-10 in Beijing: still "yesterday" for a server on UTC
    private static final Clock BEIJING = Clock.fixed(Instant.parse("2023-01-09T20:00:00Z"), ZoneId.of(EvaluationClock.ZONE));

    @Test
    void today_in_beijing_reads_the_current_beijing_time_whatever_the_servers_zone() {
        assertEquals(LocalDateTime.parse("2023-01-10T04:00"), EvaluationClock.of(LocalDate.parse("2023-01-10"), BEIJING).now());
    }

    @Test
    void another_day_reads_the_end_of_that_day() {
        assertEquals(LocalDateTime.parse("2023-01-10T00:00"), EvaluationClock.of(LocalDate.parse("2023-01-09"), BEIJING).now());
    }

    @Test
    void today_reads_the_current_minute_so_the_same_minute_is_the_same_clock() {
        Clock later = Clock.fixed(Instant.parse("2023-01-09T20:07:42.5Z"), ZoneId.of(EvaluationClock.ZONE));
        Clock sameMinute = Clock.fixed(Instant.parse("2023-01-09T20:07:59Z"), ZoneId.of(EvaluationClock.ZONE));
        LocalDate today = LocalDate.parse("2023-01-10");
        assertEquals(LocalDateTime.parse("2023-01-10T04:07"), EvaluationClock.of(today, later).now());
        assertEquals(EvaluationClock.of(today, later), EvaluationClock.of(today, sameMinute));
    }
}
