package org.lvyue.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.lvyue.api.audit.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the chain of a contract whose rows were stored before the store kept one (a database from
 * before migration V9): its contract definition, fact batches, audit entries, findings and waivers
 * as they are now become its first entries. Only a contract with no entry at all is sealed; the
 * warning in the log says so, since sealing vouches for rows nobody verified.
 */
final class EvidenceSeal {
    private static final Logger LOG = LoggerFactory.getLogger(EvidenceSeal.class);
    private static final int AUDIT_ROWS_PER_ENTRY = 10_000;

    private EvidenceSeal() {
    }

    static void sealUnchained(Connection c, Evidence evidence, Instant now) throws SQLException {
        List<String> contracts = new ArrayList<>();
        // Runs at every start: the small tables only. Audit entries are taken in only for a contract that has
        // a definition (the intake refuses any other), so the million-row audit table is never scanned here.
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM (SELECT id FROM contract"
                + " UNION SELECT DISTINCT contract_id FROM fact_batch UNION SELECT DISTINCT contract_id FROM finding"
                + " UNION SELECT DISTINCT contract_id FROM waiver) x"
                + " WHERE NOT EXISTS (SELECT 1 FROM evidence e WHERE e.contract_id = x.id) ORDER BY id")) {
            while (rs.next()) {
                contracts.add(rs.getString(1));
            }
        }
        for (String contractId : contracts) {
            c.setAutoCommit(false);
            try {
                long entries = seal(c, evidence, contractId, now);
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

    private static long seal(Connection c, Evidence evidence, String contractId, Instant now) throws SQLException {
        ChainDigest digest = evidence.digest();
        List<Evidence.Draft> drafts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, version, definition, stored_at, stored_by FROM contract"
                + " WHERE id = ?")) {
            ps.setString(1, contractId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    drafts.add(new Evidence.Draft(Evidence.Kind.CONTRACT, contractId,
                            Evidence.contractRow(digest, H2Store.contract(rs)), null));
                }
            }
        }
        sealFacts(c, digest, contractId, drafts);
        try (PreparedStatement ps = c.prepareStatement("SELECT " + H2Store.FINDING_COLUMNS
                + " FROM finding WHERE contract_id = ? ORDER BY finding_key")) {
            ps.setString(1, contractId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    var r = H2Store.findingRecord(contractId, rs);
                    drafts.add(new Evidence.Draft(Evidence.Kind.FINDING, r.finding().getKey(), Evidence.findingRow(digest, r), null));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + H2Store.WAIVER_COLUMNS
                + " FROM waiver WHERE contract_id = ? ORDER BY id")) {
            ps.setString(1, contractId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    var w = H2Store.waiver(rs);
                    drafts.add(new Evidence.Draft(Evidence.Kind.WAIVER, Long.toString(w.id()), Evidence.waiverRow(digest, w), null));
                }
            }
        }
        long before = evidence.head(c, contractId).position();
        evidence.append(c, contractId, drafts, now);
        sealAudit(c, evidence, contractId, now);
        return evidence.head(c, contractId).position() - before;
    }

    private static void sealFacts(Connection c, ChainDigest digest, String contractId, List<Evidence.Draft> drafts)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT batch_id, " + H2Store.FACT_COLUMNS
                + " FROM fact WHERE contract_id = ? ORDER BY seq")) {
            ps.setString(1, contractId);
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                long batch = Long.MIN_VALUE;
                java.io.ByteArrayOutputStream rows = new java.io.ByteArrayOutputStream();
                while (rs.next()) {
                    long b = rs.getLong(1);
                    if (b != batch && rows.size() > 0) {
                        drafts.add(new Evidence.Draft(Evidence.Kind.FACTS, Long.toString(batch), null, rows.toByteArray()));
                        rows.reset();
                    }
                    batch = b;
                    rows.writeBytes(EvidenceVerifier.factRow(digest, rs, 2));
                }
                if (rows.size() > 0) {
                    drafts.add(new Evidence.Draft(Evidence.Kind.FACTS, Long.toString(batch), null, rows.toByteArray()));
                }
            }
        }
    }

    /** Audit entries in id order, {@value #AUDIT_ROWS_PER_ENTRY} to an entry, each marked with it. */
    private static void sealAudit(Connection c, Evidence evidence, String contractId, Instant now) throws SQLException {
        ChainDigest digest = evidence.digest();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + EvidenceVerifier.AUDIT_COLUMNS
                + " FROM audit_event WHERE contract_id = ? AND evidence_position IS NULL ORDER BY id");
             PreparedStatement mark = c.prepareStatement("UPDATE audit_event SET evidence_position = ?"
                     + " WHERE contract_id = ? AND id >= ? AND id <= ? AND evidence_position IS NULL")) {
            ps.setString(1, contractId);
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                java.io.ByteArrayOutputStream rows = new java.io.ByteArrayOutputStream();
                String first = null;
                String last = null;
                int n = 0;
                while (true) {
                    boolean more = rs.next();
                    if (!more || n == AUDIT_ROWS_PER_ENTRY) {
                        if (n > 0) {
                            long position = evidence.nextPosition(c, contractId);
                            mark.setLong(1, position);
                            mark.setString(2, contractId);
                            mark.setString(3, first);
                            mark.setString(4, last);
                            mark.executeUpdate();
                            evidence.append(c, contractId, new Evidence.Draft(Evidence.Kind.AUDIT, first + " … " + last,
                                    null, rows.toByteArray()), now);
                        }
                        rows.reset();
                        n = 0;
                        first = null;
                    }
                    if (!more) {
                        break;
                    }
                    AuditEvent e = EvidenceVerifier.auditEvent(rs);
                    if (first == null) {
                        first = e.id();
                    }
                    last = e.id();
                    rows.writeBytes(Evidence.auditRow(digest, e, H2Store.instant(rs, 10)));
                    n++;
                }
            }
        }
    }
}
