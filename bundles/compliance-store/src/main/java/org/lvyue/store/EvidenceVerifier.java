package org.lvyue.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.lvyue.api.integrity.IntegrityProblem;
import org.lvyue.api.integrity.IntegrityReport;

/**
 * Verifies a contract's evidence chain against itself and against the rows it covers, on one
 * connection in one snapshot. Walks the chain in order (positions without gaps, each entry's
 * {@code previous} the hash of the one before, each hash recomputed), then every covered table:
 * each fact and audit row is recomputed and found among its batch entry's row digests, each
 * finding, waiver and contract row must match the last entry about it. A row no entry covers, an
 * entry whose row is gone and a row that differs are each a problem with the entry's position.
 * Each row is read and digested by its own table class.
 */
final class EvidenceVerifier {
    private final EvidenceTable evidence;
    private final FactTable facts;
    private final AuditTable audit;
    private final List<StateTable<?>> states;

    /** @param states the tables of rows that change in place, in the order their problems are reported */
    EvidenceVerifier(EvidenceTable evidence, FactTable facts, AuditTable audit, List<StateTable<?>> states) {
        this.evidence = evidence;
        this.facts = facts;
        this.audit = audit;
        this.states = List.copyOf(states);
    }

    IntegrityReport verify(Connection c, String contractId, Instant now) throws SQLException {
        return new Run(contractId).run(c, now);
    }

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
                    unmatched.merge(HexFormat.of().formatHex(rows, i * n, i * n + n), 1, Integer::sum);
                }
            }
            String hex = HexFormat.of().formatHex(digest);
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

    /** One verification of one contract: what it found so far. */
    private final class Run {
        private final String contractId;
        private final List<IntegrityProblem> problems = new ArrayList<>();
        private long problemCount;
        private final Map<String, Long> rowsCovered = new TreeMap<>();
        private final Map<String, Long> byKind = new TreeMap<>();
        private final TreeSet<String> algorithms = new TreeSet<>();
        private final Map<Long, Batch> factBatches = new HashMap<>();
        private final Map<Long, Batch> auditBatches = new HashMap<>();
        private final Map<String, Map<String, Latest>> latest = new HashMap<>();
        private long expected;
        private String previous = EvidenceTable.GENESIS;
        private String head = EvidenceTable.GENESIS;

        Run(String contractId) {
            this.contractId = contractId;
        }

        private void problem(long position, String table, String key, String message) {
            problemCount++;
            if (problems.size() < IntegrityReport.MAX_PROBLEMS) {
                problems.add(new IntegrityProblem(position, table, key, message));
            }
        }

        IntegrityReport run(Connection c, Instant now) throws SQLException {
            long t0 = System.nanoTime();
            evidence.forEach(c, contractId, this::entry);
            verifyFacts(c);
            verifyAudit(c);
            for (StateTable<?> table : states) {
                verifyLatest(c, table);
            }
            return new IntegrityReport(contractId, problemCount == 0, expected, byKind, rowsCovered, expected - 1, head,
                    new ArrayList<>(algorithms), problems, problemCount, now, Duration.ofNanos(System.nanoTime() - t0));
        }

        private void entry(EvidenceTable.Entry e) {
            long position = e.position();
            String ref = e.ref();
            if (position != expected) {
                problem(expected, "evidence", null, "证据链在位置 " + expected + " 处缺少 " + (position - expected)
                        + " 条记录 (entries " + expected + " to " + (position - 1) + " are missing from the chain)");
            }
            expected = position + 1;
            byKind.merge(e.kind(), 1L, Long::sum);
            try {
                algorithms.add(ChainDigest.canonical(e.algorithm()));
            } catch (IllegalArgumentException x) {
                problem(position, "evidence", ref, "未知的摘要算法 '" + e.algorithm() + "' (unknown digest algorithm)");
                previous = e.hash();
                return;
            }
            if (!e.previous().equals(previous)) {
                problem(position, "evidence", ref, "证据链记录的前一哈希与上一条记录不符 (the entry does not follow"
                        + " the one before: previous hash differs)");
            }
            if (!EvidenceTable.entryHash(e.algorithm(), contractId, position, e.kind(), ref, e.contentDigest(), e.previous(),
                    e.recordedAt()).equals(e.hash())) {
                problem(position, "evidence", ref, "证据链记录本身被修改，哈希不符 (the entry itself was altered:"
                        + " its hash does not match)");
            }
            if (e.rowDigests() != null && !EvidenceTable.batchContent(e.algorithm(), e.rowDigests()).equals(e.contentDigest())) {
                problem(position, "evidence", ref, "证据链记录的行摘要被修改 (the entry's row digests were altered)");
            }
            previous = e.hash();
            head = e.hash();
            switch (e.kind()) {
                case "FACTS" -> factBatches.put(Long.parseLong(ref), new Batch(position, e.algorithm(), e.rowDigests()));
                case "AUDIT" -> auditBatches.put(position, new Batch(position, e.algorithm(), e.rowDigests()));
                case "FINDING", "WAIVER", "CONTRACT" -> latest.computeIfAbsent(e.kind(), k -> new HashMap<>())
                        .put(ref, new Latest(position, e.algorithm(), e.contentDigest()));
                case "REPORT" -> { } // issued outside the store: the entry vouches for the digests by itself
                default -> problem(position, "evidence", ref, "未知的证据类型 '" + e.kind() + "' (unknown entry kind)");
            }
        }

        private void verifyFacts(Connection c) throws SQLException {
            long[] n = {0};
            facts.forEach(c, contractId, row -> {
                n[0]++;
                Batch b = factBatches.get(row.batchId());
                if (b == null) {
                    problem(-1, "fact", row.id(), "事实不在证据链中（第 " + row.batchId() + " 批），是绕过本系统写入的"
                            + " (the fact is not covered by the chain: written behind the product's back)");
                } else if (!b.match(FactTable.digest(b.digest, row))) {
                    b.mismatched++;
                    problem(b.position, "fact", row.id(), "事实与证据链第 " + b.position + " 条记录不符：被修改或被插入"
                            + " (the fact differs from what entry " + b.position + " recorded: altered or inserted)");
                }
            });
            rowsCovered.put("fact", n[0]);
            missing(factBatches, "fact");
        }

        private void verifyAudit(Connection c) throws SQLException {
            long[] n = {0};
            audit.forEachRow(c, contractId, row -> {
                n[0]++;
                String id = row.event().id();
                Batch b = row.evidencePosition() == null ? null : auditBatches.get(row.evidencePosition());
                if (b == null) {
                    problem(-1, "audit_event", id, "审计日志条目不在证据链中，是绕过本系统写入的"
                            + " (the audit entry is not covered by the chain: written behind the product's back)");
                } else if (!b.match(AuditTable.digest(b.digest, row))) {
                    b.mismatched++;
                    problem(b.position, "audit_event", id, "审计日志条目与证据链第 " + b.position
                            + " 条记录不符：被修改或被插入 (the audit entry differs from what entry " + b.position
                            + " recorded: altered or inserted)");
                }
            });
            rowsCovered.put("audit_event", n[0]);
            missing(auditBatches, "audit_event");
        }

        private void missing(Map<Long, Batch> batches, String table) {
            batches.values().stream().filter(b -> b.missing() > 0).sorted(Comparator.comparingLong(b -> b.position))
                    .forEach(b -> problem(b.position, table, null, "证据链第 " + b.position + " 条记录的 " + b.missing()
                            + " 行已被删除 (" + b.missing() + " rows recorded by entry " + b.position + " are gone: deleted)"));
        }

        private <R> void verifyLatest(Connection c, StateTable<R> table) throws SQLException {
            String name = table.name();
            Map<String, Latest> unseen = new HashMap<>(latest.getOrDefault(table.kind().name(), Map.of()));
            long[] n = {0};
            table.forEach(c, contractId, row -> {
                n[0]++;
                String k = table.key(row);
                Latest last = unseen.remove(k);
                if (last == null) {
                    problem(-1, name, k, name + " 行不在证据链中，是绕过本系统写入的 (the row is not covered by the"
                            + " chain: written behind the product's back)");
                } else if (!table.digest(ChainDigest.of(last.algorithm()), row).equals(last.digest())) {
                    problem(last.position(), name, k, name + " 行与证据链第 " + last.position() + " 条记录不符：被修改"
                            + " (the row differs from what entry " + last.position() + " recorded: altered)");
                }
            });
            rowsCovered.put(name, n[0]);
            unseen.entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.comparingLong(Latest::position)))
                    .forEach(e -> problem(e.getValue().position(), name, e.getKey(), name + " 行已被删除（证据链第 "
                            + e.getValue().position() + " 条记录记有它） (the row recorded by entry " + e.getValue().position()
                            + " was deleted)"));
        }
    }
}
