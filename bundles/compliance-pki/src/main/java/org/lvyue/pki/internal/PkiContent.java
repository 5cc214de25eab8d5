package org.lvyue.pki.internal;

import java.util.List;

import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;

/** What one file held: its certificates and CRLs, in file order. */
public record PkiContent(String file, List<X509CertificateHolder> certificates, List<X509CRLHolder> crls) {
    public PkiContent {
        certificates = List.copyOf(certificates);
        crls = List.copyOf(crls);
    }
}
