package org.lvyue.api.signing;

import java.time.LocalDate;

/**
 * The product's signing key, as its certificate shows it.
 *
 * @param subject           the certificate's subject DN
 * @param algorithm         the signature algorithm used, {@code SHA256withRSA} or {@code SM3withSM2}
 * @param certificateSha256 the SHA-256 of the certificate's DER encoding (hex), the fingerprint to compare
 * @param notAfter          the certificate's last day of validity (Beijing time)
 * @param demo              the key is the demonstration key the product generated at first start, not a real one
 * @param certificatePem    the certificate, PEM ({@code -----BEGIN CERTIFICATE-----}), for counterparts' own tools
 */
public record SignerIdentity(String subject, String algorithm, String certificateSha256, LocalDate notAfter,
                             boolean demo, String certificatePem) {
}
