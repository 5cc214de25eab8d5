package org.lvyue.api.security;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Confidentiality of sensitive stored fields (GB/T 39786-2021 数据机密性): SM4 (GB/T 32907-2016) in GCM mode, with keys
 * kept outside the database. A value is bound to the field it belongs to ({@code context}, e.g.
 * {@code notify_subscription.secret}): moved into another field it no longer decrypts.
 */
@ProviderType
public interface FieldCipher {

    /** The stored form of {@code plain}: {@code sm4:<key id>:<Base64 of nonce, cipher text and tag>}. */
    String encrypt(String plain, String context);

    /**
     * The plain value of a stored one; a value that is not in the stored form (written before encryption was on) is
     * returned as it is.
     *
     * @throws IllegalStateException when it was encrypted for another field, altered, or under a key this node lacks
     */
    String decrypt(String stored, String context);

    /** Whether {@code stored} is in the encrypted form. */
    boolean isEncrypted(String stored);

    /**
     * A message authentication code of {@code data} for the field {@code context} (GB/T 39786-2021 完整性, e.g. of the
     * access-control rows): HMAC-SM3 (GB/T 32905-2016, GB/T 15852.2) under a key derived from the current field key,
     * {@code hmac-sm3:<key id>:<Base64>}.
     *
     * @since 1.4
     */
    String mac(String data, String context);

    /**
     * Whether {@code mac} is {@link #mac}'s for {@code data} and {@code context}, under whichever of this node's keys it
     * names; false for anything else (null, malformed, another key, altered data).
     *
     * @since 1.4
     */
    boolean verifyMac(String data, String context, String mac);
}
