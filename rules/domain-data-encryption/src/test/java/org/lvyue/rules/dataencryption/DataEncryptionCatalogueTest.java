package org.lvyue.rules.dataencryption;

import org.lvyue.rules.obligations.CatalogueUnderStandardRules;

/** The data-encryption catalogue under the standard obligation rules: complete records pass, each missed check is found. */
class DataEncryptionCatalogueTest extends CatalogueUnderStandardRules {
    @Override
    protected String domain() {
        return "data-encryption";
    }
}
