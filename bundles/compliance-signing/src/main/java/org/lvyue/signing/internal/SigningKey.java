package org.lvyue.signing.internal;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;

/**
 * An opened signing key.
 *
 * @param file               the key store it was read from
 * @param privateKey         the private key
 * @param certificate        its certificate
 * @param chain              the certificate and any issuers the key store holds with it, leaf first
 * @param signatureAlgorithm {@code SHA256withRSA} or {@code SM3withSM2}
 * @param fingerprint        SHA-256 of the certificate's DER, hex
 * @param demo               the certificate is the product's generated demo one
 */
record SigningKey(Path file, PrivateKey privateKey, X509CertificateHolder certificate, List<X509CertificateHolder> chain,
                  String signatureAlgorithm, String fingerprint, boolean demo) {
}
