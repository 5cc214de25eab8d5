package org.lvyue.rules.securityaudit;

import org.lvyue.rules.obligations.CatalogueUnderStandardRules;

/** The security-audit catalogue under the standard obligation rules: complete records pass, each missed check is found. */
class SecurityAuditCatalogueTest extends CatalogueUnderStandardRules {
    @Override
    protected String domain() {
        return "security-audit";
    }
}
