package org.lvyue.api.security;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The product's rules on top of Karaf's JAAS realm: under the {@value #PRODUCTION} profile the
 * shipped demo credentials and passwords not stored as salted hashes are refused, whatever the
 * realm says; HTTPS may be required for authenticated requests. The {@value #DEMO} profile (the
 * default) refuses nothing the realm accepts.
 */
@ProviderType
public interface AccessPolicy {
    String DEMO = "demo";
    String PRODUCTION = "production";

    /** {@value #DEMO} or {@value #PRODUCTION}. */
    String profile();

    /** Whether an authenticated request over plain HTTP is refused (403). */
    boolean httpsRequired();

    /**
     * Why this login is refused before the realm is even asked, or null when the realm decides.
     * Cheap: no password hash is computed.
     */
    Refusal refusal(String user, char[] password);

    /** Why a new password is not acceptable (too short, a demo password, the user's name), or null. */
    Refusal weakness(String user, char[] password);

    /**
     * Sets a user's password in the realm, stored as a salted hash; a new user gets {@code roles},
     * an existing one keeps theirs (and gains {@code roles}).
     *
     * @throws IllegalArgumentException when the password is weak ({@link #weakness}) or a new user has no role
     * @throws IllegalStateException    when the realm would not store it hashed, or cannot be written
     */
    void setPassword(String user, char[] password, List<String> roles);

    /**
     * The roles the realm's users file gives {@code user} (empty for an unknown user): what the separation of duties
     * ({@link Duties}) is checked against where another role is given to them.
     *
     * @since 1.2
     */
    java.util.Set<String> realmRoles(String user);

    /**
     * Why {@code user}, holding {@code roles}, may not log in or act from {@code address} (GB/T 22239-2019 8.1.4.4 c:
     * the management terminals limited by network address), or null when they may. Only the administrators' roles
     * are limited, and only where networks are configured; the host itself always may. Asked at every login and at
     * every request of a remembered login or a session, so a session taken elsewhere is no way in either.
     *
     * @param address the client's address as the server sees it
     * @since 1.4
     */
    Refusal terminalRefusal(String user, java.util.Collection<String> roles, String address);

    /** A refusal, in Chinese and in English. */
    record Refusal(String message, String messageEn) {
    }
}
