package org.lvyue.rules.certificates;

import org.lvyue.rules.obligations.CatalogueUnderStandardRules;

/** The certificates catalogue under the standard obligation rules: complete records pass, each missed check is found. */
class CertificatesCatalogueTest extends CatalogueUnderStandardRules {
    @Override
    protected String domain() {
        return "certificates";
    }
}
