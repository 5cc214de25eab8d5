package org.lvyue.reports.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lvyue.api.assessment.QuarterlyAssessment.DomainLine;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.Interpretation;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.ledger.Ledger;
import org.lvyue.api.ledger.LedgerEntry;
import org.lvyue.api.ledger.Money;
import org.lvyue.api.ledger.Payer;

/** The sections every report is made of, built from the API's records. */
final class Sections {
    /** The label of what the new service provider owes, shown apart from the totals between 甲方 and 乙方. */
    static final String NEW_SUPPLIER_TOTAL = "新服务商应付合计（未豁免，单列，不计入净额）";

    private Sections() {
    }

    /** Label/value lines, in the given order. */
    static Section keyValue(String heading, String note, Map<String, String> lines) {
        List<Map<String, ?>> rows = new ArrayList<>();
        lines.forEach((k, v) -> rows.add(row("label", k, "value", v == null ? "" : v)));
        return new Section(heading, note, Section.Template.KEY_VALUE, rows, Map.of());
    }

    /** Per domain: obligation-periods due, met, missed, waived and the share met. */
    static Section attainment(String heading, String note, List<DomainLine> lines) {
        List<Map<String, ?>> rows = new ArrayList<>();
        int due = 0, met = 0, missed = 0, waived = 0;
        for (DomainLine l : lines) {
            rows.add(attainmentRow(l.title() == null ? l.domain() : l.title(), String.valueOf(l.obligations()), l.due(),
                    l.met(), l.missed(), l.waived()));
            due += l.due();
            met += l.met();
            missed += l.missed();
            waived += l.waived();
        }
        rows.add(attainmentRow("合计", "", due, met, missed, waived));
        return new Section(heading, note, Section.Template.ATTAINMENT, rows,
                Map.of("NAME_HEADER", "服务领域", "COUNT_HEADER", "周期性义务数"));
    }

    private static Map<String, ?> attainmentRow(String name, String count, int due, int met, int missed, int waived) {
        return row("name", name, "count", count, "due", due, "met", met, "missed", missed, "waived", waived,
                "rate", rate(met, due));
    }

    /** {@code 98.4%}, or {@code —} when nothing fell due. */
    static String rate(int met, int due) {
        if (due == 0) {
            return "—";
        }
        return BigDecimal.valueOf(met * 100L).divide(BigDecimal.valueOf(due), 1, java.math.RoundingMode.HALF_UP) + "%";
    }

    /** A stacked bar per domain: met, missed, waived. */
    static Section attainmentChart(String heading, List<DomainLine> lines) {
        List<Map<String, ?>> rows = new ArrayList<>();
        for (DomainLine l : lines) {
            String name = l.title() == null ? l.domain() : l.title();
            rows.add(row("category", name, "series", "已履行", "value", l.met()));
            rows.add(row("category", name, "series", "未履行", "value", l.missed()));
            rows.add(row("category", name, "series", "已豁免", "value", l.waived()));
        }
        return new Section(heading, "横轴为应履行的义务周期数（每日检查一天计一次）。", Section.Template.CHART, rows, Map.of());
    }

    /** Every finding with its clause, gravity, period, text, evidence and status. */
    static Section findings(String heading, List<FindingRecord> records) {
        List<Map<String, ?>> rows = new ArrayList<>();
        int no = 0;
        for (FindingRecord r : records) {
            Finding f = r.finding();
            StringBuilder text = new StringBuilder(f.getTitle());
            if (f.getDetail() != null && !f.getDetail().isBlank()) {
                text.append('\n').append(f.getDetail());
            }
            if (f.getOccurrences() > 1) {
                text.append("\n计 ").append(f.getOccurrences()).append(" 次");
            }
            if (f.getDeadline() != null) {
                text.append("\n期限：").append(f.getDeadline()).append("（").append(f.getDeadlineBasis()).append("）");
            }
            text.append("\n证据：").append(f.getFactIds().isEmpty() ? "（缺少应有的记录）" : String.join("，", f.getFactIds()));
            text.append("\n规则：").append(f.getRuleName());
            if (r.status() != FindingStatus.OPEN) {
                text.append("\n状态：").append(status(r.status()));
            }
            rows.add(row("no", ++no, "clause", f.getClause(), "severity", severity(f), "period", f.getPeriodLabel(),
                    "text", text.toString()));
        }
        String note = records.isEmpty() ? "本期间没有违约事项。" : "共 " + records.size() + " 项，按期间与条款排列；证据为事实编号。";
        return new Section(heading, note, Section.Template.FINDINGS, rows, Map.of());
    }

    /**
     * The contract's own words for each clause the findings cite, in the order they are first cited, as the
     * contract's definition carries them; a clause without a text on record is said to have none.
     */
    static Section clauseTexts(String heading, List<FindingRecord> records,
                               java.util.function.Function<String, java.util.Optional<String>> text) {
        Map<String, String> lines = new LinkedHashMap<>();
        for (FindingRecord r : records) {
            String clause = r.finding().getClause();
            if (clause != null && !clause.isBlank() && !lines.containsKey(clause)) {
                lines.put(clause, text.apply(clause).orElse("（合同定义未载明该条款原文）"));
            }
        }
        return keyValue(heading, "违约事项所引用条款的合同原文，取自合同定义所载的条款原文。", lines);
    }

    static String status(FindingStatus s) {
        return switch (s) {
            case OPEN -> "未解决";
            case WAIVED -> "已豁免";
            case RESOLVED -> "已解决";
        };
    }

    static String severity(Finding f) {
        return f.getSeverity().label();
    }

    /**
     * Ledger lines with their computation, and the totals of exactly those lines: between 甲方 and 乙方,
     * then, when a line is the new service provider's, its total apart, outside the net.
     */
    static Section ledger(String heading, String note, List<Ledger.Line> lines) {
        List<Map<String, ?>> rows = new ArrayList<>();
        BigDecimal supplier = BigDecimal.ZERO.setScale(2);
        BigDecimal client = BigDecimal.ZERO.setScale(2);
        BigDecimal waived = BigDecimal.ZERO.setScale(2);
        BigDecimal newSupplier = BigDecimal.ZERO.setScale(2);
        boolean thirdParty = false;
        for (Ledger.Line line : lines) {
            LedgerEntry e = line.entry();
            StringBuilder computation = new StringBuilder(e.getFormula());
            e.getInputs().forEach((k, v) -> computation.append('\n').append(k).append(" = ").append(v));
            if (!e.getInterpretations().isEmpty()) {
                computation.append("\n解释：").append(String.join("；", e.getInterpretations()));
            }
            if (e.getDeadline() != null) {
                computation.append("\n期限：").append(e.getDeadline()).append("（").append(e.getDeadlineBasis()).append("）");
            }
            if (!e.getFactIds().isEmpty()) {
                computation.append("\n事实：").append(String.join("，", e.getFactIds()));
            }
            StringBuilder item = new StringBuilder(e.getKind()).append("：").append(e.getTitle());
            if (e.getDueOn() != null) {
                item.append("\n应付日 ").append(e.getDueOn());
            }
            thirdParty |= e.getPayer() == Payer.NEW_SUPPLIER;
            if (line.waived()) {
                item.append("\n已豁免（").append(line.waiver().justification()).append("）");
                waived = waived.add(e.getAmount());
            } else {
                switch (e.getPayer()) {
                    case SUPPLIER -> supplier = supplier.add(e.getAmount());
                    case CLIENT -> client = client.add(e.getAmount());
                    case NEW_SUPPLIER -> newSupplier = newSupplier.add(e.getAmount());
                    default -> throw new IllegalStateException("no total for payer " + e.getPayer());
                }
            }
            rows.add(row("clause", e.getClause(), "item", item.toString(), "computation", computation.toString(),
                    "payer", e.getPayer().label(),
                    "amount", (line.waived() ? "（" : "") + Money.yuan(e.getAmount()) + (line.waived() ? "）" : "")));
        }
        rows.add(total("乙方应付合计（未豁免）", supplier));
        rows.add(total("甲方应付合计（未豁免）", client));
        rows.add(total("已豁免合计", waived));
        rows.add(total("净额（乙方应付 − 甲方应付）", supplier.subtract(client)));
        if (thirdParty) {
            rows.add(total(NEW_SUPPLIER_TOTAL + "\n" + Ledger.NEW_SUPPLIER_NOTE, newSupplier));
        }
        return new Section(heading, note, Section.Template.LEDGER, rows, Map.of());
    }

    private static Map<String, ?> total(String label, BigDecimal amount) {
        return row("clause", "", "item", label, "computation", "", "payer", "", "amount", Money.yuan(amount));
    }

    /** The contract's open points and the reading chosen for each. */
    static Section interpretations(String heading, Contract c) {
        List<Map<String, ?>> rows = new ArrayList<>();
        for (Interpretation i : c.interpretations()) {
            rows.add(tableRow(i.id(), i.clause(), i.title(), i.value(), i.isDefault() ? "默认" : "合同指定"));
        }
        return table(heading, "合同未明确之处及本报告采用的解释；金额计算：" + Ledger.ROUNDING,
                new String[] {"解释项", "条款", "问题", "采用", "来源"}, rows);
    }

    /** The rule bundles (domains) whose rules produced the findings and amounts. */
    static Section bundles(String heading, String ruleSet, List<DomainStatus> domains) {
        List<Map<String, ?>> rows = new ArrayList<>();
        domains.stream().sorted(java.util.Comparator.comparing(DomainStatus::symbolicName)).forEach(d ->
                rows.add(tableRow(d.symbolicName(), d.version(), d.title() == null ? d.domain() : d.title(),
                        String.valueOf(d.ruleCount()), d.state().name())));
        return table(heading, ruleSet + "；同一事实、豁免与规则包再次生成，内容逐字节相同。",
                new String[] {"规则包", "版本", "服务领域", "规则数", "状态"}, rows);
    }

    static Section table(String heading, String note, String[] headers, List<Map<String, ?>> rows) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            params.put("H" + (i + 1), i < headers.length ? headers[i] : "");
        }
        return new Section(heading, note, Section.Template.TABLE, rows, params);
    }

    static Map<String, ?> tableRow(String c1, String c2, String c3, String c4, String c5) {
        return row("c1", c1, "c2", c2, "c3", c3, "c4", c4, "c5", c5);
    }

    /** A row from alternating field names and values (values may be null). */
    private static Map<String, ?> row(Object... kv) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            row.put((String) kv[i], kv[i + 1]);
        }
        return row;
    }
}
