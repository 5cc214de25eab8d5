package org.lvyue.api.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.LintItem;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The contracts the product holds: their definitions as stored, loading a new definition or version, the
 * definition's own contradictions and gaps, and the contract's words for a clause.
 */
@ProviderType
public interface Contracts {

    List<Contract> contracts();

    /**
     * The contracts this node serves (builds their working memories, evaluates and writes them): every contract on a
     * single node, those it owns in a cluster ({@link org.lvyue.api.cluster.ContractOwners}).
     *
     * @since 1.3
     */
    default List<Contract> served() {
        return contracts();
    }

    /** @throws NotFoundException when there is no such contract */
    Contract contract(String id);

    /** The contract's definition document as stored (JSON). */
    String contractDefinition(String id);

    /**
     * Validates and stores a contract definition (JSON), then loads it: a new id is added; an
     * existing id is replaced only by a higher version, and its facts are held against the new terms.
     *
     * @throws InvalidInputException with every problem of the definition
     * @throws org.lvyue.api.store.StoreException never for bad input
     * @throws ConflictException when the version is not higher than the stored one
     */
    Contract defineContract(String definitionJson, String user);

    /**
     * The services the contract buys and whether each runs for it now; when the definition does not say which it
     * buys, every domain the product has, as each applies.
     *
     * @throws NotFoundException when there is no such contract
     */
    List<org.lvyue.api.contract.ServiceStatus> services(String contractId);

    /**
     * Stores a new version of the contract's definition whose clause texts ({@code clauses}) are these, everything
     * else unchanged.
     *
     * @param clauses clause id (as findings cite it) to the contract's words
     * @throws InvalidInputException naming each refused clause ({@code clauses.<id>})
     * @throws NotFoundException when there is no such contract
     */
    Contract defineClauses(String contractId, java.util.Map<String, String> clauses, String user);

    /**
     * As {@link #defineClauses}, from the contract's text: split into clauses by its numbering (一、二、… 条,
     * 1. 2. … 款, (1)(2) 项; 合同书, 一般条款 and the annexes), with ids in the scheme findings cite.
     *
     * @throws InvalidInputException when the text holds no numbered clause
     */
    Contract defineClauseText(String contractId, String contractText, String user);

    /**
     * Makes next year's contract from this one (续签) and loads it at version 1: what the renewal names is new,
     * the rest carried over, dated terms moved by the period's shift; its lint lists what changed.
     *
     * @throws InvalidInputException naming each refused field, also when the working-day calendar lacks a year
     * @throws NotFoundException when there is no such contract
     * @throws ConflictException when a contract with the new id exists
     */
    Contract renewContract(String contractId, org.lvyue.api.contract.Renewal renewal, String user);

    /** The contradictions and gaps of the contract definition itself. */
    List<LintItem> lint(String contractId);

    /**
     * Checks a contract definition (JSON) without storing it: every problem that would refuse it now, as
     * {@link #defineContract} names them (a version not higher than the stored one among them), and the lint it
     * would have. Nothing is stored or loaded.
     */
    org.lvyue.api.contract.DraftLint lintDraft(String definitionJson);

    /**
     * The contract's own words for a clause id as findings and obligations cite it ({@code 一般条款 七.1},
     * {@code 附件三 1.1.1(一) 5)}; several ids joined by {@code ;}), or empty when the contract's text is
     * not on record for it.
     */
    Optional<String> clauseText(String contractId, String clause);

    /** The day the product stands on (today in Beijing, unless configured otherwise). */
    LocalDate today();
}
