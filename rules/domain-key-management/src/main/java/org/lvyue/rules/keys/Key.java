package org.lvyue.rules.keys;

import java.time.LocalDate;
import java.util.List;

/**
 * One key as its {@code key.record} facts describe it. Facts are never changed once stored, so a key
 * is retired by sending its record again (same key id, another fact id) with {@code retiredOn}: all
 * records of one key id make one key.
 *
 * @param id          the key id (the records' subject)
 * @param system      the business system the key belongs to
 * @param purpose     签名 or 加密
 * @param fingerprint KCV or public-key hash; equal fingerprints are the same key material
 * @param algorithm   e.g. SM4, SM2; null when not given
 * @param generated   the day the key was generated (the earliest record's date)
 * @param retiredOn   the day it was retired (the earliest {@code retiredOn} given), or null while in service
 * @param factIds     the ids of its records, the evidence of a finding
 */
public record Key(String id, String system, String purpose, String fingerprint, String algorithm,
                  LocalDate generated, LocalDate retiredOn, List<String> factIds) {

    public Key {
        factIds = List.copyOf(factIds);
    }

    /** Whether the key is in service on the day: generated on or before it and not retired before it. */
    public boolean inUseOn(LocalDate day) {
        return !generated.isAfter(day) && (retiredOn == null || !retiredOn.isBefore(day));
    }

    /** Whether the key existed at some time from {@code start} to {@code end} (inclusive). */
    public boolean existedIn(LocalDate start, LocalDate end) {
        return !generated.isAfter(end) && (retiredOn == null || !retiredOn.isBefore(start));
    }

    /** How a finding names the key: {@code K-001（社保卡系统，加密）}. */
    public String label() {
        return id + "（" + system + "，" + purpose + "）";
    }
}
