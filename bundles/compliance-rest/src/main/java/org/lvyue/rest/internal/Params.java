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
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw bad(field, "日期格式应为 yyyy-MM-dd: '" + value + "'");
        }
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
