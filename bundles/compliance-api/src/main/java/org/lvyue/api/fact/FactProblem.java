package org.lvyue.api.fact;

/**
 * Why one submitted fact was refused.
 *
 * @param index  position of the fact in the submitted batch (0-based), or -1 for the batch itself
 * @param field  the offending field, e.g. {@code date} or {@code attributes.documentTitle}
 * @param reason what is wrong and what is expected, in Chinese
 */
public record FactProblem(int index, String field, String reason) {
}
