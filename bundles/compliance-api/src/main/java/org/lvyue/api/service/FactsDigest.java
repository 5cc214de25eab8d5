package org.lvyue.api.service;

import java.time.LocalDate;

/**
 * A fingerprint of a contract's facts up to a day: SHA-256 over every fact dated on or before it,
 * in id order, each as its content (id, kind, subject, date, time, status, amount, attributes),
 * never when or how it arrived. Two equal digests mean the same evidence.
 *
 * @param asOf   the last day counted
 * @param count  how many facts
 * @param sha256 the digest, hex
 */
public record FactsDigest(LocalDate asOf, int count, String sha256) {
}
