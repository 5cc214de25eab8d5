package org.lvyue.api.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Logins by SM2 signature (GB/T 39786-2021 身份鉴别: 采用密码技术对登录用户进行身份鉴别): the account's holder signs a
 * challenge the product issued with the private key of the SM2 certificate the security administrator registered for
 * the account (a USB key or a key file), as GB/T 15843.3's two-pass unilateral authentication does: the server's random
 * challenge, the account and the server's name under an SM3withSM2 signature (GB/T 32918, GB/T 35276; the default
 * signer ID {@code 1234567812345678}). A challenge is answered once, within {@link #CHALLENGE_LIFETIME}, on any node.
 *
 * @since 1.5
 */
@ProviderType
public interface CertificateLogin {

    /** How long an issued challenge may be answered. */
    Duration CHALLENGE_LIFETIME = Duration.ofMinutes(2);

    /** What the product registers: an X.509 certificate whose key is on the SM2 curve. */
    String KEY_CURVE = "sm2p256v1";

    /** A new challenge: random, bound to this product by its seal, good once until it expires. */
    Challenge challenge();

    /**
     * Checks a signed answer to a challenge and takes the challenge (a second answer to it is refused, on every node).
     *
     * @param audience  the server the holder meant to log in to, as signed (the {@code Host} it addressed)
     * @param signature the DER-encoded SM3withSM2 signature of {@link #signedText}
     */
    Result verify(String user, String challenge, String audience, byte[] signature);

    /**
     * Registers the account's certificate (DER or PEM), replacing the one it had, once its holder proved they hold its
     * key: a signature with it of {@link #signedText} for this account, a fresh challenge and this server, as a login
     * gives. The holder registers their own (logged in by password), so no administrator can give themselves a way into
     * another account; the security administrator only removes one (a lost key).
     *
     * @throws IllegalArgumentException with the reason in Chinese: not a certificate, not an SM2 key, expired, the proof
     *                                  not verified or its challenge refused
     */
    Registered register(String user, byte[] certificate, String challenge, String audience, byte[] signature);

    /** The account's registered certificate. */
    Optional<Registered> registered(String user);

    /** Every account's registered certificate, by user name. */
    List<Registered> registered();

    /**
     * Removes the account's certificate: it logs in by password only from then on.
     *
     * @return whether it had one
     */
    boolean remove(String user);

    /**
     * The bytes a holder signs: a fixed label, the account, the challenge and the server, one per line, in UTF-8, so a
     * signature made for one account, challenge or server is worth nothing for another.
     */
    static byte[] signedText(String user, String challenge, String audience) {
        return ("LVYUE-SM2-LOGIN\n" + user + "\n" + challenge + "\n" + audience).getBytes(StandardCharsets.UTF_8);
    }

    /** A challenge and when it stops being accepted. */
    record Challenge(String value, Instant expires) {
    }

    /**
     * A registered certificate, as a person checks it: its subject, the SHA-256 of its DER, its validity, and who
     * registered it when.
     */
    record Registered(String user, String subject, String sha256, Instant notBefore, Instant notAfter, Instant registeredAt,
                      String registeredBy) {
    }

    /** The outcome of {@link #verify}. */
    enum Result {
        ACCEPTED("通过"),
        NO_CERTIFICATE("账号未登记登录证书"),
        CHALLENGE_REFUSED("挑战值无效、已过期或已使用"),
        CERTIFICATE_NOT_VALID("登录证书不在有效期内"),
        SIGNATURE_REFUSED("签名验证未通过");

        private final String label;

        Result(String label) {
            this.label = label;
        }

        /** What the trail says, in Chinese. */
        public String label() {
            return label;
        }
    }
}
