package org.lvyue.store;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.FindingQuery;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.store.AppendResult;
import org.lvyue.api.store.ComplianceStore;
import org.lvyue.api.store.StoredContract;
import org.lvyue.api.waiver.Waiver;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ComplianceStore} service: an {@link H2Store} opened with the configuration of PID
 * {@value #PID}. A configuration change reopens the store; a store that cannot be opened (database
 * locked, a released migration changed...) fails activation with the reason.
 */
@Component(service = {ComplianceStore.class, org.lvyue.api.activity.ActivityLog.class,
        org.lvyue.api.integrity.EvidenceChain.class, org.lvyue.api.store.StoreBackup.class}, configurationPid = H2ComplianceStore.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = H2ComplianceStore.Config.class)
public class H2ComplianceStore implements ComplianceStore, org.lvyue.api.activity.ActivityLog,
        org.lvyue.api.integrity.EvidenceChain, org.lvyue.api.store.StoreBackup {
    public static final String PID = "org.lvyue.store";
    public static final String DEFAULT_URL = "jdbc:h2:file:${karaf.data}/lvyue/lvyue";

    private static final Logger LOG = LoggerFactory.getLogger(H2ComplianceStore.class);

    @ObjectClassDefinition(id = PID, name = "Lvyue compliance store",
            description = "The H2 database of contracts, facts and findings.")
    public @interface Config {
        @AttributeDefinition(name = "JDBC URL", description = "H2 URL; ${karaf.data} is the Karaf data directory."
                + " WRITE_DELAY=0 is always enforced so that an acknowledged write is on disk.")
        String url() default DEFAULT_URL;

        @AttributeDefinition(name = "User")
        String user() default "sa";

        @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD)
        String password() default "";

        @AttributeDefinition(name = "Maximum connections", min = "1")
        int maxConnections() default H2Store.DEFAULT_MAX_CONNECTIONS;

        @AttributeDefinition(name = "Evidence chain digest", description = "The digest of new evidence-chain entries:"
                + " SM3 (GB/T 32905) or SHA-256. Entries keep the digest they were written with, so it may change.",
                options = {@org.osgi.service.metatype.annotations.Option(value = "SM3"),
                        @org.osgi.service.metatype.annotations.Option(value = "SHA-256")})
        String chainAlgorithm() default H2Store.DEFAULT_CHAIN_ALGORITHM;
    }

    private volatile H2Store store;

    @Activate
    void activate(Config config) {
        String url = resolveUrl(config.url());
        store = new H2Store(url, config.user(), config.password(), config.maxConnections(), Clock.systemUTC(),
                config.chainAlgorithm());
        LOG.info("compliance store open at {}, evidence chain digest {}", store.url(), config.chainAlgorithm());
    }

    @Deactivate
    void deactivate() {
        H2Store s = store;
        store = null;
        if (s != null) {
            s.close();
            LOG.info("compliance store at {} closed", s.url());
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

    private H2Store store() {
        H2Store s = store;
        if (s == null) {
            throw new IllegalStateException("the compliance store is closed");
        }
        return s;
    }

    @Override
    public void saveContract(StoredContract contract) {
        store().saveContract(contract);
    }

    @Override
    public List<StoredContract> contracts() {
        return store().contracts();
    }

    @Override
    public Optional<StoredContract> contract(String id) {
        return store().contract(id);
    }

    @Override
    public AppendResult appendFacts(String contractId, List<Fact> facts, String source) {
        return store().appendFacts(contractId, facts, source);
    }

    @Override
    public List<Fact> facts(String contractId) {
        return store().facts(contractId);
    }

    @Override
    public List<Fact> facts(String contractId, String kind, LocalDate from, LocalDate to) {
        return store().facts(contractId, kind, from, to);
    }

    @Override
    public java.util.Map<String, Long> factCountsByKind(String contractId) {
        return store().factCountsByKind(contractId);
    }

    @Override
    public long factCount(String contractId) {
        return store().factCount(contractId);
    }

    @Override
    public FindingChanges reconcileFindings(Evaluation evaluation, Instant at) {
        return store().reconcileFindings(evaluation, at);
    }

    @Override
    public List<FindingRecord> findings(String contractId, FindingQuery query, LocalDate asOf) {
        return store().findings(contractId, query, asOf);
    }

    @Override
    public Waiver addWaiver(String contractId, Waiver.Target target, String key, String justification,
                            LocalDate expiresOn, String by, Instant at) {
        return store().addWaiver(contractId, target, key, justification, expiresOn, by, at);
    }

    @Override
    public Optional<Waiver> withdrawWaiver(String contractId, long id, String by, String reason, Instant at) {
        return store().withdrawWaiver(contractId, id, by, reason, at);
    }

    @Override
    public List<Waiver> waivers(String contractId) {
        return store().waivers(contractId);
    }

    @Override
    public int appendAuditEvents(String contractId, List<org.lvyue.api.audit.AuditEvent> events) {
        return store().appendAuditEvents(contractId, events);
    }

    @Override
    public List<org.lvyue.api.audit.AuditEvent> auditEvents(String contractId, org.lvyue.api.audit.AuditQuery query) {
        return store().auditEvents(contractId, query);
    }

    @Override
    public long auditEventCount(String contractId, org.lvyue.api.audit.AuditQuery query) {
        return store().auditEventCount(contractId, query);
    }

    @Override
    public List<org.lvyue.api.audit.AuditCount> auditEventCounts(String contractId, org.lvyue.api.audit.AuditQuery query,
                                                                 org.lvyue.api.audit.AuditLog.GroupBy by, int limit) {
        return store().auditEventCounts(contractId, query, by, limit);
    }

    @Override
    public void forEachAuditEvent(String contractId, java.util.function.Consumer<org.lvyue.api.audit.AuditEvent> sink) {
        store().forEachAuditEvent(contractId, sink);
    }

    @Override
    public Optional<FindingRecord> finding(String contractId, String key, LocalDate asOf) {
        return store().finding(contractId, key, asOf);
    }

    @Override
    public List<Fact> latestFacts(String contractId, String kind, int limit, int offset) {
        return store().latestFacts(contractId, kind, limit, offset);
    }

    @Override
    public long factCount(String contractId, String kind) {
        return store().factCount(contractId, kind);
    }

    @Override
    public List<org.lvyue.api.fact.FactKindCount> factKinds(String contractId) {
        return store().factKinds(contractId);
    }

    @Override
    public List<Fact> factsWithIds(String contractId, java.util.Collection<String> ids) {
        return store().factsWithIds(contractId, ids);
    }

    @Override
    public org.lvyue.api.activity.ActivityEntry record(String user, String address, String action, String target,
                                                       String detail) {
        return store().record(user, address, action, target, detail);
    }

    @Override
    public List<org.lvyue.api.activity.ActivityEntry> list(org.lvyue.api.activity.ActivityLog.Query query) {
        return store().list(query);
    }

    @Override
    public long count(org.lvyue.api.activity.ActivityLog.Query query) {
        return store().count(query);
    }

    @Override
    public org.lvyue.api.integrity.IntegrityReport verify(String contractId) {
        return store().verify(contractId);
    }

    @Override
    public Optional<org.lvyue.api.integrity.IntegrityReport> lastVerification(String contractId) {
        return store().lastVerification(contractId);
    }

    @Override
    public long recordReport(String contractId, String reportId, String pdfSha256, String factsDigest) {
        return store().recordReport(contractId, reportId, pdfSha256, factsDigest);
    }

    @Override
    public BackupResult backup(java.nio.file.Path zip) {
        return store().backup(zip);
    }
}
