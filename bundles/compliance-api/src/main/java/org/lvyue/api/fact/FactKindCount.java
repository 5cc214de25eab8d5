package org.lvyue.api.fact;

/**
 * How many facts of one kind a contract holds.
 *
 * @param kind   the fact kind, e.g. {@code drill.performed}
 * @param domain the domain the facts were stored under
 * @param count  how many
 */
public record FactKindCount(String kind, String domain, long count) {
}
