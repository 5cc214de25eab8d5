package org.lvyue.reports.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a PDF depend only on its content. The exporter stamps three things that change from run to
 * run: the creation and modification time in the document information (in the JVM's time zone),
 * a random six-letter tag on each embedded font subset ({@code BDNCCP+NotoSansSC-Regular}), and the
 * file identifier in the trailer. The times become midnight of the report's data day in Beijing
 * time, the tags {@code AAAAAA+}, {@code AAAAAB+}... in order of appearance, and the identifier a
 * digest of everything else. A date may change length (a JVM in UTC writes {@code Z}, one in Beijing
 * {@code +08'00'}), so the cross-reference offsets after it are moved by the difference. It needs a
 * classic cross-reference table and the font dictionaries in plain objects, not in compressed
 * object streams: the renderer exports without full compression (page contents stay compressed).
 */
final class PdfNormalizer {
    private static final Pattern DATE = Pattern.compile("/(?:CreationDate|ModDate)\\s*\\((D:[^)]*)\\)");
    private static final Pattern SUBSET_TAG = Pattern.compile("/([A-Z]{6})\\+");
    private static final Pattern XREF_ENTRY = Pattern.compile("(?m)^(\\d{10}) (\\d{5}) ([nf])");
    private static final Pattern START_XREF = Pattern.compile("startxref\\s+(\\d+)");
    private static final Pattern FILE_ID = Pattern.compile("/ID\\s*\\[\\s*<([0-9a-fA-F]+)>\\s*<([0-9a-fA-F]+)>");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private PdfNormalizer() {
    }

    static byte[] normalize(byte[] pdf, LocalDate asOf) {
        byte[] out = replaceDates(pdf, "D:" + asOf.format(DAY) + "000000+08'00'");
        // ISO-8859-1 maps byte i to char i, so string offsets are byte offsets
        String text = new String(out, StandardCharsets.ISO_8859_1);
        Map<String, String> tags = new HashMap<>();
        Matcher tag = SUBSET_TAG.matcher(text);
        while (tag.find()) {
            String stable = tags.computeIfAbsent(tag.group(1), t -> subsetTag(tags.size()));
            write(out, tag.start(1), tag.end(1), stable);
        }
        Matcher id = FILE_ID.matcher(text);
        if (id.find()) {
            fill(out, id.start(1), id.end(1));
            fill(out, id.start(2), id.end(2));
            String hex = HexFormat.of().formatHex(sha256(out));
            write(out, id.start(1), id.end(1), hex);
            write(out, id.start(2), id.end(2), hex);
        }
        return out;
    }

    /** Replaces the information dates and moves every cross-reference offset behind them. */
    private static byte[] replaceDates(byte[] pdf, String date) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        Matcher m = DATE.matcher(text);
        List<int[]> shifts = new ArrayList<>(); // {position in the original, cumulative shift after it}
        ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 16);
        int copied = 0;
        int shift = 0;
        while (m.find()) {
            out.write(pdf, copied, m.start(1) - copied);
            out.writeBytes(date.getBytes(StandardCharsets.US_ASCII));
            copied = m.end(1);
            shift += date.length() - (m.end(1) - m.start(1));
            shifts.add(new int[] {m.start(1), shift});
        }
        if (shifts.isEmpty() || shift == 0) {
            out.write(pdf, copied, pdf.length - copied);
            return shifts.isEmpty() ? pdf.clone() : out.toByteArray();
        }
        // the cross-reference table and startxref follow the document information: rewrite their numbers
        String rest = text.substring(copied);
        StringBuilder fixed = new StringBuilder(rest.length());
        Matcher entry = XREF_ENTRY.matcher(rest);
        int at = 0;
        while (entry.find()) {
            fixed.append(rest, at, entry.start(1)).append(String.format("%010d", moved(Long.parseLong(entry.group(1)), shifts)));
            at = entry.end(1);
        }
        fixed.append(rest.substring(at));
        Matcher start = START_XREF.matcher(fixed);
        String result = fixed.toString();
        if (start.find()) {
            result = fixed.substring(0, start.start(1)) + moved(Long.parseLong(start.group(1)), shifts) + fixed.substring(start.end(1));
        }
        out.writeBytes(result.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static long moved(long offset, List<int[]> shifts) {
        long by = 0;
        for (int[] s : shifts) {
            if (offset > s[0]) {
                by = s[1];
            }
        }
        return offset + by;
    }

    /** AAAAAA, AAAAAB, ... */
    private static String subsetTag(int n) {
        char[] tag = new char[6];
        for (int i = 5; i >= 0; i--) {
            tag[i] = (char) ('A' + n % 26);
            n /= 26;
        }
        return new String(tag);
    }

    private static void fill(byte[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = '0';
        }
    }

    private static void write(byte[] out, int from, int to, String hex) {
        for (int i = from; i < to; i++) {
            out[i] = (byte) hex.charAt((i - from) % hex.length());
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
