package org.lvyue.reports.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.lvyue.api.assessment.MonthlyAttainment;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.service.FactQueries;

/**
 * The parts of a monthly report that 附件二 asks of particular domains: the support SLA and its
 * tickets (技术支持), certificate usage (用户证书使用情况), key usage (密钥使用情况). Figures are
 * counted from the month's facts; violations stay with the rules.
 */
final class DomainSections {
    private static final int TICKET_ROWS = 200;

    private DomainSections() {
    }

    static List<Section> of(FactQueries service, String contractId, String domain, MonthlyAttainment m) {
        return switch (domain) {
            case "support" -> support(service, contractId, m);
            case "pki", "certificates" -> certificates(service, contractId, m);
            case "key-management" -> keys(service, contractId, m);
            default -> List.of();
        };
    }

    private static List<Section> support(FactQueries service, String contractId, MonthlyAttainment m) {
        Map<String, String> sla = new LinkedHashMap<>();
        sla.put("受理工单", String.valueOf(m.support().requests()));
        sla.put("电话响应超时（1 小时）", String.valueOf(m.support().phoneLate()));
        sla.put("现场响应超时（2 小时，郊区 4 小时）", String.valueOf(m.support().onsiteLate()));
        sla.put("全部目标达成率", m.support().attainment() + "%");
        List<Fact> requests = service.facts(contractId, "support.request", m.from(), m.to());
        Map<String, Fact> contact = first(service.facts(contractId, "support.contact", m.from(), m.to().plusDays(1)));
        Map<String, Fact> onsite = first(service.facts(contractId, "support.onsite", m.from(), m.to().plusDays(1)));
        List<Map<String, ?>> rows = new ArrayList<>();
        for (Fact r : requests.stream().limit(TICKET_ROWS).toList()) {
            Fact c = contact.get(r.getSubject());
            Fact o = onsite.get(r.getSubject());
            rows.add(Sections.tableRow(r.getSubject(), r.attr("site"), time(r),
                    c == null ? "无记录" : time(c) + "（" + minutes(r, c) + "）",
                    o == null ? (c != null && "resolved".equals(c.getStatus()) ? "电话解决" : "无记录") : time(o) + "（" + minutes(r, o) + "）"));
        }
        String note = requests.size() > TICKET_ROWS ? "本月 " + requests.size() + " 张，列出前 " + TICKET_ROWS + " 张；全部见 REST 接口。"
                : requests.isEmpty() ? "本月没有技术支持工单。" : "本月全部工单，括号内为距受理的时长。";
        return List.of(Sections.keyValue("技术支持服务响应", "附件三 x.x.6：7x24 小时服务。", sla),
                Sections.table("技术支持工单明细", note, new String[] {"工单", "站点", "受理时间", "电话响应", "现场到达"}, rows));
    }

    private static List<Section> certificates(FactQueries service, String contractId, MonthlyAttainment m) {
        LocalDate end = m.to();
        List<Fact> certificates = service.facts(contractId, "pki.certificate", LocalDate.of(1, 1, 1), end).stream()
                .filter(f -> !"true".equals(f.attr("ca"))).toList();
        long imported = certificates.stream().filter(f -> !f.getDate().isBefore(m.from())).count();
        long expired = certificates.stream().filter(f -> notAfter(f).isBefore(end.plusDays(1))).count();
        long expiring = certificates.stream().filter(f -> !notAfter(f).isBefore(end.plusDays(1))
                && notAfter(f).isBefore(end.plusDays(31))).count();
        long revoked = service.facts(contractId, "pki.revoked", LocalDate.of(1, 1, 1), end).size();
        long crls = service.facts(contractId, "pki.crl", m.from(), end).size();
        Map<String, String> usage = new LinkedHashMap<>();
        usage.put("在管用户与服务器证书", certificates.size() + " 张");
        usage.put("本月导入", imported + " 张");
        usage.put("月末已过期", expired + " 张");
        usage.put("30 天内到期", expiring + " 张");
        usage.put("黑名单（CRL）吊销条目", revoked + " 条");
        usage.put("本月 CRL 更新", crls + " 次");
        Map<String, Long> byAlgorithm = new TreeMap<>(certificates.stream().collect(Collectors.groupingBy(
                f -> f.attr("keyAlgorithm") + " " + f.attr("keyBits") + " / " + f.attr("signatureAlgorithm"), Collectors.counting())));
        List<Map<String, ?>> rows = new ArrayList<>();
        byAlgorithm.forEach((k, n) -> rows.add(Sections.tableRow(k, n + " 张", "", "", "")));
        return List.of(Sections.keyValue("用户证书使用情况", "截至 " + end + "，来自导入与采集的 X.509 证书。", usage),
                Sections.table("证书算法分布", null, new String[] {"密钥 / 签名算法", "数量", "", "", ""}, rows));
    }

    private static List<Section> keys(FactQueries service, String contractId, MonthlyAttainment m) {
        LocalDate end = m.to();
        List<Fact> keys = service.facts(contractId, "key.record", LocalDate.of(1, 1, 1), end);
        Map<String, Fact> lastBackup = service.facts(contractId, "key.backup", LocalDate.of(1, 1, 1), end).stream()
                .collect(Collectors.toMap(Fact::getSubject, Function.identity(), (a, b) -> b.getDate().isAfter(a.getDate()) ? b : a));
        List<Map<String, ?>> rows = new ArrayList<>();
        keys.stream().sorted(Comparator.comparing((Fact f) -> String.valueOf(f.attr("system"))).thenComparing(Fact::getSubject))
                .forEach(k -> {
                    Fact b = lastBackup.get(k.getSubject());
                    String retired = k.attr("retiredOn");
                    rows.add(Sections.tableRow(k.attr("system"), k.attr("purpose") + " " + k.attr("algorithm"),
                            k.getSubject() + (retired == null || retired.isBlank() ? "" : "（" + retired + " 停用）"),
                            k.getDate().toString(), b == null ? "无" : b.getDate().toString()));
                });
        return List.of(Sections.table("密钥使用情况",
                keys.isEmpty() ? "尚无密钥记录（key.record）。" : "截至 " + end + " 的各业务系统密钥，最近备份日期。",
                new String[] {"业务系统", "用途 / 算法", "密钥", "生成 / 更新", "最近备份"}, rows));
    }

    private static Map<String, Fact> first(List<Fact> facts) {
        Map<String, Fact> first = new LinkedHashMap<>();
        for (Fact f : facts) {
            first.merge(f.getSubject(), f, (a, b) -> at(b).isBefore(at(a)) ? b : a);
        }
        return first;
    }

    private static LocalDateTime at(Fact f) {
        return f.getTime() != null ? f.getTime() : f.getDate().atStartOfDay();
    }

    private static String time(Fact f) {
        return at(f).toString().replace('T', ' ');
    }

    private static String minutes(Fact from, Fact to) {
        long minutes = java.time.Duration.between(at(from), at(to)).toMinutes();
        return minutes < 60 ? minutes + " 分钟" : minutes / 60 + " 小时 " + minutes % 60 + " 分钟";
    }

    private static LocalDate notAfter(Fact certificate) {
        String v = certificate.attr("notAfter");
        return v == null || v.length() < 10 ? LocalDate.MAX : LocalDate.parse(v.substring(0, 10));
    }
}
