package org.lvyue.pki.internal;

import java.time.LocalDate;
import java.util.Map;

import org.bouncycastle.cert.X509CertificateHolder;

/** Test access to compliance-pki's fact builders (package-private): the binding it records for an upload's system. */
public final class PkiFactsAccess {
    private PkiFactsAccess() {
    }

    public static Map<String, Object> binding(X509CertificateHolder c, String system, LocalDate today) {
        return PkiFacts.binding(c, system, today);
    }
}
