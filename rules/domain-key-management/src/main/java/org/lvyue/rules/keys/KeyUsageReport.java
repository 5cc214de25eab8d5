package org.lvyue.rules.keys;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.lvyue.api.fact.Fact;
import org.lvyue.api.spi.MonthlyReportSections;
import org.lvyue.api.spi.ReportSection;
import org.osgi.service.component.annotations.Component;

/** Key usage (密钥使用情况) in the key-management monthly report: every key by system, with its last backup. */
@Component(property = MonthlyReportSections.DOMAINS + "=key-management")
public class KeyUsageReport implements MonthlyReportSections {
    private static final LocalDate EVER = LocalDate.of(1, 1, 1);

    @Override
    public List<ReportSection> sections(Month m) {
        LocalDate end = m.to();
        List<Fact> keys = m.facts().of("key.record", EVER, end);
        Map<String, Fact> lastBackup = m.facts().of("key.backup", EVER, end).stream()
                .collect(Collectors.toMap(Fact::getSubject, Function.identity(), (a, b) -> b.getDate().isAfter(a.getDate()) ? b : a));
        List<List<String>> rows = new ArrayList<>();
        keys.stream().sorted(Comparator.comparing((Fact f) -> String.valueOf(f.attr("system"))).thenComparing(Fact::getSubject))
                .forEach(k -> {
                    Fact b = lastBackup.get(k.getSubject());
                    String retired = k.attr("retiredOn");
                    rows.add(ReportSection.row(k.attr("system"), k.attr("purpose") + " " + k.attr("algorithm"),
                            k.getSubject() + (retired == null || retired.isBlank() ? "" : "（" + retired + " 停用）"),
                            k.getDate().toString(), b == null ? "无" : b.getDate().toString()));
                });
        return List.of(ReportSection.table("密钥使用情况",
                keys.isEmpty() ? "尚无密钥记录（key.record）。" : "截至 " + end + " 的各业务系统密钥，最近备份日期。",
                List.of("业务系统", "用途 / 算法", "密钥", "生成 / 更新", "最近备份"), rows));
    }
}
