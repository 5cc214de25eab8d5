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
 * 网络安全 per-event deliverables (附件二 6): a report after an incident, a security check before a
 * system goes live. Complete periodic records from 2022-03-01 so that only the events speak.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NetworkSecurityEventsTest {
    private DomainMonth month;

    @BeforeEach
    void completeRecords() {
        month = new DomainMonth(Path.of("src/main/resources"), "network-security", parse("2022-03-01"));
        month.everythingDoneThrough(parse("2022-04-12"));
        for (String day : List.of("2022-04-02", "2022-04-06")) { // around 清明: ns.s01 is holiday-triggered
            month.record("ns.s01", parse(day), "normal");
        }
        month.fact("network-security.deliverable", "ns.r05", parse("2022-04-01"), "submitted",
                Map.of("title", "配置核查报告", "period", "2022-Q1"));
        for (String r : List.of("ns.r01", "ns.r02", "ns.r03", "ns.r04")) {
            month.fact("network-security.deliverable", r, parse("2022-04-01"), "submitted", Map.of("title", r, "period", "2022-03"));
        }
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
}
