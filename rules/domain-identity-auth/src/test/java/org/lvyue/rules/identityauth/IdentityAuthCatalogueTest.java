package org.lvyue.rules.identityauth;

import org.lvyue.rules.obligations.CatalogueUnderStandardRules;

/** The identity-auth catalogue under the standard obligation rules: complete records pass, each missed check is found. */
class IdentityAuthCatalogueTest extends CatalogueUnderStandardRules {
    @Override
    protected String domain() {
        return "identity-auth";
    }
}
