package org.lvyue.rest.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.InvalidInputException;

/**
 * Query and body parameters read into typed values: a malformed one is a 400 naming the field and
 * the values it accepts, the same wording everywhere.
 */
final class Params {
    private Params() {
    }

    static InvalidInputException bad(String field, String reason) {
        return new InvalidInputException("参数 " + field + " 有误：" + reason, List.of(new FactProblem(-1, field, reason)));
    }

    /** Trimmed text, or null when absent or blank. */
    static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A {@code yyyy-MM-dd} day, or {@code fallback} when absent. */
    static LocalDate date(String field, String value, LocalDate fallback) {
        if (text(value) == null) {
            return fallback;
        }
        LocalDate d;
        try {
            d = LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw bad(field, "日期格式应为 yyyy-MM-dd: '" + value + "'");
        }
        if (d.getYear() < 1 || d.getYear() > 9999) {
            throw bad(field, "年份应在 0001 到 9999 之间: '" + value + "'");
        }
        return d;
    }

    /**
     * The fields of a JSON object body that the address reads; any other is refused with its name,
     * so a misspelt optional field ({@code "expires"} for {@code "expiresOn"}) is never silently ignored.
     */
    static void onlyFields(com.fasterxml.jackson.databind.JsonNode body, java.util.Set<String> allowed) {
        List<FactProblem> problems = new java.util.ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                problems.add(new FactProblem(-1, name, "未知字段；允许的字段: " + new java.util.TreeSet<>(allowed)));
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidInputException("请求体有 " + problems.size() + " 个未知字段，未保存", problems);
        }
    }

    /** A text field of a JSON object, or null when absent or null; a number, object or array there is refused. */
    static String string(com.fasterxml.jackson.databind.JsonNode body, String field) {
        com.fasterxml.jackson.databind.JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw bad(field, "应为字符串，收到 " + v.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return v.textValue();
    }

    /**
     * A body read as text that must be UTF-8: an invalid byte is refused with where it is, rather than
     * stored as replacement characters.
     */
    static String utf8(byte[] bytes) {
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            int at = firstInvalidUtf8(bytes);
            int line = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new InvalidInputException("请求体不是合法的 UTF-8 编码，未保存：请以 UTF-8 保存后重试",
                    List.of(new FactProblem(-1, "$", "第 " + line + " 行（第 " + (at + 1) + " 个字节）不是合法的 UTF-8 字节序列")));
        }
    }

    private static int firstInvalidUtf8(byte[] bytes) {
        var decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        java.nio.charset.CoderResult r = decoder.decode(in, out, true);
        return r.isError() ? in.position() : bytes.length;
    }

    /**
     * A file name given by a client, or null when absent: a name, never a path, so it cannot lead
     * anywhere outside the folder a server would put it in.
     */
    static String fileName(String field, String value) {
        String name = text(value);
        if (name == null) {
            return null;
        }
        if (name.length() > 255) {
            throw bad(field, "文件名最长 255 个字符");
        }
        if (name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            throw bad(field, "应为文件名，不能含路径（/、\\ 或 ..）: '" + name + "'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                i++;
            } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                throw bad(field, "文件名含控制字符或不成对的代理字符（第 " + (i + 1) + " 个字符）");
            }
        }
        return name;
    }

    /** One of an enum's constants, case-insensitive, {@code -} read as {@code _}; null when absent. */
    static <E extends Enum<E>> E choice(String field, String value, Class<E> type) {
        if (text(value) == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw bad(field, "取值 '" + value + "' 不允许，应为 " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                    .collect(Collectors.joining("、")));
        }
    }

    /**
     * A request body that must be a JSON array of 1 to {@code max} objects (a batch of facts or of
     * audit entries), each as a map; malformed JSON is refused by the mapper with line and column.
     */
    static java.util.List<java.util.Map<String, Object>> jsonObjects(com.fasterxml.jackson.databind.ObjectMapper mapper,
                                                                   java.io.InputStream body, String what, int max)
            throws java.io.IOException {
        com.fasterxml.jackson.databind.JsonNode root = mapper.readTree(body);
        if (root == null || !root.isArray()) {
            throw new InvalidInputException("请求体必须是" + what + "的 JSON 数组",
                    java.util.List.of(new FactProblem(-1, "$", "应为 JSON 数组 [ {...}, ... ]")));
        }
        if (root.isEmpty()) {
            throw new InvalidInputException(what + "数组为空", java.util.List.of(new FactProblem(-1, "$", "至少需要一条")));
        }
        if (root.size() > max) {
            throw new InvalidInputException("一批最多 " + max + " 条" + what,
                    java.util.List.of(new FactProblem(-1, "$", "收到 " + root.size() + " 条，请分批提交")));
        }
        for (int i = 0; i < root.size(); i++) {
            if (!root.get(i).isObject()) {
                throw new InvalidInputException("第 " + i + " 条不是 JSON 对象", java.util.List.of(new FactProblem(i, "$", "应为 JSON 对象")));
            }
        }
        return mapper.convertValue(root, new com.fasterxml.jackson.core.type.TypeReference<java.util.List<java.util.Map<String, Object>>>() {
        });
    }

    /** {@code true} or {@code false}; false when absent. */
    static boolean bool(String field, String value) {
        String v = text(value);
        if (v == null) {
            return false;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(field, "应为 true 或 false：'" + value + "'");
        };
    }
}
