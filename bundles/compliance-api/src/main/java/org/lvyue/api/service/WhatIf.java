package org.lvyue.api.service;

import java.math.BigDecimal;
import java.util.List;

import org.lvyue.api.finding.Finding;
import org.lvyue.api.ledger.Ledger;

/**
 * The findings and the ledger as they would be with some extra or changed facts, none of them stored,
 * next to how they are now.
 *
 * @param findings        every finding with the hypothetical facts
 * @param ledger          the ledger with them
 * @param findingsAdded   keys of findings that would appear
 * @param findingsRemoved keys of findings that would disappear
 * @param netBefore       the ledger's net without them
 * @param netChange       how the net would change (after − before)
 */
public record WhatIf(List<Finding> findings, Ledger ledger, List<String> findingsAdded, List<String> findingsRemoved,
                     BigDecimal netBefore, BigDecimal netChange) {
}
