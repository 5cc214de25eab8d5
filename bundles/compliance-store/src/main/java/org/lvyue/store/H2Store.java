package org.lvyue.store;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.h2.jdbcx.JdbcConnectionPool;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.FindingQuery;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.store.AppendResult;
import org.lvyue.api.store.ComplianceStore;
import org.lvyue.api.store.ConflictingFactException;
import org.lvyue.api.store.StoreException;
import org.lvyue.api.store.StoredContract;
import org.lvyue.api.waiver.Waiver;

/**
 * The compliance store on an H2 database: a plain class, usable without OSGi. Opening it applies the
 * pending schema migrations; {@link #close()} releases the database.
 *
 * <p>Durability: the URL always gets {@code WRITE_DELAY=0}, so H2 writes a committed transaction to
 * the file before the commit returns; a fact the API acknowledged survives a {@code kill -9}.
 *
 * <p>Writes to one contract (facts, findings, its definition) are serialised by a lock per contract,
 * so the duplicate check of {@link #appendFacts} and the reconciliation of findings see no concurrent
 * writer of the same contract.
 */
public class H2Store implements ComplianceStore, org.lvyue.api.activity.ActivityLog,
        org.lvyue.api.integrity.EvidenceChain, org.lvyue.api.store.StoreBackup, AutoCloseable {
    public static final int DEFAULT_MAX_CONNECTIONS = 8;
    /** The evidence chain's digest unless configured: SM3, the commercial-cryptography hash GB/T 39786 expects. */
    public static final String DEFAULT_CHAIN_ALGORITHM = "SM3";
    static final String MIGRATIONS = "db/migration/";

    private static final Pattern WRITE_DELAY = Pattern.compile(";\\s*WRITE_DELAY\\s*=[^;]*", Pattern.CASE_INSENSITIVE);
    private static final int INSERT_CHUNK = 1000;
    static final String FACT_COLUMNS =
            "id, domain, kind, subject, fact_date, fact_time, status, amount, attributes, source, received_at";
    private static final String FACT_COLUMNS_OF_F = "f.id, f.domain, f.kind, f.subject, f.fact_date, f.fact_time,"
            + " f.status, f.amount, f.attributes, f.source, f.received_at";
    static final String FINDING_COLUMNS = "finding_key, domain, obligation_id, rule_name, clause, severity,"
            + " period_start, period_end, period_label, title, detail, fact_ids, status, first_seen_at, changed_at,"
            + " resolved_at, rule_bundle, rule_bundle_version, occurrences, deadline, deadline_basis";

    private final String url;
    private final JdbcConnectionPool pool;
    private final Clock clock;
    private final Evidence evidence;
    private final Map<String, org.lvyue.api.integrity.IntegrityReport> verifications = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** Per contract, the findings as recorded by the last committed reconciliation, by key. */
    private final Map<String, Map<String, FindingRecord>> recorded = new ConcurrentHashMap<>();
    /**
     * Per contract, bumped after every committed change to its findings or waivers. A cached answer
     * to a findings query is served only while the generation it was read in is current: readers
     * poll the open findings far more often than evaluations change them.
     */
    private final Map<String, java.util.concurrent.atomic.AtomicLong> findingsGenerations = new ConcurrentHashMap<>();
    private final Map<FindingsRead, CachedFindings> findingsReads = new ConcurrentHashMap<>();
    /**
     * Per contract, bumped after every committed fact batch; the console's fact reads (a page newest
     * first, counts by kind, a kind's facts for the dashboard) scan the contract's facts, which have
     * no index of their own, so an answer is reused while no batch came in.
     */
    private final Map<String, java.util.concurrent.atomic.AtomicLong> factsGenerations = new ConcurrentHashMap<>();
    private final Map<List<Object>, CachedRead> factReads = new ConcurrentHashMap<>();

    private record CachedRead(long generation, Object value) {
    }
    private static final int MAX_CACHED_READS = 256;

    private record FindingsRead(String contractId, FindingQuery query, LocalDate asOf) {
    }

    private record CachedFindings(long generation, List<FindingRecord> records) {
    }

    /** Opens (creating if needed) the database at {@code url} as user {@code sa} with an empty password. */
    public H2Store(String url) {
        this(url, "sa", "", DEFAULT_MAX_CONNECTIONS, Clock.systemUTC(), DEFAULT_CHAIN_ALGORITHM);
    }

    public H2Store(String url, String user, String password, int maxConnections, Clock clock) {
        this(url, user, password, maxConnections, clock, DEFAULT_CHAIN_ALGORITHM);
    }

    /**
     * @param url            an H2 JDBC URL; {@code ;WRITE_DELAY=0} is enforced
     * @param user           database user
     * @param password       database password
     * @param maxConnections size of the connection pool
     * @param clock          the clock of {@code receivedAt} and the other timestamps the store sets
     * @param chainAlgorithm the digest of new evidence-chain entries, {@code SM3} or {@code SHA-256}
     * @throws StoreException when the database cannot be opened or migrated
     */
    public H2Store(String url, String user, String password, int maxConnections, Clock clock, String chainAlgorithm) {
        this.url = durableUrl(Objects.requireNonNull(url, "url"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.evidence = new Evidence(chainAlgorithm);
        this.pool = JdbcConnectionPool.create(this.url, user, password == null ? "" : password);
        pool.setMaxConnections(maxConnections);
        try (Connection c = pool.getConnection()) {
            new Migrations(H2Store.class.getClassLoader(), MIGRATIONS).migrate(c);
            EvidenceSeal.sealUnchained(c, evidence, clock.instant());
        } catch (SQLException | RuntimeException e) {
            pool.dispose();
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("cannot open the compliance store at " + this.url + ": " + e.getMessage(), e);
        }
    }

    /** {@code url} with any {@code WRITE_DELAY} setting replaced by {@code WRITE_DELAY=0}. */
    public static String durableUrl(String url) {
        return WRITE_DELAY.matcher(url).replaceAll("") + ";WRITE_DELAY=0";
    }

    /** The URL the store opened, {@code WRITE_DELAY=0} included. */
    public String url() {
        return url;
    }

    /** Closes the pooled connections, which closes the database. */
    @Override
    public void close() {
        pool.dispose();
    }

    // ---------------------------------------------------------------- contracts

    @Override
    public void saveContract(StoredContract contract) {
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(contract.id(), "contract id");
        Objects.requireNonNull(contract.definition(), "contract definition");
        chained(contract.id(), "saving contract " + contract.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT version FROM contract WHERE id = ? FOR UPDATE")) {
                ps.setString(1, contract.id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getInt(1) > contract.version()) {
                        throw new IllegalArgumentException("contract " + contract.id() + ": version " + contract.version()
                                + " is older than the stored version " + rs.getInt(1) + " and does not replace it");
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "MERGE INTO contract (id, version, definition, stored_at, stored_by) KEY (id) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, contract.id());
                ps.setInt(2, contract.version());
                Instant storedAt = contract.storedAt() == null ? clock.instant() : contract.storedAt();
                ps.setString(3, contract.definition());
                ps.setObject(4, timestamp(storedAt));
                ps.setString(5, contract.storedBy());
                ps.executeUpdate();
                StoredContract stored = new StoredContract(contract.id(), contract.version(), contract.definition(),
                        storedAt, contract.storedBy());
                evidence.append(c, contract.id(), new Evidence.Draft(Evidence.Kind.CONTRACT, contract.id(),
                        Evidence.contractRow(evidence.digest(), stored), null), clock.instant());
            }
            return null;
        });
    }

    @Override
    public List<StoredContract> contracts() {
        return query("listing contracts", c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, version, definition, stored_at, stored_by FROM contract ORDER BY id")) {
                List<StoredContract> all = new ArrayList<>();
                while (rs.next()) {
                    all.add(contract(rs));
                }
                return all;
            }
        });
    }

    @Override
    public Optional<StoredContract> contract(String id) {
        return query("reading contract " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, version, definition, stored_at, stored_by FROM contract WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(contract(rs)) : Optional.<StoredContract>empty();
                }
            }
        });
    }

    static StoredContract contract(ResultSet rs) throws SQLException {
        return new StoredContract(rs.getString(1), rs.getInt(2), rs.getString(3), instant(rs, 4), rs.getString(5));
    }

    // ---------------------------------------------------------------- facts

    /**
     * {@inheritDoc}
     *
     * <p>The batch is always recorded in {@code fact_batch}, also when all of it were duplicates. A batch
     * repeating one id with the same content stores it once and reports the repetitions as duplicates;
     * with different content it is a {@link ConflictingFactException} (indexes of the later occurrences).
     *
     * @throws IllegalArgumentException when a fact belongs to another contract or has an amount that
     *                                  does not fit DECIMAL(19,2) exactly (nothing is stored)
     */
    @Override
    public AppendResult appendFacts(String contractId, List<Fact> facts, String source) {
        Objects.requireNonNull(contractId, "contractId");
        Objects.requireNonNull(facts, "facts");
        List<Fact> batch = new ArrayList<>(facts.size());
        for (int i = 0; i < facts.size(); i++) {
            batch.add(checked(contractId, facts.get(i), i));
        }
        AppendResult result = chained(contractId, "appending " + batch.size() + " facts to contract " + contractId,
                c -> append(c, contractId, batch, source));
        factsGenerations.computeIfAbsent(contractId, k -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
        return result;
    }

    /** The answer of {@code read} for {@code key}, reused while no fact batch of the contract committed. */
    @SuppressWarnings("unchecked")
    private <T> T factsRead(String contractId, List<Object> key, Supplier<T> read) {
        java.util.concurrent.atomic.AtomicLong g = factsGenerations.get(contractId);
        long generation = g == null ? 0 : g.get(); // before the read: a batch committed meanwhile makes it stale at once
        CachedRead hit = factReads.get(key);
        if (hit != null && hit.generation() == generation) {
            return (T) hit.value();
        }
        T value = read.get();
        if (factReads.size() >= MAX_CACHED_READS) {
            factReads.clear();
        }
        factReads.put(key, new CachedRead(generation, value));
        return value;
    }

    /**
     * Appends a batch. The common case, a batch of new facts, is inserted directly and the unique
     * (contract_id, id) index proves there is no duplicate; only when it objects (a retry, a reused
     * id) is the batch rolled back to the savepoint and each id looked up to tell duplicates from
     * conflicts.
     */
    private AppendResult append(Connection c, String contractId, List<Fact> batch, String source) throws SQLException {
        Instant now = clock.instant();
        if (batch.stream().map(Fact::getId).distinct().count() == batch.size()) {
            Savepoint savepoint = c.setSavepoint();
            try {
                List<Fact> fresh = new ArrayList<>(batch.size());
                for (Fact f : batch) {
                    fresh.add(f.toBuilder().source(source).receivedAt(now).build());
                }
                long batchId = insert(c, contractId, fresh, source, now);
                return new AppendResult(batchId, Collections.unmodifiableList(fresh), List.of());
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState())) {
                    throw e;
                }
                c.rollback(savepoint);
            }
        }
        return appendChecked(c, contractId, batch, source, now);
    }

    private AppendResult appendChecked(Connection c, String contractId, List<Fact> batch, String source, Instant now)
            throws SQLException {
        Map<String, Fact> stored = storedFacts(c, contractId, batch);
        Map<String, Fact> firstInBatch = new HashMap<>();
        List<Integer> conflictIndexes = new ArrayList<>();
        List<String> conflictIds = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        List<Fact> fresh = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Fact f = batch.get(i);
            Fact earlier = stored.containsKey(f.getId()) ? stored.get(f.getId()) : firstInBatch.get(f.getId());
            if (earlier == null) {
                firstInBatch.put(f.getId(), f);
                fresh.add(f.toBuilder().source(source).receivedAt(now).build());
            } else if (earlier.sameContentAs(f)) {
                duplicates.add(f.getId());
            } else {
                conflictIndexes.add(i);
                conflictIds.add(f.getId());
            }
        }
        if (!conflictIds.isEmpty()) {
            throw new ConflictingFactException(conflictIndexes, conflictIds);
        }
        long batchId = insert(c, contractId, fresh, source, now);
        return new AppendResult(batchId, Collections.unmodifiableList(fresh), List.copyOf(duplicates));
    }

    /** Inserts the batch row and its facts; returns the batch id. */
    private long insert(Connection c, String contractId, List<Fact> fresh, String source, Instant now) throws SQLException {
        long batchId;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO fact_batch (contract_id, source, received_at, fact_count) VALUES (?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, contractId);
            ps.setString(2, source);
            ps.setObject(3, timestamp(now));
            ps.setInt(4, fresh.size());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                batchId = keys.getLong(1);
            }
        }
        ChainDigest digest = evidence.digest();
        byte[] rowDigests = new byte[fresh.size() * ChainDigest.ROW_DIGEST_BYTES];
        int row = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO fact (contract_id, batch_id, " + FACT_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int pending = 0;
            for (Fact f : fresh) {
                String attributes = Json.attributes(f.getAttributes());
                ps.setString(1, contractId);
                ps.setLong(2, batchId);
                ps.setString(3, f.getId());
                ps.setString(4, f.getDomain());
                ps.setString(5, f.getKind());
                ps.setString(6, f.getSubject());
                ps.setObject(7, f.getDate());
                if (f.getTime() == null) {
                    ps.setNull(8, Types.TIMESTAMP);
                } else {
                    ps.setObject(8, f.getTime());
                }
                ps.setString(9, f.getStatus());
                ps.setBigDecimal(10, f.getAmount());
                ps.setString(11, attributes);
                ps.setString(12, f.getSource());
                ps.setObject(13, timestamp(now));
                ps.addBatch();
                System.arraycopy(Evidence.factRow(digest, f.getId(), f.getDomain(), f.getKind(), f.getSubject(), f.getDate(),
                        f.getTime(), f.getStatus(), f.getAmount(), attributes, f.getSource(), now), 0, rowDigests,
                        row++ * ChainDigest.ROW_DIGEST_BYTES, ChainDigest.ROW_DIGEST_BYTES);
                if (++pending == INSERT_CHUNK) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
        if (!fresh.isEmpty()) { // after the inserts: a duplicate id rolls back to before them, and so before this
            evidence.append(c, contractId, new Evidence.Draft(Evidence.Kind.FACTS, Long.toString(batchId), null, rowDigests), now);
        }
        return batchId;
    }

    /**
     * The already stored facts among the batch's ids, in one statement. The ids go in as one array
     * joined to the (contract_id, id) index: with {@code id IN (?, ?, ...)} H2 uses only the
     * contract_id prefix of that index and scans every fact of the contract.
     */
    private Map<String, Fact> storedFacts(Connection c, String contractId, List<Fact> batch) throws SQLException {
        return storedFacts(c, contractId, batch.stream().map(Fact::getId).distinct().toArray(String[]::new));
    }

    private Map<String, Fact> storedFacts(Connection c, String contractId, String[] ids) throws SQLException {
        Map<String, Fact> stored = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + FACT_COLUMNS_OF_F
                + " FROM TABLE(id VARCHAR = ?) wanted JOIN fact f ON f.contract_id = ? AND f.id = wanted.id")) {
            ps.setObject(1, ids);
            ps.setString(2, contractId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Fact f = fact(contractId, rs);
                    stored.put(f.getId(), f);
                }
            }
        }
        return stored;
    }

    @Override
    public List<Fact> facts(String contractId) {
        return query("reading the facts of contract " + contractId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + FACT_COLUMNS + " FROM fact WHERE contract_id = ? ORDER BY seq")) {
                ps.setString(1, contractId);
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Fact> all = new ArrayList<>();
                    while (rs.next()) {
                        all.add(fact(contractId, rs));
                    }
                    return all;
                }
            }
        });
    }

    @Override
    public List<Fact> facts(String contractId, String kind, LocalDate from, LocalDate to) {
        return factsRead(contractId, java.util.Arrays.asList("range", contractId, kind, from, to),
                () -> Collections.unmodifiableList(readFacts(contractId, kind, from, to)));
    }

    private List<Fact> readFacts(String contractId, String kind, LocalDate from, LocalDate to) {
        return query("reading " + kind + " facts of contract " + contractId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + FACT_COLUMNS + " FROM fact WHERE contract_id = ?"
                    + " AND kind = ? AND fact_date BETWEEN ? AND ? ORDER BY fact_date, seq")) {
                ps.setString(1, contractId);
                ps.setString(2, kind);
                ps.setObject(3, from);
                ps.setObject(4, to);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Fact> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(fact(contractId, rs));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public long factCount(String contractId) {
        return query("counting the facts of contract " + contractId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM fact WHERE contract_id = ?")) {
                ps.setString(1, contractId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public Map<String, Long> factCountsByKind(String contractId) {
        return query("counting the facts of contract " + contractId + " by kind", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT kind, COUNT(*) FROM fact WHERE contract_id = ? GROUP BY kind")) {
                ps.setString(1, contractId);
                try (ResultSet rs = ps.executeQuery()) {
                    Map<String, Long> out = new HashMap<>();
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getLong(2));
                    }
                    return out;
                }
            }
        });
    }

    private static Fact fact(String contractId, ResultSet rs) throws SQLException {
        return Fact.builder()
                .contractId(contractId)
                .id(rs.getString(1))
                .domain(rs.getString(2))
                .kind(rs.getString(3))
                .subject(rs.getString(4))
                .date(rs.getObject(5, LocalDate.class))
                .time(rs.getObject(6, LocalDateTime.class))
                .status(rs.getString(7))
                .amount(rs.getBigDecimal(8))
                .attributes(Json.attributes(rs.getString(9)))
                .source(rs.getString(10))
                .receivedAt(instant(rs, 11))
                .build();
    }

    /** The fact as it will be stored: of this contract, with its amount at scale 2. */
    private static Fact checked(String contractId, Fact f, int index) {
        if (f == null) {
            throw new IllegalArgumentException("fact " + index + " of the batch is null");
        }
        if (!contractId.equals(f.getContractId())) {
            throw new IllegalArgumentException("fact " + index + " (" + f.getId() + ") belongs to contract "
                    + f.getContractId() + ", not to " + contractId);
        }
        if (f.getAmount() == null) {
            return f;
        }
        BigDecimal amount;
        try {
            amount = f.getAmount().setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            amount = null;
        }
        if (amount == null || amount.precision() > 19) {
            throw new IllegalArgumentException("fact " + index + " (" + f.getId() + "): amount " + f.getAmount()
                    + " does not fit DECIMAL(19,2) exactly (at most 17 digits before and 2 after the point)");
        }
        return amount.equals(f.getAmount()) ? f : f.toBuilder().amount(amount).build();
    }

    // ---------------------------------------------------------------- findings

    /**
     * {@inheritDoc}
     *
     * <p>New findings are inserted OPEN; a RESOLVED finding produced again is OPEN again (its
     * first-seen time kept); an OPEN finding whose content changed is rewritten. OPEN findings the
     * evaluation did not produce become RESOLVED. Waivers do not change a row: "waived" is read from
     * the waivers in force on the evaluation day, and {@code open} does not count waived findings.
     *
     * @throws IllegalArgumentException when a finding belongs to another contract
     */
    @Override
    public FindingChanges reconcileFindings(Evaluation evaluation, Instant at) {
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(at, "at");
        String contractId = Objects.requireNonNull(evaluation.contractId(), "evaluation contractId");
        Map<String, Finding> produced = new LinkedHashMap<>();
        for (Finding f : evaluation.findings()) {
            if (!contractId.equals(f.getContractId())) {
                throw new IllegalArgumentException("finding " + f.getKey() + " belongs to contract " + f.getContractId()
                        + ", not to the evaluated contract " + contractId);
            }
            produced.put(f.getKey(), f);
        }
        return withLock(contractId, () -> {
            try {
                Reconciled r = chained(contractId, "reconciling the findings of contract " + contractId,
                        c -> reconcile(c, evaluation, produced, at));
                recorded.put(contractId, r.after());
                if (r.wrote()) {
                    findingsChanged(contractId);
                }
                return r.changes();
            } catch (RuntimeException e) {
                recorded.remove(contractId); // reloaded from the database next time
                findingsChanged(contractId);
                throw e;
            }
        });
    }

    private record Reconciled(FindingChanges changes, Map<String, FindingRecord> after, boolean wrote) {
    }

    private void findingsChanged(String contractId) {
        findingsGenerations.computeIfAbsent(contractId, k -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
    }

    private long findingsGeneration(String contractId) {
        java.util.concurrent.atomic.AtomicLong g = findingsGenerations.get(contractId);
        return g == null ? 0 : g.get();
    }

    /**
     * Writes only what changed since the last reconciliation: new findings, findings whose content,
     * severity or rule bundle changed, reopened ones and resolved ones. The recorded findings of each
     * contract are kept in memory (this store is their only writer), loaded on first use and replaced
     * only after the transaction commits.
     */
    private Reconciled reconcile(Connection c, Evaluation evaluation, Map<String, Finding> produced, Instant at)
            throws SQLException {
        String contractId = evaluation.contractId();
        Map<String, FindingRecord> before = recorded.get(contractId);
        if (before == null) {
            before = loadRecorded(c, contractId);
        }
        Map<String, FindingRecord> after = new HashMap<>(before);
        int opened = 0;
        int resolved = 0;
        int written = 0;
        ChainDigest digest = evidence.digest();
        List<Evidence.Draft> drafts = new ArrayList<>();
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO finding (domain, obligation_id, rule_name, clause,"
                + " severity, period_start, period_end, period_label, title, detail, fact_ids, rule_bundle,"
                + " rule_bundle_version, status, changed_at, occurrences, deadline, deadline_basis, first_seen_at,"
                + " contract_id, finding_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement update = c.prepareStatement("UPDATE finding SET domain = ?, obligation_id = ?,"
                + " rule_name = ?, clause = ?, severity = ?, period_start = ?, period_end = ?, period_label = ?,"
                + " title = ?, detail = ?, fact_ids = ?, rule_bundle = ?, rule_bundle_version = ?, status = ?,"
                + " changed_at = ?, occurrences = ?, deadline = ?, deadline_basis = ?, resolved_at = NULL"
                + " WHERE contract_id = ? AND finding_key = ?");
             PreparedStatement resolve = c.prepareStatement("UPDATE finding SET status = 'RESOLVED', changed_at = ?,"
                + " resolved_at = ? WHERE contract_id = ? AND finding_key = ?")) {
            for (Finding f : produced.values()) {
                FindingRecord old = before.get(f.getKey());
                DomainStatus bundle = evaluation.domain(f.getDomain());
                String bundleName = bundle == null ? null : bundle.symbolicName();
                String bundleVersion = bundle == null ? null : bundle.version();
                FindingStatus status = FindingStatus.OPEN;
                if (old != null && old.status() == status && sameContent(old, f, bundleName, bundleVersion)) {
                    continue;
                }
                if (status == FindingStatus.OPEN && (old == null || old.status() != FindingStatus.OPEN)) {
                    opened++;
                }
                PreparedStatement ps = old == null ? insert : update;
                bindFinding(ps, f, bundleName, bundleVersion, status, at);
                if (old == null) {
                    ps.setObject(19, timestamp(at));
                    ps.setString(20, contractId);
                    ps.setString(21, f.getKey());
                } else {
                    ps.setString(19, contractId);
                    ps.setString(20, f.getKey());
                }
                ps.addBatch();
                written++;
                FindingRecord now = new FindingRecord(f, status, old == null ? at : old.firstSeenAt(), at, null,
                        bundleName, bundleVersion);
                after.put(f.getKey(), now);
                drafts.add(new Evidence.Draft(Evidence.Kind.FINDING, f.getKey(), Evidence.findingRow(digest, now), null));
            }
            for (FindingRecord old : before.values()) {
                String key = old.finding().getKey();
                if (old.status() != FindingStatus.RESOLVED && !produced.containsKey(key)) {
                    resolve.setObject(1, timestamp(at));
                    resolve.setObject(2, timestamp(at));
                    resolve.setString(3, contractId);
                    resolve.setString(4, key);
                    resolve.addBatch();
                    resolved++;
                    written++;
                    FindingRecord now = new FindingRecord(old.finding(), FindingStatus.RESOLVED, old.firstSeenAt(), at, at,
                            old.ruleBundle(), old.ruleBundleVersion());
                    after.put(key, now);
                    drafts.add(new Evidence.Draft(Evidence.Kind.FINDING, key, Evidence.findingRow(digest, now), null));
                }
            }
            insert.executeBatch();
            update.executeBatch();
            resolve.executeBatch();
        }
        evidence.append(c, contractId, drafts, at);
        Set<String> waived = activeWaiverKeys(c, contractId, Waiver.Target.FINDING, evaluation.asOf());
        int open = (int) after.values().stream()
                .filter(r -> r.status() == FindingStatus.OPEN && !waived.contains(r.finding().getKey())).count();
        return new Reconciled(new FindingChanges(opened, resolved, open), after, written > 0);
    }

    private static boolean sameContent(FindingRecord old, Finding f, String bundleName, String bundleVersion) {
        Finding o = old.finding();
        return o.equals(f) && Objects.equals(o.getClause(), f.getClause()) && Objects.equals(o.getRuleName(), f.getRuleName())
                && Objects.equals(o.getObligationId(), f.getObligationId())
                && Objects.equals(old.ruleBundle(), bundleName) && Objects.equals(old.ruleBundleVersion(), bundleVersion);
    }

    private Map<String, FindingRecord> loadRecorded(Connection c, String contractId) throws SQLException {
        Map<String, FindingRecord> rows = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + FINDING_COLUMNS + " FROM finding WHERE contract_id = ?")) {
            ps.setString(1, contractId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    FindingRecord r = findingRecord(contractId, rs);
                    rows.put(r.finding().getKey(), r);
                }
            }
        }
        return rows;
    }

    /** Binds parameters 1..18 shared by the insert and the update of a finding. */
    private static void bindFinding(PreparedStatement ps, Finding f, String bundleName, String bundleVersion,
                                    FindingStatus status, Instant at) throws SQLException {
        ps.setString(1, f.getDomain());
        ps.setString(2, f.getObligationId());
        ps.setString(3, f.getRuleName());
        ps.setString(4, f.getClause());
        ps.setString(5, f.getSeverity().name());
        ps.setObject(6, f.getPeriodStart());
        ps.setObject(7, f.getPeriodEnd());
        ps.setString(8, f.getPeriodLabel());
        ps.setString(9, f.getTitle());
        ps.setString(10, f.getDetail());
        ps.setString(11, Json.ids(f.getFactIds()));
        ps.setString(12, bundleName);
        ps.setString(13, bundleVersion);
        ps.setString(14, status.name());
        ps.setObject(15, timestamp(at));
        ps.setInt(16, f.getOccurrences());
        ps.setObject(17, f.getDeadline());
        ps.setString(18, f.getDeadlineBasis());
    }

    /**
     * {@inheritDoc}
     *
     * <p>Ordered by period start, domain and key. A null query means all findings.
     */
    @Override
    public List<FindingRecord> findings(String contractId, FindingQuery query, LocalDate asOf) {
        FindingQuery q = query == null ? FindingQuery.all() : query;
        Objects.requireNonNull(asOf, "asOf");
        if (q.limit() < 0 || q.offset() < 0) {
            throw new IllegalArgumentException("limit and offset must not be negative: " + q);
        }
        // The effective status: an open finding with a waiver in force that day reads WAIVED.
        StringBuilder sql = new StringBuilder("SELECT * FROM (SELECT " + FINDING_COLUMNS.replace(" status,",
                " CASE WHEN status = 'OPEN' AND EXISTS (SELECT 1 FROM waiver w WHERE w.contract_id = finding.contract_id"
                + " AND w.target = 'FINDING' AND w.target_key = finding.finding_key AND w.withdrawn_at IS NULL"
                + " AND (w.expires_on IS NULL OR w.expires_on >= ?)) THEN 'WAIVED' ELSE status END AS status,")
                + " FROM finding WHERE contract_id = ?");
        List<Object> params = new ArrayList<>();
        params.add(asOf);
        params.add(contractId);
        if (q.status() != null) {
            // WAIVED is an OPEN row with a waiver in force: narrow on the stored status first (indexed),
            // so asking for the few open findings does not compute the status of every resolved one
            sql.append(" AND status = ?");
            params.add(q.status() == FindingStatus.RESOLVED ? FindingStatus.RESOLVED.name() : FindingStatus.OPEN.name());
        }
        if (q.domain() != null) {
            sql.append(" AND domain = ?");
            params.add(q.domain());
        }
        if (q.from() != null) {
            sql.append(" AND period_end >= ?");
            params.add(q.from());
        }
        if (q.to() != null) {
            sql.append(" AND period_start <= ?");
            params.add(q.to());
        }
        if (q.severity() != null) {
            sql.append(" AND severity = ?");
            params.add(q.severity().name());
        }
        if (q.clause() != null) {
            sql.append(" AND clause = ?");
            params.add(q.clause());
        }
        sql.append(") f");
        if (q.status() != null) {
            sql.append(" WHERE status = ?");
            params.add(q.status().name());
        }
        sql.append(" ORDER BY period_start, domain, finding_key OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
        params.add((long) q.offset());
        params.add((long) q.limit());
        // read the generation before the query: a change committed meanwhile makes this answer stale at once
        long generation = findingsGeneration(contractId);
        FindingsRead read = new FindingsRead(contractId, q, asOf);
        CachedFindings hit = findingsReads.get(read);
        if (hit != null && hit.generation() == generation) {
            return hit.records();
        }
        List<FindingRecord> records = java.util.Collections.unmodifiableList(query("reading the findings of contract " + contractId, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<FindingRecord> rows = new ArrayList<>();
                    while (rs.next()) {
                        rows.add(findingRecord(contractId, rs));
                    }
                    return rows;
                }
            }
        }));
        if (findingsReads.size() >= MAX_CACHED_READS) {
            findingsReads.clear();
        }
        findingsReads.put(read, new CachedFindings(generation, records));
        return records;
    }

    // ---------------------------------------------------------------- waivers

    static final String WAIVER_COLUMNS = "id, contract_id, target, target_key, justification, expires_on,"
            + " created_by, created_at, withdrawn_by, withdrawn_at, withdraw_reason";

    @Override
    public Waiver addWaiver(String contractId, Waiver.Target target, String key, String justification,
                            LocalDate expiresOn, String by, Instant at) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(justification, "justification");
        Objects.requireNonNull(by, "by");
        Waiver added = chained(contractId, "waiving " + key + " of contract " + contractId, c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO waiver (contract_id, target, target_key,"
                    + " justification, expires_on, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, contractId);
                ps.setString(2, target.name());
                ps.setString(3, key);
                ps.setString(4, justification);
                ps.setObject(5, expiresOn);
                ps.setString(6, by);
                ps.setObject(7, timestamp(at));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            Waiver w = new Waiver(id, contractId, target, key, justification, expiresOn, by, at, null, null, null);
            evidence.append(c, contractId, new Evidence.Draft(Evidence.Kind.WAIVER, Long.toString(id),
                    Evidence.waiverRow(evidence.digest(), w), null), clock.instant());
            return w;
        });
        findingsChanged(contractId); // a waiver changes the status findings read with
        return added;
    }

    @Override
    public Optional<Waiver> withdrawWaiver(String contractId, long id, String by, String reason, Instant at) {
        Optional<Waiver> withdrawn = chained(contractId, "withdrawing waiver " + id + " of contract " + contractId, c -> {
            Optional<Waiver> current = waiver(c, contractId, id);
            if (current.isEmpty()) {
                return current;
            }
            if (current.get().withdrawnAt() != null) {
                throw new IllegalStateException("waiver " + id + " was already withdrawn by "
                        + current.get().withdrawnBy() + " at " + current.get().withdrawnAt());
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE waiver SET withdrawn_by = ?, withdrawn_at = ?,"
                    + " withdraw_reason = ? WHERE id = ? AND contract_id = ?")) {
                ps.setString(1, by);
                ps.setObject(2, timestamp(at));
                ps.setString(3, reason);
                ps.setLong(4, id);
                ps.setString(5, contractId);
                ps.executeUpdate();
            }
            Optional<Waiver> after = waiver(c, contractId, id);
            evidence.append(c, contractId, new Evidence.Draft(Evidence.Kind.WAIVER, Long.toString(id),
                    Evidence.waiverRow(evidence.digest(), after.orElseThrow()), null), clock.instant());
            return after;
        });
        findingsChanged(contractId);
        return withdrawn;
    }

    @Override
    public List<Waiver> waivers(String contractId) {
        return query("reading the waivers of contract " + contractId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + WAIVER_COLUMNS
                    + " FROM waiver WHERE contract_id = ? ORDER BY id DESC")) {
                ps.setString(1, contractId);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Waiver> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(waiver(rs));
                    }
                    return out;
                }
            }
        });
    }

    private static Optional<Waiver> waiver(Connection c, String contractId, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + WAIVER_COLUMNS
                + " FROM waiver WHERE id = ? AND contract_id = ?")) {
            ps.setLong(1, id);
            ps.setString(2, contractId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(waiver(rs)) : Optional.empty();
            }
        }
    }

    static Waiver waiver(ResultSet rs) throws SQLException {
        return new Waiver(rs.getLong(1), rs.getString(2), Waiver.Target.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getObject(6, LocalDate.class), rs.getString(7), instant(rs, 8), rs.getString(9),
                instant(rs, 10), rs.getString(11));
    }

    private static Set<String> activeWaiverKeys(Connection c, String contractId, Waiver.Target target, LocalDate day)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT target_key FROM waiver WHERE contract_id = ?"
                + " AND target = ? AND withdrawn_at IS NULL AND (expires_on IS NULL OR expires_on >= ?)")) {
            ps.setString(1, contractId);
            ps.setString(2, target.name());
            ps.setObject(3, day);
            try (ResultSet rs = ps.executeQuery()) {
                Set<String> keys = new HashSet<>();
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
                return keys;
            }
        }
    }

    static FindingRecord findingRecord(String contractId, ResultSet rs) throws SQLException {
        Finding finding = Finding.builder()
                .contractId(contractId)
                .key(rs.getString(1))
                .domain(rs.getString(2))
                .obligation(rs.getString(3))
                .rule(rs.getString(4))
                .clause(rs.getString(5))
                .severity(Severity.valueOf(rs.getString(6)))
                .period(rs.getObject(7, LocalDate.class), rs.getObject(8, LocalDate.class), rs.getString(9))
                .title(rs.getString(10))
                .detail(rs.getString(11))
                .facts(Json.ids(rs.getString(12)))
                .occurrences(rs.getInt(19))
                .deadline(rs.getObject(20, LocalDate.class), rs.getString(21))
                .build();
        return new FindingRecord(finding, FindingStatus.valueOf(rs.getString(13)), instant(rs, 14), instant(rs, 15),
                instant(rs, 16), rs.getString(17), rs.getString(18));
    }

    // ---------------------------------------------------------------- the console's queries

    @Override
    public Optional<FindingRecord> finding(String contractId, String key, LocalDate asOf) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(asOf, "asOf");
        return query("reading finding " + key + " of contract " + contractId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + FINDING_COLUMNS.replace(" status,",
                    " CASE WHEN status = 'OPEN' AND EXISTS (SELECT 1 FROM waiver w WHERE w.contract_id = finding.contract_id"
                    + " AND w.target = 'FINDING' AND w.target_key = finding.finding_key AND w.withdrawn_at IS NULL"
                    + " AND (w.expires_on IS NULL OR w.expires_on >= ?)) THEN 'WAIVED' ELSE status END AS status,")
                    + " FROM finding WHERE contract_id = ? AND finding_key = ?")) {
                ps.setObject(1, asOf);
                ps.setString(2, contractId);
                ps.setString(3, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(findingRecord(contractId, rs)) : Optional.<FindingRecord>empty();
                }
            }
        });
    }

    @Override
    public List<Fact> latestFacts(String contractId, String kind, int limit, int offset) {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must not be negative: " + limit + ", " + offset);
        }
        return factsRead(contractId, java.util.Arrays.asList("latest", contractId, kind, limit, offset),
                () -> Collections.unmodifiableList(readLatestFacts(contractId, kind, limit, offset)));
    }

    private List<Fact> readLatestFacts(String contractId, String kind, int limit, int offset) {
        return query("reading the latest facts of contract " + contractId, c -> {
            try (PreparedStatement ps = c.prepareStatement(latestFactsSql(kind != null))) {
                int i = 1;
                ps.setString(i++, contractId);
                if (kind != null) {
                    ps.setString(i++, kind);
                }
                ps.setLong(i++, offset);
                ps.setLong(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Fact> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(fact(contractId, rs));
                    }
                    return out;
                }
            }
        });
    }

    /**
     * A page of facts newest first. The leading equality columns in the ORDER BY let H2 read the page
     * in the order of a V8 index instead of sorting every fact of the contract.
     */
    static String latestFactsSql(boolean byKind) {
        return "SELECT " + FACT_COLUMNS + " FROM fact WHERE contract_id = ?"
                + (byKind ? " AND kind = ? ORDER BY contract_id, kind," : " ORDER BY contract_id,")
                + " fact_date DESC, id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
    }

    @Override
    public long factCount(String contractId, String kind) {
        if (kind == null) {
            return factCount(contractId);
        }
        return factsRead(contractId, java.util.Arrays.asList("count", contractId, kind), () -> countFacts(contractId, kind));
    }

    private long countFacts(String contractId, String kind) {
        return query("counting the " + kind + " facts of contract " + contractId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM fact WHERE contract_id = ? AND kind = ?")) {
                ps.setString(1, contractId);
                ps.setString(2, kind);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public List<org.lvyue.api.fact.FactKindCount> factKinds(String contractId) {
        return query("counting the facts of contract " + contractId + " by kind", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT kind, domain, COUNT(*) FROM fact WHERE contract_id = ?"
                    + " GROUP BY kind, domain ORDER BY kind, domain")) {
                ps.setString(1, contractId);
                try (ResultSet rs = ps.executeQuery()) {
                    List<org.lvyue.api.fact.FactKindCount> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new org.lvyue.api.fact.FactKindCount(rs.getString(1), rs.getString(2), rs.getLong(3)));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public List<Fact> factsWithIds(String contractId, java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String[] wanted = ids.stream().distinct().toArray(String[]::new);
        return query("reading facts by id of contract " + contractId,
                c -> new ArrayList<>(storedFacts(c, contractId, wanted).values()));
    }

    // ---------------------------------------------------------------- activity

    @Override
    public org.lvyue.api.activity.ActivityEntry record(String user, String address, String action, String target,
                                                       String detail) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(action, "action");
        return inTransaction("recording the activity " + action + " of " + user,
                c -> ActivityTable.insert(c, clock.instant(), user, address, action, target, detail));
    }

    @Override
    public List<org.lvyue.api.activity.ActivityEntry> list(org.lvyue.api.activity.ActivityLog.Query query) {
        return query("reading the activity record", c -> ActivityTable.list(c, query));
    }

    @Override
    public long count(org.lvyue.api.activity.ActivityLog.Query query) {
        return query("counting the activity record", c -> ActivityTable.count(c, query));
    }

    // ---------------------------------------------------------------- the evidence chain and backups

    /**
     * {@inheritDoc}
     *
     * <p>Runs in one snapshot of the database (H2's SNAPSHOT isolation): batches committed while it
     * reads are either wholly seen, rows and entries, or not at all, so ingestion goes on meanwhile.
     */
    @Override
    public org.lvyue.api.integrity.IntegrityReport verify(String contractId) {
        Objects.requireNonNull(contractId, "contractId");
        org.lvyue.api.integrity.IntegrityReport report = query("verifying the evidence chain of contract " + contractId, c -> {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SNAPSHOT");
                try {
                    return EvidenceVerifier.verify(c, contractId, clock.instant());
                } finally {
                    c.rollback();
                    s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED");
                    c.setAutoCommit(true);
                }
            }
        });
        verifications.put(contractId, report);
        return report;
    }

    @Override
    public Optional<org.lvyue.api.integrity.IntegrityReport> lastVerification(String contractId) {
        return Optional.ofNullable(verifications.get(contractId));
    }

    /** The contracts that have an evidence chain, by id. */
    public List<String> chainedContracts() {
        return query("listing the evidence chains", c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT DISTINCT contract_id FROM evidence ORDER BY contract_id")) {
                List<String> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
                return ids;
            }
        });
    }

    @Override
    public long recordReport(String contractId, String reportId, String pdfSha256, String factsDigest) {
        Objects.requireNonNull(reportId, "reportId");
        Objects.requireNonNull(pdfSha256, "pdfSha256");
        return chained(contractId, "recording report " + reportId + " of contract " + contractId, c -> {
            String content = Evidence.reportContent(evidence.digest(), pdfSha256, factsDigest);
            try (PreparedStatement ps = c.prepareStatement("SELECT position FROM evidence WHERE contract_id = ?"
                    + " AND kind = 'REPORT' AND ref = ? AND content_digest = ? ORDER BY position FETCH FIRST ROW ONLY")) {
                ps.setString(1, contractId);
                ps.setString(2, reportId);
                ps.setString(3, content);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getLong(1); // the same document again: it was issued once
                    }
                }
            }
            return evidence.append(c, contractId, new Evidence.Draft(Evidence.Kind.REPORT, reportId, content, null),
                    clock.instant());
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>H2's {@code BACKUP TO}, taken while every contract's lock is held (in id order, as no other
     * path holds two), so the heads reported are exactly those in the copy; writes wait meanwhile.
     */
    @Override
    public org.lvyue.api.store.StoreBackup.BackupResult backup(java.nio.file.Path zip) {
        java.nio.file.Path target = zip.toAbsolutePath().normalize();
        if (java.nio.file.Files.exists(target)) {
            throw new IllegalArgumentException("备份文件已存在，不覆盖：" + target + " (the backup file exists; it is not overwritten)");
        }
        if (target.getParent() == null || !java.nio.file.Files.isDirectory(target.getParent())) {
            throw new IllegalArgumentException("备份目录不存在：" + target.getParent() + " (the backup folder does not exist)");
        }
        List<String> ids = new ArrayList<>(new java.util.TreeSet<>(chainedContracts()));
        List<ReentrantLock> held = new ArrayList<>();
        try {
            for (String id : ids) {
                ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
                lock.lock();
                held.add(lock);
            }
            Map<String, String> heads = new java.util.TreeMap<>();
            query("backing up the store to " + target, c -> {
                for (String id : ids) {
                    Evidence.Head h = evidence.head(c, id);
                    heads.put(id, h.position() + ":" + h.hash());
                }
                try (Statement s = c.createStatement()) {
                    s.execute("BACKUP TO '" + target.toString().replace("'", "''") + "'");
                }
                return null;
            });
            return new org.lvyue.api.store.StoreBackup.BackupResult(target, target.toFile().length(), heads);
        } finally {
            for (int i = held.size() - 1; i >= 0; i--) {
                held.get(i).unlock();
            }
        }
    }

    // ---------------------------------------------------------------- plumbing

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    @Override
    public int appendAuditEvents(String contractId, List<org.lvyue.api.audit.AuditEvent> events) {
        Objects.requireNonNull(contractId, "contractId");
        return chained(contractId, "appending " + events.size() + " audit entries to contract " + contractId,
                c -> AuditTable.append(c, contractId, events, clock.instant(), evidence));
    }

    @Override
    public List<org.lvyue.api.audit.AuditEvent> auditEvents(String contractId, org.lvyue.api.audit.AuditQuery query) {
        return query("searching the audit log of contract " + contractId, c -> AuditTable.query(c, contractId, query));
    }

    @Override
    public long auditEventCount(String contractId, org.lvyue.api.audit.AuditQuery query) {
        return query("counting the audit log of contract " + contractId, c -> AuditTable.count(c, contractId, query));
    }

    @Override
    public List<org.lvyue.api.audit.AuditCount> auditEventCounts(String contractId, org.lvyue.api.audit.AuditQuery query,
                                                                 org.lvyue.api.audit.AuditLog.GroupBy by, int limit) {
        return query("counting the audit log of contract " + contractId + " by " + by,
                c -> AuditTable.countBy(c, contractId, query, by, limit));
    }

    @Override
    public void forEachAuditEvent(String contractId, java.util.function.Consumer<org.lvyue.api.audit.AuditEvent> sink) {
        query("reading the audit log of contract " + contractId, c -> {
            AuditTable.forEach(c, contractId, sink);
            return null;
        });
    }

    private <T> T inTransaction(String what, Work<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    private <T> T query(String what, Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} in one transaction under the contract's lock, for writes that append to the
     * contract's evidence chain: the chain's cached head follows the transaction's outcome.
     */
    private <T> T chained(String contractId, String what, Work<T> work) {
        return withLock(contractId, () -> {
            try {
                T result = inTransaction(what, work);
                evidence.committed(contractId);
                return result;
            } catch (RuntimeException e) {
                evidence.rolledBack(contractId);
                throw e;
            }
        });
    }

    private <T> T withLock(String contractId, Supplier<T> action) {
        ReentrantLock lock = locks.computeIfAbsent(contractId, k -> new ReentrantLock());
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
