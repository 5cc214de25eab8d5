package org.lvyue.testing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.lvyue.api.ledger.Ledger;
import org.lvyue.api.ledger.LedgerEntry;
import org.lvyue.api.service.Accounts;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.WhatIf;
import org.lvyue.api.waiver.Waiver;

/** The amounts a test's rules would derive and the waivers on record; the ledger is built from both as the product builds it. */
public class FakeAccounts implements Accounts {
    private final Contracts contracts;
    public final List<LedgerEntry> entries = new ArrayList<>();
    public final List<Waiver> waivers = new ArrayList<>();
    /** The rule set a ledger reports. */
    public long ruleSetVersion = 7;

    public FakeAccounts(Contracts contracts) {
        this.contracts = contracts;
    }

    @Override
    public Ledger ledger(String contractId, LocalDate asOf) {
        return Ledger.of(contractId, asOf, ruleSetVersion, contracts.contract(contractId).interpretations(), entries, waivers);
    }

    @Override
    public List<Waiver> waivers(String contractId) {
        contracts.contract(contractId);
        return List.copyOf(waivers);
    }

    @Override
    public WhatIf whatIf(String contractId, List<Map<String, Object>> facts, LocalDate asOf, String user) {
        throw Unused.because("whatIf", "what-if needs the engine; it is tested against the real core");
    }

    @Override
    public Waiver waive(String contractId, Waiver.Target target, String key, String justification, LocalDate expiresOn,
                        String user) {
        throw Unused.because("waive", "waiving is tested against the real core and store");
    }

    @Override
    public Waiver withdrawWaiver(String contractId, long waiverId, String reason, String user) {
        throw Unused.because("withdrawWaiver", "withdrawing a waiver is tested against the real core and store");
    }
}
