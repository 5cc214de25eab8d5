package org.lvyue.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.store.ComplianceStore;

/**
 * The recorded findings ({@code finding}, migrations V1, V2, V4, V6, V10): one row per finding key,
 * OPEN or RESOLVED, rewritten only when the finding changes, each change an entry of the contract's
 * chain. "Waived" is not stored: it is read from the waivers in force on the day asked about.
 */
final class FindingTable implements StateTable<FindingRecord> {
    /**
     * Every column but contract_id, in the order of {@link #values} and {@link #read}; last the
     * remainders of the three chained times (migration V12, see {@link Sql#micros(Instant)}).
     */
    static final Columns COLUMNS = Columns.of("finding_key", "domain", "obligation_id", "rule_name", "clause",
            "severity", "period_start", "period_end", "period_label", "title", "detail", "fact_ids", "status",
            "first_seen_at", "changed_at", "resolved_at", "rule_bundle", "rule_bundle_version", "occurrences", "deadline",
            "deadline_basis", "first_seen_at_ns", "changed_at_ns", "resolved_at_ns");
    private static final int FIRST_SEEN_AT_NS = COLUMNS.index("first_seen_at_ns");
    private static final int CHANGED_AT_NS = COLUMNS.index("changed_at_ns");
    private static final int RESOLVED_AT_NS = COLUMNS.index("resolved_at_ns");
    /** What a change rewrites: the key is the row's, and first seen stays when a finding changes or reopens. */
    private static final Columns CHANGED = COLUMNS.without("finding_key", "first_seen_at", "first_seen_at_ns");
    private static final int[] CHANGED_VALUES = CHANGED.positionsIn(COLUMNS);
    /** What resolving rewrites: nothing of the finding itself, which the evaluation no longer produced. */
    private static final Columns RESOLVED = Columns.of("status", "changed_at", "resolved_at", "changed_at_ns",
            "resolved_at_ns");
    private static final int[] RESOLVED_VALUES = RESOLVED.positionsIn(COLUMNS);

    /**
     * What a reconciliation changed, the findings as recorded after it, whether it wrote any, and the findings it
     * opened (new or reopened), which are what notifications tell of.
     */
    record Reconciled(ComplianceStore.FindingChanges changes, Map<String, FindingRecord> after, boolean wrote,
                      List<FindingRecord> opened) {
    }

    private final Dialect dialect;

    FindingTable(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Writes what an evaluation changed since {@code before}, the findings as recorded: new findings
     * open, findings whose content, severity or rule bundle changed are rewritten, RESOLVED ones
     * produced again reopen (first seen kept), OPEN ones not produced any more resolve. Each written
     * row's state is appended to the contract's chain.
     *
     * @param produced the evaluation's findings by key, all of {@code contractId}
     * @param waived   the keys with a waiver in force on the evaluation's day, which are not counted open
     */
    Reconciled reconcile(Connection c, String contractId, Map<String, FindingRecord> before, Evaluation evaluation,
                         Map<String, Finding> produced, Set<String> waived, Instant at, EvidenceTable chain)
            throws SQLException {
        Map<String, FindingRecord> after = new HashMap<>(before);
        List<FindingRecord> inserted = new ArrayList<>();
        List<FindingRecord> changed = new ArrayList<>();
        List<FindingRecord> resolvedRows = new ArrayList<>();
        List<FindingRecord> written = new ArrayList<>();
        List<FindingRecord> openedRows = new ArrayList<>();
        int opened = 0;
        int resolved = 0;
        for (Finding f : produced.values()) {
            FindingRecord old = before.get(f.getKey());
            DomainStatus bundle = evaluation.domain(f.getDomain());
            String bundleName = bundle == null ? null : bundle.symbolicName();
            String bundleVersion = bundle == null ? null : bundle.version();
            if (old != null && old.status() == FindingStatus.OPEN && sameContent(old, f, bundleName, bundleVersion)) {
                continue;
            }
            if (old == null || old.status() != FindingStatus.OPEN) {
                opened++;
            }
            FindingRecord now = new FindingRecord(f, FindingStatus.OPEN, old == null ? at : old.firstSeenAt(), at, null,
                    bundleName, bundleVersion);
            if (old == null || old.status() != FindingStatus.OPEN) {
                openedRows.add(now);
            }
            (old == null ? inserted : changed).add(now);
            written.add(now);
        }
        for (FindingRecord old : before.values()) {
            if (old.status() != FindingStatus.RESOLVED && !produced.containsKey(old.finding().getKey())) {
                FindingRecord now = new FindingRecord(old.finding(), FindingStatus.RESOLVED, old.firstSeenAt(), at, at,
                        old.ruleBundle(), old.ruleBundleVersion());
                resolvedRows.add(now);
                written.add(now);
                resolved++;
            }
        }
        insert(c, contractId, inserted);
        update(c, contractId, changed, CHANGED, CHANGED_VALUES);
        update(c, contractId, resolvedRows, RESOLVED, RESOLVED_VALUES);
        ChainDigest digest = chain.digest();
        List<EvidenceTable.Draft> drafts = new ArrayList<>(written.size());
        for (FindingRecord r : written) {
            after.put(r.finding().getKey(), r);
            drafts.add(new EvidenceTable.Draft(kind(), key(r), digest(digest, r), null));
        }
        chain.append(c, contractId, drafts, at);
        int open = (int) after.values().stream()
                .filter(r -> r.status() == FindingStatus.OPEN && !waived.contains(r.finding().getKey())).count();
        return new Reconciled(new ComplianceStore.FindingChanges(opened, resolved, open), after, !written.isEmpty(), openedRows);
    }

    private static boolean sameContent(FindingRecord old, Finding f, String bundleName, String bundleVersion) {
        Finding o = old.finding();
        return o.equals(f) && Objects.equals(o.getClause(), f.getClause()) && Objects.equals(o.getRuleName(), f.getRuleName())
                && Objects.equals(o.getObligationId(), f.getObligationId())
                && Objects.equals(old.ruleBundle(), bundleName) && Objects.equals(old.ruleBundleVersion(), bundleVersion);
    }

    private static void insert(Connection c, String contractId, List<FindingRecord> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO finding (contract_id, " + COLUMNS.list() + ") VALUES (?, "
                + COLUMNS.parameters() + ")")) {
            for (FindingRecord r : rows) {
                ps.setString(1, contractId);
                Object[] values = values(r);
                for (int i = 0; i < values.length; i++) {
                    ps.setObject(2 + i, values[i]);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Rewrites {@code columns} of each row; {@code positions} are theirs in {@link #COLUMNS}. */
    private static void update(Connection c, String contractId, List<FindingRecord> rows, Columns columns, int[] positions)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE finding SET " + columns.assignments()
                + " WHERE contract_id = ? AND finding_key = ?")) {
            for (FindingRecord r : rows) {
                Object[] values = values(r);
                int i = 1;
                for (int position : positions) {
                    ps.setObject(i++, values[position]);
                }
                ps.setString(i++, contractId);
                ps.setString(i, r.finding().getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The contract's findings as recorded (stored status), by key. */
    Map<String, FindingRecord> recorded(Connection c, String contractId) throws SQLException {
        Map<String, FindingRecord> rows = new HashMap<>();
        forEach(c, contractId, r -> rows.put(r.finding().getKey(), r));
        return rows;
    }

    /** One finding by key, with its stored status. */
    Optional<FindingRecord> find(Connection c, String contractId, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS.list() + " FROM finding WHERE contract_id = ?"
                + " AND finding_key = ?")) {
            ps.setString(1, contractId);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(contractId, rs)) : Optional.empty();
            }
        }
    }

    @Override
    public String name() {
        return "finding";
    }

    @Override
    public EvidenceTable.Kind kind() {
        return EvidenceTable.Kind.FINDING;
    }

    @Override
    public String key(FindingRecord row) {
        return row.finding().getKey();
    }

    /** {@inheritDoc} With the stored status. */
    @Override
    public void forEach(Connection c, String contractId, Sql.RowSink<FindingRecord> sink) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS.list()
                + " FROM finding WHERE contract_id = ? ORDER BY finding_key")) {
            ps.setString(1, contractId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(read(contractId, rs));
                }
            }
        }
    }

    /**
     * {@inheritDoc} The deadline is digested only when there is one, so the rows of findings without a
     * deadline digest as they did before the column existed.
     */
    @Override
    public String digest(ChainDigest d, FindingRecord r) {
        Finding f = r.finding();
        d.text("finding").text(f.getKey()).text(f.getDomain()).text(f.getObligationId()).text(f.getRuleName())
                .text(f.getClause()).text(f.getSeverity().name()).time(f.getPeriodStart()).time(f.getPeriodEnd())
                .text(f.getPeriodLabel()).text(f.getTitle()).text(f.getDetail()).text(Json.ids(f.getFactIds()))
                .number(f.getOccurrences()).text(r.status().name()).instant(r.firstSeenAt()).instant(r.changedAt())
                .instant(r.resolvedAt()).text(r.ruleBundle()).text(r.ruleBundleVersion());
        if (f.getDeadline() != null) {
            d.text("deadline").time(f.getDeadline()).text(f.getDeadlineBasis());
        }
        return d.finishHex();
    }

    /** The row's values in the order of {@link #COLUMNS}, as parameters. */
    private static Object[] values(FindingRecord r) {
        Finding f = r.finding();
        return new Object[] {f.getKey(), f.getDomain(), f.getObligationId(), f.getRuleName(), f.getClause(),
                f.getSeverity().name(), f.getPeriodStart(), f.getPeriodEnd(), f.getPeriodLabel(), f.getTitle(), f.getDetail(),
                Json.ids(f.getFactIds()), r.status().name(), Sql.micros(r.firstSeenAt()), Sql.micros(r.changedAt()),
                Sql.micros(r.resolvedAt()), r.ruleBundle(), r.ruleBundleVersion(), f.getOccurrences(), f.getDeadline(),
                f.getDeadlineBasis(), Sql.nanos(r.firstSeenAt()), Sql.nanos(r.changedAt()), Sql.nanos(r.resolvedAt())};
    }

    private static FindingRecord read(String contractId, ResultSet rs) throws SQLException {
        int i = 1;
        Finding.Builder f = Finding.builder().contractId(contractId).key(rs.getString(i++)).domain(rs.getString(i++))
                .obligation(rs.getString(i++)).rule(rs.getString(i++)).clause(rs.getString(i++))
                .severity(Severity.valueOf(rs.getString(i++)))
                .period(rs.getObject(i++, LocalDate.class), rs.getObject(i++, LocalDate.class), rs.getString(i++))
                .title(rs.getString(i++)).detail(rs.getString(i++)).facts(Json.ids(rs.getString(i++)));
        FindingStatus status = FindingStatus.valueOf(rs.getString(i++));
        Instant firstSeen = Sql.instant(rs, i++, FIRST_SEEN_AT_NS);
        Instant changed = Sql.instant(rs, i++, CHANGED_AT_NS);
        Instant resolved = Sql.instant(rs, i++, RESOLVED_AT_NS);
        String bundle = rs.getString(i++);
        String bundleVersion = rs.getString(i++);
        f.occurrences(rs.getInt(i++)).deadline(rs.getObject(i++, LocalDate.class), rs.getString(i));
        return new FindingRecord(f.build(), status, firstSeen, changed, resolved, bundle, bundleVersion);
    }
}
