package org.lvyue.rules.permissionmanagement;

import org.lvyue.rules.obligations.CatalogueUnderStandardRules;

/** The permission-management catalogue under the standard obligation rules: complete records pass, each missed check is found. */
class PermissionManagementCatalogueTest extends CatalogueUnderStandardRules {
    @Override
    protected String domain() {
        return "permission-management";
    }
}
