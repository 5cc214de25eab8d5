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
}
