package org.lvyue.api.security;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A second factor for logins by password (GB/T 22239-2019 8.1.4.1 d, 两种或两种以上组合的鉴别技术): a time-based
 * one-time code (RFC 6238) from an authenticator app. Optional per account: once an account has confirmed its
 * enrolment, every password login of it also needs the current code, and a code is accepted once only. Accounts
 * holding one of the {@link #requiredRoles() required roles} cannot log in by password before they have one.
 *
 * @since 1.3
 */
@ProviderType
public interface SecondFactor {

    /** Whether the account has a confirmed second factor: its password logins need a code. */
    boolean enrolled(String user);

    /** The roles whose holders must have a second factor (empty: none must). */
    java.util.Set<String> requiredRoles();

    /**
     * A new secret for {@code user}, waiting for {@link #confirm}; a confirmed one stays in force until then. The
     * secret is shown once, here, and kept encrypted.
     */
    Enrolment enrol(String user);

    /**
     * Puts the waiting secret in force when {@code code} is its current code.
     *
     * @return false when there is no waiting secret or the code is not its current one
     */
    boolean confirm(String user, String code);

    /**
     * Whether {@code code} is the account's current code (a step either side is allowed for a phone's clock) and was
     * not accepted before: a code seen once is refused ever after.
     */
    boolean verify(String user, String code);

    /**
     * Removes the account's second factor, confirmed or waiting (a lost phone): its next login needs the password only,
     * unless its roles require one.
     *
     * @return whether there was one
     */
    boolean remove(String user);

    /**
     * A secret to add to an authenticator app: typed in as Base32 or read from a QR code of {@code uri}.
     *
     * @param secret the secret in RFC 4648 Base32
     * @param uri    the {@code otpauth://totp/…} URI authenticator apps read
     */
    record Enrolment(String secret, String uri) {
    }
}
