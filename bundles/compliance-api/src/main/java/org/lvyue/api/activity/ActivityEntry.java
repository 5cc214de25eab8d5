package org.lvyue.api.activity;

import java.time.Instant;

/**
 * One thing a person did through the product: a login, an import, a waiver, a bundle change.
 *
 * @param id      the store's id, increasing with time
 * @param at      when
 * @param user    who (the login name; the attempted name for a failed login)
 * @param address the client's network address, or null when unknown
 * @param action  one of the {@link ActivityLog} action names, e.g. {@code facts-import}
 * @param target  what it was done to (a contract, a waiver, a bundle), or null
 * @param detail  a line in Chinese with the particulars, or null
 */
public record ActivityEntry(long id, Instant at, String user, String address, String action, String target,
                            String detail) {
}
