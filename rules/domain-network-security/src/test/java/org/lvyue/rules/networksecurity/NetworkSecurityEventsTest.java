package org.lvyue.rules.networksecurity;

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
 * 网络安全 (附件二 6, 附件三 1.6): per-event deliverables (a report after an incident, a security check before a
 * system goes live), the special emergency service the client asks for, and the duties whose period the contract
 * leaves open (their defaults). Complete periodic records from 2022-03-01 so that only the case at hand speaks.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NetworkSecurityEventsTest {
    private DomainMonth month;

    @BeforeEach
    void completeRecords() {
        month = new DomainMonth(Path.of("src/main/resources"), "network-security", parse("2022-03-01"));
        month.everythingDoneThrough(parse("2022-04-12"));
        month.fact("network-security.deliverable", "ns.r05", parse("2022-04-01"), "submitted",
                Map.of("title", "配置核查报告", "period", "2022-Q1"));
        for (String r : List.of("ns.r01", "ns.r02", "ns.r03", "ns.r04", "ns.r07")) {
            month.fact("network-security.deliverable", r, parse("2022-04-01"), "submitted", Map.of("title", r, "period", "2022-03"));
        }
        month.fact("network-security.deliverable", "ns.r06", parse("2022-03-31"), "submitted",
                Map.of("title", "2022 年 3 月安全预警通告", "period", "2022-03"));
    }

    @AfterEach
    void close() {
        month.close();
    }

    @Test
    void an_incident_report_is_due_five_working_days_after_the_incident_counting_the_exchanged_saturday() {
        // Fri 04-01: 04-02 (Sat, 调休) = 1, 04-06 = 2, 04-07 = 3, 04-08 = 4, 04-11 = 5 → due 04-11
        month.fact("network-security.event", "incident", parse("2022-04-01"), null, Map.of("description", "门户网站遭受 DDoS 攻击"));
        String incident = month.lastId();
        assertEquals(List.of(), month.findings(parse("2022-04-11")));
        assertEquals(List.of("2022-04-01 ns.e01 附件二 每次事件的成果：到期未提交"), month.findings(parse("2022-04-12")));

        month.fact("network-security.deliverable", "ns.e01", parse("2022-04-11"), "submitted",
                Map.of("title", "应急响应事件报告", "event", incident));
        assertEquals(List.of(), month.findings(parse("2022-04-12")));
    }

    @Test
    void a_launch_check_must_come_on_or_before_the_launch_day() {
        month.fact("network-security.event", "launch", parse("2022-03-15"), null, Map.of("description", "社保卡服务平台二期上线"));
        String launch = month.lastId();
        month.fact("network-security.deliverable", "ns.e04", parse("2022-03-16"), "submitted",
                Map.of("title", "系统上线安全检测报告", "event", launch));
        assertEquals(List.of("2022-03-15 ns.e04 附件二 每次事件的成果：到期未提交"), month.findings(parse("2022-04-12")));

        month.fact("network-security.deliverable", "ns.e04", parse("2022-03-15"), "submitted",
                Map.of("title", "系统上线安全检测报告", "event", launch));
        assertEquals(List.of(), month.findings(parse("2022-04-12")));
    }

    @Test
    void the_special_emergency_service_is_due_on_the_days_the_client_declares_and_never_from_the_calendar_alone() {
        // 附件三 1.6.1 (3)「特殊时期和重要节假日技术保障……按照甲方的要求完成特殊的应急服务工作」: 清明 (04-03..04-05)
        // passed without any ns.s01 record, and nothing is due for it
        assertEquals(List.of(), month.findings(parse("2022-04-12")));
        // 甲方 asks for the weekend 04-09..04-10 (a declared special period): each of its days needs a record
        month.fact("special-period", null, parse("2022-04-09"), null, Map.of("until", "2022-04-10", "name", "重大活动网络保障"));
        month.record("ns.s01", parse("2022-04-09"), "normal");
        assertEquals(List.of("2022-04-10 ns.s01 附件三 特殊时期维护：特殊时期内某日未检查"), month.findings(parse("2022-04-12")));
    }

    @Test
    void the_periodic_security_warning_notice_of_a_month_is_due_by_its_last_day() {
        // 附件三 1.6.6「定期向用户发送安全预警通告」, default reading: once a month, by the month's last day (03-31)
        month.without(f -> "ns.r06".equals(f.getSubject()));
        month.fact("network-security.deliverable", "ns.r06", parse("2022-04-01"), "submitted",
                Map.of("title", "2022 年 3 月安全预警通告", "period", "2022-03"));
        assertEquals(List.of("2022-03 ns.r06 附件二 提交成果：逾期提交"), month.findings(parse("2022-04-12")));
    }

    @Test
    void the_monthly_inspection_report_is_due_five_working_days_after_the_month() {
        // 附件三 1.6.2 (4)「……进行检查并提交巡检报告」, default monthly like the other reports: 04-01, 04-02 (Sat, 调休),
        // 04-06, 04-07, 04-08 → due 04-08
        month.without(f -> "ns.r07".equals(f.getSubject()));
        assertEquals(List.of(), month.findings(parse("2022-04-08")));
        assertEquals(List.of("2022-03 ns.r07 附件二 提交成果：到期未提交"), month.findings(parse("2022-04-09")));
    }

    @Test
    void an_outdated_dynamic_library_is_an_abnormal_daily_check_that_needs_a_fault_record() {
        // 附件三 1.6.2 (4)「实时升级特征库、规则库等动态库」, default: checked daily; found outdated on Fri 03-18, the fault
        // record is due by the next working day, Mon 03-21
        month.without(f -> "ns.d03".equals(f.getSubject()) && f.getDate().equals(parse("2022-03-18")));
        month.record("ns.d03", parse("2022-03-18"), "abnormal");
        assertEquals(List.of("2022-03-18 ns.d03 附件三 检查发现异常：未形成故障记录"), month.findings(parse("2022-04-12")));
        month.fact("network-security.fault", "ns.d03", parse("2022-03-21"), "resolved", Map.of("description", "IPS 特征库已升级到最新版本"));
        assertEquals(List.of(), month.findings(parse("2022-04-12")));
    }

    @Test
    void assisting_with_the_grading_and_filing_is_due_once_a_year() {
        // 附件三 1.6.9 1)「协助定级、备案」, default: once a year, like the 等保测评 it prepares (附件二「每年至少开展一次」)
        month.without(f -> "ns.y03".equals(f.getSubject()));   // the complete records did it on 03-01
        var y03 = month.findings(parse("2023-01-01")).stream().filter(f -> f.contains(" ns.y03 ")).toList();
        assertEquals(List.of("2022 ns.y03 附件二 每年工作：当年未完成"), y03);
        month.record("ns.y03", parse("2022-11-15"), null);
        assertEquals(List.of(), month.findings(parse("2023-01-01")).stream().filter(f -> f.contains(" ns.y03 ")).toList());
    }
}
