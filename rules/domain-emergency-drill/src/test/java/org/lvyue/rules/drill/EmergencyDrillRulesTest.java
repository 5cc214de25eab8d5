package org.lvyue.rules.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.Party;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.Severity;
import org.lvyue.engine.internal.DomainSources;
import org.lvyue.engine.internal.DroolsEngine;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EmergencyDrillRulesTest {
    private static final Contract CONTRACT = new Contract("bj-hrss-2022", 1, "安全应用维护服务", "", "0733-22182237",
            new Party("甲方", "北京市人力资源和社会保障局", null), new Party("乙方", "北京国信博飞科技发展有限公司", null),
            new BigDecimal("6085700.00"), LocalDate.of(2022, 1, 1), LocalDate.of(2022, 12, 31), LocalDate.of(2022, 12, 13));

    private DroolsEngine engine;
    private final List<Fact> facts = new ArrayList<>();

    @BeforeEach
    void deployTheDomain() {
        engine = new DroolsEngine();
        var status = engine.deploy(DomainSources.fromDirectory(Path.of("src/main/resources"),
                "org.lvyue.domain.emergency-drill", "0.1.0", "emergency-drill"));
        assertEquals(DomainState.ACTIVE, status.state(), () -> "refused: " + status.problems());
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void a_year_without_a_drill_is_a_violation_of_the_drill_and_of_all_three_documents() {
        List<Finding> findings = evaluate("2023-01-10");

        assertEquals(List.of(
                "emergency-drill/附件二5 每年一次应急演练：年度结束未开展/drill.annual/2022",
                "emergency-drill/附件二5 演练成果：全年未演练亦未提交/drill.plan/2022",
                "emergency-drill/附件二5 演练成果：全年未演练亦未提交/drill.report/2022",
                "emergency-drill/附件二5 演练成果：全年未演练亦未提交/drill.scheme/2022"), keys(findings));
        Finding drill = findings.get(0);
        assertEquals(Severity.HIGH, drill.getSeverity());
        assertEquals("附件二 5", drill.getClause());
        assertEquals(LocalDate.of(2022, 1, 1), drill.getPeriodStart());
        assertEquals(LocalDate.of(2022, 12, 31), drill.getPeriodEnd());
        assertEquals("2022 年度未开展应急演练", drill.getTitle());
    }

    @Test
    void a_drill_with_its_three_documents_on_time_leaves_no_finding() {
        drill("d1", "2022-06-15");
        document("p1", "plan", "2022-06-10", "submitted");
        document("s1", "scheme", "2022-06-15", "accepted");
        // report due 15 calendar days after the drill: 2022-06-30 is the last good day
        document("r1", "report", "2022-06-30", "submitted");

        assertEquals(List.of(), keys(evaluate("2023-01-10")));
    }

    @Test
    void a_report_one_day_after_its_deadline_is_late_by_one_day() {
        drill("d1", "2022-06-15");
        document("p1", "plan", "2022-06-10", "submitted");
        document("s1", "scheme", "2022-06-10", "submitted");
        document("r1", "report", "2022-07-01", "submitted"); // due 2022-06-30

        List<Finding> findings = evaluate("2023-01-10");

        assertEquals(List.of("emergency-drill/附件二5 演练成果：逾期提交/drill.report/2022"), keys(findings));
        assertEquals(Severity.LOW, findings.get(0).getSeverity());
        assertTrue(findings.get(0).getDetail().contains("逾期 1 天"), findings.get(0).getDetail());
        assertEquals(List.of("d1", "r1"), findings.get(0).getFactIds());
    }

    @Test
    void a_missing_report_is_overdue_the_day_after_its_deadline_and_not_before() {
        drill("d1", "2022-06-15");
        document("p1", "plan", "2022-06-01", "submitted");
        document("s1", "scheme", "2022-06-01", "submitted");

        assertEquals(List.of(), keys(evaluate("2022-06-30")));
        List<Finding> findings = evaluate("2022-07-01");
        assertEquals(List.of("emergency-drill/附件二5 演练成果：演练后到期未提交/drill.report/2022"), keys(findings));
        assertEquals(List.of("d1"), findings.get(0).getFactIds());
    }

    @Test
    void a_rejected_document_does_not_count_as_delivered() {
        drill("d1", "2022-06-15");
        document("p1", "plan", "2022-06-01", "rejected");
        document("s1", "scheme", "2022-06-01", "submitted");
        document("r1", "report", "2022-06-20", "submitted");

        assertEquals(List.of("emergency-drill/附件二5 演练成果：演练后到期未提交/drill.plan/2022"),
                keys(evaluate("2022-12-01")));
    }

    @Test
    void a_reminder_appears_sixty_days_before_the_year_ends_and_a_posted_drill_replaces_it_with_the_documents_now_due() {
        assertEquals(List.of(), keys(evaluate("2022-11-01"))); // 2022-11-01 + 60 days = 2022-12-31: not after
        List<Finding> reminder = evaluate("2022-11-02");
        assertEquals(List.of("emergency-drill/附件二5 每年一次应急演练：年末前 60 天提醒/drill.annual/2022"), keys(reminder));
        assertEquals(Severity.INFO, reminder.get(0).getSeverity());

        engine.addFacts(CONTRACT.id(), List.of(fact("d1", "drill.performed", null, "2022-11-20", null,
                Map.of("scenario", "核心交换机宕机"))));

        // the reminder is gone; plan and scheme were due on the drill day and are now missing
        assertEquals(List.of("emergency-drill/附件二5 演练成果：演练后到期未提交/drill.plan/2022",
                        "emergency-drill/附件二5 演练成果：演练后到期未提交/drill.scheme/2022"),
                keys(engine.evaluate(CONTRACT.id(), LocalDate.parse("2022-11-21")).findings()));
    }

    private List<Finding> evaluate(String asOf) {
        if (!engine.isLoaded(CONTRACT.id())) {
            engine.load(CONTRACT, facts);
        }
        return engine.evaluate(CONTRACT.id(), LocalDate.parse(asOf)).findings();
    }

    private void drill(String id, String date) {
        facts.add(fact(id, "drill.performed", null, date, null, Map.of("scenario", "数据库服务器勒索病毒")));
    }

    private void document(String id, String subject, String date, String status) {
        facts.add(fact(id, "drill.document", subject, date, status, Map.of("title", subject)));
    }

    private static Fact fact(String id, String kind, String subject, String date, String status, Map<String, String> attrs) {
        return Fact.builder().id(id).contractId(CONTRACT.id()).domain("emergency-drill").kind(kind).subject(subject)
                .date(LocalDate.parse(date)).status(status).attributes(attrs).source("test").build();
    }

    private static List<String> keys(List<Finding> findings) {
        return findings.stream().map(Finding::getKey).toList();
    }
}
