package org.lvyue.rules.usermanagement;

import org.lvyue.rules.obligations.CatalogueUnderStandardRules;

/** The user-management catalogue under the standard obligation rules: complete records pass, each missed check is found. */
class UserManagementCatalogueTest extends CatalogueUnderStandardRules {
    @Override
    protected String domain() {
        return "user-management";
    }
}
