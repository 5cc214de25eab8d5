package org.lvyue.api.spi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A section a domain adds to a formal report, laid out by the report's shared templates: label/value
 * lines, or a table of up to five columns. The report numbers the heading.
 *
 * @param heading the heading, without its number, e.g. {@code 技术支持服务响应}
 * @param note    a line under the heading, or null
 * @param layout  how the rows are laid out
 * @param columns the column headings of a {@link Layout#TABLE} (at most {@value #MAX_COLUMNS}); empty for
 *                {@link Layout#KEY_VALUE}
 * @param rows    the rows, each a list of cells (a cell may be null, shown empty); a key/value row is
 *                [label, value]; a table row shorter than the columns is shown with empty cells
 */
public record ReportSection(String heading, String note, Layout layout, List<String> columns, List<List<String>> rows) {
    /** The widest table the shared template lays out. */
    public static final int MAX_COLUMNS = 5;

    public enum Layout {
        KEY_VALUE, TABLE
    }

    public ReportSection {
        if (heading == null || layout == null) {
            throw new IllegalArgumentException("a report section needs a heading and a layout");
        }
        columns = List.copyOf(columns);
        if (columns.size() > MAX_COLUMNS) {
            throw new IllegalArgumentException("at most " + MAX_COLUMNS + " columns: " + columns);
        }
        List<List<String>> copy = new ArrayList<>();
        for (List<String> row : rows) {
            // cells may be null (an attribute a fact does not carry): List.copyOf would refuse them
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
    }

    /** Label/value lines in the map's order. */
    public static ReportSection keyValue(String heading, String note, Map<String, String> lines) {
        List<List<String>> rows = new ArrayList<>();
        lines.forEach((k, v) -> rows.add(Arrays.asList(k, v)));
        return new ReportSection(heading, note, Layout.KEY_VALUE, List.of(), rows);
    }

    /** A table with these column headings. */
    public static ReportSection table(String heading, String note, List<String> columns, List<List<String>> rows) {
        return new ReportSection(heading, note, Layout.TABLE, columns, rows);
    }

    /** One table row; cells may be null. */
    public static List<String> row(String... cells) {
        return Arrays.asList(cells);
    }
}
