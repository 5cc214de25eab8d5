package org.lvyue.demo;

/**
 * A record left out on purpose: no fact of {@code kind} with {@code subject} is dated in {@code period}.
 *
 * @param violationId the injected violation it makes
 * @param kind        the fact kind
 * @param subject     the subject
 * @param period      a period label of {@link org.lvyue.api.spi.PeriodLabels}: a day {@code 2022-03-15}, a month
 *                    {@code 2022-08}, ...
 */
public record MissingFact(String violationId, String kind, String subject, String period) {
}
