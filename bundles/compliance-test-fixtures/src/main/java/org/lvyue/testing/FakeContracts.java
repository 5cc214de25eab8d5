package org.lvyue.testing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.LintItem;
import org.lvyue.api.contract.Renewal;
import org.lvyue.api.service.ConflictException;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.NotFoundException;

/** The contracts a test holds, the product's day, and the contract's words for some clauses. */
public class FakeContracts implements Contracts {
    public final List<Contract> contracts = new ArrayList<>();
    /** Clause id to the contract's words for it; a clause not here has no text on record. */
    public final Map<String, String> clauseTexts = new HashMap<>();
    public LocalDate today;

    public FakeContracts(LocalDate today, Contract... contracts) {
        this.today = today;
        this.contracts.addAll(List.of(contracts));
    }

    @Override
    public List<Contract> contracts() {
        return List.copyOf(contracts);
    }

    /** As the product refuses it: {@code 合同 'x' 不存在}. */
    @Override
    public Contract contract(String id) {
        return contracts.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("合同 '" + id + "' 不存在"));
    }

    @Override
    public Optional<String> clauseText(String contractId, String clause) {
        contract(contractId);
        return Optional.ofNullable(clauseTexts.get(clause));
    }

    @Override
    public LocalDate today() {
        return today;
    }

    @Override
    public String contractDefinition(String id) {
        throw Unused.because("contractDefinition", "the definition document is tested against the real core");
    }

    @Override
    public Contract defineContract(String definitionJson, String user) {
        throw Unused.because("defineContract", "defining a contract is tested against the real core");
    }

    @Override
    public List<org.lvyue.api.contract.ServiceStatus> services(String contractId) {
        throw Unused.because("services", "what runs for a contract is tested against the real core and engine");
    }

    @Override
    public Contract defineClauses(String contractId, Map<String, String> clauses, String user) {
        throw Unused.because("defineClauses", "storing clause texts is tested against the real core");
    }

    @Override
    public Contract defineClauseText(String contractId, String contractText, String user) {
        throw Unused.because("defineClauseText", "splitting a contract's text is tested against the real core");
    }

    /** The renewals asked for, in order, each with the user who asked. */
    public final List<String> renewals = new ArrayList<>();

    /** Holds the renewed contract as the renewal names it (the rest carried over), or refuses an existing id. */
    @Override
    public Contract renewContract(String contractId, Renewal r, String user) {
        Contract old = contract(contractId);
        if (contracts.stream().anyMatch(c -> c.id().equals(r.id()))) {
            throw new ConflictException("合同 '" + r.id() + "' 已存在；续签须使用新的合同编号");
        }
        Contract renewed = new Contract(r.id(), 1, old.name(), old.number(), old.procurementNo(), old.client(), old.supplier(),
                r.amount(), r.periodStart(), r.periodEnd(), r.signedOn(), old.terms(), old.interpretations(), old.evaluator(),
                old.services());
        contracts.add(renewed);
        renewals.add(contractId + " -> " + r.id() + " by " + user);
        return renewed;
    }

    @Override
    public List<LintItem> lint(String contractId) {
        throw Unused.because("lint", "the lint of a definition is tested against the real core");
    }

    @Override
    public org.lvyue.api.contract.DraftLint lintDraft(String definitionJson) {
        throw Unused.because("lintDraft", "the lint of a draft definition is tested against the real core");
    }
}
