package org.lvyue.api.metrics;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One sample of a family: {@code lvyue_outbox_messages{channel="mail",state="pending"} 3}.
 *
 * @param name   the family's name, {@code lvyue_} first, lower case and underscores; a counter's without
 *               {@code _total} (the exposition adds it)
 * @param help   what it counts, in English, for the exposition's HELP line
 * @param type   a gauge (a state now) or a counter (only grows while the node runs)
 * @param labels label names to values (names lower case and underscores); the samples of a family have the same
 *               names
 * @param value  the value
 */
public record Figure(String name, String help, Type type, Map<String, String> labels, double value) {
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    /** The Prometheus type of the family. */
    public enum Type {
        GAUGE, COUNTER
    }

    public Figure {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(type, "type");
        if (!NAME.matcher(name).matches() || type == Type.COUNTER && name.endsWith("_total")) {
            throw new IllegalArgumentException("not a figure name: " + name);
        }
        labels = Map.copyOf(labels);
        for (String label : labels.keySet()) {
            if (!NAME.matcher(label).matches() || label.startsWith("__")) {
                throw new IllegalArgumentException("not a label name: " + label);
            }
        }
    }

    /** A gauge's sample. */
    public static Figure gauge(String name, String help, Map<String, String> labels, double value) {
        return new Figure(name, help, Type.GAUGE, labels, value);
    }

    /** A counter's sample. */
    public static Figure counter(String name, String help, Map<String, String> labels, double value) {
        return new Figure(name, help, Type.COUNTER, labels, value);
    }
}
