package org.lvyue.engine.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.engine.ContractLoader;
import org.lvyue.api.engine.ContractSwitchListener;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.engine.EvaluationClock;
import org.lvyue.api.engine.RuleProblem;
import org.lvyue.api.engine.RuleSetListener;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.fact.FactKind;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.spi.DomainCatalogue;
import org.osgi.framework.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine proper, free of OSGi so it can be tested on a plain class path: keeps the domain
 * modules it was given, assembles them into one {@link RuleSet} after every change, and holds each
 * contract's working memory ({@link ContractMemory}).
 *
 * <p>Swapping is one volatile write: an evaluation reads the rule set once and finishes on it. After
 * a swap the engine prepares every contract's memory for the new rule set on its own thread
 * ({@code lvyue-prepare}), one at a time; evaluations answer from the old one until it switches, and
 * {@link ContractSwitchListener}s are told when it did.
 *
 * <p>A domain whose rule fails while running (it throws, keeps the evaluation past the time limit,
 * or hangs its thread) is contained: it is stopped, the rule set is assembled without it (with the
 * bundle's previous revision, if one ran before it), and the evaluation is run again, so the other
 * domains' findings are what they would be without it. A new revision of the bundle is tried again.
 */
public class DroolsEngine implements ComplianceEngine {
    private static final Logger LOG = LoggerFactory.getLogger(DroolsEngine.class);

    /** Per bundle id: the last revision that compiled, and the latest refusal, if any. */
    private final Map<Long, Entry> entries = new LinkedHashMap<>();
    private final Map<String, ContractMemory> contracts = new ConcurrentHashMap<>();
    private final List<RuleSetListener> listeners = new CopyOnWriteArrayList<>();
    private final List<ContractSwitchListener> switchListeners = new CopyOnWriteArrayList<>();
    /** The operators' metrics: evaluation and swap times. */
    private final List<org.lvyue.api.metrics.EngineListener> engineListeners = new CopyOnWriteArrayList<>();
    private final RuleGuard guard = new RuleGuard();
    /** Keeps the working memories within the node's budget (see {@link #setMemoryBudget}). */
    private final MemoryBudget budget;
    /** Sweeps the idle memories now and then; the budget itself is kept at every build. */
    private final java.util.concurrent.ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lvyue-memory");
        t.setDaemon(true);
        return t;
    });
    /**
     * Builds every contract's sessions, one at a time: beside the running ones after a swap, so that
     * no caller's thread builds one, and one build at a time leaves the other processor to them.
     */
    private final ExecutorService preparer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lvyue-prepare");
        t.setDaemon(true);
        return t;
    });
    /** What the contracts' memories need of the engine. */
    private final ContractMemory.Engine host = new ContractMemory.Engine() {
        @Override
        public RuleSet ruleSet() {
            return ruleSet;
        }

        @Override
        public RuleGuard guard() {
            return guard;
        }

        @Override
        public void prepareLater(Runnable preparation) {
            preparer.execute(preparation);
        }

        @Override
        public void failed(RuleFailure failure) {
            contain(failure);
        }

        @Override
        public void building(String contractId) {
            budget.building(contractId);
        }

        @Override
        public void built(String contractId, long bytes, long nanos) {
            budget.built(contractId, bytes, nanos);
        }

        @Override
        public void notBuilt(String contractId) {
            budget.notBuilt(contractId);
        }

        @Override
        public void switched(String contractId, long ruleSetVersion) {
            for (ContractSwitchListener l : switchListeners) {
                try {
                    l.switched(contractId, ruleSetVersion);
                } catch (RuntimeException e) {
                    LOG.warn("Contract switch listener {} failed", l, e);
                }
            }
        }
    };
    private volatile RuleSet ruleSet = RuleSet.empty();
    /** Domain jars in the deploy folder that the framework would not install (see {@link #deployFolderRefusals}). */
    private volatile List<DomainStatus> folderRefusals = List.of();
    /** Installed domain bundles whose signature was refused, by bundle id: never handed to the rules. */
    private final Map<Long, DomainStatus> signatureRefusals = new java.util.concurrent.ConcurrentHashMap<>();

    private static final String STOPPED_ZH = "；该领域已停止，其余领域照常评估";
    private static final String STOPPED_EN = "; the domain is stopped, the others are evaluated as before";

    private static final Comparator<DomainStatus> STATUS_ORDER = Comparator.comparing(DomainStatus::domain)
            .thenComparing(DomainStatus::symbolicName).thenComparing(DomainStatus::state);

    private static final class Entry {
        /** The revision that runs. */
        DomainModule good;
        /** The latest revision that did not compile. */
        DomainModule refused;
        /** The revision {@link #good} replaced, run again if {@link #good} fails while running. */
        DomainModule previous;
        /** The latest revision stopped because a rule of it failed while running. */
        DomainModule stopped;
    }

    /** Where compiled packages are kept between starts; null for none. */
    private volatile CompiledPackageCache packageCache;
    /** What is still being prepared before the rule set is the one the node starts on; empty when it is. */
    private volatile List<String> preparing = List.of();

    /** Keeps compiled packages in {@code cache} and takes them from it when a bundle did not change. */
    public void usePackageCache(CompiledPackageCache cache) {
        this.packageCache = cache;
    }

    /** Says what is still being prepared ({@link #preparing()}); an empty list once the start-up rule set runs. */
    public void preparing(List<String> what) {
        this.preparing = List.copyOf(what);
    }

    @Override
    public List<String> preparing() {
        return preparing;
    }

    /**
     * Compiles several domain bundles (those present at start) and swaps in one rule set holding every
     * one that compiled: one version and one preparation of each contract instead of one per bundle.
     */
    public List<DomainStatus> deployAll(List<DomainSource> sources) {
        long t0 = System.nanoTime();
        CompiledPackageCache cache = packageCache;
        long hits0 = cache == null ? 0 : cache.hits();
        long misses0 = cache == null ? 0 : cache.misses();
        List<DomainModule> modules = new ArrayList<>();
        for (DomainSource source : sources) {
            try {
                modules.add(DomainCompiler.compile(source, cache));
            } catch (RuntimeException e) {
                LOG.error("Domain bundle {} {} could not be loaded", source.symbolicName(), source.version(), e);
            }
        }
        List<DomainStatus> out = new ArrayList<>();
        synchronized (entries) {
            for (DomainModule module : modules) {
                Entry e = entries.computeIfAbsent(module.source().bundleId(), id -> new Entry());
                if (module.isActive()) {
                    if (e.good != null) {
                        e.previous = e.good;
                    }
                    e.good = module;
                    e.refused = null;
                    e.stopped = null;
                } else {
                    e.refused = module;
                }
            }
            assemble();
            for (DomainModule module : modules) {
                DomainSource source = module.source();
                DomainStatus status = module.isActive() ? find(source.bundleId(), source.version()) : module.status();
                out.add(status);
                if (status.state() == org.lvyue.api.engine.DomainState.ACTIVE) {
                    LOG.info("Domain bundle {} {} ({}) active with {} rules", source.symbolicName(), source.version(),
                            source.domainId(), status.ruleCount());
                } else {
                    LOG.error("Domain bundle {} {} ({}) refused: {}", source.symbolicName(), source.version(),
                            source.domainId(), describe(status.problems()));
                }
            }
        }
        LOG.info("{} domain bundle(s) in one rule set v{} in {} ms{}", modules.size(), ruleSet.version(),
                (System.nanoTime() - t0) / 1_000_000, cache == null ? ""
                        : " (compiled rules of " + (cache.hits() - hits0) + " reused from " + cache.where() + ", "
                        + (cache.misses() - misses0) + " compiled)");
        // the rule set the node starts on is in place: said before the listeners hear of it
        preparing = List.of();
        swapped(t0);
        return out;
    }

    /** An engine with the default memory budget ({@link MemoryBudget#defaultBudget}) and idle time ({@link #DEFAULT_IDLE}). */
    public DroolsEngine() {
        this(System::nanoTime);
    }

    /** The same, with the clock of its memories' uses ({@link System#nanoTime} but in tests). */
    DroolsEngine(java.util.function.LongSupplier nanos) {
        budget = new MemoryBudget(MemoryBudget.defaultBudget(), DEFAULT_IDLE, nanos);
        sweeper.scheduleWithFixedDelay(this::sweepMemories, SWEEP_SECONDS, SWEEP_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** How long a contract's working memory may stay unused before it is released, by default. */
    public static final java.time.Duration DEFAULT_IDLE = java.time.Duration.ofMinutes(30);
    private static final long SWEEP_SECONDS = 15;

    /**
     * The bytes the contracts' working memories may hold together (estimated, see {@link MemoryBudget}),
     * and how long one may stay unused: past either, memories are released, the least recently used
     * first, and rebuilt from their loader at their next use.
     */
    public void setMemoryBudget(long bytes, java.time.Duration idle) {
        budget.configure(bytes, idle);
        sweepMemories();
    }

    @Override
    public org.lvyue.api.engine.MemoryFigures memory() {
        return budget.figures();
    }

    /** Releases the idle memories and those over the budget now (the engine does it every few seconds too). */
    public void sweepMemories() {
        try {
            budget.sweep();
        } catch (RuntimeException e) {
            LOG.warn("Memory sweep failed", e);
        }
    }

    /** Compiles a domain bundle and, if it compiles, swaps in a rule set that includes it. */
    public DomainStatus deploy(DomainSource source) {
        long t0 = System.nanoTime();
        DomainModule module = DomainCompiler.compile(source, packageCache);
        DomainStatus status;
        synchronized (entries) {
            Entry e = entries.computeIfAbsent(source.bundleId(), id -> new Entry());
            if (module.isActive()) {
                if (e.good != null) {
                    e.previous = e.good;
                }
                e.good = module;
                e.refused = null;
                e.stopped = null; // a new revision is tried again
            } else {
                e.refused = module;
            }
            assemble();
            // a refused revision of the version that runs has two statuses (bundle id, version): return its own
            status = module.isActive() ? find(source.bundleId(), source.version()) : module.status();
        }
        if (module.isActive()) {
            LOG.info("Domain bundle {} {} ({}) active with {} rules, rule set v{} in {} ms", source.symbolicName(),
                    source.version(), source.domainId(), status.ruleCount(), ruleSet.version(),
                    (System.nanoTime() - t0) / 1_000_000);
        } else {
            LOG.error("Domain bundle {} {} ({}) refused: {}", source.symbolicName(), source.version(), source.domainId(),
                    describe(module.problems()));
        }
        swapped(t0);
        return status;
    }

    /** Drops a domain bundle's rules (it stopped or was uninstalled). */
    public void undeploy(long bundleId) {
        long t0 = System.nanoTime();
        synchronized (entries) {
            if (entries.remove(bundleId) == null) {
                return;
            }
            assemble();
        }
        LOG.info("Domain bundle {} removed, rule set v{}", bundleId, ruleSet.version());
        swapped(t0);
    }

    public void addListener(RuleSetListener l) {
        listeners.add(l);
    }

    public void removeListener(RuleSetListener l) {
        listeners.remove(l);
    }

    public void addSwitchListener(ContractSwitchListener l) {
        switchListeners.add(l);
    }

    public void removeSwitchListener(ContractSwitchListener l) {
        switchListeners.remove(l);
    }

    public void addEngineListener(org.lvyue.api.metrics.EngineListener l) {
        engineListeners.add(l);
    }

    public void removeEngineListener(org.lvyue.api.metrics.EngineListener l) {
        engineListeners.remove(l);
    }

    /** Picks the modules that run together, refuses the ones that clash, and swaps the rule set. */
    private void assemble() {
        List<DomainModule> candidates = new ArrayList<>();
        List<DomainStatus> statuses = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.good != null) {
                candidates.add(e.good);
            }
            if (e.refused != null) {
                statuses.add(e.refused.status());
            }
            if (e.stopped != null) {
                statuses.add(e.stopped.status());
            }
        }
        // Highest version per symbolic name wins; then the first bundle to claim a domain id keeps it.
        candidates.sort(Comparator.comparing((DomainModule m) -> m.source().bundleId()));
        Map<String, DomainModule> byDomain = new HashMap<>();
        Map<String, DomainModule> byRule = new HashMap<>();
        List<DomainModule> active = new ArrayList<>();
        for (DomainModule m : candidates) {
            DomainModule best = candidates.stream()
                    .filter(x -> x.source().symbolicName().equals(m.source().symbolicName()))
                    .max(Comparator.comparing((DomainModule x) -> Version.parseVersion(x.source().version()))
                            .thenComparing(x -> -x.source().bundleId()))
                    .orElseThrow();
            if (best != m) {
                // two bundles of one name and version install only where the framework allows it: the first one runs
                boolean twin = Version.parseVersion(best.source().version()).equals(Version.parseVersion(m.source().version()));
                statuses.add(m.refusedBecause(new RuleProblem("", -1, twin
                        ? "同名同版本的 bundle（编号 " + best.source().bundleId() + "）先安装，正在运行 (a bundle of the same name"
                                + " and version, installed first, runs: bundle " + best.source().bundleId() + ")"
                        : "同名 bundle 的更高版本 " + best.source().version() + " 正在运行 (higher version running)")).status());
                continue;
            }
            DomainModule owner = byDomain.get(m.source().domainId());
            if (owner != null) {
                statuses.add(m.refusedBecause(new RuleProblem("", -1, "领域 '" + m.source().domainId()
                        + "' 已由 bundle " + owner.source().symbolicName() + " 提供 (domain already provided)")).status());
                continue;
            }
            String clash = ruleClash(m, byRule);
            if (clash != null) {
                statuses.add(m.refusedBecause(new RuleProblem("", -1, clash)).status());
                continue;
            }
            byDomain.put(m.source().domainId(), m);
            for (KiePackage p : m.packages()) {
                for (Rule r : p.getRules()) {
                    byRule.put(p.getName() + "." + r.getName(), m);
                }
            }
            active.add(m);
        }
        active.sort(Comparator.comparing(m -> m.source().domainId()));
        active.forEach(m -> statuses.add(m.status()));
        statuses.sort(STATUS_ORDER);
        ruleSet = RuleSet.build(ruleSet.version() + 1, active, statuses);
    }

    private static String ruleClash(DomainModule m, Map<String, DomainModule> byRule) {
        for (KiePackage p : m.packages()) {
            for (Rule r : p.getRules()) {
                DomainModule other = byRule.get(p.getName() + "." + r.getName());
                if (other != null) {
                    return "规则 '" + p.getName() + "." + r.getName() + "' 与 bundle " + other.source().symbolicName()
                            + " 重名 (duplicate rule name)";
                }
            }
        }
        return null;
    }

    /**
     * Stops the domain modules a failure blames, if they still run, and assembles the rule set
     * without them.
     *
     * @return whether evaluating again can end otherwise: the rule set changed since the failing one
     */
    private boolean contain(RuleFailure failure) {
        long t0 = System.nanoTime();
        List<DomainModule> stopped = new ArrayList<>();
        boolean changed;
        synchronized (entries) {
            for (DomainModule culprit : failure.culprits()) {
                for (Entry e : entries.values()) {
                    if (e.good == culprit) {
                        e.stopped = culprit.stoppedBecause(failure.problem(STOPPED_ZH, STOPPED_EN));
                        e.good = e.previous; // it ran before this revision came
                        e.previous = null;
                        stopped.add(culprit);
                    }
                }
            }
            if (!stopped.isEmpty()) {
                assemble();
            }
            changed = ruleSet != failure.rules();
        }
        for (DomainModule m : stopped) {
            LOG.error("Domain bundle {} {} ({}) stopped, rule set v{}: {}", m.source().symbolicName(), m.source().version(),
                    m.source().domainId(), ruleSet.version(), describe(List.of(failure.problem("", ""))), failure.getCause());
        }
        if (!stopped.isEmpty()) {
            swapped(t0);
        }
        return changed;
    }

    /** How many times one evaluation contains a failure and tries again: each stops a module, so this is plenty. */
    private int containmentLimit() {
        synchronized (entries) {
            return entries.size() + 2;
        }
    }

    /** Seconds an evaluation may run before the engine halts it and stops the domain to blame. */
    public void setEvaluationTimeLimit(java.time.Duration limit) {
        guard.limit(limit);
    }

    public java.time.Duration evaluationTimeLimit() {
        return guard.limit();
    }

    /**
     * Domain jars in the deploy folder that the OSGi framework refused to install (another bundle
     * of the same symbolic name and version runs): reported beside the bundles the engine runs.
     */
    public void deployFolderRefusals(List<DomainStatus> refusals) {
        List<DomainStatus> sorted = new ArrayList<>(refusals);
        sorted.sort(STATUS_ORDER);
        folderRefusals = List.copyOf(sorted);
    }

    /** Whether the bundle is one the distribution ships, compiled by its build (see {@link CompiledPackageCache}). */
    public boolean shippedWithTheDistribution(DomainSource source) {
        CompiledPackageCache cache = packageCache;
        return cache != null && cache.shipped(source);
    }

    /**
     * An installed domain bundle whose signature does not meet the policy: reported beside the bundles the engine runs,
     * and a revision of it that ran before is taken out.
     */
    public void signatureRefused(DomainStatus refusal) {
        signatureRefusals.put(refusal.bundleId(), refusal);
        boolean running = ruleSet.statuses().stream()
                .anyMatch(s -> s.bundleId() == refusal.bundleId() && s.state() != DomainState.REFUSED);
        if (running) {
            undeploy(refusal.bundleId());
        }
    }

    /** Whether the bundle is kept out for its signature now. */
    public boolean signatureRefused(long bundleId) {
        return signatureRefusals.containsKey(bundleId);
    }

    /** The bundle's signature refusal no longer stands (it went, or a new revision was accepted). */
    public void signatureCleared(long bundleId) {
        signatureRefusals.remove(bundleId);
    }

    private DomainStatus find(long bundleId, String version) {
        for (DomainStatus s : ruleSet.statuses()) {
            if (s.bundleId() == bundleId && s.version().equals(version)) {
                return s;
            }
        }
        throw new IllegalStateException("no status for bundle " + bundleId);
    }

    /**
     * After a swap: tells the rule-set listeners, and has every contract's memory prepared for the
     * new rule set on the engine's thread. That thread also looks at the memories, so that the one
     * that swapped (the extender's, an evaluation's) never waits for a contract's lock.
     */
    private void swapped(long startedNanos) {
        RuleSet current = ruleSet;
        java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - startedNanos);
        for (org.lvyue.api.metrics.EngineListener l : engineListeners) {
            try {
                l.ruleSetSwapped(current.version(), took);
            } catch (RuntimeException e) {
                LOG.warn("Engine listener {} failed", l, e);
            }
        }
        for (RuleSetListener l : listeners) {
            try {
                l.ruleSetChanged(current.version(), current.statuses());
            } catch (RuntimeException e) {
                LOG.warn("Rule set listener {} failed", l, e);
            }
        }
        try {
            preparer.execute(() -> contracts.values().forEach(ContractMemory::ruleSetChanged));
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // closed: nothing is prepared any more
        }
    }

    private static String describe(List<RuleProblem> problems) {
        StringBuilder sb = new StringBuilder();
        for (RuleProblem p : problems) {
            sb.append("\n  ").append(p.file()).append(p.line() > 0 ? ":" + p.line() : "").append(": ").append(p.message());
        }
        return sb.toString();
    }

    // ---- ComplianceEngine

    @Override
    public List<DomainStatus> domains() {
        List<DomainStatus> statuses = ruleSet.statuses();
        List<RuleGuard.Abandoned> stuck = guard.stuck();
        List<DomainStatus> refusals = new ArrayList<>(folderRefusals);
        refusals.addAll(signatureRefusals.values());
        if (stuck.isEmpty() && refusals.isEmpty()) {
            return statuses;
        }
        List<DomainStatus> out = new ArrayList<>(statuses.size() + refusals.size());
        for (DomainStatus s : statuses) {
            boolean hangs = s.state() == DomainState.STOPPED && stuck.stream()
                    .anyMatch(a -> a.bundleId() == s.bundleId() && s.version().equals(a.version()));
            out.add(hangs ? new DomainStatus(s.symbolicName(), s.version(), s.bundleId(), s.domain(), s.title(),
                    DomainState.STUCK, s.ruleCount(), s.problems(), s.since()) : s);
        }
        out.addAll(refusals);
        out.sort(STATUS_ORDER);
        return List.copyOf(out);
    }

    @Override
    public List<DomainCatalogue> catalogues() {
        return ruleSet.catalogues();
    }

    /** The rule set evaluations start on now. */
    RuleSet ruleSet() {
        return ruleSet;
    }

    @Override
    public List<DomainCatalogue> catalogues(org.lvyue.api.contract.Contract contract) {
        return ruleSet.cataloguesFor(contract);
    }

    @Override
    public Optional<FactKind> factKind(String kind) {
        return Optional.ofNullable(ruleSet.factKinds().get(kind));
    }

    @Override
    public long ruleSetVersion() {
        return ruleSet.version();
    }

    @Override
    public String ruleSetDigest() {
        CompiledPackageCache cache = packageCache;
        RuleSet current = ruleSet;
        if (cache == null || !preparing.isEmpty()) {
            return "";
        }
        return cache.ruleSetDigest(current.active().stream().map(DomainModule::source).toList());
    }

    @Override
    public void open(String contractId, ContractLoader loader) {
        hold(contractId, ContractMemory.opened(contractId, loader, host));
    }

    @Override
    public void load(Contract contract, Collection<Fact> facts) {
        hold(contract.id(), ContractMemory.holding(contract, facts, host));
    }

    private void hold(String contractId, ContractMemory memory) {
        ContractMemory previous = contracts.put(contractId, memory);
        if (previous != null) {
            budget.forget(contractId, previous);
            previous.close();
        }
        budget.track(contractId, memory);
    }

    @Override
    public boolean isLoaded(String contractId) {
        return contracts.containsKey(contractId);
    }

    @Override
    public void addFacts(String contractId, Collection<Fact> facts) {
        ContractMemory m = memory(contractId);
        budget.enter(contractId);
        try {
            m.add(facts);
        } finally {
            budget.exit(contractId);
        }
    }

    @Override
    public void addAuditEvents(String contractId, Collection<org.lvyue.api.audit.AuditEvent> events) {
        ContractMemory m = memory(contractId);
        budget.enter(contractId);
        try {
            m.addAuditEvents(events);
        } finally {
            budget.exit(contractId);
        }
    }

    @Override
    public Evaluation evaluate(String contractId, LocalDate asOf) {
        return evaluate(contractId, asOf, EvaluationClock.of(asOf));
    }

    /**
     * A rule that fails stops its domain ({@link #contain}), which swaps in a rule set without it; the
     * evaluation is then asked again, and waits for the memory built on that rule set.
     */
    @Override
    public Evaluation evaluate(String contractId, LocalDate asOf, EvaluationClock clock) {
        ContractMemory m = memory(contractId);
        Session.Question question = new Session.Question(asOf, clock);
        budget.enter(contractId); // in use: the budget does not release it before the answer
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return evaluated(m.evaluate(question));
                } catch (RuleFailure f) {
                    if (!contain(f) || attempt >= containmentLimit()) {
                        throw f;
                    }
                }
            }
        } finally {
            budget.exit(contractId);
        }
    }

    /** Tells the engine listeners; the evaluation is returned as it was. */
    private Evaluation evaluated(Evaluation e) {
        for (org.lvyue.api.metrics.EngineListener l : engineListeners) {
            try {
                l.evaluated(e.contractId(), e.took());
            } catch (RuntimeException x) {
                LOG.warn("Engine listener {} failed", l, x);
            }
        }
        return e;
    }

    @Override
    public void release(String contractId) {
        memory(contractId).release();
        budget.released(contractId);
    }

    /**
     * A rule that fails only on the extra facts is reported, not stopped: they are a question, not
     * data. One whose thread hangs is stopped all the same, as that thread is lost.
     */
    @Override
    public Evaluation evaluateWith(String contractId, Collection<Fact> extraFacts, LocalDate asOf) {
        ContractMemory memory = memory(contractId);
        budget.enter(contractId);
        try {
            return memory.evaluateWith(ruleSet, extraFacts, Session.Question.endOf(asOf));
        } catch (RuleFailure f) {
            if (f.kind() == RuleFailure.Kind.STUCK) {
                contain(f);
            }
            if (f.culprits().isEmpty()) {
                throw f;
            }
            DomainModule m = f.culprits().get(0);
            String zh = "；领域 '" + m.source().domainId() + "' 的规则在这些假设事实下运行失败，无法给出结果";
            String en = "; a rule of domain " + m.source().domainId() + " fails on these facts";
            if (f.kind() == RuleFailure.Kind.STUCK) {
                zh += STOPPED_ZH;
                en += STOPPED_EN;
            }
            RuleProblem problem = f.problem(zh, en);
            throw new InvalidInputException(problem.message(), List.of(new FactProblem(-1, "facts", problem.message())));
        } finally {
            budget.exit(contractId);
        }
    }

    @Override
    public void unload(String contractId) {
        ContractMemory m = contracts.remove(contractId);
        if (m != null) {
            budget.forget(contractId, m);
            m.close();
        }
    }

    public void close() {
        sweeper.shutdownNow();
        preparer.shutdownNow();
        contracts.values().forEach(ContractMemory::close);
        contracts.clear();
        guard.close();
    }

    private ContractMemory memory(String contractId) {
        ContractMemory m = contracts.get(contractId);
        if (m == null) {
            throw new IllegalArgumentException("contract not loaded: " + contractId);
        }
        return m;
    }
}
