package org.lvyue.rules.securityverification;

import org.lvyue.rules.obligations.CatalogueUnderStandardRules;

/** The security-verification catalogue under the standard obligation rules: complete records pass, each missed check is found. */
class SecurityVerificationCatalogueTest extends CatalogueUnderStandardRules {
    @Override
    protected String domain() {
        return "security-verification";
    }
}
