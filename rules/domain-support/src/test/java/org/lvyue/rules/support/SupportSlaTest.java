package org.lvyue.rules.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.Finding;
import org.lvyue.core.internal.ContractDefinitionReader;
import org.lvyue.engine.internal.DomainSources;
import org.lvyue.engine.internal.DroolsEngine;

/**
 * 附件三 x.x.6 on the demo contract's terms: phone within 60 minutes, on site within 120 (urban) or
 * 240 (suburban) minutes, warnings 15 minutes before. Evaluated as of a past day, the clock reads the
 * end of that day, so every deadline of the day has passed.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SupportSlaTest {
    private DroolsEngine engine;
    private Contract contract;
    private final List<Fact> facts = new ArrayList<>();

    @BeforeEach
    void deploy() throws Exception {
        engine = new DroolsEngine();
        var status = engine.deploy(DomainSources.fromDirectory(Path.of("src/main/resources"), "org.lvyue.domain.support", "0.1.0", "support"));
        assertEquals(DomainState.ACTIVE, status.state(), () -> status.problems().toString());
        contract = ContractDefinitionReader.read(ContractDefinitionReader.demoDefinition());
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private void fact(String kind, String ticket, String time, String status, String... attrs) {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i < attrs.length; i += 2) {
            a.put(attrs[i], attrs[i + 1]);
        }
        LocalDateTime t = LocalDateTime.parse(time);
        facts.add(Fact.builder().id(kind + "-" + ticket + "-" + facts.size()).contractId(contract.id()).domain("support")
                .kind(kind).subject(ticket).date(t.toLocalDate()).time(t).status(status).attributes(a).source("test").build());
    }

    private void request(String ticket, String time, String site) {
        fact("support.request", ticket, time, null, "site", site, "description", "证书登录失败");
    }

    private List<String> titles(String asOf) {
        engine.unload(contract.id());
        engine.load(contract, facts);
        return engine.evaluate(contract.id(), LocalDate.parse(asOf)).findings().stream().map(Finding::getTitle).sorted().toList();
    }

    @Test
    void contact_within_the_hour_and_on_site_within_two_hours_in_town_is_no_finding() {
        request("T1", "2022-05-10T09:00", "朝阳区");
        fact("support.contact", "T1", "2022-05-10T10:00", "onsite-needed", "engineer", "王工"); // exactly 60 min
        fact("support.onsite", "T1", "2022-05-10T11:00", null, "engineer", "王工");             // exactly 120 min
        assertEquals(List.of(), titles("2022-05-10"));
    }

    @Test
    void a_minute_late_is_a_breach_of_each_deadline() {
        request("T2", "2022-05-10T09:00", "朝阳区");
        fact("support.contact", "T2", "2022-05-10T10:01", "onsite-needed", "engineer", "王工");
        fact("support.onsite", "T2", "2022-05-10T11:01", null, "engineer", "王工");
        assertEquals(List.of("工单 T2 未在 2 小时内上门（市区）", "工单 T2 未在 60 分钟内电话联系用户"), titles("2022-05-10"));
    }

    @Test
    void a_suburban_site_has_four_hours_and_a_call_that_resolves_the_problem_needs_no_visit() {
        request("T3", "2022-05-10T09:00", "延庆区");
        fact("support.contact", "T3", "2022-05-10T09:30", "onsite-needed", "engineer", "王工");
        fact("support.onsite", "T3", "2022-05-10T12:59", null, "engineer", "王工"); // 239 min
        request("T4", "2022-05-10T23:30", "海淀区");                                 // 7x24: at night too
        fact("support.contact", "T4", "2022-05-11T00:10", "resolved", "engineer", "值班工程师");
        assertEquals(List.of(), titles("2022-05-11"));
    }

    @Test
    void an_unclassified_site_is_held_to_the_urban_target_and_pointed_out() {
        request("T5", "2022-05-10T09:00", "雄安新区");
        fact("support.contact", "T5", "2022-05-10T09:20", "onsite-needed", "engineer", "王工");
        fact("support.onsite", "T5", "2022-05-10T12:00", null, "engineer", "王工"); // 180 min: fine in the suburbs, late in town
        List<String> titles = titles("2022-05-10");
        assertEquals(2, titles.size(), titles.toString());
        assertTrue(titles.contains("工单 T5 未在 2 小时内上门（市区）"), titles.toString());
        assertTrue(titles.get(1).startsWith("报修地点“雄安新区”未在合同定义中分类"), titles.toString());
    }

    @Test
    void an_open_request_warns_fifteen_minutes_before_its_deadline_and_breaches_after() {
        // evaluated today, the clock is now: a request 50 minutes ago is inside the 15-minute warning of its phone deadline
        LocalDateTime now = LocalDateTime.now(java.time.ZoneId.of(org.lvyue.api.engine.EvaluationClock.ZONE));
        request("T6", now.minusMinutes(50).withNano(0).toString(), "东城区");
        List<String> titles = titles(now.toLocalDate().toString());
        assertTrue(titles.stream().anyMatch(t -> t.startsWith("工单 T6 须在") && t.contains("前电话联系用户")), titles.toString());
        facts.clear();
        request("T7", now.minusMinutes(61).withNano(0).toString(), "东城区");
        assertTrue(titles(now.toLocalDate().toString()).contains("工单 T7 未在 60 分钟内电话联系用户"));
    }
}
