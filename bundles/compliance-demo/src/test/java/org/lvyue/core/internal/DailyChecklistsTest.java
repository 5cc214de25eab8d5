package org.lvyue.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.checklist.CheckEntry;
import org.lvyue.api.checklist.CheckEntry.FaultEntry;
import org.lvyue.api.checklist.CheckRecord;
import org.lvyue.api.checklist.Checklist;
import org.lvyue.api.checklist.ChecklistItem;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.ConflictException;
import org.lvyue.api.service.IngestResult;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.service.NotFoundException;
import org.lvyue.api.spi.Frequency;
import org.lvyue.engine.internal.DroolsEngine;
import org.lvyue.store.JdbcStore;

/**
 * 今日巡检 (the core's room {@link DailyChecklists}) on the real store (an H2 file), the real engine, the standard rules
 * and two shipped catalogues (identity-auth with its daily, weekly, monthly, holiday and special-period items;
 * network-security), over the demo contract. It lives here, beside the demo year, because the standard rules' DRL
 * calls their own classes (Dues, Missed), which only a module depending on the rules jars has: checks.dailyOn=working-days, checks.weeklyInRestWeek=next-working-day, systems 主/备
 * for identity-auth and 互联网/政务外网 for network-security. The product's today is 2022-02-08.
 *
 * <p>Worked example, Monday 2022-02-07, the first working day after 春节 (rest 01-31..02-06; 01-29 and 01-30 worked in
 * exchange), no special period declared:
 * <ul>
 * <li>daily: a working day, so identity-auth's 14 daily items (ia.d01..ia.d13, ia.b01) and network-security's 3
 * (ns.d01..ns.d03), period 2022-02-07;</li>
 * <li>weekly: 2022-W06 (02-07..02-13) has working days: its 5 items (ia.w01..ia.w04, ia.b02); 2022-W05 (01-31..02-06)
 * has none, and read as next-working-day its 5 items are due by the first working day after it, which is 02-07
 * itself: 5 more, period 2022-W05, records from 01-31 through 02-07;</li>
 * <li>monthly: 2022-02, 4 items (ia.m01..ia.m03, ia.b03);</li>
 * <li>holiday: 02-07 is the first working day after 春节 (WorkingCalendar.aroundHoliday), so ia.s02 「重大节假日前后」;</li>
 * <li>special period: none declared, so neither ia.s01 nor ns.s01.</li>
 * </ul>
 * 14 + 3 + 5 + 5 + 4 + 1 = 32 items. The day before, Sunday 02-06, is a rest day in the rest week: no daily and no
 * holiday item, the rest week's 5 weekly items and February's 4 monthly ones: 9.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DailyChecklistsTest {
    private static final String DEMO = "bj-hrss-2022";
    private static final LocalDate TODAY = LocalDate.of(2022, 2, 8);
    private static final LocalDate MONDAY = LocalDate.of(2022, 2, 7);

    @TempDir
    Path dir;

    private ChecklistHarness room;
    private JdbcStore store;
    private DroolsEngine engine;
    private ContractRegistry registry;
    private Intake intake;
    private DailyChecklists checklists;

    @BeforeEach
    void start() {
        room = new ChecklistHarness(dir, TODAY);
        store = room.store;
        engine = room.engine;
        registry = room.registry;
        intake = room.intake;
        checklists = room.checklists(intake);
    }

    @AfterEach
    void stop() {
        room.close();
    }

    /** Items as {@code frequency period → count}, e.g. {@code WEEKLY 2022-W05=5}. */
    private static Map<String, Long> shape(Checklist list) {
        return list.items().stream().collect(Collectors.groupingBy(i -> i.frequency() + " " + i.period(), TreeMap::new,
                Collectors.counting()));
    }

    private static ChecklistItem item(Checklist list, String id) {
        return list.items().stream().filter(i -> i.obligationId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not on the list: " + shape(list)));
    }

    private static CheckEntry normal(String id, String system) {
        return new CheckEntry(id, system, true, null, null, null);
    }

    @Test
    void the_monday_after_the_spring_festival_has_its_daily_items_both_weeks_weekly_items_the_months_and_the_holiday_check() {
        Checklist list = checklists.checklist(DEMO, MONDAY);

        assertEquals(Map.of("DAILY 2022-02-07", 17L, "WEEKLY 2022-W05", 5L, "WEEKLY 2022-W06", 5L, "MONTHLY 2022-02", 4L,
                "PER_EVENT 2022-02-07", 1L), shape(list));
        assertEquals(32, list.items().size());
        assertEquals("ia.s02", list.items().stream().filter(i -> i.frequency() == Frequency.PER_EVENT).findFirst().orElseThrow()
                .obligationId());
        ChecklistItem d05 = item(list, "ia.d05");
        assertEquals("identity-auth", d05.domain());
        assertEquals("附件三 1.1.1(一) 5)", d05.clause());
        assertEquals(List.of("主", "备"), d05.systems());
        assertEquals("identity-auth.fault", d05.followUpKind());
        assertEquals(List.of("互联网", "政务外网"), item(list, "ns.d01").systems());
        assertFalse(d05.done());
        assertEquals(List.of("identity-auth", "network-security"), list.items().stream().map(ChecklistItem::domain).distinct().toList());
    }

    @Test
    void a_rest_day_of_the_rest_week_has_no_daily_item_but_that_weeks_weekly_items_and_the_months() {
        assertEquals(Map.of("WEEKLY 2022-W05", 5L, "MONTHLY 2022-02", 4L), shape(checklists.checklist(DEMO, LocalDate.of(2022, 2, 6))));
    }

    @Test
    void a_declared_special_period_makes_its_checks_due_on_each_of_its_days() {
        intake.ingest(DEMO, List.of(Map.of("id", "sp-1", "kind", "special-period", "date", "2022-02-07",
                "attributes", Map.of("until", "2022-02-08", "name", "测试保障期"))), "admin");

        Checklist monday = checklists.checklist(DEMO, MONDAY);
        assertEquals(List.of("ia.s01", "ia.s02", "ns.s01"), monday.items().stream()
                .filter(i -> i.frequency() == Frequency.PER_EVENT).map(ChecklistItem::obligationId).sorted().toList());
        assertEquals(List.of("ia.s01", "ns.s01"), checklists.checklist(DEMO, TODAY).items().stream()
                .filter(i -> i.frequency() == Frequency.PER_EVENT).map(ChecklistItem::obligationId).sorted().toList());
    }

    @Test
    void a_contract_that_overrides_a_frequency_has_the_item_at_its_own_frequency() {
        // bj-hrss-2022-wl patrols ns.d02 weekly rather than daily
        Checklist list = checklists.checklist("bj-hrss-2022-wl", MONDAY);
        assertEquals(Frequency.WEEKLY, item(list, "ns.d02").frequency());
        assertEquals(Frequency.DAILY, item(list, "ns.d01").frequency());
        assertTrue(list.items().stream().noneMatch(i -> i.domain().equals("identity-auth")), "the contract does not buy it");
    }

    @Test
    void results_are_stored_through_the_intake_and_shown_done_with_who_and_when_and_a_retry_stores_nothing_twice() {
        List<CheckEntry> entries = List.of(normal("ia.d05", "主"), normal("ia.d05", "备"),
                new CheckEntry("ia.w01", "主", true, "全部应用服务器运行正常", null, null));

        IngestResult r = checklists.record(DEMO, MONDAY, "engineer", entries);
        assertEquals(3, r.stored());

        Checklist list = checklists.checklist(DEMO, MONDAY);
        ChecklistItem d05 = item(list, "ia.d05");
        assertTrue(d05.done());
        CheckRecord first = d05.records().get(0);
        assertEquals("engineer", first.engineer());
        assertNotNull(first.recordedAt());
        assertEquals(MONDAY, first.day());
        // the weekly check of 02-07 counts for the rest week and for its own week, as the rules read it
        List<ChecklistItem> w01 = list.items().stream().filter(i -> i.obligationId().equals("ia.w01")).toList();
        assertEquals(List.of("2022-W05", "2022-W06"), w01.stream().map(ChecklistItem::period).toList());
        assertTrue(w01.stream().allMatch(i -> i.records().size() == 1 && "全部应用服务器运行正常".equals(i.records().get(0).note())));
        assertFalse(w01.get(0).done(), "备 not yet checked");

        IngestResult again = checklists.record(DEMO, MONDAY, "engineer", entries);
        assertEquals(0, again.stored());
        assertEquals(3, again.duplicateIds().size());
        assertEquals(3, store.factCount(DEMO));
    }

    @Test
    void an_abnormal_result_is_stored_with_its_fault_record_which_the_list_shows_under_it() {
        LocalDateTime at = MONDAY.atTime(9, 40);
        checklists.record(DEMO, MONDAY, "engineer", List.of(new CheckEntry("ia.d03", "备", false, "黑名单下载失败", null,
                new FaultEntry("备系统黑名单列表下载失败，已重试", "甲方信息中心 王工", at))));

        CheckRecord r = item(checklists.checklist(DEMO, MONDAY), "ia.d03").records().get(0);
        assertFalse(r.normal());
        assertEquals("备", r.system());
        assertEquals(1, r.faults().size());
        assertEquals("备系统黑名单列表下载失败，已重试", r.faults().get(0).description());
        assertEquals("甲方信息中心 王工", r.faults().get(0).reportedTo());
        assertEquals(at, r.faults().get(0).reportedAt());
        assertEquals("reported", r.faults().get(0).status());
    }

    @Test
    void bad_entries_are_refused_each_with_its_index_field_and_reason_in_chinese_and_nothing_is_stored() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> checklists.record(DEMO, MONDAY, "engineer", List.of(
                normal("ia.d05", "主"),                                                     // 0: fine
                new CheckEntry("ia.d06", "主", false, "服务无响应", null, null),             // 1: abnormal without its fault record
                normal("ia.s01", ""),                                                       // 2: no special period: not due
                normal("ia.d07", "丙"),                                                     // 3: no such system
                new CheckEntry("ia.d08", "主", false, null, null, new FaultEntry(" ", null, null)), // 4: no description
                new CheckEntry("ia.d09", "主", true, null, "chk:nothing", null))));        // 5: corrects nothing

        assertEquals(List.of("1 fault", "2 obligationId", "3 system", "4 fault.description", "5 supersedes"),
                e.problems().stream().map(p -> p.index() + " " + p.field()).toList());
        assertTrue(e.problems().stream().allMatch(p -> p.reason().codePointAt(0) > 0x2e80), "Chinese first: " + e.problems());
        assertEquals(0, store.factCount(DEMO));
    }

    @Test
    void a_day_in_the_future_or_outside_the_service_period_is_refused_and_an_unknown_contract_is_not_found() {
        InvalidInputException future = assertThrows(InvalidInputException.class,
                () -> checklists.record(DEMO, TODAY.plusDays(1), "engineer", List.of(normal("ia.d05", "主"))));
        assertEquals(List.of("day"), future.problems().stream().map(FactProblem::field).toList());
        assertTrue(future.problems().get(0).reason().contains("晚于今天"));

        InvalidInputException outside = assertThrows(InvalidInputException.class, () -> checklists.checklist(DEMO, LocalDate.of(2023, 1, 3)));
        assertTrue(outside.problems().get(0).reason().contains("不在合同服务期"));

        assertThrows(NotFoundException.class, () -> checklists.checklist("no-such", MONDAY));
        assertEquals(0, store.factCount(DEMO));
    }

    @Test
    void a_correction_is_a_new_record_that_supersedes_the_standing_one_which_stays_in_the_store() {
        checklists.record(DEMO, MONDAY, "engineer", List.of(new CheckEntry("ia.d01", "主", false, "服务无响应", null,
                new FaultEntry("证书有效期验证服务无响应", "王工", MONDAY.atTime(9, 0)))));
        String wrong = item(checklists.checklist(DEMO, MONDAY), "ia.d01").records().get(0).factId();

        // a save that names no record to correct, from a page that showed the item still to do: it changed since (409)
        ConflictException edit = assertThrows(ConflictException.class,
                () -> checklists.record(DEMO, MONDAY, "engineer", List.of(normal("ia.d01", "主"))));
        assertTrue(edit.getMessage().contains("已由 engineer 于 ") && edit.getMessage().contains(wrong), edit.getMessage());

        checklists.record(DEMO, MONDAY, "engineer", List.of(new CheckEntry("ia.d01", "主", true, "误读监控页面", wrong, null)));
        ChecklistItem d01 = item(checklists.checklist(DEMO, MONDAY), "ia.d01");
        assertEquals(2, d01.records().size());
        CheckRecord old = d01.records().stream().filter(x -> x.factId().equals(wrong)).findFirst().orElseThrow();
        CheckRecord standing = d01.records().stream().filter(x -> !x.factId().equals(wrong)).findFirst().orElseThrow();
        assertEquals(standing.factId(), old.supersededBy());
        assertEquals(wrong, standing.supersedes());
        assertNull(standing.supersededBy());
        assertTrue(standing.normal());

        ConflictException fork = assertThrows(ConflictException.class, () -> checklists.record(DEMO, MONDAY, "engineer",
                List.of(new CheckEntry("ia.d01", "主", true, "另一条更正", wrong, null))));
        assertTrue(fork.getMessage().contains("已被 engineer 于 ") && fork.getMessage().contains(standing.factId()), fork.getMessage());
        assertEquals(2, item(checklists.checklist(DEMO, MONDAY), "ia.d01").records().size(), "nothing stored");
    }
}
