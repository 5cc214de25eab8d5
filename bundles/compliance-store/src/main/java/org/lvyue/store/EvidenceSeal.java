package org.lvyue.store;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the chain of a contract whose rows were stored before the store kept one (a database from
 * before migration V9): its contract definition, fact batches, findings, waivers and audit entries
 * as they are now become its first entries, each row digested by its own table class. Only a
 * contract with no entry at all is sealed; the warning in the log says so, since sealing vouches for
 * rows nobody verified.
 */
final class EvidenceSeal {
    private static final Logger LOG = LoggerFactory.getLogger(EvidenceSeal.class);
    private static final int AUDIT_ROWS_PER_ENTRY = 10_000;

    private final EvidenceTable evidence;
    private final ContractTable contracts;
    private final FactTable facts;
    private final AuditTable audit;
    private final List<StateTable<?>> states;

    /** @param states the tables of rows that change in place, sealed in this order after the facts */
    EvidenceSeal(EvidenceTable evidence, ContractTable contracts, FactTable facts, AuditTable audit,
                 List<StateTable<?>> states) {
        this.evidence = evidence;
        this.contracts = contracts;
        this.facts = facts;
        this.audit = audit;
        this.states = List.copyOf(states);
    }

    /** Seals every contract that has rows and no chain, each in its own transaction. */
    void sealUnchained(Connection c, Instant now) throws SQLException {
        List<String> unchained = new ArrayList<>();
        // Runs at every start: the small tables only. Audit entries are taken in only for a contract that has
        // a definition (the intake refuses any other), so the million-row audit table is never scanned here.
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM (SELECT id FROM contract"
                + " UNION SELECT DISTINCT contract_id FROM fact_batch UNION SELECT DISTINCT contract_id FROM finding"
                + " UNION SELECT DISTINCT contract_id FROM waiver) x"
                + " WHERE NOT EXISTS (SELECT 1 FROM evidence e WHERE e.contract_id = x.id) ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                unchained.add(rs.getString(1));
            }
        }
        for (String contractId : unchained) {
            c.setAutoCommit(false);
            try {
                long entries = seal(c, contractId, now);
                c.commit();
                evidence.committed(contractId);
                LOG.warn("Contract {}: its stored rows had no evidence chain (a database from before the chain); they were"
                        + " sealed as they are now into {} entries", contractId, entries);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                evidence.rolledBack(contractId);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private long seal(Connection c, String contractId, Instant now) throws SQLException {
        ChainDigest digest = evidence.digest();
        List<EvidenceTable.Draft> drafts = new ArrayList<>();
        drafts(c, contractId, contracts, digest, drafts);
        sealFacts(c, contractId, digest, drafts);
        for (StateTable<?> table : states) {
            drafts(c, contractId, table, digest, drafts);
        }
        long before = evidence.head(c, contractId).position();
        evidence.append(c, contractId, drafts, now);
        sealAudit(c, contractId, now);
        return evidence.head(c, contractId).position() - before;
    }

    private static <R> void drafts(Connection c, String contractId, StateTable<R> table, ChainDigest digest,
                                   List<EvidenceTable.Draft> drafts) throws SQLException {
        table.forEach(c, contractId, row -> drafts.add(new EvidenceTable.Draft(table.kind(), table.key(row),
                table.digest(digest, row), null)));
    }

    /** One entry per batch, its rows' digests in the order they were stored. */
    private void sealFacts(Connection c, String contractId, ChainDigest digest, List<EvidenceTable.Draft> drafts)
            throws SQLException {
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        long[] batch = {Long.MIN_VALUE};
        facts.forEach(c, contractId, row -> {
            if (row.batchId() != batch[0] && rows.size() > 0) {
                drafts.add(factsDraft(batch[0], rows));
                rows.reset();
            }
            batch[0] = row.batchId();
            rows.writeBytes(FactTable.digest(digest, row));
        });
        if (rows.size() > 0) {
            drafts.add(factsDraft(batch[0], rows));
        }
    }

    private static EvidenceTable.Draft factsDraft(long batch, ByteArrayOutputStream rows) {
        return new EvidenceTable.Draft(EvidenceTable.Kind.FACTS, Long.toString(batch), null, rows.toByteArray());
    }

    /** Audit entries in id order, {@value #AUDIT_ROWS_PER_ENTRY} to an entry, each marked with it. */
    private void sealAudit(Connection c, String contractId, Instant now) throws SQLException {
        ChainDigest digest = evidence.digest();
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        String[] range = new String[2]; // the first and last id of the entry being filled
        int[] n = {0};
        audit.forEachUnchained(c, contractId, row -> {
            if (n[0] == AUDIT_ROWS_PER_ENTRY) {
                sealAuditEntry(c, contractId, range, rows, now);
                n[0] = 0;
            }
            if (n[0] == 0) {
                range[0] = row.event().id();
            }
            range[1] = row.event().id();
            rows.writeBytes(AuditTable.digest(digest, row));
            n[0]++;
        });
        if (n[0] > 0) {
            sealAuditEntry(c, contractId, range, rows, now);
        }
    }

    private void sealAuditEntry(Connection c, String contractId, String[] range, ByteArrayOutputStream rows, Instant now)
            throws SQLException {
        long position = evidence.nextPosition(c, contractId);
        audit.markChained(c, contractId, range[0], range[1], position);
        evidence.append(c, contractId, new EvidenceTable.Draft(EvidenceTable.Kind.AUDIT, range[0] + " … " + range[1], null,
                rows.toByteArray()), now);
        rows.reset();
    }
}
