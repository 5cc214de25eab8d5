package org.lvyue.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.lvyue.api.activity.ActivityEntry;
import org.lvyue.api.activity.ActivityLog;
import org.lvyue.api.access.ApiToken;
import org.lvyue.api.access.IssuedToken;
import org.lvyue.api.access.Membership;
import org.lvyue.api.access.Organisation;
import org.lvyue.api.access.Parties;
import org.lvyue.api.audit.AuditCount;
import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.audit.AuditLog;
import org.lvyue.api.audit.AuditQuery;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.fact.FactKindCount;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.FindingQuery;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.integrity.EvidenceChain;
import org.lvyue.api.integrity.IntegrityReport;
import org.lvyue.api.notify.Channel;
import org.lvyue.api.notify.NotificationOutbox;
import org.lvyue.api.notify.NotificationSubscriptions;
import org.lvyue.api.notify.OutboxMessage;
import org.lvyue.api.notify.Subscription;
import org.lvyue.api.security.FieldCipher;
import org.lvyue.api.store.AppendResult;
import org.lvyue.api.store.ComplianceStore;
import org.lvyue.api.store.ClusterNodes;
import org.lvyue.api.store.ContractLeases;
import org.lvyue.api.store.SharedFiles;
import org.lvyue.api.store.SharedSessions;
import org.lvyue.api.store.AccountLocks;
import org.lvyue.api.store.LoginCertificates;
import org.lvyue.api.store.ContractNotOwnedException;
import org.lvyue.api.store.StoreBackup;
import org.lvyue.api.store.StoreException;
import org.lvyue.api.store.StoreMigration;
import org.lvyue.api.store.StoredContract;
import org.lvyue.api.waiver.Waiver;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compliance store: contracts, facts, findings, waivers, the audit log, the activity record and
 * the evidence chain over them, in one database. Each table is a class of its own that owns its
 * columns, rows and row digests; this composes them with the connections, the transactions, the
 * per-contract locks and the caches. Usable without OSGi: opening it applies the pending schema
 * migrations and seals rows stored before the chain existed; {@link #close()} releases the database.
 *
 * <p>As a component it is opened with the configuration of PID {@value #PID}. A configuration change
 * reopens it; a store that cannot be opened (database locked, a released migration changed...) fails
 * activation with the reason.
 *
 * <p>Writes to one contract (facts, findings, waivers, audit entries, its definition, reports) hold
 * the contract's lock and are one transaction with their evidence entries, so the chain of a contract
 * is a single line and the duplicate check of a batch sees no concurrent writer.
 */
@Component(service = {ComplianceStore.class, ActivityLog.class, EvidenceChain.class, StoreBackup.class, Parties.class,
        StoreMigration.class, NotificationOutbox.class, NotificationSubscriptions.class, ContractLeases.class,
        ClusterNodes.class, SharedFiles.class, SharedSessions.class, AccountLocks.class, LoginCertificates.class},
        configurationPid = JdbcStore.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = JdbcStore.Config.class)
public final class JdbcStore implements ComplianceStore, ActivityLog, EvidenceChain, StoreBackup, Parties, StoreMigration,
        NotificationOutbox, NotificationSubscriptions, ContractLeases, ClusterNodes, SharedFiles,
        SharedSessions, AccountLocks, LoginCertificates, AutoCloseable {
    public static final String PID = "org.lvyue.store";
    public static final String DEFAULT_URL = "jdbc:h2:file:${karaf.data}/lvyue/lvyue";
    public static final int DEFAULT_MAX_CONNECTIONS = 8;
    /** The evidence chain's digest unless configured: SM3, the commercial-cryptography hash GB/T 39786 expects. */
    public static final String DEFAULT_CHAIN_ALGORITHM = "SM3";

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);
    /** Answers kept by each read cache: the console's distinct questions, with room to spare. */
    private static final int CACHED_READS = 256;
    /** At most this many facts in the dated windows of every contract together (some tens of MiB). */
    private static final int WINDOW_FACTS = 60_000;

    @ObjectClassDefinition(id = PID, name = "Lvyue compliance store",
            description = "The database of contracts, facts, findings and their evidence chain.")
    public @interface Config {
        @AttributeDefinition(name = "JDBC URL", description = "A jdbc:h2: URL (embedded; ${karaf.data} is the Karaf data"
                + " directory; H2's WRITE_DELAY=0 is always enforced so that an acknowledged write is on disk) or a"
                + " jdbc:postgresql: URL of an existing, empty or Lvyue database owned by the user.")
        String url() default DEFAULT_URL;

        @AttributeDefinition(name = "User")
        String user() default "sa";

        @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD)
        String password() default "";

        @AttributeDefinition(name = "Maximum connections", min = "1")
        int maxConnections() default DEFAULT_MAX_CONNECTIONS;

        @AttributeDefinition(name = "Evidence chain digest", description = "The digest of new evidence-chain entries:"
                + " SM3 (GB/T 32905) or SHA-256. Entries keep the digest they were written with, so it may change.",
                options = {@Option(value = "SM3"), @Option(value = "SHA-256")})
        String chainAlgorithm() default DEFAULT_CHAIN_ALGORITHM;

        @AttributeDefinition(name = "Findings kept in memory", description = "The most findings the store keeps in memory"
                + " for the findings pages and the reconciliations, of every contract together; the contracts used least"
                + " recently are read from the database again", min = "1000")
        int keptFindings() default DEFAULT_KEPT_FINDINGS;
    }

    /** The findings of some hundreds of contract years (a year of one service in which nothing was done records 541). */
    static final int DEFAULT_KEPT_FINDINGS = 200_000;

    private final Database database;
    private final Clock clock;
    private final EvidenceTable evidenceTable;
    private final ContractTable contractTable;
    private final FactTable factTable;
    private final FindingTable findingTable;
    private final WaiverTable waiverTable;
    private final ContractLeaseTable leaseTable;
    private final ClusterNodeTable nodeTable;
    private final SharedFileTable fileTable;
    private final SessionTable sessionTable;
    private final AccountLockTable accountLockTable;
    private final LoginCertificateTable loginCertificateTable;
    private final RestartStampTable restartStamps;
    /** This node's id once it joined a cluster; null on a single node, where nothing is fenced. */
    private volatile String nodeId;
    /** The leases this node took, by contract: the epochs its writes must still find. */
    private final Map<String, Lease> held = new java.util.concurrent.ConcurrentHashMap<>();
    private final AuditTable auditTable;
    private final ActivityTable activityTable;
    private final EvidenceVerifier verifier;
    private final PartyRecords parties;
    private final AccessSeals accessSeals;
    private final NotificationRecords notifications;
    private final ContractLocks locks = new ContractLocks();
    /**
     * Per contract, the findings as recorded by the last committed reconciliation, by key: this store
     * is their only writer, so a reconciliation compares with these, and a findings query selects from
     * them, instead of reading every row. Read once when first needed, replaced only after a commit,
     * dropped when a reconciliation fails; within a budget of findings for every contract together, the least
     * recently used contracts let go first.
     */
    private final KeptFindings recorded = new KeptFindings(DEFAULT_KEPT_FINDINGS);
    /** Findings queries: the console polls the open findings far more often than evaluations change them. */
    private final ContractReads findingReads = new ContractReads(CACHED_READS);
    /** The console's fact reads, which scan the contract's facts (no index of their own), reused until a batch comes. */
    private final ContractReads factReads = new ContractReads(CACHED_READS);
    /** The checklists' dated reads, kept across appends: a month of the demo year is about 12,000 facts. */
    private final FactWindows factWindows = new FactWindows(WINDOW_FACTS);
    private final Map<String, IntegrityReport> verifications = new ConcurrentHashMap<>();

    /** Changes the budget of findings kept in memory (tests). */
    void keepFindings(int budget) {
        recorded.budget(budget);
    }

    /** The findings kept in memory and of how many contracts (tests). */
    long[] keptFindings() {
        return recorded.size();
    }

    /**
     * Opens the store the configuration names; {@code ${karaf.data}} in its URL is Karaf's data folder. Sensitive
     * fields are encrypted with {@code cipher} (compliance-security's SM4); without it they are stored as they are,
     * and the log says so.
     */
    @Activate
    public JdbcStore(Config config, @Reference(cardinality = ReferenceCardinality.OPTIONAL,
            policyOption = ReferencePolicyOption.GREEDY) FieldCipher cipher) {
        this(resolveUrl(config.url()), config.user(), config.password(), config.maxConnections(), Clock.systemUTC(),
                config.chainAlgorithm(), cipher);
        recorded.budget(config.keptFindings());
        LOG.info("compliance store open at {}, evidence chain digest {}", database.url(), evidenceTable.algorithm());
        if (cipher == null) {
            LOG.error("No field cipher (bundle compliance-security): 钉钉 signing secrets are stored unencrypted");
        }
    }

    /** The security alarms, told of access-control rows that fail their seals; optional, bound while present. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC,
            unbind = "alarmsGone")
    public void alarms(org.lvyue.api.security.SecurityAlarms alarms) {
        accessSeals.alarms(alarms);
    }

    public void alarmsGone(org.lvyue.api.security.SecurityAlarms alarms) {
        accessSeals.alarmsGone(alarms);
    }

    /** Opens (creating if needed) the database at {@code url} as user {@code sa} with an empty password. */
    public JdbcStore(String url) {
        this(url, "sa", "", DEFAULT_MAX_CONNECTIONS, Clock.systemUTC(), DEFAULT_CHAIN_ALGORITHM);
    }

    public JdbcStore(String url, String user, String password, int maxConnections, Clock clock) {
        this(url, user, password, maxConnections, clock, DEFAULT_CHAIN_ALGORITHM);
    }

    /**
     * @param url            a JDBC URL of a database the store has a dialect for (H2, PostgreSQL)
     * @param user           database user
     * @param password       database password
     * @param maxConnections size of the connection pool
     * @param clock          the clock of {@code receivedAt} and the other timestamps the store sets
     * @param chainAlgorithm the digest of new evidence-chain entries, {@code SM3} or {@code SHA-256}
     * @throws StoreException           when the database cannot be opened or migrated
     * @throws IllegalArgumentException when the URL or the algorithm is not one the store knows
     */
    public JdbcStore(String url, String user, String password, int maxConnections, Clock clock, String chainAlgorithm) {
        this(url, user, password, maxConnections, clock, chainAlgorithm, null);
    }

    /** As above, with the cipher of sensitive fields ({@code null}: stored as they are). */
    public JdbcStore(String url, String user, String password, int maxConnections, Clock clock, String chainAlgorithm,
                     FieldCipher cipher) {
        Dialect dialect = Dialect.of(Objects.requireNonNull(url, "url"));
        this.clock = Timestamps.micros(Objects.requireNonNull(clock, "clock"));
        this.evidenceTable = new EvidenceTable(dialect, chainAlgorithm);
        this.contractTable = new ContractTable(dialect);
        this.factTable = new FactTable(dialect, cipher);
        this.findingTable = new FindingTable(dialect);
        this.waiverTable = new WaiverTable(dialect);
        this.leaseTable = new ContractLeaseTable(dialect);
        this.nodeTable = new ClusterNodeTable();
        this.fileTable = new SharedFileTable();
        this.sessionTable = new SessionTable();
        this.accountLockTable = new AccountLockTable(dialect);
        this.restartStamps = new RestartStampTable(dialect);
        this.auditTable = new AuditTable(dialect);
        this.activityTable = new ActivityTable(dialect);
        this.verifier = new EvidenceVerifier(evidenceTable, factTable, auditTable,
                List.of(findingTable, waiverTable, contractTable));
        EvidenceSeal seal = new EvidenceSeal(evidenceTable, contractTable, factTable, auditTable,
                List.of(findingTable, waiverTable));
        this.database = new Database(dialect, url, user, password, maxConnections);
        this.accessSeals = new AccessSeals(cipher, dialect);
        this.loginCertificateTable = new LoginCertificateTable(dialect, accessSeals);
        this.parties = new PartyRecords(database, this.clock, dialect, activityTable, accessSeals);
        this.notifications = new NotificationRecords(database, this.clock, dialect, activityTable, cipher);
        try {
            // the migrations and seals of one start at a time, whichever nodes of a cluster start together
            int sealed = database.read("opening the compliance store at " + database.url(), c -> dialect.exclusively(c, x -> {
                new Migrations(dialect).migrate(x);
                seal.sealUnchained(x, this.clock.instant());
                database.transaction("sealing the access-control rows stored before their seals", accessSeals::sealOnce);
                return database.transaction("sealing the activity entries from before its chain",
                        activityTable::sealUnchained);
            }));
            if (sealed > 0) {
                LOG.warn("Activity trail: {} entries written before the trail"
                        + " was chained are sealed as they stand; changes to them from now on are found", sealed);
            }
        } catch (RuntimeException e) {
            database.close();
            if (e instanceof StoreException) {
                throw e;
            }
            throw new StoreException("cannot open the compliance store at " + database.url() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces {@code ${karaf.data}} by the system property {@code karaf.data}, or {@code ./data}
     * when it is not set.
     */
    public static String resolveUrl(String url) {
        String data = System.getProperty("karaf.data", "./data");
        return url.replace("${karaf.data}", data.replace('\\', '/'));
    }

    /** The URL the store opened, with what its dialect adds for durability. */
    public String url() {
        return database.url();
    }

    /** Closes the pooled connections, which closes the database; the store answers nothing after. */
    @Deactivate
    @Override
    public void close() {
        database.close();
        LOG.info("compliance store at {} closed", database.url());
    }

    // ---------------------------------------------------------------- contracts

    @Override
    public void saveContract(StoredContract contract) {
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(contract.id(), "contract id");
        Objects.requireNonNull(contract.definition(), "contract definition");
        StoredContract stored = contract.storedAt() == null ? contract : new StoredContract(contract.id(), contract.version(),
                contract.definition(), micros(contract.storedAt()), contract.storedBy());
        chained(contract.id(), "saving contract " + contract.id(),
                c -> contractTable.save(c, stored, evidenceTable, clock.instant()));
    }

    @Override
    public List<StoredContract> contracts() {
        return database.read("listing contracts", contractTable::all);
    }

    @Override
    public Map<String, Integer> contractVersions() {
        return database.read("listing the contracts' versions", contractTable::versions);
    }

    @Override
    public Optional<StoredContract> contract(String id) {
        return database.read("reading contract " + id, c -> contractTable.find(c, id));
    }

    // ---------------------------------------------------------------- facts

    /**
     * {@inheritDoc}
     *
     * <p>The batch is always recorded in {@code fact_batch}, also when all of it were duplicates. A batch
     * repeating one id with the same content stores it once and reports the repetitions as duplicates;
     * with different content it is a {@link org.lvyue.api.store.ConflictingFactException} (indexes of
     * the later occurrences).
     *
     * @throws IllegalArgumentException when a fact belongs to another contract or has an amount that
     *                                  does not fit DECIMAL(19,2) exactly (nothing is stored)
     */
    @Override
    public AppendResult appendFacts(String contractId, List<Fact> facts, String source) {
        return appendFacts(contractId, facts, source, java.util.Set.of());
    }

    @Override
    public AppendResult appendFacts(String contractId, List<Fact> facts, String source, java.util.Set<String> confidential) {
        Objects.requireNonNull(contractId, "contractId");
        Objects.requireNonNull(facts, "facts");
        List<Fact> batch = FactTable.checked(contractId, facts);
        // logged for the kept reads before the contract's lock is let go: a head read under the lock sees the log agree
        return locks.with(contractId, () -> {
            AppendResult result = chained(contractId, "appending " + batch.size() + " facts to contract " + contractId,
                    c -> factTable.append(c, contractId, batch, source, clock.instant(), evidenceTable, confidential));
            factReads.changed(contractId);
            factWindows.appended(contractId, result.stored());
            return result;
        });
    }

    @Override
    public void saveRestartStamp(String contractId, org.lvyue.api.store.RestartStamp stamp) {
        Objects.requireNonNull(stamp, "stamp");
        database.transaction("keeping the restart stamp of contract " + contractId, c -> {
            restartStamps.save(c, contractId, stamp);
            return null;
        });
    }

    @Override
    public Optional<org.lvyue.api.store.RestartStamp> takeRestartStamp(String contractId) {
        return database.transaction("taking the restart stamp of contract " + contractId, c -> restartStamps.take(c, contractId));
    }

    @Override
    public List<Fact> facts(String contractId) {
        return database.streamed("reading the facts of contract " + contractId, c -> factTable.all(c, contractId));
    }

    @Override
    public List<Fact> facts(String contractId, String kind, LocalDate from, LocalDate to) {
        return facts(contractId, List.of(kind), from, to).get(kind);
    }

    @Override
    public Map<String, List<Fact>> facts(String contractId, java.util.Collection<String> kinds, LocalDate from, LocalDate to) {
        List<String> sorted = new java.util.TreeSet<>(kinds).stream().toList();
        return factWindows.get(contractId, sorted, from, to,
                () -> database.read("reading " + sorted.size() + " kinds of facts of contract " + contractId,
                        c -> factTable.ranges(c, contractId, sorted, from, to)),
                ids -> database.read("reading " + ids.size() + " facts of contract " + contractId + " appended since",
                        c -> factTable.withIds(c, contractId, ids.toArray(String[]::new))));
    }

    @Override
    public long factCount(String contractId) {
        return database.read("counting the facts of contract " + contractId, c -> factTable.count(c, contractId, null));
    }

    @Override
    public Map<String, Long> factCountsByKind(String contractId) {
        return database.read("counting the facts of contract " + contractId + " by kind",
                c -> factTable.countsByKind(c, contractId));
    }

    @Override
    public List<Fact> latestFacts(String contractId, String kind, int limit, int offset) {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must not be negative: " + limit + ", " + offset);
        }
        if (kind != null && !factWindows.oversized(contractId, List.of(kind), FIRST_DAY, LAST_DAY)) {
            // the facts page of a kind: its facts as one window, kept across the records that keep arriving
            return newestFirst(facts(contractId, List.of(kind), FIRST_DAY, LAST_DAY).get(kind), limit, offset);
        }
        if (kind != null) {
            FactWindows.Head head = head(contractId, kind);   // a kind too large to keep whole: its newest pages
            if (head.holds(offset, limit)) {
                return head.page(offset, limit);
            }
        }
        return factReads.get(contractId, Arrays.asList("latest", kind, limit, offset), () -> Collections.unmodifiableList(
                database.read("reading the latest facts of contract " + contractId,
                        c -> factTable.latest(c, contractId, kind, limit, offset))));
    }

    /** The kind's count and newest facts, kept across appends; read afresh under the contract's write lock. */
    private FactWindows.Head head(String contractId, String kind) {
        return factWindows.head(contractId, kind, last -> locks.with(contractId, () -> database.read(
                        "reading the newest " + kind + " facts of contract " + contractId,
                        c -> new FactWindows.Head(factTable.count(c, contractId, kind),
                                factTable.latest(c, contractId, kind, FactWindows.HEAD_DEPTH, 0), last.getAsLong()))),
                ids -> database.read("reading " + ids.size() + " facts of contract " + contractId + " appended since",
                        c -> factTable.withIds(c, contractId, ids.toArray(String[]::new))));
    }

    /**
     * A page of facts held by date (then as stored), newest first by date then id: from the end, each day's facts put in
     * id order as the page reaches them, so a page costs its own days, not a sort of them all.
     */
    static List<Fact> newestFirst(List<Fact> byDate, int limit, int offset) {
        List<Fact> page = new ArrayList<>(Math.min(limit, byDate.size()));
        long skip = offset;
        int end = byDate.size();
        while (end > 0 && page.size() < limit) {
            int start = end - 1;
            while (start > 0 && byDate.get(start - 1).getDate().equals(byDate.get(end - 1).getDate())) {
                start--;
            }
            if (skip >= end - start) {   // a day wholly before the page
                skip -= end - start;
                end = start;
                continue;
            }
            List<Fact> day = new ArrayList<>(byDate.subList(start, end));
            day.sort(Comparator.comparing(Fact::getId).reversed());
            for (Fact f : day) {
                if (skip > 0) {
                    skip--;
                } else if (page.size() < limit) {
                    page.add(f);
                }
            }
            end = start;
        }
        return List.copyOf(page);
    }

    @Override
    public long factCount(String contractId, String kind) {
        if (kind == null) {
            return factCount(contractId);
        }
        if (!factWindows.oversized(contractId, List.of(kind), FIRST_DAY, LAST_DAY)) {
            return facts(contractId, List.of(kind), FIRST_DAY, LAST_DAY).get(kind).size();   // the facts page's window
        }
        return head(contractId, kind).count();
    }

    @Override
    public List<FactKindCount> factKinds(String contractId) {
        return database.read("counting the facts of contract " + contractId + " by kind",
                c -> factTable.kinds(c, contractId));
    }

    @Override
    public List<Fact> factsWithIds(String contractId, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String[] wanted = ids.stream().distinct().toArray(String[]::new);
        return database.read("reading facts by id of contract " + contractId,
                c -> new ArrayList<>(factTable.withIds(c, contractId, wanted).values()));
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
        return locks.with(contractId, () -> {
            try {
                FindingTable.Reconciled r = chained(contractId, "reconciling the findings of contract " + contractId, c -> {
                    Map<String, FindingRecord> before = recorded.get(contractId);
                    if (before == null) {
                        before = findingTable.recorded(c, contractId);
                    }
                    Set<String> waived = waiverTable.keysInForce(c, contractId, Waiver.Target.FINDING, evaluation.asOf());
                    FindingTable.Reconciled done = findingTable.reconcile(c, contractId, before, evaluation, produced, waived,
                            micros(at), evidenceTable);
                    // the messages this change causes, in its transaction: none without the change, none lost with it
                    notifications.enqueue(c, contractId, done.opened(), evaluation.ledger(), micros(at));
                    return done;
                });
                recorded.put(contractId, r.after());
                if (r.wrote()) {
                    findingReads.changed(contractId);
                }
                return r.changes();
            } catch (RuntimeException e) {
                recorded.remove(contractId); // read from the database next time
                findingReads.changed(contractId);
                throw e;
            }
        });
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
        return findingReads.get(contractId, List.of(q, asOf), () -> {
            Map<String, FindingRecord> known = recordedFindings(contractId);
            Set<String> waived = database.read("reading the waivers in force of contract " + contractId,
                    c -> waiverTable.keysInForce(c, contractId, Waiver.Target.FINDING, asOf));
            return FindingPage.select(known.values(), q, waived);
        });
    }

    /** The contract's findings as recorded, read from the database once, under the contract's lock, when not kept. */
    private Map<String, FindingRecord> recordedFindings(String contractId) {
        Map<String, FindingRecord> known = recorded.get(contractId);
        if (known != null) {
            return known;
        }
        // under the lock: a reconciliation replaces the entry only after its commit, so the one read here is not older
        return locks.with(contractId, () -> {
            Map<String, FindingRecord> kept = recorded.get(contractId);
            if (kept == null) {
                kept = database.read("reading the findings of contract " + contractId, c -> findingTable.recorded(c, contractId));
                recorded.put(contractId, kept);
            }
            return kept;
        });
    }

    @Override
    public Optional<FindingRecord> finding(String contractId, String key, LocalDate asOf) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(asOf, "asOf");
        FindingRecord recordedOne = recordedFindings(contractId).get(key);
        if (recordedOne == null) {
            return Optional.empty();
        }
        Set<String> waived = database.read("reading the waivers in force of contract " + contractId,
                c -> waiverTable.keysInForce(c, contractId, Waiver.Target.FINDING, asOf));
        return Optional.of(FindingPage.onDay(recordedOne, waived)); // the status as every page of findings gives it
    }

    // ---------------------------------------------------------------- waivers

    @Override
    public Waiver addWaiver(String contractId, Waiver.Target target, String key, String justification,
                            LocalDate expiresOn, String by, Instant at) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(justification, "justification");
        Objects.requireNonNull(by, "by");
        Waiver added = chained(contractId, "waiving " + key + " of contract " + contractId, c -> {
            Waiver w = waiverTable.add(c, contractId, target, key, justification, expiresOn, by, micros(at), evidenceTable,
                    clock.instant());
            // told in the transaction that records it: no message without the waiver, no waiver without its message
            notifications.writeNotice(c, NotificationRecords.waiverNotice(w, waivedSeverity(c, w), false), micros(at));
            return w;
        });
        findingReads.changed(contractId); // a waiver changes the status findings read with
        return added;
    }

    @Override
    public Optional<Waiver> withdrawWaiver(String contractId, long id, String by, String reason, Instant at) {
        Optional<Waiver> withdrawn = chained(contractId, "withdrawing waiver " + id + " of contract " + contractId, c -> {
            Optional<Waiver> w = waiverTable.withdraw(c, contractId, id, by, reason, micros(at), evidenceTable, clock.instant());
            if (w.isPresent()) {
                notifications.writeNotice(c, NotificationRecords.waiverNotice(w.get(), waivedSeverity(c, w.get()), true),
                        micros(at));
            }
            return w;
        });
        findingReads.changed(contractId);
        return withdrawn;
    }

    /** The waived finding's severity (its message says it and links to the finding), or null for a ledger amount. */
    private org.lvyue.api.finding.Severity waivedSeverity(java.sql.Connection c, Waiver w) throws java.sql.SQLException {
        if (w.target() != Waiver.Target.FINDING) {
            return null;
        }
        return findingTable.find(c, w.contractId(), w.key()).map(r -> r.finding().getSeverity()).orElse(null);
    }

    @Override
    public List<Waiver> waivers(String contractId) {
        return database.read("reading the waivers of contract " + contractId, c -> waiverTable.all(c, contractId));
    }

    // ---------------------------------------------------------------- the audit log

    @Override
    public int appendAuditEvents(String contractId, List<AuditEvent> events) {
        Objects.requireNonNull(contractId, "contractId");
        return chained(contractId, "appending " + events.size() + " audit entries to contract " + contractId,
                c -> auditTable.append(c, contractId, events, clock.instant(), evidenceTable));
    }

    @Override
    public List<AuditEvent> auditEvents(String contractId, AuditQuery query) {
        return database.read("searching the audit log of contract " + contractId, c -> auditTable.query(c, contractId, query));
    }

    @Override
    public long auditEventCount(String contractId, AuditQuery query) {
        return database.read("counting the audit log of contract " + contractId, c -> auditTable.count(c, contractId, query));
    }

    @Override
    public List<AuditCount> auditEventCounts(String contractId, AuditQuery query, AuditLog.GroupBy by, int limit) {
        return database.read("counting the audit log of contract " + contractId + " by " + by,
                c -> auditTable.countBy(c, contractId, query, by, limit));
    }

    @Override
    public void forEachAuditEvent(String contractId, Consumer<AuditEvent> sink) {
        database.streamed("reading the audit log of contract " + contractId, c -> {
            auditTable.forEach(c, contractId, sink);
            return null;
        });
    }

    @Override
    public void forEachAuditEvent(String contractId, org.lvyue.api.audit.AuditSelection selection, Consumer<AuditEvent> sink) {
        Objects.requireNonNull(selection, "selection");
        database.streamed("reading the audit log of contract " + contractId, c -> {
            auditTable.forEach(c, contractId, selection, sink);
            return null;
        });
    }

    // ---------------------------------------------------------------- activity

    @Override
    public ActivityEntry record(String user, String address, String action, String target, String detail) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(action, "action");
        return database.transaction("recording the activity " + action + " of " + user,
                c -> activityTable.insert(c, clock.instant(), user, address, action, target, detail));
    }

    @Override
    public ActivityEntry record(String user, String address, String action, String target, String detail, String result) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(result, "result");
        return database.transaction("recording the activity " + action + " of " + user,
                c -> activityTable.insert(c, clock.instant(), user, address, action, target, detail, result));
    }

    @Override
    public List<ActivityEntry> between(Instant from, Instant to, int limit) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return database.read("reading the activity record from " + from + " to " + to,
                c -> activityTable.between(c, from, to, limit));
    }

    @Override
    public ActivityLog.Verification verify() {
        return database.read("verifying the activity record's chain", activityTable::verify);
    }

    @Override
    public List<ActivityEntry> list(ActivityLog.Query query) {
        return database.read("reading the activity record", c -> activityTable.list(c, query));
    }

    @Override
    public long count(ActivityLog.Query query) {
        return database.read("counting the activity record", c -> activityTable.count(c, query));
    }

    // ---------------------------------------------------------------- parties (organisations, members, tokens)

    @Override
    public List<Organisation> organisations() {
        return parties.organisations();
    }

    @Override
    public Optional<Organisation> organisation(String id) {
        return parties.organisation(id);
    }

    @Override
    public void saveOrganisation(Organisation organisation, String actor, String address) {
        parties.saveOrganisation(organisation, actor, address);
    }

    @Override
    public List<Membership> members(String organisation) {
        return parties.members(organisation);
    }

    @Override
    public List<Membership> membershipsOf(String user) {
        return parties.membershipsOf(user);
    }

    @Override
    public boolean addMember(Membership membership, String actor, String address) {
        return parties.addMember(membership, actor, address);
    }

    @Override
    public boolean removeMember(Membership membership, String actor, String address) {
        return parties.removeMember(membership, actor, address);
    }

    @Override
    public List<ApiToken> tokens(String contract) {
        return parties.tokens(contract);
    }

    @Override
    public IssuedToken issueToken(String contract, String name, String actor, String address) {
        return parties.issueToken(contract, name, actor, address);
    }

    @Override
    public boolean revokeToken(String contract, long id, String actor, String address) {
        return parties.revokeToken(contract, id, actor, address);
    }

    @Override
    public Optional<ApiToken> authenticate(String secret) {
        return parties.authenticate(secret);
    }

    // ---------------------------------------------------------------- notifications (subscriptions, the outbox)

    @Override
    public List<Subscription> subscriptions(String contract) {
        return notifications.subscriptions(contract);
    }

    @Override
    public Optional<Subscription> subscription(String contract, long id) {
        return notifications.subscription(contract, id);
    }

    @Override
    public Subscription addSubscription(Subscription subscription, String actor, String address) {
        return notifications.addSubscription(subscription, actor, address);
    }

    @Override
    public boolean removeSubscription(String contract, long id, String actor, String address) {
        return notifications.removeSubscription(contract, id, actor, address);
    }

    @Override
    public List<OutboxMessage> due(Channel channel, Instant now, int limit) {
        return notifications.due(channel, now, limit);
    }

    /** The contract's latest messages, newest first, at most {@code limit}. */
    public List<OutboxMessage> messages(String contract, int limit) {
        return notifications.messages(contract, limit);
    }

    @Override
    public boolean claim(long id, Instant due, Instant until) {
        return notifications.claim(id, due, until);
    }

    /** {@inheritDoc} Under the contract's lock, as the reconciliations that write its other messages. */
    @Override
    public int writeNotice(org.lvyue.api.notify.Notice notice, Instant at) {
        Objects.requireNonNull(notice, "notice");
        return locks.with(notice.contract(), () -> notifications.writeNotice(notice, micros(at)));
    }

    @Override
    public int writeAlarm(String once, String ref, String title, String detail, java.util.Collection<String> mailTo,
                          Instant at) {
        return notifications.writeAlarm(once, ref, title, detail, mailTo, micros(at));
    }

    @Override
    public boolean lease(String task, String holder, Instant now, Instant until) {
        return notifications.lease(task, holder, now, until);
    }

    @Override
    public List<String> ledgerKeysSince(String contract, Instant since) {
        return notifications.ledgerKeysSince(contract, since);
    }

    @Override
    public boolean markSent(long id, Instant at) {
        return notifications.markSent(id, at);
    }

    @Override
    public void markFailed(long id, String error, Instant retryAt) {
        notifications.markFailed(id, error, retryAt);
    }

    @Override
    public void postpone(long id, Instant until) {
        notifications.postpone(id, until);
    }

    @Override
    public Depth depth() {
        return notifications.depth();
    }

    @Override
    public java.util.Map<Channel, Depth> depths() {
        return notifications.depths();
    }

    @Override
    public int purge(Instant sentBefore, Instant givenUpBefore, int limit) {
        return notifications.purge(sentBefore, givenUpBefore, limit);
    }

    // ---------------------------------------------------------------- the evidence chain and backups

    /**
     * {@inheritDoc}
     *
     * <p>Runs in one snapshot of the database: batches committed while it reads are either wholly
     * seen, rows and entries, or not at all, so ingestion goes on meanwhile.
     */
    @Override
    public IntegrityReport verify(String contractId) {
        Objects.requireNonNull(contractId, "contractId");
        IntegrityReport report = database.snapshot("verifying the evidence chain of contract " + contractId,
                c -> verifier.verify(c, contractId, clock.instant()));
        verifications.put(contractId, report);
        return report;
    }

    @Override
    public Optional<IntegrityReport> lastVerification(String contractId) {
        return Optional.ofNullable(verifications.get(contractId));
    }

    @Override
    public long recordReport(String contractId, String reportId, String pdfSha256, String factsDigest) {
        Objects.requireNonNull(reportId, "reportId");
        Objects.requireNonNull(pdfSha256, "pdfSha256");
        return chained(contractId, "recording report " + reportId + " of contract " + contractId, c -> {
            String content = EvidenceTable.reportContent(evidenceTable.digest(), pdfSha256, factsDigest);
            long issued = evidenceTable.reportPosition(c, contractId, reportId, content);
            if (issued >= 0) {
                return issued; // the same document again: it was issued once
            }
            return evidenceTable.append(c, contractId, new EvidenceTable.Draft(EvidenceTable.Kind.REPORT, reportId, content,
                    null), clock.instant());
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>The database's own online backup ({@link Dialect#backup}), taken while every contract's lock
     * is held, so the heads reported are exactly those in the copy; writes wait meanwhile.
     */
    @Override
    public BackupResult backup(Path zip) {
        Path target = zip.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            throw new IllegalArgumentException("备份文件已存在，不覆盖：" + target + " (the backup file exists; it is not overwritten)");
        }
        if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
            throw new IllegalArgumentException("备份目录不存在：" + target.getParent() + " (the backup folder does not exist)");
        }
        List<String> ids = database.read("listing the evidence chains", evidenceTable::contracts);
        return locks.withAll(ids, () -> database.read("backing up the store to " + target, c -> {
            Map<String, String> heads = new TreeMap<>();
            for (String id : ids) {
                EvidenceTable.Head h = evidenceTable.head(c, id);
                heads.put(id, h.position() + ":" + h.hash());
            }
            database.dialect().backup(c, target);
            return new BackupResult(target, target.toFile().length(), heads);
        }));
    }

    // ---------------------------------------------------------------- moving the store

    /**
     * {@inheritDoc}
     *
     * <p>The target is opened as a store of its own (its schema migrated when missing) with this
     * store's chain digest. Each contract is copied under its lock in one snapshot of this database
     * and one transaction of the target, then verified there; the shared tables last.
     */
    @Override
    public List<ContractCopy> copyTo(String url, String user, String password, Consumer<ContractCopy> progress) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(progress, "progress");
        if (url.equals(database.url()) || database.dialect().url(url).equals(database.url())) {
            throw new IllegalArgumentException("目标数据库就是当前数据库 (the target is this store's own database): " + url);
        }
        try (JdbcStore target = new JdbcStore(url, user, password, 2, clock, evidenceTable.algorithm())) {
            StoreCopy copy = new StoreCopy(database, target.database);
            copy.requireEmptyTarget();
            List<ContractCopy> copied = new ArrayList<>();
            for (String id : copy.contracts()) {
                ContractCopy result = locks.with(id, () -> {
                    EvidenceTable.Head head = database.read("reading the evidence chain head of contract " + id,
                            c -> evidenceTable.head(c, id));
                    Map<String, Long> rows = copy.copyContract(id);
                    IntegrityReport r = target.verify(id);
                    List<String> problems = r.problems().stream().map(p -> "#" + p.position() + " " + p.table() + " "
                            + p.key() + ": " + p.message()).toList();
                    return new ContractCopy(id, rows, head.position() + ":" + head.hash(),
                            r.headPosition() + ":" + r.headHash(), problems);
                });
                copied.add(result);
                progress.accept(result);
            }
            copy.copyShared();
            return copied;
        }
    }

    // ---------------------------------------------------------------- contract leases (a cluster's owners)

    /**
     * Joins a cluster as {@code node}: from now on this store writes a contract only in a transaction that finds the
     * lease this node took ({@link #acquire}) still the contract's. Called by what keeps this node's leases; until
     * then, on a single node, nothing is fenced.
     */
    @Override
    public void join(String node) {
        if (node == null || node.isBlank() || node.length() > 200) {
            throw new IllegalArgumentException("节点标识须为 1 至 200 个字符 (a node id of 1 to 200 characters): " + node);
        }
        this.nodeId = node;
    }

    /** Refuses the write unless this node, in a cluster, still holds the contract at the epoch it took. */
    private void fence(Connection c, String contractId) throws SQLException {
        String node = nodeId;
        if (node == null) {
            return;
        }
        Lease lease = held.get(contractId);
        if (lease == null || !leaseTable.holds(c, lease)) {
            if (lease != null) {
                held.remove(contractId, lease);
            }
            throw new ContractNotOwnedException(contractId, "本节点 " + node + " 不持有合同 " + contractId
                    + " 的租约，写入未执行 (this node does not own the contract; nothing was written)"
                    + (lease == null ? "" : ": 已被接管，原纪元 " + lease.epoch() + " (taken over since epoch " + lease.epoch() + ")"));
        }
    }

    @Override
    public String nodeId() {
        String node = nodeId;
        return node == null ? "" : node;
    }

    private String clusterNode() {
        String node = nodeId;
        if (node == null) {
            throw new IllegalStateException("本节点未加入集群 (this node has not joined a cluster: no node id)");
        }
        return node;
    }

    @Override
    public Optional<Lease> acquire(String contractId, Duration ttl) {
        String node = clusterNode();
        return locks.with(contractId, () -> {
            Optional<Lease> taken = database.transaction("taking the lease of contract " + contractId,
                    c -> leaseTable.acquire(c, contractId, node, ttl));
            taken.ifPresent(l -> held.put(contractId, l));
            return taken;
        });
    }

    @Override
    public boolean renew(String contractId, Duration ttl) {
        clusterNode();
        Lease lease = held.get(contractId);
        if (lease == null) {
            return false;
        }
        boolean kept = database.transaction("renewing the lease of contract " + contractId, c -> leaseTable.renew(c, lease, ttl));
        if (!kept) {
            held.remove(contractId, lease);
        }
        return kept;
    }

    @Override
    public Set<String> renewAll(Collection<String> contractIds, Duration ttl) {
        clusterNode();
        List<Lease> mine = contractIds.stream().map(held::get).filter(Objects::nonNull).toList();
        if (mine.isEmpty()) {
            return Set.of();
        }
        Set<String> kept;
        try {
            kept = database.transaction("renewing " + mine.size() + " contract leases", c -> leaseTable.renewAll(c, mine, ttl));
        } catch (RuntimeException e) {
            // one row held past the wait fails the batch: each on its own then, so that the others are kept
            LOG.warn("The leases were not renewed together ({}); renewing them one by one", e.toString());
            return ContractLeases.super.renewAll(contractIds, ttl);
        }
        mine.stream().filter(l -> !kept.contains(l.contractId())).forEach(l -> held.remove(l.contractId(), l));
        return kept;
    }

    @Override
    public void release(String contractId) {
        clusterNode();
        // under the contract's lock: a write of this node under way finishes before the lease lapses
        locks.with(contractId, () -> {
            Lease lease = held.remove(contractId);
            if (lease != null) {
                database.transaction("releasing the lease of contract " + contractId, c -> {
                    leaseTable.release(c, lease);
                    return null;
                });
            }
            return null;
        });
    }

    @Override
    public Optional<Lease> holder(String contractId) {
        return database.read("reading the lease of contract " + contractId,
                c -> leaseTable.running(c, contractId).stream().findFirst());
    }

    @Override
    public List<Lease> leases() {
        return database.read("reading the contracts' leases", c -> leaseTable.running(c, null));
    }

    // ---------------------------------------------------------------- a cluster's nodes

    @Override
    public void heartbeat(String url, Duration ttl) {
        String node = clusterNode();
        database.transaction("renewing the row of node " + node, c -> {
            nodeTable.heartbeat(c, node, url, ttl);
            return null;
        });
    }

    @Override
    public List<Node> nodes() {
        return database.read("reading the cluster's nodes", nodeTable::alive);
    }

    @Override
    public void leave() {
        String node = clusterNode();
        database.transaction("removing the row of node " + node, c -> {
            nodeTable.remove(c, node);
            return null;
        });
    }

    // ---------------------------------------------------------------- the files a cluster's nodes keep the same

    @Override
    public List<SharedFiles.File> files() {
        return database.read("reading the cluster's shared files", fileTable::files);
    }

    @Override
    public Optional<byte[]> content(String path, String digest) {
        return database.read("reading the shared file " + path, c -> fileTable.content(c, path, digest));
    }

    @Override
    public void written(String path, String digest, byte[] content, String nodeId) {
        database.transaction("recording the shared file " + path, c -> {
            fileTable.written(c, path, digest, content, nodeId, Sql.databaseNow(c).truncatedTo(ChronoUnit.MICROS));
            return null;
        });
    }

    @Override
    public void removed(String path, String digest, String nodeId) {
        database.transaction("recording the removal of the shared file " + path, c -> {
            fileTable.removed(c, path, digest, nodeId, Sql.databaseNow(c).truncatedTo(ChronoUnit.MICROS));
            return null;
        });
    }

    // ---------------------------------------------------------------- a cluster's console sessions

    @Override
    public void opened(SharedSessions.Session session) {
        database.transaction("recording a console session of " + session.user(), c -> {
            sessionTable.opened(c, new SharedSessions.Session(session.idHash(), session.user(), session.roles(),
                    session.profile(), session.csrf(), micros(session.created()), micros(session.seen())));
            return null;
        });
    }

    @Override
    public Optional<SharedSessions.Session> session(String idHash) {
        return database.read("reading a console session", c -> sessionTable.session(c, idHash));
    }

    @Override
    public void seen(String idHash, Instant at) {
        database.transaction("recording the use of a console session", c -> {
            sessionTable.seen(c, idHash, micros(at));
            return null;
        });
    }

    @Override
    public void ended(String idHash) {
        database.transaction("ending a console session", c -> {
            sessionTable.ended(c, idHash);
            return null;
        });
    }

    @Override
    public int expire(Instant seenBefore, Instant createdBefore) {
        return database.transaction("removing ended console sessions",
                c -> sessionTable.expire(c, micros(seenBefore), micros(createdBefore)));
    }

    // ---------------------------------------------------------------- failed logins and account locks

    @Override
    public int failed(String user, Instant at, Instant windowStart) {
        return database.transaction("counting a failed login of " + user,
                c -> accountLockTable.failed(c, user, micros(at), micros(windowStart)));
    }

    @Override
    public void forgetFailures(String user) {
        database.transaction("forgetting the failed logins of " + user, c -> {
            accountLockTable.forgetFailures(c, user);
            return null;
        });
    }

    @Override
    public boolean lock(org.lvyue.api.security.LoginAttempts.Lock lock) {
        return database.transaction("locking the account " + lock.user(), c -> accountLockTable.lock(c,
                new org.lvyue.api.security.LoginAttempts.Lock(lock.user(), micros(lock.since()), micros(lock.until()),
                        lock.failures(), lock.address())));
    }

    @Override
    public Optional<org.lvyue.api.security.LoginAttempts.Lock> lock(String user) {
        return database.read("reading the lock of the account " + user, c -> accountLockTable.lock(c, user));
    }

    @Override
    public List<org.lvyue.api.security.LoginAttempts.Lock> locks() {
        return database.read("reading the account locks", accountLockTable::locks);
    }

    @Override
    public Optional<org.lvyue.api.security.LoginAttempts.Lock> unlock(String user) {
        return database.transaction("releasing the lock of the account " + user, c -> accountLockTable.unlock(c, user));
    }

    @Override
    public List<org.lvyue.api.security.LoginAttempts.Lock> sweep(Instant now, Instant windowStart) {
        return database.transaction("releasing ended account locks",
                c -> accountLockTable.sweep(c, micros(now), micros(windowStart)));
    }

    // ---------------------------------------------------------------- login certificates and challenges

    @Override
    public void register(LoginCertificates.Registration r) {
        database.transaction("registering the login certificate of " + r.user(), c -> {
            loginCertificateTable.register(c, new LoginCertificates.Registration(r.user(), r.certificate(),
                    micros(r.registeredAt()), r.registeredBy()));
            return null;
        });
    }

    @Override
    public Optional<LoginCertificates.Registration> certificate(String user) {
        return database.read("reading the login certificate of " + user, c -> loginCertificateTable.certificate(c, user));
    }

    @Override
    public List<LoginCertificates.Registration> certificates() {
        return database.read("reading the login certificates", loginCertificateTable::certificates);
    }

    @Override
    public boolean unregister(String user) {
        return database.transaction("removing the login certificate of " + user, c -> loginCertificateTable.unregister(c, user));
    }

    @Override
    public boolean spend(String challengeDigest, Instant expires) {
        return database.transaction("taking a login challenge", c -> loginCertificateTable.spend(c, challengeDigest, micros(expires)));
    }

    @Override
    public int forgetChallenges(Instant now) {
        return database.transaction("forgetting ended login challenges", c -> loginCertificateTable.forgetChallenges(c, micros(now)));
    }

    // ---------------------------------------------------------------- plumbing

    /** An instant given by a caller, at the precision every database keeps (see {@link Timestamps}). */
    private static Instant micros(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Runs {@code work} in one transaction under the contract's lock, for writes that append to the
     * contract's evidence chain: the chain's cached head follows the transaction's outcome.
     */
    private <T> T chained(String contractId, String what, Database.Work<T> work) {
        return locks.with(contractId, () -> {
            try {
                T result = database.transaction(what, c -> {
                    fence(c, contractId);
                    return work.run(c);
                });
                evidenceTable.committed(contractId);
                return result;
            } catch (RuntimeException e) {
                evidenceTable.rolledBack(contractId);
                throw e;
            }
        });
    }
}
