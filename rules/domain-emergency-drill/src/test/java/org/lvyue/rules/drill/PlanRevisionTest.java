package org.lvyue.rules.drill;

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
import org.lvyue.api.finding.Finding;
import org.lvyue.rules.obligations.DomainMonth;

/**
 * 附件二 5「根据实际情况对应急预案进行修订」: after each drill, a revised plan (drill.revision, a per-event
 * deliverable the standard rules hold) within the default 30 calendar days. The year's drill on 2022-06-15 has
 * its plan, scheme and report on time, so only the revision speaks.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PlanRevisionTest {
    private DomainMonth year;
    private String june;

    @BeforeEach
    void aDrillWithItsThreeDocuments() {
        year = new DomainMonth(Path.of("src/main/resources"), "emergency-drill", parse("2022-01-01"));
        june = drill("2022-06-15");
        document("plan", "2022-06-10", "submitted", null);
        document("scheme", "2022-06-10", "submitted", null);
        document("report", "2022-06-20", "submitted", null);
    }

    @AfterEach
    void close() {
        year.close();
    }

    private String drill(String day) {
        year.fact("drill.performed", null, parse(day), null, Map.of("scenario", "核心交换机宕机"));
        return year.lastId();
    }

    private void document(String subject, String day, String status, String drill) {
        year.fact("drill.document", subject, parse(day), status,
                drill == null ? Map.of("title", subject) : Map.of("title", subject, "event", drill));
    }

    @Test
    void the_revised_plan_is_due_thirty_days_after_the_drill_and_not_before() {
        // 2022-06-15 + 30 calendar days = 2022-07-15, the last good day
        assertEquals(List.of(), year.findings(parse("2022-07-15")));
        assertEquals(List.of("2022-06-15 drill.revision 附件二 每次事件的成果：到期未提交"), year.findings(parse("2022-07-16")));
        Finding missing = year.raw(parse("2022-07-16")).get(0);
        assertEquals("事件后到期未提交：根据实际情况对应急预案进行修订", missing.getTitle());
        assertEquals(List.of(june), missing.getFactIds());

        document("plan-revision", "2022-07-15", "submitted", june);
        assertEquals(List.of(), year.findings(parse("2022-07-16")));
    }

    @Test
    void each_drill_needs_its_own_revision_and_a_rejected_one_does_not_count() {
        String september = drill("2022-09-20");   // due 2022-10-20
        document("plan-revision", "2022-07-01", "accepted", june);
        document("plan-revision", "2022-09-30", "rejected", september);
        // the plan revised in July answers the June drill only
        assertEquals(List.of("2022-09-20 drill.revision 附件二 每次事件的成果：到期未提交"), year.findings(parse("2022-10-21")));
    }

    @Test
    void a_revision_after_its_deadline_leaves_the_drill_unanswered() {
        document("plan-revision", "2022-07-16", "submitted", june);
        assertEquals(List.of("2022-06-15 drill.revision 附件二 每次事件的成果：到期未提交"), year.findings(parse("2022-08-01")));
    }
}
