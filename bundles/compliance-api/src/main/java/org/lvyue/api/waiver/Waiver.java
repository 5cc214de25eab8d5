package org.lvyue.api.waiver;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * An administrator's decision not to pursue one finding or one ledger amount, with the reason
 * written down. A waiver may expire; it can be withdrawn; neither deletes it, so the record of who
 * waived what, when and why stays.
 *
 * @param id            the store's id
 * @param contractId    the contract
 * @param target        a finding or a ledger amount
 * @param key           the finding's or the ledger entry's key
 * @param justification why (required)
 * @param expiresOn     last day it applies, or null for no expiry
 * @param createdBy     who waived
 * @param createdAt     when
 * @param withdrawnBy   who withdrew it, or null
 * @param withdrawnAt   when, or null
 * @param withdrawReason why it was withdrawn, or null
 */
public record Waiver(long id, String contractId, Target target, String key, String justification,
                     LocalDate expiresOn, String createdBy, Instant createdAt, String withdrawnBy,
                     Instant withdrawnAt, String withdrawReason) {
    public enum Target {
        FINDING, LEDGER
    }

    public Waiver {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(justification, "justification");
    }

    /** In force on {@code day}: not withdrawn, not expired. */
    public boolean activeOn(LocalDate day) {
        return withdrawnAt == null && (expiresOn == null || !day.isAfter(expiresOn));
    }
}
