package org.lvyue.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TableTest {
    private static String print(Table table, boolean format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), format);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The screen columns at which each separator of a line (" | ", or "-+-" in the header's rule) starts. */
    private static List<Integer> separators(String line) {
        List<Integer> at = new ArrayList<>();
        int column = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.startsWith(" | ", i) || line.startsWith("-+-", i)) {
                at.add(column);
            }
            column += Table.width(line.substring(i, i + 1));
        }
        return at;
    }

    @Test
    @DisplayName("columns line up on screen when cells hold Chinese, which a terminal shows two columns wide")
    void columnsLineUpOnScreenWithChinese() {
        String out = print(Table.of("领域 (domain)", "严重性 (severity)", "数 (n)", "标题 (title)").alignRight(2)
                .row("support", "高 (HIGH)", 3, "电话响应超时")
                .row("general-terms", "提示 (INFO)", 12, "x")
                .row("一般条款", "LOW", 100, "服务不合格"), true);
        List<String> lines = out.lines().toList();
        assertEquals(5, lines.size(), out);
        List<Integer> expected = separators(lines.get(0));
        assertEquals(3, expected.size(), out);
        for (String line : lines) {
            assertEquals(expected, separators(line), "misaligned:\n" + out);
        }
        assertTrue(lines.get(1).matches("-+(-\\+-+)+"), "a rule under the header:\n" + out);
        assertTrue(out.chars().allMatch(ch -> ch < 0x3000 || Character.isIdeographic(ch)), "plain spaces only:\n" + out);
        assertFalse(lines.get(2).endsWith(" "), "no trailing blanks after the last column:\n" + out);
        assertTrue(lines.get(4).contains("服务不合格"));
    }

    @Test
    @DisplayName("without format the cells are raw, tab-separated and without a header, for scripts")
    void unformattedIsRawAndTabSeparated() {
        String out = print(Table.of("领域 (domain)", "数 (n)").row("support", 3).row("一般条款", 12), false);
        assertEquals(List.of("support\t3", "一般条款\t12"), out.lines().map(String::strip).toList());
    }

    @Test
    @DisplayName("an empty table says so instead of printing a bare header")
    void emptyTableSaysSo() {
        assertEquals("没有合同 (no contracts)", print(Table.of("a", "b").emptyText("没有合同 (no contracts)"), true).strip());
    }
}
