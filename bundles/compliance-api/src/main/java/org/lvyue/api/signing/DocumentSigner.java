package org.lvyue.api.signing;

import org.lvyue.api.service.InvalidInputException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Signs documents (the formal PDF reports) with the product's configured key and checks such
 * signatures later. A signature is a detached CMS SignedData (RFC 5652, the {@code .p7s} of
 * S/MIME and OpenSSL), DER encoded, holding the signer certificate and a signing-time attribute:
 * SHA256withRSA for an RSA key, SM3withSM2 for an SM2 key. Thread-safe.
 */
@ProviderType
public interface DocumentSigner {
    /**
     * The detached signature of {@code document}, DER encoded, to be kept beside it as a {@code .p7s} file.
     *
     * @throws IllegalStateException when the key cannot sign (a broken key store or provider)
     */
    byte[] sign(byte[] document);

    /**
     * Checks a detached signature against the document. A signature that does not match (altered
     * document, damaged signature, another key) is a result with {@code valid} false and the reason,
     * never an exception. Any signer certificate embedded in the signature is used; whether it is the
     * product's own key is {@link SignatureCheck#productKey()}; no chain to a trust anchor is checked.
     *
     * @param document  the document as it is now
     * @param signature DER bytes of a CMS/PKCS#7 SignedData, or its PEM text
     *                  ({@code -----BEGIN PKCS7-----} or {@code -----BEGIN CMS-----})
     * @throws InvalidInputException when {@code signature} is not a CMS SignedData at all (field {@code signature}),
     *                               or an argument is missing
     */
    SignatureCheck verify(byte[] document, byte[] signature);

    /** The configured key: its certificate, which a counterpart needs to check signatures with their own tools. */
    SignerIdentity signer();
}
