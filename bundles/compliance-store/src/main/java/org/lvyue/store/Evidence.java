package org.lvyue.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.store.StoredContract;
import org.lvyue.api.waiver.Waiver;

/**
 * The evidence chain's table ({@code evidence}, migration V9) and the canonical digests of the rows
 * it covers. Each entry holds the digest of what it covers and the hash of the entry before; an
 * entry is written in the transaction of its rows, under the contract's lock, so the chain of a
 * contract is a single line. The head (last position and hash) of each contract is cached once
 * committed; a rolled-back transaction forgets what it appended.
 */
final class Evidence {
    /** What an entry covers. */
    enum Kind {
        /** a batch of facts: {@code ref} is the fact_batch id, the row digests in seq order */
        FACTS,
        /** a batch of audit-log entries: the rows carry the entry's position, row digests in id order */
        AUDIT,
        /** a finding's state after a change: {@code ref} is its key */
        FINDING,
        /** a waiver's state after it was granted or withdrawn: {@code ref} is its id */
        WAIVER,
        /** a contract definition stored: {@code ref} is the contract id */
        CONTRACT,
        /** a report issued: {@code ref} is the report id, the content the PDF's and facts' digests */
        REPORT
    }

    /** The {@code previous} of a chain's first entry. */
    static final String GENESIS = "0".repeat(64);
    private static final String DOMAIN_TAG = "lvyue-evidence-v1";

    record Head(long position, String hash) {
    }

    /** An entry to append: its content digest is over {@code rowDigests} when those are given. */
    record Draft(Kind kind, String ref, String contentDigest, byte[] rowDigests) {
    }

    private final String algorithm;
    private final Map<String, Head> committed = new ConcurrentHashMap<>();
    private final Map<String, Head> pending = new ConcurrentHashMap<>();

    Evidence(String algorithm) {
        this.algorithm = ChainDigest.canonical(algorithm);
    }

    /** The algorithm new entries use. Entries keep the one they were written with. */
    String algorithm() {
        return algorithm;
    }

    ChainDigest digest() {
        return ChainDigest.of(algorithm);
    }

    /** The position the next entry of the contract will take, in this transaction. */
    long nextPosition(Connection c, String contractId) throws SQLException {
        return head(c, contractId).position() + 1;
    }

    Head head(Connection c, String contractId) throws SQLException {
        Head head = pending.get(contractId);
        if (head == null) {
            head = committed.get(contractId);
        }
        if (head == null) {
            head = load(c, contractId);
            committed.put(contractId, head);
        }
        return head;
    }

    private static Head load(Connection c, String contractId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT position, entry_hash FROM evidence WHERE contract_id = ?"
                + " ORDER BY position DESC FETCH FIRST ROW ONLY")) {
            ps.setString(1, contractId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : new Head(-1, GENESIS);
            }
        }
    }

    /** Appends entries in order; returns the position of the last. */
    long append(Connection c, String contractId, List<Draft> drafts, Instant at) throws SQLException {
        Head head = head(c, contractId);
        if (drafts.isEmpty()) {
            return head.position();
        }
        String alg = algorithm;
        OffsetDateTime recorded = at.atOffset(ZoneOffset.UTC);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO evidence (contract_id, position, kind, ref, algorithm,"
                + " content_digest, row_digests, previous, entry_hash, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int pendingRows = 0;
            for (Draft d : drafts) {
                long position = head.position() + 1;
                String content = d.rowDigests() == null ? d.contentDigest() : batchContent(alg, d.rowDigests());
                String hash = entryHash(alg, contractId, position, d.kind().name(), d.ref(), content, head.hash(), at);
                ps.setString(1, contractId);
                ps.setLong(2, position);
                ps.setString(3, d.kind().name());
                ps.setString(4, d.ref());
                ps.setString(5, alg);
                ps.setString(6, content);
                ps.setBytes(7, d.rowDigests());
                ps.setString(8, head.hash());
                ps.setString(9, hash);
                ps.setObject(10, recorded);
                ps.addBatch();
                if (++pendingRows == 1000) {
                    ps.executeBatch();
                    pendingRows = 0;
                }
                head = new Head(position, hash);
            }
            if (pendingRows > 0) {
                ps.executeBatch();
            }
        }
        pending.put(contractId, head);
        return head.position();
    }

    long append(Connection c, String contractId, Draft draft, Instant at) throws SQLException {
        return append(c, contractId, List.of(draft), at);
    }

    /** The transaction that appended committed: its head is the contract's head. */
    void committed(String contractId) {
        Head head = pending.remove(contractId);
        if (head != null) {
            committed.put(contractId, head);
        }
    }

    /** The transaction rolled back (or its outcome is unknown): the head is read again next time. */
    void rolledBack(String contractId) {
        pending.remove(contractId);
        committed.remove(contractId);
    }

    /** Forgets every cached head: after the database changed outside (a restore). */
    void forget() {
        committed.clear();
        pending.clear();
    }

    static String batchContent(String algorithm, byte[] rowDigests) {
        return ChainDigest.of(algorithm).bytes(rowDigests).finishHex();
    }

    static String entryHash(String algorithm, String contractId, long position, String kind, String ref, String content,
                            String previous, Instant at) {
        return ChainDigest.of(algorithm).text(DOMAIN_TAG).text(contractId).number(position).text(kind).text(ref)
                .text(algorithm).text(content).text(previous).instant(at).finishHex();
    }

    // ------------------------------------------------------------ canonical row digests

    /** A stored fact, from the values in its row (attributes as the stored JSON text). */
    static byte[] factRow(ChainDigest d, String id, String domain, String kind, String subject, LocalDate date,
                          LocalDateTime time, String status, BigDecimal amount, String attributes, String source,
                          Instant receivedAt) {
        return d.text("fact").text(id).text(domain).text(kind).text(subject).time(date).time(time).text(status)
                .amount(amount).text(attributes).text(source).instant(receivedAt).finishRow();
    }

    static byte[] auditRow(ChainDigest d, AuditEvent e, Instant receivedAt) {
        return d.text("audit").text(e.id()).time(e.at()).text(e.user()).text(e.address()).text(e.action())
                .text(e.resource()).text(Boolean.toString(e.classified())).text(e.requestId()).text(e.system())
                .instant(receivedAt).finishRow();
    }

    static String findingRow(ChainDigest d, FindingRecord r) {
        Finding f = r.finding();
        d.text("finding").text(f.getKey()).text(f.getDomain()).text(f.getObligationId()).text(f.getRuleName())
                .text(f.getClause()).text(f.getSeverity().name()).time(f.getPeriodStart()).time(f.getPeriodEnd())
                .text(f.getPeriodLabel()).text(f.getTitle()).text(f.getDetail()).text(Json.ids(f.getFactIds()))
                .number(f.getOccurrences()).text(r.status().name()).instant(r.firstSeenAt()).instant(r.changedAt())
                .instant(r.resolvedAt()).text(r.ruleBundle()).text(r.ruleBundleVersion());
        if (f.getDeadline() != null) {
            // only when present, so the rows of findings without a deadline digest as they did before it existed
            d.text("deadline").time(f.getDeadline()).text(f.getDeadlineBasis());
        }
        return d.finishHex();
    }

    static String waiverRow(ChainDigest d, Waiver w) {
        return d.text("waiver").number(w.id()).text(w.target().name()).text(w.key()).text(w.justification())
                .time(w.expiresOn()).text(w.createdBy()).instant(w.createdAt()).text(w.withdrawnBy())
                .instant(w.withdrawnAt()).text(w.withdrawReason()).finishHex();
    }

    static String contractRow(ChainDigest d, StoredContract c) {
        return d.text("contract").text(c.id()).number(c.version()).text(c.definition()).instant(c.storedAt())
                .text(c.storedBy()).finishHex();
    }

    static String reportContent(ChainDigest d, String pdfSha256, String factsDigest) {
        return d.text("report").text(pdfSha256).text(factsDigest).finishHex();
    }
}
