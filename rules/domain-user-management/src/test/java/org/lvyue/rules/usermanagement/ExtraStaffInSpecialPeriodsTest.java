package org.lvyue.rules.usermanagement;

import static java.time.LocalDate.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.rules.obligations.DomainMonth;

/**
 * 附件三 1.4.2.1 特殊时期 2)「针对业务系统期间证书申请量多……安全增加操作用户管理系统人员」: um.s02 is a staffing duty
 * of each declared special period, met by an added operator on duty by its first day, never by an inspection
 * record. The other special-period duty, um.s01 (加强检查频率), stays a daily check of the period's days.
 * Declared period: 2022-03-07 to 03-08.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ExtraStaffInSpecialPeriodsTest {
    private DomainMonth month;
    private String period;

    @BeforeEach
    void aCompleteMonthWithADeclaredPeriod() {
        month = new DomainMonth(Path.of("src/main/resources"), "user-management", parse("2022-03-01"));
        month.everythingDoneThrough(parse("2022-03-31"));
        month.fact("special-period", null, parse("2022-03-07"), null, Map.of("until", "2022-03-08", "name", "业务高峰"));
        period = month.lastId();
        month.record("um.s01", parse("2022-03-07"), "normal").record("um.s01", parse("2022-03-08"), "normal");
    }

    @AfterEach
    void close() {
        month.close();
    }

    @Test
    void an_inspection_record_does_not_stand_for_the_added_operator() {
        month.fact("user-management.inspection", "um.s02", parse("2022-03-07"), "normal", Map.of("inspector", "张工"));
        assertEquals(List.of("2022-03-07 um.s02 附件三 特殊时期维护：特殊时期未增加人员"), month.findings(parse("2022-04-01")));
    }

    @Test
    void an_operator_added_on_the_first_day_meets_it() {
        month.fact("user-management.surge", "um.s02", parse("2022-03-07"), null,
                Map.of("event", period, "name", "孙丽", "role", "操作用户管理系统人员"));
        assertEquals(List.of(), month.findings(parse("2022-04-01")));
    }
}
