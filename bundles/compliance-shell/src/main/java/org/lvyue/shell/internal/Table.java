package org.lvyue.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table printed the way Karaf's {@code ShellTable} prints one (cells separated by {@code " | "}, the
 * header underlined with {@code "-+-"}), but measured in terminal columns.
 *
 * <p>{@code ShellTable} pads every cell to the longest by {@link String#length()}, while a terminal shows
 * a Chinese character two columns wide, so its columns drift apart on every Chinese cell; and where the
 * output can encode it, it draws its separators with U+2502, which East Asian terminals show two
 * columns wide too. This table counts each East Asian wide or fullwidth character as two columns, pads
 * with plain spaces, and keeps to ASCII for its lines, so the columns line up and a copied cell holds
 * nothing but its text.
 *
 * <p>Unformatted ({@code --no-format}, as Karaf's own list commands offer), the cells are printed raw,
 * tab-separated, without a header, for scripts.
 */
final class Table {
    private final List<String> headers;
    private final boolean[] right;
    private final List<List<String>> rows = new ArrayList<>();
    private boolean showHeaders = true;
    private String emptyText;

    private Table(String... headers) {
        this.headers = List.of(headers);
        this.right = new boolean[headers.length];
    }

    static Table of(String... headers) {
        return new Table(headers);
    }

    /** The given columns (0-based) are aligned right: numbers, amounts. */
    Table alignRight(int... columns) {
        for (int c : columns) {
            right[c] = true;
        }
        return this;
    }

    /** A table of label and value lines: no header row. */
    Table noHeaders() {
        showHeaders = false;
        return this;
    }

    /** What to print instead of an empty table. */
    Table emptyText(String text) {
        emptyText = text;
        return this;
    }

    /** Adds a row; null cells print empty, other values as {@link String#valueOf(Object)}, line breaks and tabs as spaces. */
    Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + Arrays.toString(cells));
        }
        List<String> row = new ArrayList<>(cells.length);
        for (Object cell : cells) {
            row.add(cell == null ? "" : String.valueOf(cell).replaceAll("\\s*[\\r\\n]+\\s*", " ").replace('\t', ' ').strip());
        }
        rows.add(row);
        return this;
    }

    int size() {
        return rows.size();
    }

    void print(PrintStream out, boolean format) {
        if (rows.isEmpty() && emptyText != null) {
            out.println(emptyText);
            return;
        }
        if (!format) {
            rows.forEach(r -> out.println(String.join("\t", r)));
            return;
        }
        int columns = headers.size();
        int[] widths = new int[columns];
        List<List<String>> lines = new ArrayList<>();
        if (showHeaders) {
            lines.add(headers);
        }
        lines.addAll(rows);
        for (List<String> line : lines) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], width(line.get(c)));
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            out.println(line(lines.get(i), widths));
            if (i == 0 && showHeaders) {
                StringBuilder rule = new StringBuilder();
                for (int c = 0; c < columns; c++) {
                    rule.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
                }
                out.println(rule);
            }
        }
    }

    private String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String fill = " ".repeat(widths[c] - width(cell));
            boolean last = c == cells.size() - 1;
            line.append(c == 0 ? "" : " | ").append(right[c] ? fill + cell : last ? cell : cell + fill);
        }
        return line.toString().stripTrailing();
    }

    /** Columns a terminal shows {@code s} in: two for each East Asian wide or fullwidth character. */
    static int width(String s) {
        int width = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            width += wide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return width;
    }

    /** East Asian Wide (W) and Fullwidth (F) ranges of Unicode's EastAsianWidth.txt that Chinese text uses. */
    private static boolean wide(int cp) {
        return cp >= 0x1100 && cp <= 0x115F // Hangul Jamo initials
                || cp >= 0x2E80 && cp <= 0x303E // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
                || cp >= 0x3041 && cp <= 0x33FF // kana, bopomofo, Hangul compatibility, kanbun, CJK strokes, enclosed, compatibility
                || cp >= 0x3400 && cp <= 0x4DBF // CJK extension A
                || cp >= 0x4E00 && cp <= 0x9FFF // CJK unified ideographs
                || cp >= 0xA000 && cp <= 0xA4CF // Yi
                || cp >= 0xAC00 && cp <= 0xD7A3 // Hangul syllables
                || cp >= 0xF900 && cp <= 0xFAFF // CJK compatibility ideographs
                || cp >= 0xFE30 && cp <= 0xFE4F // CJK compatibility forms
                || cp >= 0xFF00 && cp <= 0xFF60 // fullwidth forms
                || cp >= 0xFFE0 && cp <= 0xFFE6 // fullwidth signs
                || cp >= 0x20000 && cp <= 0x3FFFD; // CJK extensions B and later
    }
}
