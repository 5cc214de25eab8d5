package org.lvyue.api.integrity;

/**
 * One thing verification found wrong.
 *
 * @param position the chain position of the entry concerned, or -1 for rows the chain does not cover
 * @param table    the table of the row concerned: {@code evidence}, {@code fact}, {@code audit_event},
 *                 {@code finding}, {@code waiver}, {@code contract}
 * @param key      the row's key (fact id, finding key, waiver id, ...), or null when the row is gone
 * @param message  what is wrong, in Chinese then English
 */
public record IntegrityProblem(long position, String table, String key, String message) {
}
