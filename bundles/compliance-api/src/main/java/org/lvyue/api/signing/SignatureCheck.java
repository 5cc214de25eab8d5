package org.lvyue.api.signing;

import java.time.Instant;

/**
 * The result of checking a detached signature against a document.
 *
 * @param valid             the signature verifies over this document with the certificate it names
 * @param reason            why it does not (Chinese first, English in parentheses), null when valid
 * @param signerSubject     the signer certificate's subject DN, null when the signature carries no certificate
 * @param algorithm         the signature algorithm, e.g. {@code SHA256withRSA} or {@code SM3withSM2}
 * @param certificateSha256 the SHA-256 of the signer certificate's DER encoding (hex), null without a certificate
 * @param signedAt          the signing-time attribute, null when the signature has none
 * @param productKey        the signer certificate is the product's configured one; on its own this says nothing
 *                          about validity, read {@code valid} first
 */
public record SignatureCheck(boolean valid, String reason, String signerSubject, String algorithm,
                             String certificateSha256, Instant signedAt, boolean productKey) {
}
