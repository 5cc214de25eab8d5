package org.lvyue.api.finding;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A period as people write it when they ask for findings: a year ({@code 2022}), a quarter
 * ({@code 2022-Q3}), a month ({@code 2022-03}) or a day ({@code 2022-03-07}), as its first and last
 * day. The REST API's {@code period} parameter and the shell's {@code --period} option read it alike.
 */
public record PeriodRange(LocalDate first, LocalDate last) {
    private static final Pattern FORM = Pattern.compile("(\\d{4})(?:-Q([1-4])|-(\\d{2})(?:-(\\d{2}))?)?");

    /** The forms, for messages: "2022、2022-Q3、2022-03 或 2022-03-07". */
    public static final String FORMS = "2022、2022-Q3、2022-03 或 2022-03-07";

    /** The range {@code text} names, or empty when it is none of the forms or not a real month or day. */
    public static Optional<PeriodRange> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            int year = Integer.parseInt(m.group(1));
            if (m.group(2) != null) {
                LocalDate start = LocalDate.of(year, (Integer.parseInt(m.group(2)) - 1) * 3 + 1, 1);
                return Optional.of(new PeriodRange(start, start.plusMonths(3).minusDays(1)));
            }
            if (m.group(4) != null) {
                LocalDate day = LocalDate.parse(t);
                return Optional.of(new PeriodRange(day, day));
            }
            if (m.group(3) != null) {
                YearMonth month = YearMonth.of(year, Integer.parseInt(m.group(3)));
                return Optional.of(new PeriodRange(month.atDay(1), month.atEndOfMonth()));
            }
            return Optional.of(new PeriodRange(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)));
        } catch (DateTimeException e) {
            return Optional.empty(); // 2022-13, 2022-02-30
        }
    }
}
