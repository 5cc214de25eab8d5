package org.lvyue.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The evidence chain's table ({@code evidence}, migration V9). Each entry holds the digest of what it
 * covers and the hash of the entry before; an entry is written in the transaction of its rows, under
 * the contract's lock, so the chain of a contract is a single line. The digest of each covered row is
 * its own table class's; a report, which has no row here, is digested here.
 *
 * <p>The head (last position and hash) of each contract is cached once committed; a rolled-back
 * transaction forgets what it appended.
 */
final class EvidenceTable {
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
    private static final int INSERT_CHUNK = 1000;

    /**
     * Every column but contract_id, in the order {@link #read} reads them; last the remainder of the
     * chained time (migration V12, see {@link Sql#micros(Instant)}).
     */
    static final Columns COLUMNS = Columns.of("position", "kind", "ref", "algorithm", "content_digest",
            "row_digests", "previous", "entry_hash", "recorded_at", "recorded_at_ns");
    private static final int RECORDED_AT_NS = COLUMNS.index("recorded_at_ns");

    record Head(long position, String hash) {
    }

    /** An entry to append: its content digest is over {@code rowDigests} when those are given. */
    record Draft(Kind kind, String ref, String contentDigest, byte[] rowDigests) {
    }

    /** An entry as stored; {@code kind} as text, since a tampered row may hold any. */
    record Entry(long position, String kind, String ref, String algorithm, String contentDigest, byte[] rowDigests,
                 String previous, String hash, Instant recordedAt) {
    }

    private final Dialect dialect;
    private final String algorithm;
    private final Map<String, Head> committed = new ConcurrentHashMap<>();
    private final Map<String, Head> pending = new ConcurrentHashMap<>();

    /** @param algorithm the digest of new entries, {@code SM3} or {@code SHA-256} */
    EvidenceTable(Dialect dialect, String algorithm) {
        this.dialect = dialect;
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

    private Head load(Connection c, String contractId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT position, entry_hash FROM evidence WHERE contract_id = ?"
                + " ORDER BY position DESC" + dialect.limit())) {
            ps.setString(1, contractId);
            ps.setInt(2, 1);
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
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO evidence (contract_id, " + COLUMNS.list()
                + ") VALUES (?, " + COLUMNS.parameters() + ")")) {
            int rows = 0;
            for (Draft d : drafts) {
                long position = head.position() + 1;
                String content = d.rowDigests() == null ? d.contentDigest() : batchContent(algorithm, d.rowDigests());
                String hash = entryHash(algorithm, contractId, position, d.kind().name(), d.ref(), content, head.hash(), at);
                ps.setString(1, contractId);
                bind(ps, 2, new Entry(position, d.kind().name(), d.ref(), algorithm, content, d.rowDigests(), head.hash(),
                        hash, at));
                ps.addBatch();
                if (++rows == INSERT_CHUNK) {
                    ps.executeBatch();
                    rows = 0;
                }
                head = new Head(position, hash);
            }
            if (rows > 0) {
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

    /** Every entry of the contract in chain order, streamed. */
    void forEach(Connection c, String contractId, Sql.RowSink<Entry> sink) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS.list()
                + " FROM evidence WHERE contract_id = ? ORDER BY position")) {
            ps.setString(1, contractId);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(read(rs));
                }
            }
        }
    }

    /** The position of the first entry recording this report with this content, or -1. */
    long reportPosition(Connection c, String contractId, String reportId, String content) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT position FROM evidence WHERE contract_id = ?"
                + " AND kind = ? AND ref = ? AND content_digest = ? ORDER BY position" + dialect.limit())) {
            ps.setString(1, contractId);
            ps.setString(2, Kind.REPORT.name());
            ps.setString(3, reportId);
            ps.setString(4, content);
            ps.setInt(5, 1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    /** The contracts that have a chain, by id. */
    List<String> contracts(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT contract_id FROM evidence ORDER BY contract_id");
             ResultSet rs = ps.executeQuery()) {
            List<String> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
            return ids;
        }
    }

    private static void bind(PreparedStatement ps, int i, Entry e) throws SQLException {
        ps.setLong(i++, e.position());
        ps.setString(i++, e.kind());
        ps.setString(i++, e.ref());
        ps.setString(i++, e.algorithm());
        ps.setString(i++, e.contentDigest());
        ps.setBytes(i++, e.rowDigests());
        ps.setString(i++, e.previous());
        ps.setString(i++, e.hash());
        ps.setObject(i++, Sql.micros(e.recordedAt()));
        ps.setObject(i, Sql.nanos(e.recordedAt()), Types.SMALLINT);
    }

    private static Entry read(ResultSet rs) throws SQLException {
        int i = 1;
        return new Entry(rs.getLong(i++), rs.getString(i++), rs.getString(i++), rs.getString(i++), rs.getString(i++),
                rs.getBytes(i++), rs.getString(i++), rs.getString(i++), Sql.instant(rs, i, RECORDED_AT_NS));
    }

    // ------------------------------------------------------------ digests

    static String batchContent(String algorithm, byte[] rowDigests) {
        return ChainDigest.of(algorithm).bytes(rowDigests).finishHex();
    }

    static String entryHash(String algorithm, String contractId, long position, String kind, String ref, String content,
                            String previous, Instant at) {
        return ChainDigest.of(algorithm).text(DOMAIN_TAG).text(contractId).number(position).text(kind).text(ref)
                .text(algorithm).text(content).text(previous).instant(at).finishHex();
    }

    /** The content of a report's entry: the PDF's and the facts' digests, as the report service gives them. */
    static String reportContent(ChainDigest d, String pdfSha256, String factsDigest) {
        return d.text("report").text(pdfSha256).text(factsDigest).finishHex();
    }
}
