package org.lvyue.api.activity;

import java.time.Instant;

/**
 * One thing a person did through the product, or tried to: a login, an import, a waiver, a bundle change. Each entry
 * is chained to the one before it (the security trail, GB/T 22239-2019 8.1.4.3): {@code hash} is the SM3 digest of
 * {@code previous} and this entry's fields, so an entry changed, removed or inserted behind the product's back breaks
 * the chain ({@link ActivityLog#verify()}).
 *
 * @param id       the store's id, increasing with time, one more than the entry before
 * @param at       when
 * @param user     who (the login name; the attempted name for a failed login)
 * @param address  the client's network address, or null when unknown
 * @param action   one of the {@link ActivityLog} action names, e.g. {@code facts-import}
 * @param target   what it was done to (a contract, a waiver, a bundle), or null
 * @param detail   a line in Chinese with the particulars, or null
 * @param result   {@link ActivityLog#SUCCESS} or {@link ActivityLog#REFUSED}
 * @param previous the hash of the entry before (64 zeros for the first), or null for an entry not yet stored
 * @param hash     this entry's SM3 hash, in hex, or null for an entry not yet stored
 */
public record ActivityEntry(long id, Instant at, String user, String address, String action, String target,
                            String detail, String result, String previous, String hash) {

    /** An entry that succeeded, outside the chain (as before the chain existed). */
    public ActivityEntry(long id, Instant at, String user, String address, String action, String target, String detail) {
        this(id, at, user, address, action, target, detail, ActivityLog.SUCCESS, null, null);
    }
}
