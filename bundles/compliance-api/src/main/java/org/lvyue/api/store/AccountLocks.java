package org.lvyue.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.lvyue.api.security.LoginAttempts.Lock;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The failed logins of each account and the accounts they locked, in the database, so that every node of a cluster
 * counts an account's failures together and honours its lock, and a restart releases nothing early.
 *
 * @since 1.7
 */
@ProviderType
public interface AccountLocks {

    /**
     * Records a failed login of {@code user} at {@code at}, forgets its failures before {@code windowStart}.
     *
     * @return the account's failures since {@code windowStart}, this one included
     */
    int failed(String user, Instant at, Instant windowStart);

    /** Forgets the account's failed logins (a login succeeded, or the account was locked). */
    void forgetFailures(String user);

    /**
     * Locks the account unless it is locked already, and forgets its failures.
     *
     * @return whether this call locked it: of several nodes locking one account at once, one does
     */
    boolean lock(Lock lock);

    /** The account's lock, ended or not, if it has one. */
    Optional<Lock> lock(String user);

    /** Every lock held, ended or not, soonest ending first. */
    List<Lock> locks();

    /**
     * Removes the account's lock.
     *
     * @return the lock removed; empty when there was none, or another node removed it first
     */
    Optional<Lock> unlock(String user);

    /**
     * Removes the locks ended by {@code now} and the failures before {@code windowStart}.
     *
     * @return the locks this call removed, each to one caller of the cluster
     */
    List<Lock> sweep(Instant now, Instant windowStart);
}
