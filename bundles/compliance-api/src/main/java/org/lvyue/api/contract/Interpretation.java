package org.lvyue.api.contract;

import java.util.List;
import java.util.Objects;

/**
 * A point the contract leaves open, and the reading chosen for this contract: e.g. whether the
 * late-payment days after the grace period are calendar or working days. Every interpretation has
 * a default; a contract definition may choose another of the options. Rules match the one they
 * depend on and name it in every amount they compute, so a report can say which reading it used.
 *
 * @param id           stable id, e.g. {@code latePayment.dayCount}
 * @param clause       the clause it interprets
 * @param title        the question, in Chinese
 * @param value        the chosen option
 * @param defaultValue the default option
 * @param options      every allowed option
 * @param reason       why the contract definition chose this reading, in Chinese; null when it did not say
 */
public record Interpretation(String id, String clause, String title, String value, String defaultValue,
                             List<String> options, String reason) {
    public Interpretation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(value, "value");
        options = List.copyOf(options);
    }

    /** A reading without a stated reason. */
    public Interpretation(String id, String clause, String title, String value, String defaultValue,
                          List<String> options) {
        this(id, clause, title, value, defaultValue, options, null);
    }

    public boolean is(String option) {
        return value.equals(option);
    }

    public boolean isDefault() {
        return value.equals(defaultValue);
    }

    /** {@code id=value}, with "(默认)" when the default is in force. */
    public String describe() {
        return id + "=" + value + (isDefault() ? "（默认）" : "（合同指定）");
    }
}
