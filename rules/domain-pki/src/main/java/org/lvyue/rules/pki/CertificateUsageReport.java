package org.lvyue.rules.pki;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.lvyue.api.fact.Fact;
import org.lvyue.api.spi.MonthlyReportSections;
import org.lvyue.api.spi.ReportSection;
import org.osgi.service.component.annotations.Component;

/**
 * Certificate usage (用户证书使用情况, 附件二 4 第2项) at the month's end, counted from the certificates and
 * CRLs this domain reads in. Its facts are this domain's, so it adds the section to the monthly report of
 * the certificate service (domain {@code certificates}) as well as its own, and goes when this bundle goes.
 */
@Component(property = {MonthlyReportSections.DOMAINS + "=pki", MonthlyReportSections.DOMAINS + "=certificates"})
public class CertificateUsageReport implements MonthlyReportSections {
    private static final LocalDate EVER = LocalDate.of(1, 1, 1);

    @Override
    public List<ReportSection> sections(Month m) {
        LocalDate end = m.to();
        List<Fact> certificates = m.facts().of("pki.certificate", EVER, end).stream()
                .filter(f -> !"true".equals(f.attr("ca"))).toList();
        long imported = certificates.stream().filter(f -> !f.getDate().isBefore(m.from())).count();
        long expired = certificates.stream().filter(f -> notAfter(f).isBefore(end.plusDays(1))).count();
        long expiring = certificates.stream().filter(f -> !notAfter(f).isBefore(end.plusDays(1))
                && notAfter(f).isBefore(end.plusDays(31))).count();
        long revoked = m.facts().of("pki.revoked", EVER, end).size();
        long crls = m.facts().of("pki.crl", m.from(), end).size();
        Map<String, String> usage = new LinkedHashMap<>();
        usage.put("在管用户与服务器证书", certificates.size() + " 张");
        usage.put("本月导入", imported + " 张");
        usage.put("月末已过期", expired + " 张");
        usage.put("30 天内到期", expiring + " 张");
        usage.put("黑名单（CRL）吊销条目", revoked + " 条");
        usage.put("本月 CRL 更新", crls + " 次");
        Map<String, Long> byAlgorithm = new TreeMap<>(certificates.stream().collect(Collectors.groupingBy(
                f -> f.attr("keyAlgorithm") + " " + f.attr("keyBits") + " / " + f.attr("signatureAlgorithm"), Collectors.counting())));
        List<List<String>> rows = new ArrayList<>();
        byAlgorithm.forEach((k, n) -> rows.add(ReportSection.row(k, n + " 张")));
        return List.of(ReportSection.keyValue("用户证书使用情况", "截至 " + end + "，来自导入与采集的 X.509 证书。", usage),
                ReportSection.table("证书算法分布", null, List.of("密钥 / 签名算法", "数量"), rows));
    }

    private static LocalDate notAfter(Fact certificate) {
        String v = certificate.attr("notAfter");
        return v == null || v.length() < 10 ? LocalDate.MAX : LocalDate.parse(v.substring(0, 10));
    }
}
