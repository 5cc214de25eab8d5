package org.lvyue.reports.internal;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.Party;
import org.lvyue.api.service.FactsDigest;

class PdfProbeTest {
    @Test
    void probe() throws Exception {
        Contract c = new Contract("bj", 1, "安全应用维护服务", "", "BJ-001", new Party("甲方", "北京市人力资源和社会保障局", "x"),
                new Party("乙方", "某科技有限公司", "y"), new BigDecimal("6085700"), LocalDate.of(2022, 1, 1), LocalDate.of(2022, 12, 31),
                LocalDate.of(2021, 12, 20));
        List<Map<String, ?>> rows = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            rows.add(Map.of("no", i + 1, "clause", "附件三 1.1.1(一) 5)", "severity", "高", "period", "2022-07",
                    "text", "每日巡检未执行：身份认证服务器状态检查\n应于每个工作日完成，缺 3 天。\n证据：insp-2022-07-01"));
        }
        List<Map<String, ?>> chart = List.of(Map.of("category", "身份认证", "series", "已履行", "value", 60),
                Map.of("category", "身份认证", "series", "未履行", "value", 3));
        FormalReport r = new FormalReport("quarterly", "2022-Q3", "季度运维服务质量考核报告", "2022 年第三季度", c,
                "2022-07-01 至 2022-09-30", LocalDate.of(2022, 10, 10), new FactsDigest(LocalDate.of(2022, 10, 10), 3, "ab".repeat(32)),
                3, List.of(), List.of(
                        new Section("一、考核结论", null, Section.Template.KEY_VALUE, List.of(Map.of("label", "结论", "value", "合格")), Map.of()),
                        new Section("二、图表", null, Section.Template.CHART, chart, Map.of()),
                        new Section("三、违约事项", "共 80 项", Section.Template.FINDINGS, rows, Map.of())));
        PdfRenderer renderer = new PdfRenderer();
        long t0 = System.nanoTime();
        var a = renderer.render(r, "本报告由履约生成。", "签名说明");
        long t1 = System.nanoTime();
        var b = renderer.render(r, "本报告由履约生成。", "签名说明");
        long t2 = System.nanoTime();
        System.out.println("pages " + a.pages() + " first " + (t1 - t0) / 1_000_000 + " ms, second " + (t2 - t1) / 1_000_000 + " ms");
        Files.write(Path.of("target/a.pdf"), a.pdf());
        Files.write(Path.of("target/b.pdf"), b.pdf());
    }
}
