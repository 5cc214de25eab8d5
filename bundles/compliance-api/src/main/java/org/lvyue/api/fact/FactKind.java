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

    /**
     * The attributes the catalogue marks as personal information, by name: the values lists and PDFs show masked
     * ({@link PersonalKind#mask}).
     */
    public java.util.Map<String, PersonalKind> personalAttributes() {
        java.util.Map<String, PersonalKind> out = new java.util.LinkedHashMap<>();
        for (AttributeSpec a : attributes) {
            if (a.personal() != null) {
                out.put(a.name(), a.personal());
            }
        }
        return out;
    }

    /** The attributes the catalogue marks confidential: the store keeps them SM4-encrypted. */
    public Set<String> confidentialAttributes() {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (AttributeSpec a : attributes) {
            if (a.confidential()) {
                out.add(a.name());
            }
        }
        return out;
    }

    /**
     * {@code attributes} of a fact of this kind with each personal value masked; the same map when the kind marks
     * none or the fact has none.
     */
    public java.util.Map<String, String> masked(java.util.Map<String, String> attributes) {
        java.util.Map<String, String> out = null;
        for (AttributeSpec a : this.attributes) {
            String v = a.personal() == null ? null : attributes.get(a.name());
            if (v != null) {
                if (out == null) {
                    out = new java.util.HashMap<>(attributes);
                }
                out.put(a.name(), a.personal().mask(v));
            }
        }
        return out == null ? attributes : out;
    }

    /** The value types an attribute can declare. */
    public enum ValueType { TEXT, DATE, DATETIME, NUMBER, BOOLEAN }

    /**
     * One attribute of a fact kind.
     *
     * @param personal     the kind of personal information it holds ({@code "personal"} in the catalogue), or null
     * @param confidential whether the store keeps it SM4-encrypted ({@code "confidential": true}): identifiers
     *                     such as an identity card number
     */
    public record AttributeSpec(String name, ValueType type, boolean required, Set<String> values, PersonalKind personal,
                                boolean confidential) {
        public AttributeSpec {
            values = values == null ? Set.of() : Set.copyOf(values);
        }

        /** An attribute that holds no personal information. */
        public AttributeSpec(String name, ValueType type, boolean required, Set<String> values) {
            this(name, type, required, values, null, false);
        }
    }
}
