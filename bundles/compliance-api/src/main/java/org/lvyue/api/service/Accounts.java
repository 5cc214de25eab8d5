package org.lvyue.api.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.lvyue.api.ledger.Ledger;
import org.lvyue.api.waiver.Waiver;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The money: every amount owed either way on a day, the same with facts that are not stored (what-if), and the
 * waivers of findings and amounts.
 */
@ProviderType
public interface Accounts {

    /** Every amount owed either way on {@code asOf}, with the waivers in force. */
    Ledger ledger(String contractId, LocalDate asOf);

    /**
     * The findings and the ledger with extra or changed facts (validated like a batch, never stored).
     *
     * @throws InvalidInputException when a fact is invalid
     */
    WhatIf whatIf(String contractId, List<Map<String, Object>> facts, LocalDate asOf, String user);

    /**
     * Waives a finding or a ledger amount that exists now.
     *
     * @throws InvalidInputException when the justification is blank, the expiry is past or the key unknown
     * @throws ConflictException when a waiver for the same key is already in force
     */
    Waiver waive(String contractId, Waiver.Target target, String key, String justification, LocalDate expiresOn,
                 String user);

    /** @throws NotFoundException when the contract has no such waiver */
    Waiver withdrawWaiver(String contractId, long waiverId, String reason, String user);

    List<Waiver> waivers(String contractId);
}
