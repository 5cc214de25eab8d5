package org.lvyue.api.service;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Intake of the PKI's real artefacts: X.509 certificates and CRLs (PEM, DER, PKCS#7; RSA and SM2),
 * one file or a whole archive at once. The files become facts and go through the same validation
 * and all-or-nothing storage as any batch.
 */
@ProviderType
public interface PkiIntake {
    /**
     * @param files  file name to content; a {@code .zip} is opened and each entry read as a file
     * @param system the business system the certificates serve (optional)
     * @throws InvalidInputException naming every file that is not a certificate, CRL or bundle; nothing is stored
     */
    IngestResult importFiles(String contractId, Map<String, byte[]> files, String system, String user);

    /**
     * The facts {@link #importFiles} would submit for these files (certificates, CRLs, verified
     * signatures, trust anchor changes), without storing anything: for collectors that submit them
     * together with the record of their run, and for previews.
     *
     * @throws InvalidInputException naming every file that is not a certificate, CRL or bundle
     */
    List<Map<String, Object>> read(String contractId, Map<String, byte[]> files, String system);
}
