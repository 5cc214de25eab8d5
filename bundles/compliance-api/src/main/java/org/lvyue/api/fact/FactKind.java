package org.lvyue.api.fact;

import java.util.List;
import java.util.Set;

/**
 * What a domain's catalogue declares about one kind of fact: which of the common fields it needs
 * and which attributes it carries. Intake validates every submitted fact against its kind.
 *
 * @param name             the kind, unique across domains, e.g. {@code drill.performed}
 * @param domain           the owning domain id
 * @param title            a short Chinese title for people
 * @param subjectRequired  whether {@code subject} must be given
 * @param subjectValues    the allowed subjects, or empty for any
 * @param statusValues     the allowed statuses, or empty when the kind has no status
 * @param timeRequired     whether {@code time} must be given
 * @param amountRequired   whether {@code amount} must be given
 * @param attributes       the attributes the kind knows; any other attribute is refused
 */
public record FactKind(String name, String domain, String title, boolean subjectRequired, Set<String> subjectValues,
                       Set<String> statusValues, boolean timeRequired, boolean amountRequired,
                       List<AttributeSpec> attributes) {

    public FactKind {
        subjectValues = subjectValues == null ? Set.of() : Set.copyOf(subjectValues);
        statusValues = statusValues == null ? Set.of() : Set.copyOf(statusValues);
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }

    public AttributeSpec attribute(String attributeName) {
        for (AttributeSpec a : attributes) {
            if (a.name().equals(attributeName)) {
                return a;
            }
        }
        return null;
    }

    /** The value types an attribute can declare. */
    public enum ValueType { TEXT, DATE, DATETIME, NUMBER, BOOLEAN }

    /** One attribute of a fact kind. */
    public record AttributeSpec(String name, ValueType type, boolean required, Set<String> values) {
        public AttributeSpec {
            values = values == null ? Set.of() : Set.copyOf(values);
        }
    }
}
