package org.lvyue.reports.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvyue.reports.internal.Fixtures.CLIENT;
import static org.lvyue.reports.internal.Fixtures.CONTRACT_NAME;
import static org.lvyue.reports.internal.Fixtures.SUPPLIER;
import static org.lvyue.reports.internal.Fixtures.entry;
import static org.lvyue.reports.internal.Fixtures.findings;
import static org.lvyue.reports.internal.Fixtures.render;
import static org.lvyue.reports.internal.Fixtures.report;
import static org.lvyue.reports.internal.Fixtures.squeeze;
import static org.lvyue.reports.internal.Fixtures.text;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.lvyue.api.assessment.QuarterlyAssessment.DomainLine;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.ledger.Ledger;
import org.lvyue.api.ledger.Payer;
import org.lvyue.api.waiver.Waiver;

/** Real renderings of the shared templates, read back with PDFBox. */
class PdfRendererTest {

    /** A report with every kind of section: key/value, attainment, chart, findings, ledger, table. */
    private static FormalReport fullReport(List<FindingRecord> findings) {
        Map<String, String> verdict = new LinkedHashMap<>();
        verdict.put("考核结论", "不合格");
        verdict.put("违约事项", findings.size() + " 项");
        List<DomainLine> domains = List.of(new DomainLine("identity", "身份认证", 3, 64, 60, 3, 1, List.of()));
        Ledger ledger = Ledger.of(Fixtures.CONTRACT_ID, Fixtures.AS_OF, 7, List.of(), List.of(
                entry("七.2 逾期付款", "p1", Payer.CLIENT, "91285.50", "甲方逾期支付第二期合同款"),
                entry("七.1 服务失误", "s1", Payer.SUPPLIER, "182571.00", "乙方未按时完成季度安全评估")), List.<Waiver>of());
        return report(List.of(
                Sections.keyValue("一、考核结论", null, verdict),
                Sections.attainment("二、各服务领域履约情况", "本季度内已结束的义务周期。", domains),
                Sections.attainmentChart("三、履约情况图", domains),
                Sections.findings("四、违约事项", findings),
                Sections.ledger("五、本季度款项", null, ledger.lines()),
                Sections.interpretations("六、采用的合同解释", Fixtures.contract())));
    }

    @Test
    void chineseOfTheLetterheadFindingsAndLedgerIsExtractableFromThePdf() {
        String text = text(render(fullReport(findings(3))).pdf());
        for (String expected : List.of(CONTRACT_NAME, CLIENT, SUPPLIER, "季度运维服务质量考核报告", "2022年第3季度",
                "甲方（采购人）", "乙方（供应商）", "四、违约事项", "附件三1.1.1(一)5)", "每日巡检未执行：身份认证服务器状态检查（第2项）",
                "证据：insp-2022-07-2", "五、本季度款项", "甲方逾期支付第二期合同款", "乙方未按时完成季度安全评估", "¥182,571.00",
                "¥91,285.50", "乙方应付合计（未豁免）", "latePayment.dayCount=calendar（默认）", "事实摘要")) {
            assertTrue(text.contains(squeeze(expected)), "missing from the PDF text: " + expected);
        }
    }

    @Test
    void everyFontIsAnEmbeddedSubsetOfNotoSansScRegularOrBold() throws IOException {
        Pattern subset = Pattern.compile("[A-Z]{6}\\+NotoSansSC-(Regular|Bold)");
        Set<String> styles = new HashSet<>();
        List<String> fonts = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(render(fullReport(findings(3))).pdf())) {
            for (PDPage page : doc.getPages()) {
                for (PDFont font : allFonts(page.getResources())) {
                    fonts.add(font.getName());
                    assertTrue(font.isEmbedded(), "not embedded: " + font.getName());
                    Matcher m = subset.matcher(font.getName());
                    assertTrue(m.matches(), "not a NotoSansSC subset: " + font.getName());
                    styles.add(m.group(1));
                }
            }
        }
        assertFalse(fonts.isEmpty());
        assertEquals(Set.of("Regular", "Bold"), styles, fonts.toString());
    }

    @Test
    void renderingTheSameReportTwiceGivesByteIdenticalPdfs() {
        PdfRenderer.Rendered first = render(fullReport(findings(5)));
        PdfRenderer.Rendered second = render(fullReport(findings(5)));
        assertArrayEquals(first.pdf(), second.pdf());
        assertEquals(first.pages(), second.pages());
    }

    @Test
    void changingOneFindingsTextChangesTheBytes() {
        List<FindingRecord> changed = new ArrayList<>(findings(5));
        FindingRecord third = changed.get(2);
        changed.set(2, Fixtures.finding(third.finding().getKey(), "identity", third.finding().getClause(),
                third.finding().getSeverity(), third.finding().getPeriodStart(), third.finding().getPeriodEnd(),
                third.finding().getPeriodLabel(), third.finding().getTitle() + "，且未报告", third.finding().getFactIds()));
        byte[] before = render(fullReport(findings(5))).pdf();
        byte[] after = render(fullReport(changed)).pdf();
        assertFalse(Arrays.equals(before, after));
        assertTrue(text(after).contains("且未报告"));
    }

    @Test
    void aLongFindingsListPaginatesWithTheFooterOnEveryPage() throws IOException {
        PdfRenderer.Rendered rendered = render(fullReport(findings(300)));
        try (PDDocument doc = Loader.loadPDF(rendered.pdf())) {
            int pages = doc.getNumberOfPages();
            assertTrue(pages > 5, "pages: " + pages);
            assertEquals(pages, rendered.pages());
            PDFTextStripper stripper = new PDFTextStripper();
            for (int p = 1; p <= pages; p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                String page = squeeze(stripper.getText(doc));
                assertTrue(page.contains("第" + p + "页/共" + pages + "页"), "page " + p + " footer: " + page);
            }
            String all = text(rendered.pdf());
            assertTrue(all.contains(squeeze("（第 300 项）")), "the last finding is rendered");
        }
    }

    @Test
    void anEmptyFindingsSectionSaysThereAreNone() {
        String text = text(render(report(List.of(Sections.findings("一、违约事项", List.of())))).pdf());
        assertTrue(text.contains("本期间没有违约事项"), text);
        assertFalse(text.contains("违约事项、说明与证据"), "no table header without rows");
    }

    @Test
    void thePdfMetadataTitleContainsTheReportTitle() throws IOException {
        try (PDDocument doc = Loader.loadPDF(render(fullReport(findings(1))).pdf())) {
            String title = doc.getDocumentInformation().getTitle();
            assertNotNull(title);
            assertTrue(title.contains("季度运维服务质量考核报告"), title);
            assertTrue(title.contains("2022-Q3"), title);
        }
    }

    @Test
    void theLetterheadShowsTheFactsDigestAndTheDataDay() {
        String text = text(render(report(List.of(Sections.findings("一、违约事项", List.of())))).pdf());
        assertTrue(text.contains(Fixtures.DIGEST), text);
        assertTrue(text.contains(LocalDate.of(2022, 10, 10).toString()), text);
    }

    private static List<PDFont> allFonts(PDResources resources) throws IOException {
        List<PDFont> out = new ArrayList<>();
        collect(resources, out, new HashSet<>());
        return out;
    }

    /** The fonts of a resource dictionary and of the form XObjects it holds (charts draw in forms). */
    private static void collect(PDResources resources, List<PDFont> out, Set<Object> seen) throws IOException {
        if (resources == null || !seen.add(resources.getCOSObject())) {
            return;
        }
        for (COSName name : resources.getFontNames()) {
            out.add(resources.getFont(name));
        }
        for (COSName name : resources.getXObjectNames()) {
            PDXObject x = resources.getXObject(name);
            if (x instanceof PDFormXObject form) {
                collect(form.getResources(), out, seen);
            }
        }
    }
}
