package org.lvyue.reports.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.lvyue.api.checklist.CheckRecord;
import org.lvyue.api.checklist.Checklist;
import org.lvyue.api.checklist.ChecklistItem;
import org.lvyue.api.checklist.FaultRecord;
import org.lvyue.api.fact.PersonalKind;
import org.lvyue.api.spi.Frequency;

/**
 * The sections of the supplier's own paper, laid out from the checklists the engineers filled in: the 检查运维单 of a
 * service's day, the weekly and monthly record sheets (记录单), and the monthly 巡检报告 of every service. It shows
 * what was recorded, as recorded; it judges nothing (the findings come from the rules).
 */
final class CheckSheets {
    private static final ZoneId BEIJING = PdfRenderer.BEIJING.toZoneId();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    static final String NORMAL = "正常";
    static final String ABNORMAL = "异常";
    static final String NOT_CHECKED = "未检";

    private CheckSheets() {
    }

    /**
     * A person's name as a PDF shows it: masked (张*), since every inspection and fault kind's catalogue marks the
     * inspector and the recipient personal and a PDF leaves the product's access control (README "Personal
     * information"); the whole names stay in the facts, for the roles that need them.
     */
    static String person(String name) {
        return name == null || name.isBlank() ? name : PersonalKind.NAME.mask(name);
    }

    /** One service as the sheets name it. */
    record Service(String domain, String title, String clause) {
        String name() {
            return title == null || title.isBlank() ? domain : title + "（" + domain + "）";
        }
    }

    // ------------------------------------------------------------------ 检查运维单

    /**
     * The 运维单 of one service's day: its items due that day (daily, holiday and special-period items) with the result
     * per system, and the periodic items whose result was recorded that day.
     */
    static List<Section> daily(Service service, LocalDate day, List<ChecklistItem> items) {
        List<Map<String, ?>> rows = new ArrayList<>();
        int due = 0, normal = 0, abnormal = 0;
        Set<String> engineers = new LinkedHashSet<>();
        List<CheckRecord> ofDay = new ArrayList<>();
        for (ChecklistItem item : items) {
            if (everyDay(item)) {
                for (String system : item.systems()) {
                    due++;
                    Optional<CheckRecord> r = standing(item, system, rec -> rec.day().equals(day));
                    r.ifPresent(ofDay::add);
                    if (r.isPresent()) {
                        engineers.add(person(r.get().engineer()));
                        if (r.get().normal()) {
                            normal++;
                        } else {
                            abnormal++;
                        }
                    }
                    rows.add(resultRow(item, system, r.orElse(null), day));
                }
            } else {
                for (CheckRecord r : item.records()) {
                    if (r.supersededBy() == null && r.day().equals(day)) {
                        ofDay.add(r);
                        engineers.add(person(r.engineer()));
                        rows.add(resultRow(item, r.system(), r, day));
                    }
                }
            }
        }
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("服务领域", service.name());
        if (service.clause() != null) {
            summary.put("合同依据", service.clause() + "：每日检查运行情况并生成检查运维单");
        }
        summary.put("检查日期", day + "（" + day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.SIMPLIFIED_CHINESE) + "）");
        summary.put("应检", due == 0 ? "本日没有应检项目" : due + " 项次（检查项目 × 系统）");
        summary.put("已检", (normal + abnormal) + " 项次：正常 " + normal + "，异常 " + abnormal + "；未检 " + (due - normal - abnormal));
        summary.put("巡检工程师", engineers.isEmpty() ? "（本日无记录）" : String.join("、", engineers));
        summary.put("记录时间", span(ofDay));
        return List.of(
                Sections.keyValue("概况", null, summary),
                Sections.table("检查项目与结果", rows.isEmpty() ? "本日没有应检项目，也没有记录。"
                                : "按合同附件三所列检查项目逐项、逐系统列出；时间为系统收到记录的北京时间。",
                        new String[] {"编号 / 频次", "系统", "检查内容", "结果", "巡检人 / 时间"}, rows),
                abnormal("异常项目与故障记录", items, rec -> rec.day().equals(day)));
    }

    // ------------------------------------------------------------------ 记录单

    /**
     * A record sheet of the periodic items ({@code frequencies}) of one service over some days: each item of its
     * period with the result per system.
     *
     * @param lists the checklists of the days covered, oldest first; an item is taken from the last day that lists it
     */
    static List<Section> records(Service service, String what, String period, List<Checklist> lists,
                                 Set<Frequency> frequencies) {
        List<ChecklistItem> items = periodic(service.domain(), lists, frequencies);
        List<Map<String, ?>> rows = new ArrayList<>();
        int due = 0, done = 0;
        Set<String> engineers = new LinkedHashSet<>();
        for (ChecklistItem item : items) {
            StringBuilder results = new StringBuilder();
            StringBuilder who = new StringBuilder();
            for (String system : item.systems()) {
                due++;
                Optional<CheckRecord> r = standing(item, system, rec -> true);
                if (r.isPresent()) {
                    done++;
                    engineers.add(person(r.get().engineer()));
                }
                append(results, (system.isEmpty() ? "" : system + "：") + r.map(rec -> result(rec) + "（" + rec.day() + "）")
                        .orElse(NOT_CHECKED));
                r.ifPresent(rec -> append(who, person(rec.engineer()) + " " + at(rec.recordedAt(), null)));
            }
            rows.add(Sections.tableRow(item.obligationId() + "\n" + item.frequency().label(), item.period(),
                    item.title() + "\n" + item.clause(), results.toString(), who.length() == 0 ? "—" : who.toString()));
        }
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("服务领域", service.name());
        summary.put("记录期间", period);
        summary.put("应做", due == 0 ? "本期间没有" + what + "项目" : due + " 项次（项目 × 系统）");
        summary.put("已做", done + " 项次；未做 " + (due - done));
        summary.put("工程师", engineers.isEmpty() ? "（本期间无记录）" : String.join("、", engineers));
        return List.of(
                Sections.keyValue("概况", null, summary),
                Sections.table(what + "项目与结果", rows.isEmpty() ? "本期间没有" + what + "项目。"
                                : "合同附件三所列" + what + "项目，逐项列出其所属周期内的记录（更正后的结果）。",
                        new String[] {"编号 / 频次", "周期", "维护内容", "结果（日期）", "工程师 / 时间"}, rows),
                abnormal("异常项目与故障记录", items, rec -> true));
    }

    /** The items of the given frequencies of a domain, once per item and period, as the last day that lists them has them. */
    static List<ChecklistItem> periodic(String domain, List<Checklist> lists, Set<Frequency> frequencies) {
        Map<String, ChecklistItem> byPeriod = new LinkedHashMap<>();
        for (Checklist list : lists) {
            for (ChecklistItem item : list.ofDomain(domain)) {
                if (frequencies.contains(item.frequency())) {
                    byPeriod.put(item.obligationId() + "@" + item.period(), item);
                }
            }
        }
        return new ArrayList<>(byPeriod.values());
    }

    // ------------------------------------------------------------------ 巡检报告

    /** One service's month: checks due and done, every-day and periodic, and the abnormal results and faults. */
    record ServiceMonth(Service service, int dailyDue, int dailyDone, int periodicDue, int periodicDone,
                        List<Abnormal> abnormal) {
        int due() {
            return dailyDue + periodicDue;
        }

        int done() {
            return dailyDone + periodicDone;
        }

        long faults() {
            return abnormal.stream().mapToLong(a -> a.record().faults().size()).sum();
        }
    }

    /** An abnormal result of the month and how it was followed up. */
    record Abnormal(ChecklistItem item, CheckRecord record, String resolution) {
    }

    /**
     * A service's month from the checklists of its days ({@code lists}, oldest first, every day of the month up to
     * today): each every-day item counts once per day and system, each periodic item once per period and system.
     */
    static ServiceMonth month(Service service, LocalDate from, LocalDate to, List<Checklist> lists) {
        int dailyDue = 0, dailyDone = 0;
        Map<String, ChecklistItem> periodic = new LinkedHashMap<>();
        Map<String, ChecklistItem> itemOf = new LinkedHashMap<>();
        Map<String, CheckRecord> records = new LinkedHashMap<>();
        for (Checklist list : lists) {
            for (ChecklistItem item : list.ofDomain(service.domain())) {
                if (everyDay(item)) {
                    for (String system : item.systems()) {
                        dailyDue++;
                        if (standing(item, system, r -> r.day().equals(list.day())).isPresent()) {
                            dailyDone++;
                        }
                    }
                } else {
                    periodic.put(item.obligationId() + "@" + item.period(), item);
                }
                for (CheckRecord r : item.records()) {
                    records.put(r.factId(), r); // a later day's view of the same record knows its corrections
                    itemOf.put(r.factId(), item);
                }
            }
        }
        int periodicDue = 0, periodicDone = 0;
        for (ChecklistItem item : periodic.values()) {
            for (String system : item.systems()) {
                periodicDue++;
                if (standing(item, system, r -> true).isPresent()) {
                    periodicDone++;
                }
            }
        }
        List<CheckRecord> month = records.values().stream()
                .filter(r -> !r.day().isBefore(from) && !r.day().isAfter(to))
                .sorted(Comparator.comparing(CheckRecord::day).thenComparing(CheckRecord::recordedAt)
                        .thenComparing(CheckRecord::factId))
                .toList();
        List<Abnormal> abnormal = new ArrayList<>();
        for (CheckRecord r : month) {
            if (!r.normal()) {
                abnormal.add(new Abnormal(itemOf.get(r.factId()), r, resolution(r, records, itemOf, month)));
            }
        }
        return new ServiceMonth(service, dailyDue, dailyDone, periodicDue, periodicDone, abnormal);
    }

    /** How an abnormal result was followed up: its correction, its fault records, the next normal check of the same thing. */
    private static String resolution(CheckRecord r, Map<String, CheckRecord> records, Map<String, ChecklistItem> itemOf,
                                     List<CheckRecord> month) {
        List<String> lines = new ArrayList<>();
        if (r.supersededBy() != null) {
            CheckRecord by = records.get(r.supersededBy());
            lines.add("已更正（记录 " + r.supersededBy() + (by == null ? "" : "：" + result(by)) + "）");
        }
        for (FaultRecord f : r.faults()) {
            lines.add("故障记录 " + f.factId() + "：" + status(f.status()));
        }
        String obligation = itemOf.get(r.factId()).obligationId();
        month.stream().filter(later -> later.normal() && later.supersededBy() == null && later.day().isAfter(r.day())
                        && later.system().equals(r.system()) && itemOf.get(later.factId()).obligationId().equals(obligation))
                .findFirst().ifPresent(later -> lines.add(later.day() + " 复查正常（" + person(later.engineer()) + "）"));
        if (lines.isEmpty()) {
            lines.add("本月未见处理记录");
        }
        return String.join("\n", lines);
    }

    /** The sections of the monthly 巡检报告, after its summary. */
    static List<Section> inspection(List<ServiceMonth> services) {
        List<Map<String, ?>> lines = new ArrayList<>();
        List<Map<String, ?>> abnormal = new ArrayList<>();
        List<Map<String, ?>> faults = new ArrayList<>();
        for (ServiceMonth s : services) {
            lines.add(Sections.tableRow(s.service().name(), s.done() + " / " + s.due(),
                    "日常检查 " + s.dailyDone() + " / " + s.dailyDue() + "；定期检查与维护 " + s.periodicDone() + " / "
                            + s.periodicDue(),
                    Sections.rate(s.done(), s.due()), s.abnormal().size() + " 项次 / " + s.faults() + " 条"));
            for (Abnormal a : s.abnormal()) {
                CheckRecord r = a.record();
                abnormal.add(Sections.tableRow(r.day() + "\n" + s.service().title(),
                        a.item().obligationId() + (r.system().isEmpty() ? "" : "\n" + r.system()),
                        a.item().title() + (r.note() == null || r.note().isBlank() ? "" : "\n异常说明：" + r.note()),
                        person(r.engineer()), a.resolution()));
                for (FaultRecord f : r.faults()) {
                    faults.add(Sections.tableRow(s.service().title() + "\n" + a.item().obligationId()
                                    + (r.system().isEmpty() ? "" : " " + r.system()),
                            f.reportedAt() == null ? "—" : f.reportedAt().format(DAY_TIME), f.description(),
                            f.reportedTo() == null || f.reportedTo().isBlank() ? "—" : person(f.reportedTo()), status(f.status())));
                }
            }
        }
        return List.of(
                Sections.table("各服务巡检情况", "已检 / 应检：日常检查按日、按系统计，定期检查与维护按其周期、按系统计（跨月的周按其所在各月分别列出）。",
                        new String[] {"服务领域", "已检 / 应检", "构成", "完成率", "异常 / 故障记录"}, lines),
                Sections.table("异常检查结果及处理", abnormal.isEmpty() ? "本月没有异常检查结果。"
                                : "共 " + abnormal.size() + " 项次；处理情况依次为更正、故障记录及其状态、此后首次复查正常。",
                        new String[] {"日期 / 服务", "检查项 / 系统", "检查内容", "巡检人", "处理情况"}, abnormal),
                Sections.table("故障记录", faults.isEmpty() ? "本月没有故障记录。" : "共 " + faults.size() + " 条。",
                        new String[] {"服务 / 检查项", "报告时间", "故障描述", "报告对象", "状态"}, faults));
    }

    // ------------------------------------------------------------------ shared

    /** The abnormal results among the records {@code counted}, with their fault records. */
    private static Section abnormal(String heading, List<ChecklistItem> items, Predicate<CheckRecord> counted) {
        List<Map<String, ?>> rows = new ArrayList<>();
        for (ChecklistItem item : items) {
            for (CheckRecord r : item.records()) {
                if (r.supersededBy() != null || r.normal() || !counted.test(r)) {
                    continue;
                }
                StringBuilder faults = new StringBuilder();
                for (FaultRecord f : r.faults()) {
                    append(faults, f.description() + "\n报告对象：" + (f.reportedTo() == null || f.reportedTo().isBlank() ? "—"
                            : person(f.reportedTo())) + "\n报告时间：" + (f.reportedAt() == null ? "—" : f.reportedAt().format(DAY_TIME)));
                }
                String state = r.faults().isEmpty() ? (item.followUpKind() == null ? "—" : "缺少故障记录")
                        : String.join("、", r.faults().stream().map(f -> status(f.status())).distinct().toList());
                rows.add(Sections.tableRow(item.obligationId() + "\n" + item.title(),
                        (r.system().isEmpty() ? "" : r.system() + "\n") + person(r.engineer()) + " " + at(r.recordedAt(), r.day()),
                        faults.length() == 0 ? "（无故障记录）" : faults.toString(),
                        r.note() == null || r.note().isBlank() ? "—" : r.note(), state));
            }
        }
        return Sections.table(heading, rows.isEmpty() ? "没有异常项目。" : "共 " + rows.size() + " 项次。",
                new String[] {"检查项", "系统 / 巡检人", "故障记录", "异常说明", "状态"}, rows);
    }

    private static Map<String, ?> resultRow(ChecklistItem item, String system, CheckRecord r, LocalDate day) {
        String result = r == null ? NOT_CHECKED : result(r) + (r.note() == null || r.note().isBlank() ? "" : "\n备注：" + r.note())
                + (r.supersedes() == null ? "" : "\n（更正记录 " + r.supersedes() + "）");
        return Sections.tableRow(item.obligationId() + "\n" + item.frequency().label(), system.isEmpty() ? "—" : system,
                item.title() + "\n" + item.clause(), result, r == null ? "—" : person(r.engineer()) + "\n" + at(r.recordedAt(), day));
    }

    /** Checked every day it is listed: daily items, and the holiday and special-period items of their days. */
    private static boolean everyDay(ChecklistItem item) {
        return item.frequency() == Frequency.DAILY || item.frequency() == Frequency.PER_EVENT;
    }

    /** The record of a system that stands (not corrected since), among those {@code counted}; the latest if several. */
    private static Optional<CheckRecord> standing(ChecklistItem item, String system, Predicate<CheckRecord> counted) {
        CheckRecord found = null;
        for (CheckRecord r : item.records()) { // oldest first
            if (r.supersededBy() == null && system.equals(r.system()) && counted.test(r)) {
                found = r;
            }
        }
        return Optional.ofNullable(found);
    }

    private static String result(CheckRecord r) {
        return r.normal() ? NORMAL : ABNORMAL;
    }

    static String status(String status) {
        if (status == null) {
            return "—";
        }
        return switch (status) {
            case "reported" -> "已报告，待解决";
            case "resolved" -> "已解决";
            default -> status;
        };
    }

    /** A time of receipt in Beijing: the time alone on the sheet's own day, else the day too. */
    private static String at(Instant when, LocalDate day) {
        if (when == null) {
            return "";
        }
        ZonedDateTime t = when.atZone(BEIJING);
        return t.toLocalDate().equals(day) ? t.format(TIME) : t.format(DAY_TIME);
    }

    private static String span(List<CheckRecord> records) {
        return records.stream().map(CheckRecord::recordedAt).filter(java.util.Objects::nonNull).min(Comparator.naturalOrder())
                .map(first -> DAY_TIME.format(first.atZone(BEIJING)) + " 至 " + DAY_TIME.format(records.stream()
                        .map(CheckRecord::recordedAt).filter(java.util.Objects::nonNull).max(Comparator.naturalOrder())
                        .orElseThrow().atZone(BEIJING)))
                .orElse("—");
    }

    private static void append(StringBuilder b, String line) {
        if (b.length() > 0) {
            b.append('\n');
        }
        b.append(line);
    }
}
