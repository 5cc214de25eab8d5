package org.lvyue.core.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a contract's plain text into its clauses by the contract's own numbering, with ids in the scheme findings
 * and obligations cite ({@code 一般条款 七.2}, {@code 附件三 1.1.1(一) 5)}):
 *
 * <ul>
 * <li>documents: the 合同书 from its first 条, then 合同一般条款 (一般条款) and each annex from its heading
 *     ({@code 附件二：《服务内容》}, {@code 附件三：…}, {@code 附件四：…});</li>
 * <li>合同书, 一般条款 and the other annexes: 条 {@code 一、} ({@code 一般条款 七}), 款 {@code 1.}
 *     ({@code 一般条款 七.2}), 项 {@code (1)} ({@code 一般条款 六.1(2)}, or {@code 十三(1)} without a 款);</li>
 * <li>附件二: its numbered services ({@code 1 身份认证服务} is {@code 附件二 1}) and each service row of their tables
 *     by its name ({@code 附件二 6 日志分析});</li>
 * <li>附件三: its sections {@code 1.1.1.} ({@code 附件三 1.1.1}), their parts {@code (一)} ({@code 附件三 1.1.1(一)}, also
 *     {@code 附件三 1.1.1 每日} for a 每日/每周/每月/特殊时期 part), and the {@code (1)} and {@code 1)} items of a part or
 *     section ({@code 附件三 1.1.1(一) 5)} and {@code 附件三 1.1.1 每日 5)}).</li>
 * </ul>
 *
 * A clause's text is its heading line and every line up to the next heading of its level or above, blank lines
 * left out; a list item's {@code - } marker, HTML paragraph marks and the table's tabs ({@code  | }) are flattened.
 * Full-width brackets number as ASCII ones do. The first clause of an id wins when the text repeats one.
 */
final class ContractTextSplitter {
    private static final Pattern ANNEX = Pattern.compile("^附件([一二三四五六七八九])\\s*[：:].*");
    private static final Pattern GENERAL_TERMS = Pattern.compile("^(合同)?一般条款$");
    private static final Pattern SPECIAL_TERMS = Pattern.compile("^(合同)?特殊条款$");
    /** A part of an annex-三 section marked by an arrow rather than numbered: {@code ➤ 每日维护}. */
    private static final Pattern MARKED_PART = Pattern.compile("^[➤▶►>]\\s*(每日|每周|每月|特殊时期)\\S*");
    private static final Pattern QUANTITY = Pattern.compile("^\\d+\\s*项$");
    private static final Pattern ARTICLE = Pattern.compile("^([一二三四五六七八九十]+)、\\s*\\S.*");
    private static final Pattern PARAGRAPH = Pattern.compile("^(\\d{1,2})[.．]\\s*\\S.*");
    private static final Pattern ITEM = Pattern.compile("^[(（](\\d{1,2})[)）]\\s*\\S.*");
    private static final Pattern SECTION = Pattern.compile("^(\\d{1,2}(?:\\.\\d{1,2}){0,4})\\.?\\s+([^\\s|][^。；;，,|]{0,40})$");
    private static final Pattern PART = Pattern.compile("^[(（]([一二三四五六七八九十]+)[)）]\\s*(\\S.*)");
    private static final Pattern POINT = Pattern.compile("^(\\d{1,2})[)）]\\s*\\S.*");
    private static final Pattern SERVICE = Pattern.compile("^(\\d{1,2})[.．]?\\s+([^\\s|][^。；;，,|]{0,30})$");
    private static final List<String> PERIODIC = List.of("每日", "每周", "每月", "特殊时期");

    private ContractTextSplitter() {
    }

    /** A line of text; {@code row} the first cell when it begins a table row. */
    record Line(String text, String row) {
    }

    /** A clause being read: its ids (an annex-三 part has two), its level in its document, its lines so far. */
    private record Open(List<String> ids, int level, String label, StringBuilder text) {
    }

    /** Clause id to text, in the order of the contract. */
    static Map<String, String> split(String contractText) {
        Map<String, String> out = new LinkedHashMap<>();
        Deque<Open> open = new ArrayDeque<>();
        String document = null; // until the 合同书's first 条
        List<Line> lines = new ArrayList<>();
        for (String raw : contractText.replace("\r\n", "\n").replace('\r', '\n').split("\n")) {
            lines.addAll(normalise(raw));
        }
        for (Line l : lines) {
            String line = l.text();
            Matcher annex = ANNEX.matcher(line);
            String next = annex.matches() ? "附件" + annex.group(1) : GENERAL_TERMS.matcher(line).matches() ? "一般条款"
                    : SPECIAL_TERMS.matcher(line).matches() ? "特殊条款" : null;
            if (next != null) {
                closeAll(open, out);
                document = next;
                continue;
            }
            if (document == null && ARTICLE.matcher(line).matches()) {
                document = "合同书";
            }
            if (document != null) {
                Open heading = heading(document, l, open);
                if (heading != null) {
                    while (!open.isEmpty() && open.peek().level() >= heading.level()) {
                        close(open.pop(), out);
                    }
                    open.push(heading);
                }
            }
            for (Open o : open) {
                o.text().append(o.text().length() == 0 ? "" : "\n").append(line);
            }
        }
        closeAll(open, out);
        return out;
    }

    /** The clause this line begins, or null when it continues the open one. */
    private static Open heading(String document, Line line, Deque<Open> open) {
        return switch (document) {
            case "附件二" -> annexTwo(line.text(), line.row(), open);
            case "附件三" -> annexThree(line.text(), open);
            default -> article(document, line.text(), open);
        };
    }

    private static Open article(String document, String line, Deque<Open> open) {
        Matcher m;
        if ((m = ARTICLE.matcher(line)).matches()) {
            return open(1, m.group(1), List.of(document + " " + m.group(1)));
        }
        Open article = find(open, 1);
        if (article == null) {
            return null;
        }
        if ((m = PARAGRAPH.matcher(line)).matches()) {
            String label = article.label() + "." + m.group(1);
            return open(2, label, List.of(document + " " + label));
        }
        if ((m = ITEM.matcher(line)).matches()) {
            Open paragraph = find(open, 2);
            String label = (paragraph != null ? paragraph.label() : article.label()) + "(" + m.group(1) + ")";
            return open(3, label, List.of(document + " " + label));
        }
        return null;
    }

    private static Open annexTwo(String line, String row, Deque<Open> open) {
        Matcher m = SERVICE.matcher(line);
        if (m.matches() && !line.contains("|")) {
            return open(1, m.group(1), List.of("附件二 " + m.group(1)));
        }
        Open service = find(open, 1);
        if (service != null && row != null) {
            String name = row;
            if (!name.isEmpty() && !name.equals("服务名称") && !name.equals("序号") && !name.chars().allMatch(Character::isDigit)
                    && name.length() <= 30) {
                return open(2, name, List.of("附件二 " + service.label() + " " + name));
            }
        }
        return null;
    }

    private static Open annexThree(String line, Deque<Open> open) {
        Matcher m;
        if ((m = SECTION.matcher(line)).matches()) {
            // a section's own text ends where any other section begins, a subsection too
            return open(1, m.group(1), List.of("附件三 " + m.group(1)));
        }
        Open section = find(open, 1);
        if (section == null) {
            return null;
        }
        if ((m = MARKED_PART.matcher(line)).matches()) {
            return open(10, section.label() + " " + m.group(1), List.of("附件三 " + section.label() + " " + m.group(1)));
        }
        Matcher part = PART.matcher(line);
        if (part.matches()) {
            List<String> ids = new ArrayList<>(List.of("附件三 " + section.label() + "(" + part.group(1) + ")"));
            PERIODIC.stream().filter(p -> part.group(2).startsWith(p)).findFirst()
                    .ifPresent(p -> ids.add("附件三 " + section.label() + " " + p));
            return open(10, section.label() + "(" + part.group(1) + ")", ids);
        }
        Open base = find(open, 10);
        List<String> prefixes = base != null ? base.ids() : section.ids();
        if ((m = ITEM.matcher(line)).matches()) {
            String item = "(" + m.group(1) + ")";
            return open(11, item, prefixes.stream().map(p -> p + " " + item).toList());
        }
        if ((m = POINT.matcher(line)).matches()) {
            String point = m.group(1) + ")";
            return open(12, point, prefixes.stream().map(p -> p + " " + point).toList());
        }
        return null;
    }

    private static Open open(int level, String label, List<String> ids) {
        return new Open(ids, level, label, new StringBuilder());
    }

    private static Open find(Deque<Open> open, int level) {
        return open.stream().filter(o -> o.level() == level).findFirst().orElse(null);
    }

    private static void closeAll(Deque<Open> open, Map<String, String> out) {
        while (!open.isEmpty()) {
            close(open.pop(), out);
        }
    }

    private static void close(Open o, Map<String, String> out) {
        String text = o.text().toString().strip();
        if (!text.isEmpty()) {
            o.ids().forEach(id -> out.putIfAbsent(id, text));
        }
    }

    /**
     * The lines of one line of text as the clause texts hold them: a list marker dropped, and a table row's cells
     * flattened: a row of plain cells as {@code a | b | c}, a row with paragraph marks as one line per paragraph, its
     * quantity cell ({@code 1 项}) left out.
     */
    static List<Line> normalise(String raw) {
        String line = raw.replace('\u3000', ' ').strip();
        if (line.startsWith("- ") || line.startsWith("• ")) {
            line = line.substring(2).strip();
        }
        if (!line.contains("\t")) {
            return line.isEmpty() ? List.of() : List.of(new Line(line.replaceAll(" {2,}", " "), null));
        }
        List<String> cells = new ArrayList<>();
        for (String cell : line.split("\t")) {
            if (!cell.isBlank()) {
                cells.add(cell.strip());
            }
        }
        if (cells.isEmpty()) {
            return List.of();
        }
        if (!line.contains("<p>")) {
            return List.of(new Line(String.join(" | ", cells), cells.get(0)));
        }
        List<Line> out = new ArrayList<>();
        for (String cell : cells) {
            if (QUANTITY.matcher(cell).matches()) {
                continue;
            }
            for (String paragraph : cell.split("</?p>")) {
                if (!paragraph.isBlank()) {
                    out.add(new Line(paragraph.strip(), out.isEmpty() ? cells.get(0) : null));
                }
            }
        }
        return out;
    }
}
