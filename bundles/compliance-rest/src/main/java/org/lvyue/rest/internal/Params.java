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
}
