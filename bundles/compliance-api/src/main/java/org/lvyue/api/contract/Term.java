package org.lvyue.api.contract;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * One general term of the contract as data: its name ({@code latePayment}), the clause that states
 * it and its values ({@code dailyRate = 0.005}). Rules match a term by name and read every rate,
 * deadline and threshold from it, so another contract with other numbers needs no rule change.
 *
 * @param name   the term's name, e.g. {@code performanceBond}
 * @param clause the clause, e.g. {@code 一般条款 五}
 * @param values the term's values as text, exact as written in the contract definition
 */
public record Term(String name, String clause, Map<String, String> values) {
    public Term {
        Objects.requireNonNull(name, "name");
        values = Map.copyOf(values);
    }

    public String text(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalStateException("term " + name + " has no value '" + key + "'");
        }
        return v;
    }

    public BigDecimal decimal(String key) {
        return new BigDecimal(text(key));
    }

    public int integer(String key) {
        return Integer.parseInt(text(key));
    }

    public LocalDate date(String key) {
        return LocalDate.parse(text(key));
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(text(key));
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }
}
