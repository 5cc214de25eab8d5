package org.lvyue.core.internal;

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
class BusinessClockTest {
    /** 2023-03-01 23:30 in Beijing, still 2023-03-01 15:30 in UTC. */
    private static final Clock BEIJING = Clock.fixed(Instant.parse("2023-03-01T15:30:00Z"), ZoneId.of("Asia/Shanghai"));

    @Test
    void today_is_the_day_in_the_zone() {
        BusinessClock days = new BusinessClock(Clock.fixed(Instant.parse("2023-03-01T16:30:00Z"), ZoneId.of("Asia/Shanghai")), null);
        assertEquals(LocalDate.of(2023, 3, 2), days.today());
    }

    @Test
    void a_fixed_day_is_today_and_its_end_is_the_latest_time_and_the_support_clock() {
        BusinessClock days = new BusinessClock(BEIJING, LocalDate.of(2022, 12, 31));
        assertEquals(LocalDate.of(2022, 12, 31), days.today());
        assertEquals(FactValidator.endOf(LocalDate.of(2022, 12, 31)), days.latest());
        assertEquals(LocalDateTime.of(2022, 7, 2, 0, 0), days.evaluationClock(LocalDate.of(2022, 7, 1)).now());
    }

    @Test
    void without_a_fixed_day_a_record_may_be_five_minutes_ahead_of_now() {
        BusinessClock days = new BusinessClock(BEIJING, null);
        assertEquals(LocalDateTime.of(2023, 3, 1, 23, 35), days.latest());
    }
}
