package org.lvyue.rules.obligations;

import static java.time.LocalDate.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.fact.FactKind;
import org.lvyue.api.spi.Frequency;
import org.lvyue.api.spi.Obligation;
import org.lvyue.api.spi.Obligation.Category;

/**
 * What every domain catalogue must satisfy under the standard rules, run by each domain module with
 * its own catalogue: complete records of a month give no finding, and each periodic check or task
 * missed in the month gives exactly one finding, of that obligation. A catalogue with a kind the
 * rules cannot see, or an obligation no record can satisfy, fails here.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class CatalogueUnderStandardRules {
    private static final LocalDate START = parse("2022-03-01");
    private static final LocalDate THROUGH = parse("2022-04-30");
    private static final LocalDate AS_OF = parse("2022-05-01");
    protected DomainMonth month;

    /** The domain id the module's catalogue declares. */
    protected abstract String domain();

    @BeforeEach
    void aCompleteMonth() {
        month = new DomainMonth(Path.of("src/main/resources"), domain(), START);
        month.everythingDoneThrough(THROUGH);
        for (Obligation o : month.catalogue().obligations()) {
            if (o.category() == Category.DELIVERABLE && (o.frequency() == Frequency.MONTHLY || o.frequency() == Frequency.QUARTERLY)) {
                // the reports on March, April and the first quarter (clipped to March), each on its period's last day:
                // in time under any due rule, the soonest being that day (1.6.6 定期安全预警通告, ns.r06)
                List<String[]> periods = o.frequency() == Frequency.MONTHLY
                        ? List.of(new String[]{"2022-03", "2022-03-31"}, new String[]{"2022-04", "2022-04-30"})
                        : List.<String[]>of(new String[]{"2022-Q1", "2022-03-31"});
                for (String[] p : periods) {
                    month.fact(o.evidenceKind(), o.evidenceSubject(), parse(p[1]), "submitted", Map.of("title", o.title(), "period", p[0]));
                }
            }
            if ("holiday".equals(o.trigger())) {
                // 清明 04-03..04-05: before it Sat 04-02 (worked in exchange), after it 04-06; 劳动节 from 04-30: before it 04-29
                for (String day : List.of("2022-04-02", "2022-04-06", "2022-04-29")) {
                    month.record(o.id(), parse(day), o.category() == Category.CHECK ? "normal" : null);
                }
            }
        }
    }

    @AfterEach
    void close() {
        month.close();
    }

    @Test
    void complete_records_of_march_and_april_leave_no_finding() {
        assertEquals(List.of(), month.findings(AS_OF));
    }

    @Test
    void each_periodic_check_or_task_missed_in_march_gives_one_finding_of_that_obligation() {
        List<Obligation> periodic = month.catalogue().obligations().stream()
                .filter(o -> (o.category() == Category.CHECK || o.category() == Category.TASK)
                        && (o.frequency() == Frequency.DAILY || o.frequency() == Frequency.WEEKLY
                            || o.frequency() == Frequency.MONTHLY))
                .toList();
        assertFalse(periodic.isEmpty(), "a domain catalogue without daily, weekly or monthly work");
        for (Obligation o : periodic) {
            // the records of 2022-03-15 (a Tuesday in ISO week 2022-W11) for daily ones; the week's or month's record otherwise
            month.without(f -> o.evidenceSubject().equals(f.getSubject()) && switch (o.frequency()) {
                case DAILY -> f.getDate().equals(parse("2022-03-15"));
                case WEEKLY -> f.getWeek().equals("2022-W11");
                default -> f.getMonth().equals("2022-03");
            });
        }
        List<String> march = month.findings(AS_OF).stream()
                .filter(f -> f.startsWith("2022-03 ") || f.startsWith("2022-W11 ")).toList();
        List<String> expected = periodic.stream().map(o -> switch (o.frequency()) {
            case DAILY -> "2022-03 " + o.id() + " 附件三 每日检查：当月未执行的日子";
            case WEEKLY -> "2022-W11 " + o.id() + " 附件三 每周检查：当周未执行";
            default -> "2022-03 " + o.id() + " 附件三 每月检查：当月未执行";
        }).sorted().toList();
        assertEquals(expected, march);
    }

    /**
     * Every per-event deliverable anchored on an event of the domain (附件三 x.x.2 需求分析 and x.x.4 系统配置:
     * a signed 系统需求可行性分析报告 per requirement, a signed 调整数据单 per configuration change; 附件二 6's
     * incident, warning, launch... reports): an event on Tue 2022-03-15, and the record answering it on its last
     * good day. Those days are counted by hand (March 2022 has no holiday and no exchanged working day):
     * 1 working day → 03-16; 3 → 03-18 (16, 17, 18); 5 → 03-22 (16, 17, 18, 21, 22); 10 → 03-29 (16, 17, 18, 21,
     * 22, 23, 24, 25, 28, 29); on or before the event → 03-15.
     */
    @Test
    void each_per_event_deliverable_is_due_its_offset_after_its_event_and_answered_by_a_record_naming_it() {
        Map<String, LocalDate> lastGoodDay = Map.of("1wd", parse("2022-03-16"), "3wd", parse("2022-03-18"),
                "5wd", parse("2022-03-22"), "10wd", parse("2022-03-29"), "before", parse("2022-03-15"));
        LocalDate event = parse("2022-03-15");
        List<Obligation> anchored = month.catalogue().obligations().stream()
                .filter(o -> o.category() == Category.DELIVERABLE && o.frequency() == Frequency.PER_EVENT
                        && o.due().anchorKind() != null)
                .toList();
        assumeFalse(anchored.isEmpty(), "no per-event deliverable in " + domain());
        Map<String, String> anchorIds = new LinkedHashMap<>();
        List<String> expected = new ArrayList<>();
        for (Obligation o : anchored) {
            String anchor = o.due().anchorKind() + "/" + o.due().anchorSubject();
            if (!anchorIds.containsKey(anchor)) {
                month.fact(o.due().anchorKind(), o.due().anchorSubject(), event, null, Map.of("description", "测试事件"));
                anchorIds.put(anchor, month.lastId());
            }
            expected.add("2022-03-15 " + o.id() + " 附件二 每次事件的成果：到期未提交");
        }
        List<String> lateOnes = new ArrayList<>();
        for (Obligation o : anchored) {
            String key = o.due().before() ? "before" : o.due().offsetDays() + (o.due().workingDays() ? "wd" : "d");
            LocalDate last = lastGoodDay.get(key);
            assertTrue(last != null, o.id() + ": no hand-counted last good day for a due of " + key);
            String line = "2022-03-15 " + o.id() + " 附件二 每次事件的成果：到期未提交";
            assertFalse(month.findings(last).contains(line), o.id() + " found on its last good day " + last);
            lateOnes.addAll(month.findings(last.plusDays(1)).stream().filter(line::equals).toList());
        }
        assertEquals(expected, lateOnes);

        for (Obligation o : anchored) {
            String key = o.due().before() ? "before" : o.due().offsetDays() + (o.due().workingDays() ? "wd" : "d");
            FactKind kind = month.catalogue().factKinds().stream().filter(k -> k.name().equals(o.evidenceKind())).findFirst()
                    .orElseThrow();
            // a kind without statuses (a signed record) carries none: the rules must not need one
            month.fact(o.evidenceKind(), o.evidenceSubject(), lastGoodDay.get(key), kind.statusValues().isEmpty() ? null : "submitted",
                    Map.of("title", o.title(), "event", anchorIds.get(o.due().anchorKind() + "/" + o.due().anchorSubject()),
                            "signedBy", "用户"));
        }
        assertEquals(List.of(), month.findings(parse("2022-04-01")).stream().filter(f -> f.startsWith("2022-03-15 ")).toList());
    }
}
