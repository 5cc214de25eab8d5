package org.lvyue.api.service;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Facts coming in: a batch of JSON facts or an engineers' sheet, checked against the fact kinds of the active
 * domains and stored all or nothing, or only checked.
 */
@ProviderType
public interface FactIntake {

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

    /**
     * Imports a sheet engineers keep (CSV, UTF-8, header row): {@code inspection} (巡检记录单),
     * {@code support} (技术支持工单) or {@code attendance} (考勤表). All rows or none, like a batch; every
     * problem is reported with its CSV line number as the index.
     */
    IngestResult ingestCsv(String contractId, String format, java.io.Reader csv, String user);

    /**
     * Checks a batch like {@link #ingest} would, and stores nothing: every problem of every fact, and the
     * ids already stored (with the same content: duplicates; with another: a problem of that fact).
     *
     * @throws NotFoundException when there is no such contract
     */
    ImportCheck checkFacts(String contractId, List<Map<String, Object>> facts, String user);

    /**
     * Checks a sheet like {@link #ingestCsv} would, and stores nothing; problems carry their CSV line.
     *
     * @throws InvalidInputException when the format is unknown
     */
    ImportCheck checkCsv(String contractId, String format, java.io.Reader csv, String user);
}
