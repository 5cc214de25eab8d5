package org.lvyue.api.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.finding.FindingQuery;
import org.lvyue.api.finding.FindingRecord;

/**
 * What the product does for its users, independent of how they reach it (REST, shell, console):
 * contracts, fact intake with validation, and findings kept in step with the facts and the rules.
 */
public interface ComplianceService {

    List<Contract> contracts();

    /** @throws NotFoundException when there is no such contract */
    Contract contract(String id);

    /** The contract's definition document as stored (JSON). */
    String contractDefinition(String id);

    /**
     * Validates a batch of submitted facts (as parsed JSON objects) against the fact kinds of the
     * active domains, and stores all of them or none; then re-evaluates the contract and records
     * the findings. Returns only once the facts are on disk.
     *
     * @throws InvalidInputException with every problem of every fact when any fact is invalid
     * @throws NotFoundException when there is no such contract
     * @throws org.lvyue.api.store.ConflictingFactException when an id is reused with other content
     */
    IngestResult ingest(String contractId, List<Map<String, Object>> facts, String user);

    /** The contract's findings as recorded, filtered. */
    List<FindingRecord> findings(String contractId, FindingQuery query);

    /** Evaluates the contract now, as of a day, without recording anything. */
    Evaluation evaluate(String contractId, LocalDate asOf);

    /** The day the product stands on (today in Beijing, unless configured otherwise). */
    LocalDate today();
}
