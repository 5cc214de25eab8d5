package org.lvyue.api.security;

import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A user name and password checked against Karaf's JAAS realm {@code karaf}, and nothing else: the product's policy
 * ({@link AccessPolicy}) and the lockout ({@link LoginAttempts}) are the caller's to apply first. One implementation
 * for every login path that takes a password, so that each asks the realm the same way.
 */
@ProviderType
public interface RealmAuthenticator {

    /** The user's roles, or empty when the realm refuses the name and password (or cannot be asked). */
    Optional<Set<String>> authenticate(String user, char[] password);

    /**
     * The roles the realm gives an account that proved itself otherwise (an SM2 signature, {@link CertificateLogin}),
     * without its password; empty when the realm does not know the account or cannot say.
     *
     * @since 1.5
     */
    default Optional<Set<String>> roles(String user) {
        return Optional.empty();
    }
}
