package org.lvyue.reports.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvyue.reports.internal.Fixtures.render;
import static org.lvyue.reports.internal.Fixtures.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.lvyue.api.service.FactsDigest;

/** The normalizer on real renderings (what the renderer hands out) and on a tiny synthetic PDF-like text. */
class PdfNormalizerTest {
    private static final Pattern DATE = Pattern.compile("/(CreationDate|ModDate)\\s*\\(D:(\\d{14})");
    private static final Pattern TAG = Pattern.compile("/([A-Z]{6})\\+NotoSansSC");
    private static final Pattern FILE_ID = Pattern.compile("/ID\\s*\\[\\s*<([0-9a-fA-F]+)>\\s*<([0-9a-fA-F]+)>");

    private static FormalReport reportAsOf(LocalDate asOf) {
        FormalReport r = report(List.of(Sections.keyValue("一、概况", null, Map.of("截至", asOf.toString())),
                Sections.findings("二、违约事项", Fixtures.findings(4))));
        return new FormalReport(r.kind(), r.label(), r.title(), r.subtitle(), r.contract(), r.period(), asOf,
                new FactsDigest(asOf, 3, Fixtures.DIGEST), r.ruleSetVersion(), r.ruleBundles(), r.sections());
    }

    private static String latin1(byte[] pdf) {
        return new String(pdf, StandardCharsets.ISO_8859_1);
    }

    @Test
    void theCreationDateIsTheAsOfDayAtMidnight() throws IOException {
        for (LocalDate asOf : List.of(LocalDate.of(2022, 10, 10), LocalDate.of(2023, 3, 15))) {
            byte[] pdf = render(reportAsOf(asOf)).pdf();
            Matcher m = DATE.matcher(latin1(pdf));
            List<String> kinds = new ArrayList<>();
            while (m.find()) {
                kinds.add(m.group(1));
                assertEquals(asOf.toString().replace("-", "") + "000000", m.group(2), m.group());
            }
            assertTrue(kinds.contains("CreationDate"), "no /CreationDate in the document information");
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                Calendar created = doc.getDocumentInformation().getCreationDate();
                assertEquals(asOf.getYear(), created.get(Calendar.YEAR));
                assertEquals(asOf.getMonthValue() - 1, created.get(Calendar.MONTH));
                assertEquals(asOf.getDayOfMonth(), created.get(Calendar.DAY_OF_MONTH));
                assertEquals(0, created.get(Calendar.HOUR_OF_DAY));
                assertEquals(0, created.get(Calendar.MINUTE));
            }
        }
    }

    @Test
    void fontSubsetTagsBecomeAaaaaaAndAaaaabInOrderOfAppearance() {
        Matcher m = TAG.matcher(latin1(render(reportAsOf(Fixtures.AS_OF)).pdf()));
        Set<String> tags = new LinkedHashSet<>();
        while (m.find()) {
            tags.add(m.group(1));
        }
        assertEquals(List.of("AAAAAA", "AAAAAB"), List.copyOf(tags));
    }

    @Test
    void theFileIdentifierIsTheSameAcrossRenderingsAndFollowsTheContent() {
        String first = fileId(render(reportAsOf(Fixtures.AS_OF)).pdf());
        String second = fileId(render(reportAsOf(Fixtures.AS_OF)).pdf());
        assertEquals(first, second);
        assertNotEquals(first, fileId(render(reportAsOf(LocalDate.of(2022, 10, 11))).pdf()), "another day, another document");
    }

    private static String fileId(byte[] pdf) {
        Matcher m = FILE_ID.matcher(latin1(pdf));
        assertTrue(m.find(), "no /ID in the trailer");
        assertEquals(m.group(1), m.group(2), "both halves of /ID");
        assertFalse(m.group(1).matches("0+"));
        return m.group(1);
    }

    @Test
    void theNormalizedPdfOpensAndEveryCrossReferenceOffsetStillPointsAtItsObject() throws IOException {
        byte[] pdf = render(reportAsOf(Fixtures.AS_OF)).pdf();
        String text = latin1(pdf);
        int startxref = text.lastIndexOf("startxref");
        assertTrue(startxref > 0);
        int xref = Integer.parseInt(text.substring(startxref + "startxref".length()).trim().split("\\s+")[0]);
        assertTrue(text.startsWith("xref", xref), "startxref points at the table");
        String[] lines = text.substring(xref, text.indexOf("trailer", xref)).split("\\r?\\n|\\r");
        int checked = 0;
        int object = 0;
        for (int i = 1; i < lines.length; i++) {
            String[] parts = lines[i].trim().split("\\s+");
            if (parts.length == 2) { // a subsection: first object number, count
                object = Integer.parseInt(parts[0]);
                continue;
            }
            if (parts.length == 3 && parts[2].equals("n")) {
                int offset = Integer.parseInt(parts[0]);
                int generation = Integer.parseInt(parts[1]);
                assertTrue(text.startsWith(object + " " + generation + " obj", offset),
                        "object " + object + " is not at offset " + offset);
                checked++;
            }
            object++;
        }
        assertTrue(checked > 10, "entries checked: " + checked);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertTrue(doc.getNumberOfPages() >= 1);
        }
    }

    // --- the normalizer alone, on a tiny PDF-like text ---

    private static final String SYNTHETIC = "%PDF-1.4\n"
            + "1 0 obj <</Type/Font/BaseFont/QWERTY+NotoSansSC-Bold>> endobj\n"
            + "2 0 obj <</Type/Font/BaseFont/ZXCVBN+NotoSansSC-Regular>> endobj\n"
            + "3 0 obj <</FontName/QWERTY+NotoSansSC-Bold>> endobj\n"
            + "4 0 obj <</Producer(x)/CreationDate(D:20261124073906+08'00')/ModDate (D:20261124073907Z)>> endobj\n"
            + "trailer <</ID [<0123456789abcdef0123456789abcdef> <fedcba9876543210fedcba9876543210>]>>\n%%EOF\n";

    @Test
    void onASyntheticTextOnlyDatesTagsAndTheIdentifierChange() {
        byte[] in = SYNTHETIC.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = PdfNormalizer.normalize(in, LocalDate.of(2022, 7, 31));
        String withZeroId = SYNTHETIC.replace("QWERTY", "AAAAAA").replace("ZXCVBN", "AAAAAB")
                .replace("D:20261124073906+08'00'", "D:20220731000000+08'00'").replace("D:20261124073907Z", "D:20220731000000+08'00'")
                .replace("0123456789abcdef0123456789abcdef", "0".repeat(32))
                .replace("fedcba9876543210fedcba9876543210", "0".repeat(32));
        String id = Fixtures.sha256(withZeroId.getBytes(StandardCharsets.ISO_8859_1)).substring(0, 32);
        String expected = withZeroId.replace("0".repeat(32), id);
        assertEquals(expected, latin1(out));
    }

    @Test
    void normalizingTwiceChangesNothingAndVolatileDifferencesDisappear() {
        LocalDate day = LocalDate.of(2022, 7, 31);
        byte[] once = PdfNormalizer.normalize(SYNTHETIC.getBytes(StandardCharsets.ISO_8859_1), day);
        assertArrayEquals(once, PdfNormalizer.normalize(once, day));
        String otherRun = SYNTHETIC.replace("QWERTY", "PLMOKN").replace("ZXCVBN", "IJNUHB")
                .replace("20261124073906", "20301231235959").replace("0123456789abcdef", "00000000ffffffff");
        assertArrayEquals(once, PdfNormalizer.normalize(otherRun.getBytes(StandardCharsets.ISO_8859_1), day));
        String otherContent = SYNTHETIC.replace("Producer(x)", "Producer(y)");
        assertFalse(java.util.Arrays.equals(once,
                PdfNormalizer.normalize(otherContent.getBytes(StandardCharsets.ISO_8859_1), day)), "the identifier follows the content");
    }

    @Test
    void aDateOfAnotherLengthMovesTheCrossReferenceOffsetsBehindIt() {
        String body = "%PDF-1.4\n1 0 obj <</CreationDate(D:20261124073906Z)>> endobj\n";
        String second = "2 0 obj <</Type/Catalog>> endobj\n";
        String xrefAt = String.valueOf(body.length() + second.length());
        String pdf = body + second + "xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n"
                + String.format("%010d", body.length()) + " 00000 n \ntrailer <</Size 3>>\nstartxref\n" + xrefAt + "\n%%EOF\n";
        String out = latin1(PdfNormalizer.normalize(pdf.getBytes(StandardCharsets.ISO_8859_1), LocalDate.of(2022, 7, 31)));
        int moved = "+08'00'".length() - "Z".length();
        assertTrue(out.contains("0000000009 00000 n"), "an object before the date keeps its offset: " + out);
        assertTrue(out.contains(String.format("%010d", body.length() + moved) + " 00000 n"), out);
        assertEquals(body.length() + moved, out.indexOf("2 0 obj"));
        assertTrue(out.contains("startxref\n" + (Integer.parseInt(xrefAt) + moved) + "\n"), out);
        assertEquals(Integer.parseInt(xrefAt) + moved, out.indexOf("xref\n0 3"));
    }

    @Test
    void theSameReportIsTheSameFileWhateverTheTimeZoneOfTheJvm() {
        java.util.TimeZone original = java.util.TimeZone.getDefault();
        try {
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
            byte[] utc = render(reportAsOf(Fixtures.AS_OF)).pdf();
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Asia/Shanghai"));
            byte[] beijing = render(reportAsOf(Fixtures.AS_OF)).pdf();
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("America/New_York"));
            byte[] newYork = render(reportAsOf(Fixtures.AS_OF)).pdf();
            assertArrayEquals(utc, beijing);
            assertArrayEquals(utc, newYork);
        } finally {
            java.util.TimeZone.setDefault(original);
        }
    }
}
