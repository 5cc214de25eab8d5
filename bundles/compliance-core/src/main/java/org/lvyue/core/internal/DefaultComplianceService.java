package org.lvyue.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.engine.RuleSetListener;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.FindingQuery;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.service.ComplianceService;
import org.lvyue.api.service.IngestResult;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.service.NotFoundException;
import org.lvyue.api.store.AppendResult;
import org.lvyue.api.store.ComplianceStore;
import org.lvyue.api.store.ComplianceStore.FindingChanges;
import org.lvyue.api.store.StoredContract;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the store, the engine and the recorded findings in step: facts are validated, stored, added
 * to the engine and the contract re-evaluated, in that order, one batch at a time per contract; when
 * the rule set changes, every contract is re-evaluated and its findings reconciled.
 */
@Component(service = ComplianceService.class, configurationPid = "org.lvyue.core")
@Designate(ocd = CoreConfig.class)
public class DefaultComplianceService implements ComplianceService, RuleSetListener {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultComplianceService.class);
    static final String DEMO_CONTRACT = "contracts/bj-hrss-2022.json";

    private final ComplianceStore store;
    private final ComplianceEngine engine;
    private final FactValidator validator;
    private final Map<String, Contract> contracts = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final ExecutorService reevaluator = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lvyue-reevaluate");
        t.setDaemon(true);
        return t;
    });
    private final Clock clock;
    private final LocalDate fixedToday;
    private ServiceRegistration<RuleSetListener> listenerRegistration;

    @Activate
    public DefaultComplianceService(@Reference ComplianceStore store, @Reference ComplianceEngine engine,
                                    CoreConfig config, BundleContext context) {
        this.store = store;
        this.engine = engine;
        this.validator = new FactValidator(engine::factKind);
        this.clock = Clock.system(ZoneId.of(config.zone()));
        this.fixedToday = config.today().isBlank() ? null : LocalDate.parse(config.today());
        if (config.demoContract()) {
            installDemoContract();
        }
        for (StoredContract sc : store.contracts()) {
            try {
                Contract c = ContractDefinitionReader.read(sc.definition());
                contracts.put(c.id(), c);
                engine.load(c, store.facts(c.id()));
            } catch (InvalidInputException e) {
                LOG.error("Stored contract {} v{} is not readable and is not loaded: {} {}", sc.id(), sc.version(),
                        e.getMessage(), e.problems());
            }
        }
        LOG.info("Compliance service ready: {} contract(s), rule set v{}", contracts.size(), engine.ruleSetVersion());
        reevaluator.execute(this::reevaluateAll);
        // Registered by hand, not as a DS service: the engine binds rule-set listeners and this
        // component needs the engine, so SCR would see a circular reference.
        listenerRegistration = context == null ? null : context.registerService(RuleSetListener.class, this, null);
    }

    @Deactivate
    void deactivate() {
        if (listenerRegistration != null) {
            listenerRegistration.unregister();
        }
        reevaluator.shutdownNow();
        try {
            reevaluator.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        contracts.keySet().forEach(engine::unload);
    }

    /** Installs the bundled demo contract, or upgrades it when the bundled definition has a higher version. */
    private void installDemoContract() {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(DEMO_CONTRACT)) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Contract c = ContractDefinitionReader.read(json);
            Optional<StoredContract> stored = store.contract(c.id());
            if (stored.isPresent() && stored.get().version() >= c.version()) {
                return;
            }
            store.saveContract(new StoredContract(c.id(), c.version(), json, Instant.now(), "system"));
            LOG.info("Demo contract {} v{} ({}) installed", c.id(), c.version(), c.name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void ruleSetChanged(long ruleSetVersion, List<DomainStatus> domains) {
        if (!reevaluator.isShutdown()) {
            reevaluator.execute(this::reevaluateAll);
        }
    }

    private void reevaluateAll() {
        for (String id : contracts.keySet()) {
            try {
                withLock(id, () -> record(engine.evaluate(id, today())));
            } catch (RuntimeException e) {
                LOG.error("Re-evaluation of contract {} failed", id, e);
            }
        }
    }

    private FindingChanges record(Evaluation e) {
        FindingChanges changes = store.reconcileFindings(e, Instant.now());
        LOG.debug("Contract {} evaluated on rule set v{}: {} findings ({} opened, {} resolved) in {} ms",
                e.contractId(), e.ruleSetVersion(), e.findings().size(), changes.opened(), changes.resolved(),
                e.took().toMillis());
        return changes;
    }

    @Override
    public List<Contract> contracts() {
        List<Contract> out = new ArrayList<>(contracts.values());
        out.sort(Comparator.comparing(Contract::id));
        return out;
    }

    @Override
    public Contract contract(String id) {
        Contract c = contracts.get(id);
        if (c == null) {
            throw new NotFoundException("合同 '" + id + "' 不存在");
        }
        return c;
    }

    @Override
    public String contractDefinition(String id) {
        contract(id);
        return store.contract(id).orElseThrow(() -> new NotFoundException("合同 '" + id + "' 不存在")).definition();
    }

    @Override
    public IngestResult ingest(String contractId, List<Map<String, Object>> raw, String user) {
        Contract contract = contract(contractId);
        List<Fact> facts = validator.validate(contract, raw, user, today());
        return withLock(contractId, () -> {
            AppendResult appended = store.appendFacts(contractId, facts, user);
            if (!appended.stored().isEmpty()) {
                engine.addFacts(contractId, appended.stored());
            }
            Evaluation e = engine.evaluate(contractId, today());
            FindingChanges changes = record(e);
            return new IngestResult(appended.batchId(), raw.size(), appended.stored().size(), appended.duplicates(),
                    changes.opened(), changes.resolved(), changes.open(), e.ruleSetVersion());
        });
    }

    @Override
    public List<FindingRecord> findings(String contractId, FindingQuery query) {
        contract(contractId);
        return store.findings(contractId, query);
    }

    @Override
    public Evaluation evaluate(String contractId, LocalDate asOf) {
        contract(contractId);
        return engine.evaluate(contractId, asOf);
    }

    @Override
    public LocalDate today() {
        return fixedToday != null ? fixedToday : LocalDate.now(clock);
    }

    private <T> T withLock(String contractId, java.util.function.Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(contractId, k -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
