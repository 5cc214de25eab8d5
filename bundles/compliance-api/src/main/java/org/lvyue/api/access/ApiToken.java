package org.lvyue.api.access;

import java.time.Instant;

/**
 * A collector's API token for one contract, as listed: never its secret, which is shown once when it
 * is issued ({@link IssuedToken}) and stored only as a hash.
 *
 * @param id        the token's number
 * @param contract  the one contract it may post to, in the collector role
 * @param name      what the issuing admin called it (巡检采集机-1)
 * @param createdAt when it was issued
 * @param createdBy who issued it
 * @param lastUsed  when it last authenticated a request (to the minute), or null
 * @param revokedAt when it was revoked, or null while it is valid
 */
public record ApiToken(long id, String contract, String name, Instant createdAt, String createdBy, Instant lastUsed,
                       Instant revokedAt) {
    /** The user name a request authenticated by this token acts as, in the activity trail. */
    public String principal() {
        return "token:" + contract + "#" + id;
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
