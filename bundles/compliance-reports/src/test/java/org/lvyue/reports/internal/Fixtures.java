package org.lvyue.reports.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.Interpretation;
import org.lvyue.api.contract.Party;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.ledger.LedgerEntry;
import org.lvyue.api.ledger.Payer;
import org.lvyue.api.service.FactsDigest;

/** The contract, findings, ledger entries and reports the report tests share, and PDF reading helpers. */
final class Fixtures {
    static final String CONTRACT_ID = "bj-hrss-2022";
    static final String CONTRACT_NAME = "安全应用维护服务";
    static final String CLIENT = "北京市人力资源和社会保障局";
    static final String SUPPLIER = "北京安维信息技术有限公司";
    static final LocalDate AS_OF = LocalDate.of(2022, 10, 10);
    static final String DIGEST = "3f".repeat(32);

    /** One renderer for all tests of the module: loading the templates is the slow part. */
    static final PdfRenderer RENDERER = new PdfRenderer();

    private Fixtures() {
    }

    static Contract contract() {
        return new Contract(CONTRACT_ID, 1, CONTRACT_NAME, "BJHRSS-2022-017", "BJZC-2022-0815",
                new Party("甲方", CLIENT, "北京市西城区永定门西街5号"), new Party("乙方", SUPPLIER, "北京市海淀区"),
                new BigDecimal("6085700.00"), LocalDate.of(2022, 1, 1), LocalDate.of(2022, 12, 31), LocalDate.of(2021, 12, 20),
                List.of(), List.of(new Interpretation("latePayment.dayCount", "七.2", "逾期天数按日历日还是工作日计", "calendar",
                        "calendar", List.of("calendar", "working"))));
    }

    static FindingRecord finding(String key, String domain, String clause, Severity severity, LocalDate start, LocalDate end,
                                 String label, String title, List<String> factIds) {
        Finding f = Finding.builder().key(key).contractId(CONTRACT_ID).domain(domain).obligation(domain + ".d01")
                .rule(clause + " 规则").clause(clause).severity(severity).period(start, end, label).title(title)
                .detail("应于每个工作日完成。").facts(factIds).build();
        return new FindingRecord(f, FindingStatus.OPEN, Instant.EPOCH, Instant.EPOCH, null, domain, "1.0.0");
    }

    /** {@code n} findings of July 2022, each with its own number in the title. */
    static List<FindingRecord> findings(int n) {
        List<FindingRecord> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(finding("identity/daily/" + i, "identity", "附件三 1.1.1(一) 5)", Severity.HIGH, LocalDate.of(2022, 7, 1),
                    LocalDate.of(2022, 7, 31), "2022-07", "每日巡检未执行：身份认证服务器状态检查（第 " + i + " 项）",
                    List.of("insp-2022-07-" + i)));
        }
        return out;
    }

    static LedgerEntry entry(String rule, String discriminator, Payer payer, String amount, String title) {
        return LedgerEntry.builder().contractId(CONTRACT_ID).rule(rule).discriminator(discriminator).clause("七.2")
                .payer(payer).kind(switch (payer) {
                    case SUPPLIER -> "违约金";
                    case CLIENT -> "逾期付款违约金";
                    case NEW_SUPPLIER -> "服务费";
                }).amount(new BigDecimal(amount))
                .title(title).formula("A × 0.5% × 天数").input("A", "6085700.00").input("天数", 3)
                .interpretations("latePayment.dayCount=calendar（默认）").facts("pay-2022-03").build();
    }

    static DomainStatus bundle(String symbolicName, String version, String domain, String title) {
        return new DomainStatus(symbolicName, version, 1, domain, title, DomainState.ACTIVE, 12, List.of(), Instant.EPOCH);
    }

    static FormalReport report(List<Section> sections) {
        return new FormalReport("quarterly", "2022-Q3", "季度运维服务质量考核报告", "2022 年第 3 季度", contract(),
                "2022-07-01 至 2022-09-30", AS_OF, new FactsDigest(AS_OF, 3, DIGEST), 7,
                List.of(bundle("org.lvyue.domain.identity", "1.0.0", "identity", "身份认证")), sections);
    }

    static PdfRenderer.Rendered render(FormalReport report) {
        return RENDERER.render(report, "本报告由 履约 Lvyue 合规引擎生成。", "电子签名：测试。");
    }

    /** The text of every page, all whitespace removed (line breaks in table cells fall anywhere). */
    static String text(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return squeeze(new PDFTextStripper().getText(doc));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String squeeze(String s) {
        return s.replaceAll("\\s+", "");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
