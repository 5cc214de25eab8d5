package org.lvyue.core.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.spi.Obligation;

/**
 * Facts from the spreadsheets engineers keep: 巡检记录单 (inspection sheets), support tickets and
 * attendance sheets, saved as CSV (UTF-8, header row, Chinese or English column names). Each row
 * becomes one fact in the JSON shape of the API, with a stable id when the sheet has none, so
 * importing a sheet twice stores it once. A problem is reported with its CSV line and column.
 */
final class CsvFacts {
    /** A sheet layout: its columns (header names it accepts, first the Chinese) and how a row becomes a fact. */
    enum Format {
        INSPECTION("巡检记录单"), SUPPORT("技术支持工单"), ATTENDANCE("考勤表");

        final String title;

        Format(String title) {
            this.title = title;
        }

        static Format of(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new InvalidInputException("未知的表格格式：" + name, List.of(new FactProblem(-1, "format",
                        "应为 inspection（巡检记录单）、support（技术支持工单）或 attendance（考勤表）")));
            }
        }
    }

    /** The facts of a sheet, and the CSV line of each (for error reports). */
    record Sheet(List<Map<String, Object>> facts, List<Long> lines) {
    }

    private static final Map<String, String> INSPECTION_COLUMNS = columns(
            "id", "编号", "date", "日期", "item", "检查项", "result", "结果", "inspector", "巡检人", "system", "系统", "note", "备注");
    private static final Map<String, String> SUPPORT_COLUMNS = columns(
            "id", "编号", "ticket", "工单号", "event", "类型", "time", "时间", "site", "地点", "description", "描述",
            "engineer", "工程师", "result", "结果", "requester", "报修人");
    private static final Map<String, String> ATTENDANCE_COLUMNS = columns(
            "id", "编号", "person", "人员编号", "date", "日期", "status", "出勤", "site", "地点");

    static final int MAX_ROWS = 10_000;

    /**
     * Bytes that are not UTF-8 reach here as U+FFFD (the replacing decoder of an ordinary reader), so
     * each cell that has one is named with its line and column; such a sheet is never stored garbled.
     */
    private static final String NOT_UTF8 = "不是 UTF-8 编码，整表未保存：请以 UTF-8 保存（Excel：另存为“CSV UTF-8（逗号分隔）”）";
    private static final String NOT_UTF8_CELL = "含有不是 UTF-8 的字节（显示为 �）：表格可能是 GBK/ANSI 编码，请以 UTF-8 保存";

    private CsvFacts() {
    }

    /** English and Chinese header → the English key. */
    private static Map<String, String> columns(String... pairs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i]);
            m.put(pairs[i + 1], pairs[i]);
        }
        return m;
    }

    /**
     * Reads a sheet; every row problem (missing column, unknown value) is collected, and the sheet is
     * refused whole if there is any.
     *
     * @param obligationById finds the check item a row names (inspection sheets)
     */
    static Sheet read(Format format, Reader csv, Function<String, Optional<Obligation>> obligationById) {
        Parsed parsed = parse(format, csv, obligationById);
        if (!parsed.problems().isEmpty()) {
            throw refused(format, parsed.problems());
        }
        if (parsed.sheet().facts().isEmpty()) {
            throw new InvalidInputException(format.title + "没有数据行", List.of(new FactProblem(-1, "$", "至少需要一行数据")));
        }
        return parsed.sheet();
    }

    /**
     * A sheet read as far as it can be: the facts of the rows without problems, how many data rows
     * there were, and every problem (with its CSV line; an unknown column is a problem of line 1 and
     * leaves every row unread).
     */
    record Parsed(Sheet sheet, int rows, List<FactProblem> problems) {
    }

    /**
     * Reads a sheet without refusing it for its rows' problems (a dry run reports them).
     *
     * @throws InvalidInputException when the text is no readable CSV or has too many rows
     */
    static Parsed parse(Format format, Reader csv, Function<String, Optional<Obligation>> obligationById) {
        Map<String, String> columns = switch (format) {
            case INSPECTION -> INSPECTION_COLUMNS;
            case SUPPORT -> SUPPORT_COLUMNS;
            case ATTENDANCE -> ATTENDANCE_COLUMNS;
        };
        List<FactProblem> problems = new ArrayList<>();
        List<Map<String, Object>> facts = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        int rows = 0;
        long lastLine = 1;
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).build().parse(csv)) {
            Map<String, String> headerKeys = new LinkedHashMap<>();
            for (String h : parser.getHeaderNames()) {
                if (h.indexOf('\uFFFD') >= 0) {
                    throw new InvalidInputException(format.title + NOT_UTF8, List.of(new FactProblem(1, "$", NOT_UTF8_CELL)));
                }
                String key = columns.get(h.replace("\uFEFF", "").trim());
                if (key == null) {
                    problems.add(new FactProblem(1, h, "未知的列；" + format.title + "可用的列：" + allowed(columns)));
                } else {
                    headerKeys.put(h, key);
                }
            }
            boolean headerRefused = !problems.isEmpty();
            for (CSVRecord r : parser) {
                rows++;
                long line = parser.getCurrentLineNumber();
                lastLine = line;
                if (rows > MAX_ROWS) {
                    throw new InvalidInputException(format.title + "一次最多 " + MAX_ROWS + " 行",
                            List.of(new FactProblem((int) line, "$", "请分成多个文件导入")));
                }
                if (headerRefused) {
                    continue;
                }
                Map<String, String> row = new HashMap<>();
                int before = problems.size();
                headerKeys.forEach((h, key) -> {
                    if (r.isMapped(h) && r.isSet(h) && !r.get(h).isBlank()) {
                        String cell = r.get(h);
                        String bad = cell.indexOf('\uFFFD') >= 0 ? NOT_UTF8_CELL : formula(cell);
                        if (bad != null) {
                            problems.add(new FactProblem((int) line, h.replace("\uFEFF", "").trim(), bad));
                        }
                        row.put(key, cell); // read on, so the row's other problems are reported too
                    }
                });
                Map<String, Object> fact = switch (format) {
                    case INSPECTION -> inspection(row, line, obligationById, problems);
                    case SUPPORT -> support(row, line, problems);
                    case ATTENDANCE -> attendance(row, line, problems);
                };
                if (problems.size() == before) {
                    facts.add(fact);
                    lines.add(line);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            if (notUtf8(e)) {
                // a strict decoder fails somewhere in the chunk it decodes: the line is only near it
                long line = rows == 0 ? 1 : lastLine + 1;
                throw new InvalidInputException(format.title + NOT_UTF8, List.of(new FactProblem((int) line, "$", NOT_UTF8_CELL)));
            }
            throw new InvalidInputException("不是可读取的 CSV 表格：" + e.getMessage(),
                    List.of(new FactProblem(-1, "$", "请以 UTF-8 编码、首行为列名的 CSV 保存" + format.title)));
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new InvalidInputException("不是可读取的 CSV 表格：" + e.getMessage(),
                    List.of(new FactProblem(-1, "$", "请以 UTF-8 编码、首行为列名的 CSV 保存" + format.title)));
        }
        return new Parsed(new Sheet(facts, lines), rows, problems);
    }

    private static boolean notUtf8(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.charset.CharacterCodingException) {
                return true;
            }
        }
        return false;
    }

    /** A plain number, which a spreadsheet shows as a number, not a formula: -5, +3.5. */
    private static final java.util.regex.Pattern PLAIN_NUMBER = java.util.regex.Pattern.compile("[+-]\\d+(\\.\\d+)?");

    /**
     * Why a cell is refused as a spreadsheet formula (CSV injection: Excel or WPS run {@code =cmd|...}
     * when someone opens an export of it), or null. A cell starting with = + - or @ is one, unless it
     * is a plain signed number or a lone dash (the usual "none"); leading tabs and line breaks are
     * trimmed before this check, so they cannot hide one.
     */
    static String formula(String cell) {
        if (cell.isEmpty()) {
            return null;
        }
        char c = cell.charAt(0);
        if (c != '=' && c != '+' && c != '-' && c != '@') {
            return null;
        }
        if (cell.equals("-") || PLAIN_NUMBER.matcher(cell).matches()) {
            return null;
        }
        return "以 " + c + " 开头的单元格会被电子表格当作公式执行（CSV 公式注入），不予导入；如确为文字，请在前面加单引号 '（如 '" + c
                + "...）或去掉该字符";
    }

    /**
     * A piece of a generated id: itself when it is already id-safe ASCII, otherwise the first 8 hex
     * digits of its SHA-1 (a system named 主 or a person named in Chinese still gives a stable id).
     */
    static String idPart(String text) {
        if (text.matches("[A-Za-z0-9._:-]+")) {
            return text;
        }
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-1").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InvalidInputException refused(Format format, List<FactProblem> problems) {
        return new InvalidInputException(format.title + "有 " + problems.size() + " 处错误（index 为 CSV 行号），整表未保存", problems);
    }

    private static String allowed(Map<String, String> columns) {
        return String.join("、", columns.keySet().stream().filter(k -> !k.matches("[a-z]+")).sorted().toList());
    }

    private static String need(Map<String, String> row, String key, String column, long line, List<FactProblem> problems) {
        String v = row.get(key);
        if (v == null) {
            problems.add(new FactProblem((int) line, column, "必填"));
        }
        return v;
    }

    private static Map<String, Object> inspection(Map<String, String> row, long line,
                                                  Function<String, Optional<Obligation>> obligationById,
                                                  List<FactProblem> problems) {
        String date = need(row, "date", "日期", line, problems);
        String item = need(row, "item", "检查项", line, problems);
        String result = need(row, "result", "结果", line, problems);
        String inspector = need(row, "inspector", "巡检人", line, problems);
        Optional<Obligation> o = item == null ? Optional.empty() : obligationById.apply(item);
        if (item != null && o.isEmpty()) {
            problems.add(new FactProblem((int) line, "检查项", "没有编号为 '" + item + "' 的检查项（如 ia.d05，见各领域目录）"));
        } else if (o.isPresent() && !onInspectionSheet(o.get())) {
            // a report, a signed record, the people added for a special period...: the sheet has no column for what
            // they need (a period, the event answered, the person), so they come as JSON facts of their own kind
            problems.add(new FactProblem((int) line, "检查项", "'" + item + "' 不是巡检记录单能记录的检查项或周期性工作：其记录为 "
                    + o.get().evidenceKind() + "，请按该事实类型以 JSON 提交"));
            o = Optional.empty();
        }
        String status = result == null ? null : switch (result) {
            case "正常", "normal" -> "normal";
            case "异常", "abnormal" -> "abnormal";
            case "完成", "done" -> null;
            default -> {
                problems.add(new FactProblem((int) line, "结果", "取值 '" + result + "' 不允许，应为 正常、异常（周期性工作为 完成）"));
                yield null;
            }
        };
        if (o.isEmpty() || date == null || inspector == null) {
            return null;
        }
        Map<String, Object> fact = new LinkedHashMap<>();
        String system = row.getOrDefault("system", "");
        fact.put("id", row.getOrDefault("id", "insp-" + date + "-" + idPart(item) + (system.isEmpty() ? "" : "-" + idPart(system))));
        fact.put("kind", o.get().evidenceKind());
        fact.put("subject", o.get().evidenceSubject());
        fact.put("date", date);
        if (status != null && o.get().category() == Obligation.Category.CHECK) {
            fact.put("status", status);
        }
        Map<String, Object> attrs = new LinkedHashMap<>();
        if (o.get().category() == Obligation.Category.CHECK) {
            attrs.put("inspector", inspector);
            if (!system.isEmpty()) {
                attrs.put("system", system);
            }
        }
        if (row.containsKey("note")) {
            attrs.put("note", row.get("note"));
        }
        fact.put("attributes", attrs);
        return fact;
    }

    /**
     * Whether a row of an inspection sheet can record the duty: a check (daily to yearly, or around holidays and on
     * the days of a special period) or a periodic piece of work, both proved by a dated record of their item.
     */
    static boolean onInspectionSheet(Obligation o) {
        return o.category() == Obligation.Category.CHECK && o.due().anchorKind() == null
                || o.category() == Obligation.Category.TASK && o.frequency() != org.lvyue.api.spi.Frequency.PER_EVENT;
    }

    private static Map<String, Object> support(Map<String, String> row, long line, List<FactProblem> problems) {
        String ticket = need(row, "ticket", "工单号", line, problems);
        String event = need(row, "event", "类型", line, problems);
        String time = need(row, "time", "时间", line, problems);
        String kind = event == null ? null : switch (event) {
            case "报修", "request" -> "support.request";
            case "电话联系", "contact" -> "support.contact";
            case "到场", "onsite" -> "support.onsite";
            default -> {
                problems.add(new FactProblem((int) line, "类型", "取值 '" + event + "' 不允许，应为 报修、电话联系、到场"));
                yield null;
            }
        };
        if (ticket == null || kind == null || time == null) {
            return null;
        }
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("id", row.getOrDefault("id", kind + "-" + idPart(ticket)));
        fact.put("kind", kind);
        fact.put("subject", ticket);
        String isoTime = time.replace(' ', 'T');
        fact.put("date", isoTime.length() >= 10 ? isoTime.substring(0, 10) : isoTime);
        fact.put("time", isoTime);
        Map<String, Object> attrs = new LinkedHashMap<>();
        switch (kind) {
            case "support.request" -> {
                attrs.put("site", need(row, "site", "地点", line, problems));
                attrs.put("description", need(row, "description", "描述", line, problems));
                if (row.containsKey("requester")) {
                    attrs.put("requester", row.get("requester"));
                }
            }
            case "support.contact" -> {
                attrs.put("engineer", need(row, "engineer", "工程师", line, problems));
                String result = need(row, "result", "结果", line, problems);
                if (result != null) {
                    switch (result) {
                        case "已解决", "resolved" -> fact.put("status", "resolved");
                        case "需上门", "onsite-needed" -> fact.put("status", "onsite-needed");
                        default -> problems.add(new FactProblem((int) line, "结果", "取值 '" + result + "' 不允许，应为 已解决、需上门"));
                    }
                }
            }
            default -> attrs.put("engineer", need(row, "engineer", "工程师", line, problems));
        }
        fact.put("attributes", attrs);
        return fact;
    }

    private static Map<String, Object> attendance(Map<String, String> row, long line, List<FactProblem> problems) {
        String person = need(row, "person", "人员编号", line, problems);
        String date = need(row, "date", "日期", line, problems);
        String status = need(row, "status", "出勤", line, problems);
        String site = need(row, "site", "地点", line, problems);
        String s = status == null ? null : switch (status) {
            case "出勤", "present" -> "present";
            case "缺勤", "absent" -> "absent";
            default -> {
                problems.add(new FactProblem((int) line, "出勤", "取值 '" + status + "' 不允许，应为 出勤、缺勤"));
                yield null;
            }
        };
        if (person == null || date == null || s == null || site == null) {
            return null;
        }
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("id", row.getOrDefault("id", "att-" + idPart(person) + "-" + date));
        fact.put("kind", "staff.attendance");
        fact.put("subject", person);
        fact.put("date", date);
        fact.put("status", s);
        fact.put("attributes", Map.of("site", site));
        return fact;
    }
}
