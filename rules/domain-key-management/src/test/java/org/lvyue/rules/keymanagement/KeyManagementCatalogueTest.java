package org.lvyue.rules.keymanagement;

import org.lvyue.rules.obligations.CatalogueUnderStandardRules;

/** The key-management catalogue under the standard obligation rules: complete records pass, each missed check is found. */
class KeyManagementCatalogueTest extends CatalogueUnderStandardRules {
    @Override
    protected String domain() {
        return "key-management";
    }
}
