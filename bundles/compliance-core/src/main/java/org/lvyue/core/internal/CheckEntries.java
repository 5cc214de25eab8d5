package org.lvyue.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lvyue.api.checklist.CheckEntry;
import org.lvyue.api.checklist.CheckRecord;
import org.lvyue.api.checklist.Checklist;
import org.lvyue.api.checklist.ChecklistItem;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.ConflictException;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.spi.Obligation;

/**
 * An engineer's results for a day, checked against that day's checklist and turned into the facts the intake stores:
 * one inspection fact per entry and, after an abnormal result of an item with a follow-up kind, its fault record.
 *
 * <p>Ids: a record's id is made from its item, day and content ({@code chk:<item>:<yyyyMMdd>:<digest>}), its fault
 * record's is the record's with {@code :fault}; so a retry of the same save stores nothing twice (the intake reports
 * duplicates), and a different result for the same item is a different record, which must say which one it corrects.
 */
final class CheckEntries {
    static final String SUPERSEDES = "supersedes";
    static final String INSPECTION = "inspection";
    static final String REPORTED_TO = "reportedTo";
    static final String ABNORMAL = "abnormal";
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;
    /** When a record came in, as a conflict names it. */
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private CheckEntries() {
    }

    /**
     * The facts of a batch, and for each the entry and the field of the entry it came from, to name them when the
     * intake refuses one.
     */
    record Batch(List<Map<String, Object>> facts, List<Integer> entryOf, List<Boolean> isFault) {

        /** The intake's refusal, its problems named by entry and by the entry's fields. */
        InvalidInputException asEntries(InvalidInputException e) {
            List<FactProblem> named = new ArrayList<>();
            for (FactProblem p : e.problems()) {
                if (p.index() < 0 || p.index() >= facts.size()) {
                    named.add(p);
                    continue;
                }
                named.add(new FactProblem(entryOf.get(p.index()), field(p.field(), isFault.get(p.index())), p.reason()));
            }
            return new InvalidInputException(named.isEmpty() ? e.getMessage() : "巡检记录有误：" + named.get(0).reason(), named);
        }

        private static String field(String factField, boolean fault) {
            String f = factField == null ? "" : factField.startsWith("attributes.") ? factField.substring(11) : factField;
            if (fault) {
                return switch (f) {
                    case "time", "date" -> "fault.reportedAt";
                    case "description", REPORTED_TO -> "fault." + f;
                    default -> "fault";
                };
            }
            return switch (f) {
                case "note", "system", SUPERSEDES -> f;
                case "subject", "kind" -> "obligationId";
                case "inspector" -> "engineer";
                default -> f.isEmpty() ? "entries" : f;
            };
        }
    }

    /**
     * What is wrong with the day: missing, outside the contract's service period or, when recording ({@code today}
     * given), after today.
     */
    static List<FactProblem> dayProblems(Contract c, LocalDate day, LocalDate today) {
        if (day == null) {
            return List.of(new FactProblem(-1, "day", "必填：检查日期 yyyy-MM-dd (required)"));
        }
        if (day.isBefore(c.periodStart()) || day.isAfter(c.periodEnd())) {
            return List.of(new FactProblem(-1, "day", "日期 " + day + " 不在合同服务期 " + c.periodStart() + " 至 " + c.periodEnd()
                    + " 内 (outside the contract's service period)"));
        }
        if (today != null && day.isAfter(today)) {
            return List.of(new FactProblem(-1, "day", "日期 " + day + " 晚于今天 " + today + "：不能记录未来的检查 (a day in the future)"));
        }
        return List.of();
    }

    /**
     * The entries as facts, or every problem of every entry ({@link InvalidInputException}, nothing stored).
     *
     * @param obligations the items' obligations by id, as the contract holds them
     * @param latest the latest time a fault may be reported at (now, or the end of a fixed day)
     */
    static Batch of(Checklist list, Map<String, Obligation> obligations, String engineer, List<CheckEntry> entries,
                    LocalDateTime latest, ZoneId zone) {
        List<FactProblem> problems = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        if (engineer == null || engineer.isBlank()) {
            problems.add(new FactProblem(-1, "engineer", "必填：记录人 (required)"));
        }
        if (entries == null || entries.isEmpty()) {
            problems.add(new FactProblem(-1, "entries", "至少需要一条检查结果 (at least one entry)"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.get(0).reason(), problems);
        }
        List<Map<String, Object>> facts = new ArrayList<>();
        List<Integer> entryOf = new ArrayList<>();
        List<Boolean> isFault = new ArrayList<>();
        Map<String, Integer> firstOf = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            CheckEntry e = entries.get(i);
            int before = problems.size();
            if (e == null) {
                problems.add(new FactProblem(i, "entries", "空的检查结果 (empty entry)"));
                continue;
            }
            ChecklistItem item = check(list, engineer, e, i, latest, problems, conflicts, zone);
            if (problems.size() > before || item == null) {
                continue;
            }
            String system = e.system() == null ? "" : e.system().strip();
            Integer twin = firstOf.putIfAbsent(item.obligationId() + "\u0000" + system + "\u0000" + e.supersedes(), i);
            if (twin != null) {
                problems.add(new FactProblem(i, "obligationId", "与第 " + twin + " 条重复：同一检查项和系统在一次保存中只能有一条结果"
                        + " (the same item and system twice)"));
                continue;
            }
            String id = id(list.day(), item.obligationId(), system, engineer, e);
            CheckRecord standing = standingOnTheDay(list.day(), item, system, id);
            if (e.supersedes() == null && standing != null) {
                // the page showed the item still to do (it names no record to correct): someone recorded it since
                conflicts.add("检查项 " + item.obligationId() + (system.isEmpty() ? "" : "（" + system + "）") + " 在 " + list.day()
                        + " 已由 " + who(standing, zone) + " 记录（" + standing.factId() + "），页面显示之后已有变化：请刷新后查看；"
                        + "如需更正，须以新记录注明所更正的记录 (supersedes)，原记录不可修改 (recorded by " + standing.engineer()
                        + " since the page was shown)");
                continue;
            }
            Obligation o = obligations.get(item.obligationId());
            facts.add(inspection(list.day(), o, system, engineer, e, id));
            entryOf.add(i);
            isFault.add(false);
            if (!e.normal() && item.followUpKind() != null) {
                facts.add(fault(list.day(), o, system, e, id));
                entryOf.add(i);
                isFault.add(true);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("巡检记录有误：" + problems.get(0).reason(), problems);
        }
        if (!conflicts.isEmpty()) {
            throw new ConflictException("未保存：" + conflicts.get(0) + (conflicts.size() > 1 ? "；另有 " + (conflicts.size() - 1)
                    + " 项同样已有变化 (" + (conflicts.size() - 1) + " more)" : ""));
        }
        return new Batch(facts, entryOf, isFault);
    }

    /** The item the entry records, after every check of its own fields; null (with a problem) when there is none. */
    private static ChecklistItem check(Checklist list, String engineer, CheckEntry e, int i, LocalDateTime latest,
                                       List<FactProblem> problems, List<String> conflicts, ZoneId zone) {
        if (e.obligationId() == null || e.obligationId().isBlank()) {
            problems.add(new FactProblem(i, "obligationId", "必填：检查项编号 (required)"));
            return null;
        }
        ChecklistItem item = list.items().stream().filter(x -> x.obligationId().equals(e.obligationId())).findFirst().orElse(null);
        if (item == null) {
            problems.add(new FactProblem(i, "obligationId", "检查项 '" + e.obligationId() + "' 在 " + list.day()
                    + " 不到期，或不是本合同的检查项 (not an item due that day)"));
            return null;
        }
        String system = e.system() == null ? "" : e.system().strip();
        if (!item.systems().contains(system)) {
            problems.add(new FactProblem(i, "system", item.systems().equals(List.of(""))
                    ? "合同未为该服务登记系统，system 应为空，而不是 '" + system + "' (the contract names no systems for this service)"
                    : "系统 '" + system + "' 不是该服务的系统；应为：" + String.join("、", item.systems()) + " (unknown system)"));
        }
        if (e.supersedes() != null) {
            CheckRecord corrected = item.records().stream().filter(r -> r.factId().equals(e.supersedes())).findFirst().orElse(null);
            if (corrected == null) {
                problems.add(new FactProblem(i, SUPERSEDES, "记录 '" + e.supersedes() + "' 不是检查项 " + item.obligationId() + " 在 "
                        + item.period() + " 的记录 (not a record of this item)"));
            } else if (corrected.supersededBy() != null
                    && !corrected.supersededBy().equals(id(list.day(), item.obligationId(), system, engineer, e))) {
                // corrected by another record already (not this one, sent again): one standing line, never a fork; the
                // page showed the record standing, so it changed since
                CheckRecord by = item.records().stream().filter(r -> r.factId().equals(corrected.supersededBy())).findFirst()
                        .orElse(null);
                conflicts.add("记录 '" + e.supersedes() + "' 已被 " + (by == null ? "" : who(by, zone) + " 以 ")
                        + corrected.supersededBy() + " 更正，页面显示之后已有变化：请刷新后更正现行的记录 (already corrected"
                        + (by == null ? "" : " by " + by.engineer()) + "; correct the standing record)");
            }
        }
        CheckEntry.FaultEntry fault = e.fault();
        if (e.normal() && fault != null) {
            problems.add(new FactProblem(i, "fault", "结果为正常，不附故障记录 (a normal result has no fault record)"));
        } else if (!e.normal() && item.followUpKind() == null && fault != null) {
            problems.add(new FactProblem(i, "fault", "该检查项没有故障记录类型 (the item has no fault record)"));
        } else if (!e.normal() && item.followUpKind() != null) {
            if (fault == null) {
                problems.add(new FactProblem(i, "fault", "结果为异常，须附故障记录：故障描述、报告对象、报告时间"
                        + " (an abnormal result needs its fault record)"));
            } else {
                if (fault.description() == null || fault.description().isBlank()) {
                    problems.add(new FactProblem(i, "fault.description", "必填：结果为异常，须填写故障描述 (required)"));
                }
                if (fault.reportedAt() != null && fault.reportedAt().toLocalDate().isBefore(list.day())) {
                    problems.add(new FactProblem(i, "fault.reportedAt", "报告时间 " + fault.reportedAt() + " 早于检查日 " + list.day()
                            + " (before the day of the check)"));
                } else if (fault.reportedAt() != null && fault.reportedAt().isAfter(latest)) {
                    problems.add(new FactProblem(i, "fault.reportedAt", "报告时间 " + fault.reportedAt() + " 晚于当前时间"
                            + "：不接受未来的时间 (in the future)"));
                }
            }
        }
        return item;
    }

    /**
     * The standing record (not corrected) of the item and system dated on the day, other than {@code ownId}: a second
     * result for it must say what it corrects. Weekly and monthly items may be checked again on another day.
     */
    private static CheckRecord standingOnTheDay(LocalDate day, ChecklistItem item, String system, String ownId) {
        return item.records().stream().filter(r -> r.supersededBy() == null && r.day().equals(day) && r.system().equals(system)
                && !r.factId().equals(ownId)).findFirst().orElse(null);
    }

    /** Who recorded a record and when the product received it, in the product's zone: {@code engineer 于 2022-02-07 09:41:07}. */
    private static String who(CheckRecord r, ZoneId zone) {
        return r.engineer() + (r.recordedAt() == null ? "" : " 于 " + WHEN.format(r.recordedAt().atZone(zone)));
    }

    /** The record's id: its item, day and a digest of everything it says, so the same save twice is one record. */
    static String id(LocalDate day, String obligationId, String system, String engineer, CheckEntry e) {
        CheckEntry.FaultEntry f = e.fault();
        String content = String.join("\u0000", system, String.valueOf(engineer), e.normal() ? "normal" : ABNORMAL,
                String.valueOf(e.note()), String.valueOf(e.supersedes()), f == null ? "-" : String.valueOf(f.description()),
                f == null ? "-" : String.valueOf(f.reportedTo()), f == null ? "-" : String.valueOf(f.reportedAt()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return "chk:" + obligationId + ":" + COMPACT.format(day) + ":" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException x) {
            throw new IllegalStateException("SHA-256 missing from the JDK", x);
        }
    }

    private static Map<String, Object> inspection(LocalDate day, Obligation o, String system, String engineer,
                                                  CheckEntry e, String id) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("inspector", engineer);
        if (!system.isEmpty()) {
            attrs.put("system", system);
        }
        if (e.note() != null && !e.note().isBlank()) {
            attrs.put("note", e.note().strip());
        }
        if (e.supersedes() != null) {
            attrs.put(SUPERSEDES, e.supersedes());
        }
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("id", id);
        fact.put("kind", o.evidenceKind());
        fact.put("date", day.toString());
        fact.put("subject", DailyChecklists.subjectOf(o));
        fact.put("status", e.normal() ? "normal" : ABNORMAL);
        fact.put("attributes", attrs);
        return fact;
    }

    private static Map<String, Object> fault(LocalDate day, Obligation o, String system, CheckEntry e, String id) {
        CheckEntry.FaultEntry f = e.fault();
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("description", f.description().strip());
        attrs.put(INSPECTION, id);
        if (!system.isEmpty()) {
            attrs.put("system", system);
        }
        if (f.reportedTo() != null && !f.reportedTo().isBlank()) {
            attrs.put(REPORTED_TO, f.reportedTo().strip());
        }
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("id", id + ":fault");
        fact.put("kind", o.followUpKind());
        fact.put("date", (f.reportedAt() == null ? day : f.reportedAt().toLocalDate()).toString());
        if (f.reportedAt() != null) {
            fact.put("time", f.reportedAt().withNano(0).toString());
        }
        fact.put("subject", DailyChecklists.subjectOf(o));
        fact.put("status", "reported");
        fact.put("attributes", attrs);
        return fact;
    }

}
