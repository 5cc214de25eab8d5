package org.lvyue.rules.identity;

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
 * 身份认证 under the standard obligation rules: March 2022 (and the days to 2022-04-11) of complete
 * inspection records, with six known gaps; each gap must give exactly one finding and nothing else may.
 *
 * <p>Hand facts used below: March 2022 has no holiday; 清明 is 04-03..04-05 with Saturday 04-02 worked
 * in exchange, so the working day before it is 04-02 and the one after is 04-06; the March report is
 * due 5 working days after 03-31: 04-01, 04-02 (调休), 04-06, 04-07, 04-08.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class IdentityAuthMonthTest {
    private DomainMonth month;

    @BeforeEach
    void aCompleteMonth() {
        month = new DomainMonth(Path.of("src/main/resources"), "identity-auth", parse("2022-03-01"));
        month.everythingDoneThrough(parse("2022-04-11"));
    }

    @AfterEach
    void close() {
        month.close();
    }

    @Test
    void complete_records_leave_no_finding() {
        month.fact("identity-auth.deliverable", "ia.r01", parse("2022-04-08"), "submitted",
                Map.of("title", "2022 年 3 月用户登录情况与安全分析报告", "period", "2022-03"));
        month.record("ia.s02", parse("2022-04-02"), "normal").record("ia.s02", parse("2022-04-06"), "normal");
        assertEquals(List.of(), month.findings(parse("2022-04-12")));
    }

    @Test
    void a_month_with_six_known_gaps_gives_exactly_six_findings() {
        // 1. the blacklist update check (ia.d05) not done on 03-10 and 03-11
        month.without(f -> "ia.d05".equals(f.getSubject())
                && (f.getDate().equals(parse("2022-03-10")) || f.getDate().equals(parse("2022-03-11"))));
        // 2. ia.d02 abnormal on 03-17 with no fault record; ia.d01 abnormal on 03-15 with one the next day
        month.without(f -> "ia.d02".equals(f.getSubject()) && f.getDate().equals(parse("2022-03-17")))
                .record("ia.d02", parse("2022-03-17"), "abnormal")
                .without(f -> "ia.d01".equals(f.getSubject()) && f.getDate().equals(parse("2022-03-15")))
                .record("ia.d01", parse("2022-03-15"), "abnormal")
                .fact("identity-auth.fault", "ia.d01", parse("2022-03-16"), "reported", Map.of("description", "有效期验证服务超时"));
        // 3. the weekly server check (ia.w01) skipped in ISO week 2022-W12 (03-21..03-27)
        month.without(f -> "ia.w01".equals(f.getSubject()) && f.getWeek().equals("2022-W12"));
        // 4. the March report submitted on 04-11, three days after its 04-08 deadline
        month.fact("identity-auth.deliverable", "ia.r01", parse("2022-04-11"), "submitted",
                Map.of("title", "2022 年 3 月用户登录情况与安全分析报告", "period", "2022-03"));
        // 5. a declared special period 03-07..03-09, checked on 03-07 and 03-08 only
        month.fact("special-period", null, parse("2022-03-07"), null, Map.of("until", "2022-03-09", "name", "全国两会保障"))
                .record("ia.s01", parse("2022-03-07"), "normal").record("ia.s01", parse("2022-03-08"), "normal");
        // 6. the environment check around 清明 done after it (04-06) but not before (04-02)
        month.record("ia.s02", parse("2022-04-06"), "normal");

        assertEquals(List.of(
                "2022-03 ia.d05 附件三 每日检查：当月未执行的日子",
                "2022-03 ia.r01 附件二 提交成果：逾期提交",
                "2022-03-09 ia.s01 附件三 特殊时期维护：特殊时期内某日未检查",
                "2022-03-17 ia.d02 附件三 检查发现异常：未形成故障记录",
                "2022-04-02 ia.s02 附件三 特殊时期维护：重大节假日前后未巡检",
                "2022-W12 ia.w01 附件三 每周检查：当周未执行"), month.findings(parse("2022-04-12")));

        Finding daily = month.raw(parse("2022-04-12")).stream().filter(f -> "ia.d05".equals(f.getObligationId()))
                .findFirst().orElseThrow();
        assertTrue(daily.getTitle().startsWith("2022-03 有 2 天未执行每日检查"), daily.getTitle());
        assertTrue(daily.getDetail().contains("03-10、03-11"), daily.getDetail());
        assertEquals("附件三 1.1.1(一) 5)", daily.getClause());
    }

    @Test
    void records_added_later_clear_the_days_they_cover() {
        month.without(f -> "ia.d05".equals(f.getSubject()) && f.getDate().equals(parse("2022-03-10")));
        assertEquals(List.of("2022-03 ia.d05 附件三 每日检查：当月未执行的日子", "2022-04-02 ia.s02 附件三 特殊时期维护：重大节假日前后未巡检",
                "2022-04-06 ia.s02 附件三 特殊时期维护：重大节假日前后未巡检"), month.findings(parse("2022-04-08")));
        var late = org.lvyue.api.fact.Fact.builder().id("late-d05").contractId("bj-hrss-2022").domain("identity-auth")
                .kind("identity-auth.inspection").subject("ia.d05").date(parse("2022-03-10")).status("normal")
                .attributes(Map.of("inspector", "张工")).source("test").build();
        assertEquals(List.of("2022-04-02 ia.s02 附件三 特殊时期维护：重大节假日前后未巡检",
                "2022-04-06 ia.s02 附件三 特殊时期维护：重大节假日前后未巡检"), month.addThenFindings(List.of(late), parse("2022-04-08")));
    }

    @Test
    void a_fault_record_is_due_by_the_next_working_day_so_a_friday_abnormal_waits_for_monday() {
        // Fri 2022-03-18 abnormal: the next working day is Mon 03-21; nothing is missing on 03-21, missing on 03-22
        month.without(f -> "ia.d03".equals(f.getSubject()) && f.getDate().equals(parse("2022-03-18")))
                .record("ia.d03", parse("2022-03-18"), "abnormal");
        assertTrue(month.findings(parse("2022-03-21")).stream().noneMatch(s -> s.contains("ia.d03")));
        assertTrue(month.findings(parse("2022-03-22")).contains("2022-03-18 ia.d03 附件三 检查发现异常：未形成故障记录"));
    }
}
