package org.lvyue.rules.obligations;

import static java.time.LocalDate.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.ReportingPeriod;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.spi.Frequency;
import org.lvyue.api.spi.Obligation;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DuesTest {
    @Test
    void around_qingming_2022_the_day_before_is_the_exchanged_saturday() {
        // 清明 2022-04-03..04-05, Saturday 04-02 worked in exchange
        assertEquals(List.of(parse("2022-04-02"), parse("2022-04-06")), Dues.aroundHoliday(parse("2022-04-03"), parse("2022-04-05")));
    }

    @Test
    void a_special_periods_days_are_every_day_it_declares_within_the_service_period() {
        Contract c = new Contract("c", 1, "n", "", "", null, null, java.math.BigDecimal.ONE, parse("2022-01-01"),
                parse("2022-12-31"), null);
        // a weekend included: a special period is checked every day, worked or not
        assertEquals(List.of(parse("2022-03-04"), parse("2022-03-05"), parse("2022-03-06")),
                Dues.everyDay(parse("2022-03-04"), "2022-03-06", c));
        // clipped to the service period at both ends
        assertEquals(List.of(parse("2022-01-01"), parse("2022-01-02")), Dues.everyDay(parse("2021-12-30"), "2022-01-02", c));
        assertEquals(List.of(parse("2022-12-31")), Dues.everyDay(parse("2022-12-31"), "2023-02-01", c));
        // nothing is due when the end is missing, unreadable or before the start
        assertEquals(List.of(), Dues.everyDay(parse("2022-03-04"), null, c));
        assertEquals(List.of(), Dues.everyDay(parse("2022-03-04"), "下周五", c));
        assertEquals(List.of(), Dues.everyDay(parse("2022-03-04"), "2022-03-03", c));
    }

    @Test
    void a_day_outside_the_calendar_is_left_out_not_guessed() {
        // 元旦 2022-01-01..01-03: the working day before it lies in 2021, which the calendar lacks
        assertEquals(List.of(parse("2022-01-04")), Dues.aroundHoliday(parse("2022-01-01"), parse("2022-01-03")));
    }

    @Test
    void a_months_missed_days_are_its_working_days_before_today_without_a_record() {
        // 国庆 2022: 10-01..10-07 off, Saturday 10-08 and Sunday 10-09 worked in exchange (国办发明电〔2021〕11号).
        // Today 10-12, records on 10-08 and 10-10. Working days before today: 10-08, 10-09, 10-10, 10-11;
        // without a record: 10-09 and 10-11, so 2 days, the last 10-11.
        ReportingPeriod october = new ReportingPeriod(Frequency.MONTHLY, parse("2022-10-01"), parse("2022-10-31"), "2022-10");
        MissedDays missed = Dues.missedDays(october, parse("2022-10-12"), "working-days",
                Set.of(parse("2022-10-08"), parse("2022-10-10")));
        assertEquals(List.of(parse("2022-10-09"), parse("2022-10-11")), missed.list());
        assertEquals(2, missed.count());
        assertEquals(parse("2022-10-11"), missed.last());
        assertEquals("10-09、10-11", missed.shortDays());
        // read as every day: 10-01..10-11 are 11 days, 2 with a record, 9 missed
        assertEquals(9, Dues.missedDays(october, parse("2022-10-12"), "every-day",
                Set.of(parse("2022-10-08"), parse("2022-10-10"))).count());
    }

    @Test
    void a_month_clipped_by_the_service_period_counts_only_its_own_days() {
        // the service period ends on Friday 2022-12-30: the month's period ends there too; 12-31 is never due
        ReportingPeriod december = new ReportingPeriod(Frequency.MONTHLY, parse("2022-12-26"), parse("2022-12-30"), "2022-12");
        MissedDays missed = Dues.missedDays(december, parse("2023-01-05"), "every-day", Set.of());
        assertEquals(5, missed.count());
        assertEquals(parse("2022-12-30"), missed.last());
        assertEquals("12-26、12-27、12-28、12-29、12-30", missed.shortDays());
    }

    @Test
    void a_special_period_needs_each_named_role_at_least_count_times() {
        // 附件三 1.4.1.1 特殊时期 1)「安全增加数字证书制作人员、证书技术支持人员」: two roles named, one person each
        Obligation surge = surge(1, "数字证书制作人员、证书技术支持人员");
        Fact maker = added("a", "数字证书制作人员");
        assertEquals(List.of("证书技术支持人员 0 人（至少 1 人）"), Dues.shortRoles(surge, List.of(maker)));
        assertEquals(List.of(), Dues.shortRoles(surge, List.of(maker, added("b", "证书技术支持人员"))));
        // two makers do not stand for the missing support person
        assertEquals(List.of("证书技术支持人员 0 人（至少 1 人）"), Dues.shortRoles(surge, List.of(maker, added("c", "数字证书制作人员"))));
        assertEquals(List.of("数字证书制作人员 0 人（至少 1 人）、证书技术支持人员 0 人（至少 1 人）"), Dues.shortRoles(surge, List.of()));
    }

    @Test
    void without_named_roles_the_count_is_of_people_in_all() {
        Obligation surge = surge(2, null);
        assertEquals(List.of("1 人（至少 2 人）"), Dues.shortRoles(surge, List.of(added("a", "任意"))));
        assertEquals(List.of(), Dues.shortRoles(surge, List.of(added("a", "任意"), added("b", "任意"))));
    }

    private static Obligation surge(int count, String roles) {
        return new Obligation("ce.s01", "certificates", "安全增加人员", "附件三 1.4.1.1", Frequency.PER_EVENT, count,
                "certificates.surge", "ce.s01", Severity.MEDIUM, null, Obligation.Category.ROLE, null, "special-period",
                roles == null ? Map.of() : Map.of("roles", roles));
    }

    private static Fact added(String id, String role) {
        return Fact.builder().id(id).contractId("c").domain("certificates").kind("certificates.surge").subject("ce.s01")
                .date(LocalDate.parse("2022-03-04")).attributes(Map.of("event", "sp", "name", "员工" + id, "role", role))
                .source("test").build();
    }
}
