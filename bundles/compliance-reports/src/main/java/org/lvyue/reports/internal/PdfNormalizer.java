package org.lvyue.reports.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a PDF depend only on its content. The exporter stamps three things that change on every
 * run: the creation and modification time in the document information, a random six-letter tag on
 * each embedded font subset ({@code BDNCCP+NotoSansSC-Regular}), and the file identifier in the
 * trailer. The times become the report's data day (midnight), the tags {@code AAAAAA+},
 * {@code AAAAAB+}... in order of appearance, and the identifier a digest of everything else. All
 * are rewritten in place with the same number of bytes, so every offset of the cross-reference
 * table stays valid. It needs the font dictionaries in plain objects, not in compressed object
 * streams: the renderer exports without full compression (page contents stay compressed).
 */
final class PdfNormalizer {
    private static final Pattern DATE = Pattern.compile("/(?:CreationDate|ModDate)\\s*\\(D:(\\d{14})");
    private static final Pattern FILE_ID = Pattern.compile("/ID\\s*\\[\\s*<([0-9a-fA-F]+)>\\s*<([0-9a-fA-F]+)>");
    private static final Pattern SUBSET_TAG = Pattern.compile("/([A-Z]{6})\\+");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private PdfNormalizer() {
    }

    static byte[] normalize(byte[] pdf, LocalDate asOf) {
        byte[] out = pdf.clone();
        // ISO-8859-1 maps byte i to char i, so string offsets are byte offsets
        String text = new String(out, StandardCharsets.ISO_8859_1);
        byte[] day = (asOf.format(DAY) + "000000").getBytes(StandardCharsets.US_ASCII);
        Matcher dates = DATE.matcher(text);
        while (dates.find()) {
            System.arraycopy(day, 0, out, dates.start(1), day.length);
        }
        java.util.Map<String, String> tags = new java.util.HashMap<>();
        Matcher tag = SUBSET_TAG.matcher(text);
        while (tag.find()) {
            String stable = tags.computeIfAbsent(tag.group(1), t -> subsetTag(tags.size()));
            write(out, tag.start(1), tag.end(1), stable);
        }
        Matcher id = FILE_ID.matcher(text);
        if (id.find()) {
            zero(out, id.start(1), id.end(1));
            zero(out, id.start(2), id.end(2));
            String hex = HexFormat.of().formatHex(sha256(out));
            write(out, id.start(1), id.end(1), hex);
            write(out, id.start(2), id.end(2), hex);
        }
        return out;
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

    private static void zero(byte[] out, int from, int to) {
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
