package org.lvyue.rules.staffing;

import static java.time.LocalDate.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.calendar.WorkingCalendar;
import org.lvyue.api.finding.Finding;
import org.lvyue.rules.obligations.DomainMonth;

/**
 * 附件二 7 over March 2022 (23 working days, no holiday): the 15-person roster and the daily on-site
 * attendance of the support, certificate and network-security roles at 通州城市副中心办公区.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StaffingMonthTest {
    private static final String TONGZHOU = "通州城市副中心办公区";
    private DomainMonth month;

    @BeforeEach
    void aFullTeamOnSiteEveryWorkingDay() {
        month = new DomainMonth(Path.of("src/main/resources"), "staffing", parse("2022-03-01"));
        member("P1", "staff.pm", "8");
        for (int i = 1; i <= 4; i++) {
            member("O" + i, "staff.security-ops", "3");
        }
        member("D1", "staff.data-security", "4");
        member("S1", "staff.support", "2");
        member("S2", "staff.support", "2");
        member("C1", "staff.certificate", "3");
        member("C2", "staff.certificate", "3");
        member("C3", "staff.certificate", "3");
        member("N1", "staff.network", "6");
        member("N2", "staff.network", "7");
        member("F1", "staff.flex", "2");
        member("F2", "staff.flex", "2");
        for (LocalDate d = parse("2022-03-01"); d.isBefore(parse("2022-04-01")); d = d.plusDays(1)) {
            if (WorkingCalendar.china().isWorkingDay(d)) {
                for (String p : List.of("S1", "C1", "N1")) {
                    attendance(p, d, "present", TONGZHOU);
                }
            }
        }
    }

    @AfterEach
    void close() {
        month.close();
    }

    private void member(String id, String role, String years) {
        member(id, role, years, "2022-03-01");
    }

    private void member(String id, String role, String years, String joined) {
        Map<String, String> a = new HashMap<>(Map.of("name", "员工" + id, "role", role, "years", years));
        month.fact("staff.member", id, parse(joined), null, a);
    }

    private void attendance(String person, LocalDate day, String status, String site) {
        month.fact("staff.attendance", person, day, status, Map.of("site", site));
    }

    @Test
    void beside_another_domain_a_record_added_later_still_updates_that_domains_findings() {
        // Regression: with Drools' beta-node sharing, this bundle's monthly accumulate stopped later
        // facts from reaching the standard daily-check rule of another domain.
        month.alsoDeploy("domain-identity-auth", "identity-auth");
        var before = month.findings(parse("2022-04-01")).stream().filter(f -> f.contains("ia.d05")).toList();
        assertEquals(List.of("2022-03 ia.d05 附件三 每日检查：当月未执行的日子"), before);
        var record = org.lvyue.api.fact.Fact.builder().id("d05-0301").contractId("bj-hrss-2022").domain("identity-auth")
                .kind("identity-auth.inspection").subject("ia.d05").date(parse("2022-03-01")).status("normal")
                .attributes(Map.of("inspector", "张工")).source("test").build();
        var after = month.addThenFindingsRaw(List.of(record), parse("2022-04-01")).stream()
                .filter(f -> "ia.d05".equals(f.getObligationId())).toList();
        assertEquals(1, after.size());
        assertEquals(22, after.get(0).getOccurrences(), "23 working days in March 2022, one now recorded");
    }

    @Test
    void a_full_team_on_site_every_working_day_gives_no_finding() {
        assertEquals(List.of(), month.findings(parse("2022-04-01")));
    }

    @Test
    void a_short_role_a_junior_engineer_and_three_unstaffed_days_are_each_found() {
        // F2 left on 03-20: at the month's end the flex role has 1 of 2
        month.without(f -> "F2".equals(f.getSubject()));
        month.fact("staff.member", "F2", parse("2022-03-01"), null,
                Map.of("name", "员工F2", "role", "staff.flex", "years", "2", "left", "2022-03-20"));
        // N2 has 3 years where 5 are required
        month.without(f -> "N2".equals(f.getSubject()));
        member("N2", "staff.network", "3");
        // no certificate person at Tongzhou on 03-15 and 03-16; the network engineer at another office on 03-17
        month.without(f -> "C1".equals(f.getSubject()) && "staff.attendance".equals(f.getKind())
                && (f.getDate().equals(parse("2022-03-15")) || f.getDate().equals(parse("2022-03-16"))));
        month.without(f -> "N1".equals(f.getSubject()) && "staff.attendance".equals(f.getKind())
                && f.getDate().equals(parse("2022-03-17")));
        attendance("N1", parse("2022-03-17"), "present", "朝阳办公区");

        assertEquals(List.of(
                "2022-03 staff.certificate 附件二7 驻场：当月无人驻场的工作日",
                "2022-03 staff.flex 附件二7 人员配备：岗位人数不足",
                "2022-03 staff.network 附件二7 驻场：当月无人驻场的工作日",
                "2022-03-01 staff.network 附件二7 人员资质：工作年限不足"), month.findings(parse("2022-04-01")));
    }

    @Test
    void a_gap_between_a_leaver_and_the_replacement_is_found_though_the_month_ends_fully_staffed() {
        // S2 left on Thu 03-10, S3 joined on Wed 03-16: Fri 03-11, Mon 03-14 and Tue 03-15 have 1 of the 2
        // technical-support people (the weekend 03-12/13 is not a working day). On 03-31 both are on the roster
        // again, so a count on the month's last day alone would find nothing.
        month.without(f -> "S2".equals(f.getSubject()) && "staff.member".equals(f.getKind()));
        month.fact("staff.member", "S2", parse("2022-03-01"), null,
                Map.of("name", "员工S2", "role", "staff.support", "years", "2", "left", "2022-03-10"));
        member("S3", "staff.support", "3", "2022-03-16");

        assertEquals(List.of("2022-03 staff.support 附件二7 人员配备：岗位人数不足"), month.findings(parse("2022-04-01")));
        Finding shortOf = month.raw(parse("2022-04-01")).get(0);
        assertEquals("2022-03 有 3 个工作日技术支持服务保障人员不足 2 人", shortOf.getTitle());
        assertEquals("合同要求技术支持服务保障人员 2 人；在册人数不足的工作日（当日在册人数）：03-11（1 人）、03-14（1 人）、03-15（1 人）。",
                shortOf.getDetail());
        assertEquals(3, shortOf.getOccurrences());
        // while March runs, only the days before the evaluation count: on 03-15 itself, 03-11 and 03-14
        assertEquals(2, month.raw(parse("2022-03-15")).stream().filter(f -> "staff.support".equals(f.getObligationId()))
                .findFirst().orElseThrow().getOccurrences());
    }
}
