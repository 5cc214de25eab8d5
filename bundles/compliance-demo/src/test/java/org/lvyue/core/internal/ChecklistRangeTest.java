package org.lvyue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.checklist.CheckEntry;
import org.lvyue.api.checklist.CheckRecord;
import org.lvyue.api.checklist.Checklist;
import org.lvyue.api.checklist.ChecklistItem;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.IngestResult;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.demo.DemoOptions;
import org.lvyue.demo.DemoYear;

/**
 * The range read of {@link DailyChecklists#checklists} (the sheets' and the monthly 巡检报告's: one store read per kind
 * for the whole range) against the day-by-day read, on a real H2 store holding three months of the demo year's
 * identity-auth and network-security records (国庆 in October: rest days, the working days around the holiday, a
 * Saturday worked in exchange, the special periods the demo declares), plus an engineer's correction and a fault
 * reported on the next day. Every day's list must be the same, record for record.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ChecklistRangeTest {
    private static final String DEMO = ChecklistHarness.DEMO;
    private static final LocalDate TODAY = LocalDate.of(2023, 3, 1);
    private static final LocalDate FIRST = LocalDate.of(2022, 10, 1);
    private static final LocalDate LAST = LocalDate.of(2022, 10, 31);

    @TempDir
    Path dir;

    private ChecklistHarness core;
    private DailyChecklists checklists;

    @BeforeEach
    void start() {
        core = new ChecklistHarness(dir, TODAY);
        checklists = core.checklists(core.intake);
    }

    @AfterEach
    void stop() {
        core.close();
    }

    /** The demo year's records of the two services (and its special periods) from September through November. */
    private void loadTheDemoAutumn() {
        List<Map<String, Object>> facts = new ArrayList<>();
        // its bulky volumes (requests, certificates, audit events) at 1 %: the checks are not scaled
        for (Map<String, Object> f : DemoYear.generate(DemoOptions.standard().withScale(0.01)).facts()) {
            String kind = (String) f.get("kind");
            LocalDate date = LocalDate.parse(String.valueOf(f.get("date")).substring(0, 10));
            boolean ours = kind.startsWith("identity-auth.") || kind.startsWith("network-security.") || kind.equals("special-period");
            if (ours && !date.isBefore(LocalDate.of(2022, 9, 1)) && !date.isAfter(LocalDate.of(2022, 11, 30))) {
                facts.add(f);
            }
        }
        IngestResult r = core.intake.ingest(DEMO, facts, "demo");
        assertEquals(facts.size(), r.stored(), "the demo's records are stored");
    }

    @Test
    void a_months_lists_read_at_once_are_the_lists_read_day_by_day_record_for_record() {
        loadTheDemoAutumn();
        // an engineer corrects a record of 10-10 as abnormal, its fault reported the next morning
        LocalDate monday = LocalDate.of(2022, 10, 10);
        CheckRecord shown = checklists.checklist(DEMO, monday).items().stream().filter(i -> i.obligationId().equals("ia.d06"))
                .findFirst().orElseThrow().records().stream().filter(r -> r.system().equals("主")).findFirst().orElseThrow();
        checklists.record(DEMO, monday, "engineer", List.of(new CheckEntry("ia.d06", "主", false, "复查发现异常", shown.factId(),
                new CheckEntry.FaultEntry("主系统证书随机数验证服务超时", "甲方信息中心 王工", monday.plusDays(1).atTime(9, 0)))));

        List<Checklist> range = checklists.checklists(DEMO, FIRST, LAST);

        List<Checklist> dayByDay = new ArrayList<>();
        for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
            dayByDay.add(checklists.checklist(DEMO, d));
        }
        assertEquals(31, range.size());
        for (int i = 0; i < dayByDay.size(); i++) {
            assertEquals(dayByDay.get(i), range.get(i), "the list of " + dayByDay.get(i).day());
        }
        // what the comparison covered: records on most items, a correction, a fault reported a day later, rest days
        List<CheckRecord> records = range.stream().flatMap(l -> l.items().stream()).flatMap(i -> i.records().stream()).toList();
        assertTrue(records.size() > 1000, "records compared: " + records.size());
        assertTrue(records.stream().anyMatch(r -> r.supersededBy() != null), "a corrected record");
        assertTrue(records.stream().anyMatch(r -> r.faults().stream().anyMatch(f -> f.reportedAt() != null
                && f.reportedAt().toLocalDate().isAfter(r.day()))), "a fault reported after the day of its check");
        assertTrue(range.stream().anyMatch(l -> l.items().stream().noneMatch(i -> i.frequency() == org.lvyue.api.spi.Frequency.DAILY)),
                "a rest day without daily items");
        assertTrue(range.stream().mapToLong(l -> l.items().stream().filter(ChecklistItem::done).count()).sum() > 0);
    }

    @Test
    void a_range_outside_the_service_period_or_ending_before_it_starts_is_refused_naming_the_field() {
        InvalidInputException outside = assertThrows(InvalidInputException.class,
                () -> checklists.checklists(DEMO, LocalDate.of(2022, 12, 1), LocalDate.of(2023, 1, 31)));
        assertEquals(List.of("to"), outside.problems().stream().map(FactProblem::field).toList());
        assertTrue(outside.problems().get(0).reason().startsWith("日期 2023-01-31 不在合同服务期"), outside.problems()::toString);

        InvalidInputException backwards = assertThrows(InvalidInputException.class, () -> checklists.checklists(DEMO, LAST, FIRST));
        assertEquals("to", backwards.problems().get(0).field());
        assertTrue(backwards.problems().get(0).reason().contains("早于开始日"), backwards.problems()::toString);
    }
}
