package org.lvyue.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.karaf.shell.support.table.ShellTable;

/**
 * A Karaf {@link ShellTable} whose columns still line up when cells hold Chinese.
 *
 * <p>ShellTable pads every cell to the longest one by {@link String#length()}, but a terminal shows
 * a Chinese character two columns wide. So every column but the last is padded here first, to one
 * common length <em>and</em> one common display width: a cell with fewer wide characters than the
 * column's widest gets ideographic spaces (U+3000, one char, two columns) for the difference, then
 * ordinary spaces. ShellTable then sees equal lengths and adds nothing. The header's rule is drawn
 * the same way (ASCII hyphens, fullwidth hyphens for the wide part).
 *
 * <p>Unformatted ({@code --no-format}, as Karaf's own list commands offer), the cells are printed raw,
 * tab-separated, without a header.
 */
final class Table {
    private static final char IDEOGRAPHIC_SPACE = '\u3000';
    private static final char FULLWIDTH_HYPHEN = '\uFF0D';

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

    /** Adds a row; null cells print empty, other values as {@link String#valueOf(Object)}, line breaks as spaces. */
    Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + Arrays.toString(cells));
        }
        List<String> row = new ArrayList<>(cells.length);
        for (Object cell : cells) {
            row.add(cell == null ? "" : String.valueOf(cell).replaceAll("\\s*[\\r\\n]+\\s*", " ").strip());
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
            // ShellTable would pad the cells even here; scripts want the values alone
            rows.forEach(r -> out.println(String.join("\t", r)));
            return;
        }
        ShellTable table = new ShellTable().noHeaders();
        for (int c = 0; c < headers.size(); c++) {
            table.column(headers.get(c));
        }
        List<List<String>> lines = new ArrayList<>();
        if (showHeaders) {
            lines.add(headers);
        }
        lines.addAll(rows);
        int columns = headers.size();
        List<List<String>> padded = new ArrayList<>();
        lines.forEach(l -> padded.add(new ArrayList<>(l)));
        List<String> rule = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            boolean last = c == columns - 1;
            int excess = 0; // the most columns any cell shows beyond its length
            int length = 0; // the common length all cells are padded to
            for (List<String> l : lines) {
                excess = Math.max(excess, width(l.get(c)) - l.get(c).length());
            }
            for (List<String> l : lines) {
                String s = l.get(c);
                length = Math.max(length, s.length() + excess - (width(s) - s.length()));
            }
            for (List<String> l : padded) {
                String s = l.get(c);
                if (last && !right[c]) {
                    continue; // nothing follows: no padding, no trailing blanks
                }
                int wide = excess - (width(s) - s.length());
                String fill = String.valueOf(IDEOGRAPHIC_SPACE).repeat(wide) + " ".repeat(length - s.length() - wide);
                l.set(c, right[c] ? fill + s : s + fill);
            }
            if (last && !right[c]) {
                int widest = 0;
                for (List<String> l : lines) {
                    widest = Math.max(widest, width(l.get(c)));
                }
                rule.add("-".repeat(widest));
            } else {
                rule.add("-".repeat(length - excess) + String.valueOf(FULLWIDTH_HYPHEN).repeat(excess));
            }
        }
        for (int i = 0; i < padded.size(); i++) {
            table.addRow().addContent(new ArrayList<Object>(padded.get(i)));
            if (i == 0 && showHeaders) {
                table.addRow().addContent(new ArrayList<Object>(rule));
            }
        }
        table.print(out, true);
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
