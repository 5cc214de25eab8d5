package org.lvyue.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.integrity.IntegrityProblem;
import org.lvyue.api.integrity.IntegrityReport;

/**
 * Verifies a contract's evidence chain against itself and against the rows it covers, on one
 * connection in one snapshot. Walks the chain in order (positions without gaps, each entry's
 * {@code previous} the hash of the one before, each hash recomputed), then every covered table:
 * each fact and audit row is recomputed and found among its batch entry's row digests, each
 * finding, waiver and contract row must match the last entry about it. A row no entry covers, an
 * entry whose row is gone and a row that differs are each a problem with the entry's position.
 */
final class EvidenceVerifier {
    static final String AUDIT_COLUMNS = "id, at, user_name, address, action, resource, classified, request_id,"
            + " system_name, received_at, evidence_position";

    private final String contractId;
    private final List<IntegrityProblem> problems = new ArrayList<>();
    private long problemCount;
    private final Map<String, Long> rowsCovered = new TreeMap<>();

    /** A batch entry: its row digests, matched in order while the rows agree, as a set after. */
    private static final class Batch {
        final long position;
        final ChainDigest digest; // the entry's own algorithm, one instance for all its rows
        final byte[] rows;
        final int count;
        int next;
        int mismatched; // rows of this entry's table that matched none of its digests
        Map<String, Integer> unmatched; // digest (hex) -> how many, once order broke

        Batch(long position, String algorithm, byte[] rows) {
            this.position = position;
            this.digest = ChainDigest.of(algorithm);
            this.rows = rows == null ? new byte[0] : rows;
            this.count = this.rows.length / ChainDigest.ROW_DIGEST_BYTES;
        }

        /** True when the row's digest is one this entry recorded (and not matched before). */
        boolean match(byte[] digest) {
            int n = ChainDigest.ROW_DIGEST_BYTES;
            if (unmatched == null) {
                if (next < count && Arrays.equals(rows, next * n, next * n + n, digest, 0, n)) {
                    next++;
                    return true;
                }
                unmatched = new HashMap<>();
                for (int i = next; i < count; i++) {
                    unmatched.merge(java.util.HexFormat.of().formatHex(rows, i * n, i * n + n), 1, Integer::sum);
                }
            }
            String hex = java.util.HexFormat.of().formatHex(digest);
            Integer left = unmatched.get(hex);
            if (left == null) {
                return false;
            }
            if (left == 1) {
                unmatched.remove(hex);
            } else {
                unmatched.put(hex, left - 1);
            }
            return true;
        }

        /** Recorded rows not found, beyond those that were found changed (reported one by one). */
        int missing() {
            int left = unmatched == null ? count - next : unmatched.values().stream().mapToInt(Integer::intValue).sum();
            return Math.max(0, left - mismatched);
        }
    }

    /** The last entry about a row (finding, waiver, contract). */
    private record Latest(long position, String algorithm, String digest) {
    }

    private EvidenceVerifier(String contractId) {
        this.contractId = contractId;
    }

    static IntegrityReport verify(Connection c, String contractId, Instant now) throws SQLException {
        return new EvidenceVerifier(contractId).run(c, now);
    }

    private void problem(long position, String table, String key, String message) {
        problemCount++;
        if (problems.size() < IntegrityReport.MAX_PROBLEMS) {
            problems.add(new IntegrityProblem(position, table, key, message));
        }
    }

    private IntegrityReport run(Connection c, Instant now) throws SQLException {
        long t0 = System.nanoTime();
        Map<String, Long> byKind = new TreeMap<>();
        TreeSet<String> algorithms = new TreeSet<>();
        Map<Long, Batch> factBatches = new HashMap<>();
        Map<Long, Batch> auditBatches = new HashMap<>();
        Map<String, Map<String, Latest>> latest = new HashMap<>();
        long expected = 0;
        String previous = Evidence.GENESIS;
        String head = Evidence.GENESIS;
        try (PreparedStatement ps = c.prepareStatement("SELECT position, kind, ref, algorithm, content_digest, row_digests,"
                + " previous, entry_hash, recorded_at FROM evidence WHERE contract_id = ? ORDER BY position")) {
            ps.setString(1, contractId);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long position = rs.getLong(1);
                    String kind = rs.getString(2);
                    String ref = rs.getString(3);
                    String algorithm = rs.getString(4);
                    String content = rs.getString(5);
                    byte[] rows = rs.getBytes(6);
                    String prev = rs.getString(7);
                    String hash = rs.getString(8);
                    Instant at = H2Store.instant(rs, 9);
                    if (position != expected) {
                        problem(expected, "evidence", null, "证据链在位置 " + expected + " 处缺少 " + (position - expected)
                                + " 条记录 (entries " + expected + " to " + (position - 1) + " are missing from the chain)");
                    }
                    expected = position + 1;
                    byKind.merge(kind, 1L, Long::sum);
                    try {
                        algorithms.add(ChainDigest.canonical(algorithm));
                    } catch (IllegalArgumentException e) {
                        problem(position, "evidence", ref, "未知的摘要算法 '" + algorithm + "' (unknown digest algorithm)");
                        previous = hash;
                        continue;
                    }
                    if (!prev.equals(previous)) {
                        problem(position, "evidence", ref, "证据链记录的前一哈希与上一条记录不符 (the entry does not follow"
                                + " the one before: previous hash differs)");
                    }
                    if (!Evidence.entryHash(algorithm, contractId, position, kind, ref, content, prev, at).equals(hash)) {
                        problem(position, "evidence", ref, "证据链记录本身被修改，哈希不符 (the entry itself was altered:"
                                + " its hash does not match)");
                    }
                    if (rows != null && !Evidence.batchContent(algorithm, rows).equals(content)) {
                        problem(position, "evidence", ref, "证据链记录的行摘要被修改 (the entry's row digests were altered)");
                    }
                    previous = hash;
                    head = hash;
                    switch (kind) {
                        case "FACTS" -> factBatches.put(Long.parseLong(ref), new Batch(position, algorithm, rows));
                        case "AUDIT" -> auditBatches.put(position, new Batch(position, algorithm, rows));
                        case "FINDING", "WAIVER", "CONTRACT" ->
                                latest.computeIfAbsent(kind, k -> new HashMap<>()).put(ref, new Latest(position, algorithm, content));
                        case "REPORT" -> { } // issued outside the store: the entry vouches for the digests by itself
                        default -> problem(position, "evidence", ref, "未知的证据类型 '" + kind + "' (unknown entry kind)");
                    }
                }
            }
        }
        verifyFacts(c, factBatches);
        verifyAudit(c, auditBatches);
        verifyLatest(c, latest.getOrDefault("FINDING", Map.of()), "finding", "SELECT " + H2Store.FINDING_COLUMNS
                + " FROM finding WHERE contract_id = ?", (rs, alg) -> {
                    var r = H2Store.findingRecord(contractId, rs);
                    return Map.entry(r.finding().getKey(), Evidence.findingRow(ChainDigest.of(alg), r));
                }, rs -> rs.getString(1));
        verifyLatest(c, latest.getOrDefault("WAIVER", Map.of()), "waiver", "SELECT " + H2Store.WAIVER_COLUMNS
                + " FROM waiver WHERE contract_id = ?", (rs, alg) -> {
                    var w = H2Store.waiver(rs);
                    return Map.entry(Long.toString(w.id()), Evidence.waiverRow(ChainDigest.of(alg), w));
                }, rs -> Long.toString(rs.getLong(1)));
        verifyLatest(c, latest.getOrDefault("CONTRACT", Map.of()), "contract",
                "SELECT id, version, definition, stored_at, stored_by FROM contract WHERE id = ?", (rs, alg) -> {
                    var k = H2Store.contract(rs);
                    return Map.entry(k.id(), Evidence.contractRow(ChainDigest.of(alg), k));
                }, rs -> rs.getString(1));
        return new IntegrityReport(contractId, problemCount == 0, expected, byKind, rowsCovered, expected - 1, head,
                new ArrayList<>(algorithms), problems, problemCount, now, Duration.ofNanos(System.nanoTime() - t0));
    }

    private void verifyFacts(Connection c, Map<Long, Batch> batches) throws SQLException {
        long n = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT batch_id, " + H2Store.FACT_COLUMNS
                + " FROM fact WHERE contract_id = ? ORDER BY seq")) {
            ps.setString(1, contractId);
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n++;
                    long batchId = rs.getLong(1);
                    String id = rs.getString(2);
                    Batch b = batches.get(batchId);
                    if (b == null) {
                        problem(-1, "fact", id, "事实不在证据链中（第 " + batchId + " 批），是绕过本系统写入的"
                                + " (the fact is not covered by the chain: written behind the product's back)");
                    } else if (!b.match(factRow(b.digest, rs, 2))) {
                        b.mismatched++;
                        problem(b.position, "fact", id, "事实与证据链第 " + b.position + " 条记录不符：被修改或被插入"
                                + " (the fact differs from what entry " + b.position + " recorded: altered or inserted)");
                    }
                }
            }
        }
        rowsCovered.put("fact", n);
        missing(batches, "fact");
    }

    private void verifyAudit(Connection c, Map<Long, Batch> batches) throws SQLException {
        long n = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + AUDIT_COLUMNS
                + " FROM audit_event WHERE contract_id = ? ORDER BY id")) {
            ps.setString(1, contractId);
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n++;
                    AuditEvent e = auditEvent(rs);
                    long position = rs.getLong(11);
                    Batch b = rs.wasNull() ? null : batches.get(position);
                    if (b == null) {
                        problem(-1, "audit_event", e.id(), "审计日志条目不在证据链中，是绕过本系统写入的"
                                + " (the audit entry is not covered by the chain: written behind the product's back)");
                    } else if (!b.match(Evidence.auditRow(b.digest, e, H2Store.instant(rs, 10)))) {
                        b.mismatched++;
                        problem(b.position, "audit_event", e.id(), "审计日志条目与证据链第 " + b.position
                                + " 条记录不符：被修改或被插入 (the audit entry differs from what entry " + b.position
                                + " recorded: altered or inserted)");
                    }
                }
            }
        }
        rowsCovered.put("audit_event", n);
        missing(batches, "audit_event");
    }

    private void missing(Map<Long, Batch> batches, String table) {
        batches.values().stream().filter(b -> b.missing() > 0).sorted(java.util.Comparator.comparingLong(b -> b.position))
                .forEach(b -> problem(b.position, table, null, "证据链第 " + b.position + " 条记录的 " + b.missing()
                        + " 行已被删除 (" + b.missing() + " rows recorded by entry " + b.position + " are gone: deleted)"));
    }

    @FunctionalInterface
    private interface RowDigest {
        Map.Entry<String, String> digest(ResultSet rs, String algorithm) throws SQLException;
    }

    @FunctionalInterface
    private interface RowKey {
        String key(ResultSet rs) throws SQLException;
    }

    private void verifyLatest(Connection c, Map<String, Latest> entries, String table, String sql, RowDigest digest,
                              RowKey key) throws SQLException {
        Map<String, Latest> unseen = new HashMap<>(entries);
        long n = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, contractId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n++;
                    String k = key.key(rs);
                    Latest last = unseen.remove(k);
                    if (last == null) {
                        problem(-1, table, k, table + " 行不在证据链中，是绕过本系统写入的 (the row is not covered by the"
                                + " chain: written behind the product's back)");
                    } else if (!digest.digest(rs, last.algorithm()).getValue().equals(last.digest())) {
                        problem(last.position(), table, k, table + " 行与证据链第 " + last.position() + " 条记录不符：被修改"
                                + " (the row differs from what entry " + last.position() + " recorded: altered)");
                    }
                }
            }
        }
        rowsCovered.put(table, n);
        unseen.entrySet().stream().sorted(Map.Entry.comparingByValue(java.util.Comparator.comparingLong(Latest::position)))
                .forEach(e -> problem(e.getValue().position(), table, e.getKey(), table + " 行已被删除（证据链第 "
                        + e.getValue().position() + " 条记录记有它） (the row recorded by entry " + e.getValue().position()
                        + " was deleted)"));
    }

    /** The digest of a fact row whose {@link H2Store#FACT_COLUMNS} start at column {@code first}. */
    static byte[] factRow(ChainDigest d, ResultSet rs, int first) throws SQLException {
        return Evidence.factRow(d, rs.getString(first), rs.getString(first + 1), rs.getString(first + 2),
                rs.getString(first + 3), rs.getObject(first + 4, LocalDate.class), rs.getObject(first + 5, LocalDateTime.class),
                rs.getString(first + 6), rs.getBigDecimal(first + 7), rs.getString(first + 8), rs.getString(first + 9),
                H2Store.instant(rs, first + 10));
    }

    /** The audit entry of a row read with {@link #AUDIT_COLUMNS}. */
    static AuditEvent auditEvent(ResultSet rs) throws SQLException {
        return new AuditEvent(rs.getString(1), rs.getTimestamp(2).toLocalDateTime(), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getString(8), rs.getString(9));
    }
}
