package org.lvyue.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The SM2 certificates accounts log in with, and the login challenges spent, in the database: every node of a cluster
 * knows each account's certificate and refuses a challenge another node took. A certificate row carries an HMAC-SM3
 * seal under a key kept outside the database (as memberships do): a row written or altered around the product (a
 * certificate swapped in for an administrator's) is not honoured, and the log and the alarms name it.
 *
 * @since 1.8
 */
@ProviderType
public interface LoginCertificates {

    /** An account's certificate (DER), who registered it and when. */
    record Registration(String user, byte[] certificate, Instant registeredAt, String registeredBy) {
    }

    /** Registers the account's certificate, replacing the one it had. */
    void register(Registration registration);

    /** The account's certificate, when it has one whose row is intact. */
    Optional<Registration> certificate(String user);

    /** Every intact registration, by user name. */
    List<Registration> certificates();

    /**
     * Removes the account's certificate.
     *
     * @return whether it had one
     */
    boolean unregister(String user);

    /**
     * Takes a login challenge, by its digest, until {@code expires}.
     *
     * @return true the first time; false when this or another node took it already
     */
    boolean spend(String challengeDigest, Instant expires);

    /**
     * Forgets the challenges ended by {@code now} (they are refused by their expiry anyway).
     *
     * @return how many were forgotten
     */
    int forgetChallenges(Instant now);
}
