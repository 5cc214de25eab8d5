package org.lvyue.rules.networksecurity;

import org.lvyue.rules.obligations.CatalogueUnderStandardRules;

/** The network-security catalogue under the standard obligation rules: complete records pass, each missed check is found. */
class NetworkSecurityCatalogueTest extends CatalogueUnderStandardRules {
    @Override
    protected String domain() {
        return "network-security";
    }
}
