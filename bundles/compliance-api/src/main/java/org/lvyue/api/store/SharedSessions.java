package org.lvyue.api.store;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The console's sessions of a cluster, in the shared database, so that every node honours a session whichever node
 * opened it. A session is kept by the SHA-256 of its id: the database never holds a usable session id.
 *
 * @since 1.6
 */
@ProviderType
public interface SharedSessions {

    /**
     * A session as recorded.
     *
     * @param idHash  SHA-256 of the session id, in hex
     * @param user    who logged in
     * @param roles   the roles the login gave
     * @param profile the security profile of the login, or null
     * @param csrf    the token the console sends back with each change
     * @param created when it was opened
     * @param seen    when it was last used, as far as any node recorded it
     */
    record Session(String idHash, String user, Set<String> roles, String profile, String csrf, Instant created,
                   Instant seen) {
    }

    void opened(Session session);

    Optional<Session> session(String idHash);

    /** Records a use of the session; nothing when it is gone. */
    void seen(String idHash, Instant at);

    /** Ends the session on every node. */
    void ended(String idHash);

    /** Removes the sessions last used before {@code seenBefore} or opened before {@code createdBefore}; how many. */
    int expire(Instant seenBefore, Instant createdBefore);
}
