package org.lvyue.rules.certificates;

import static java.time.LocalDate.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.finding.Finding;
import org.lvyue.rules.obligations.DomainMonth;

/**
 * 附件三 1.4.1.1 特殊时期 1)「针对业务系统重要时间段……安全增加数字证书制作人员、证书技术支持人员」: a staffing duty
 * (ce.s01, category ROLE), not an inspection. It arises only from a special period the client declares, and is met
 * by one added person of each of the two roles on duty by the period's first day. Complete periodic records of
 * March 2022 so that only the period speaks; the declared period is 2022-03-21 to 03-25.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ExtraStaffInSpecialPeriodsTest {
    private DomainMonth month;
    private String period;

    @BeforeEach
    void aCompleteMonthWithADeclaredPeriod() {
        month = new DomainMonth(Path.of("src/main/resources"), "certificates", parse("2022-03-01"));
        month.everythingDoneThrough(parse("2022-03-31"));
        month.fact("special-period", null, parse("2022-03-21"), null, Map.of("until", "2022-03-25", "name", "社保卡集中换发"));
        period = month.lastId();
        // the period's other 特殊时期 duty, ce.s02, is holiday-triggered: March 2022 has no holiday
    }

    @AfterEach
    void close() {
        month.close();
    }

    private void added(String name, String role, String day) {
        month.fact("certificates.surge", "ce.s01", parse(day), null, Map.of("event", period, "name", name, "role", role));
    }

    @Test
    void without_a_declared_period_nothing_is_due_and_the_calendar_alone_asks_for_no_one() {
        month.without(f -> f.getId().equals(period));
        assertEquals(List.of(), month.findings(parse("2022-04-01")));
    }

    @Test
    void a_declared_period_with_no_one_added_is_found_the_day_after_its_first_day() {
        assertEquals(List.of(), month.findings(parse("2022-03-21")));
        assertEquals(List.of("2022-03-21 ce.s01 附件三 特殊时期维护：特殊时期未增加人员"), month.findings(parse("2022-03-22")));
        Finding f = month.raw(parse("2022-03-22")).get(0);
        assertEquals("社保卡集中换发（2022-03-21 起）未增加人员：数字证书制作人员 0 人（至少 1 人）、证书技术支持人员 0 人（至少 1 人）",
                f.getTitle());
        assertEquals(parse("2022-03-25"), f.getPeriodEnd());
        assertEquals(List.of(period), f.getFactIds());
    }

    @Test
    void both_roles_the_clause_names_must_be_added_and_one_arriving_after_the_first_day_does_not_count() {
        added("王芳", "数字证书制作人员", "2022-03-18");
        added("李强", "证书技术支持人员", "2022-03-22");   // a day late
        List<Finding> found = month.raw(parse("2022-04-01"));
        assertEquals(1, found.size());
        assertTrue(found.get(0).getTitle().endsWith("未增加人员：证书技术支持人员 0 人（至少 1 人）"), found.get(0).getTitle());
        assertTrue(found.get(0).getDetail().contains("登记增加的人员：王*（数字证书制作人员）"), found.get(0).getDetail());

        added("赵敏", "证书技术支持人员", "2022-03-21");
        assertEquals(List.of(), month.findings(parse("2022-04-01")));
    }
}
