package org.lvyue.core.internal;

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

import org.lvyue.api.assessment.QuarterlyAssessment;
import org.lvyue.api.baseline.BaselineResult;
import org.lvyue.api.finding.FindingStatus;
import org.lvyue.api.calendar.WorkingCalendar;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.LintItem;
import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.engine.ContractRecords;
import org.lvyue.api.engine.ContractSwitchListener;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.engine.EvaluationClock;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.finding.FindingQuery;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.ledger.Ledger;
import org.lvyue.api.service.ConflictException;
import org.lvyue.api.service.WhatIf;
import org.lvyue.api.waiver.Waiver;
import org.lvyue.api.service.IngestResult;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.service.NotFoundException;
import org.lvyue.api.store.AppendResult;
import org.lvyue.api.store.ComplianceStore;
import org.lvyue.api.store.ConflictingFactException;
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
 * the engine tells that a contract's evaluations stand on a new rule set, it is re-evaluated and its
 * findings reconciled. The engine reads a contract's records from the store itself, when it builds
 * the contract's memory.
 */
@Component(service = {org.lvyue.api.service.Contracts.class, org.lvyue.api.service.FactIntake.class,
        org.lvyue.api.service.FactQueries.class, org.lvyue.api.service.Findings.class, org.lvyue.api.service.Assessments.class,
        org.lvyue.api.service.Accounts.class, org.lvyue.api.service.Dashboards.class, org.lvyue.api.service.EvidenceIntegrity.class,
        org.lvyue.api.audit.AuditLog.class}, configurationPid = "org.lvyue.core")
@Designate(ocd = CoreConfig.class)
public class DefaultComplianceService implements org.lvyue.api.service.Contracts, org.lvyue.api.service.FactIntake,
        org.lvyue.api.service.FactQueries, org.lvyue.api.service.Findings, org.lvyue.api.service.Assessments,
        org.lvyue.api.service.Accounts, org.lvyue.api.service.Dashboards, org.lvyue.api.service.EvidenceIntegrity,
        org.lvyue.api.audit.AuditLog, ContractSwitchListener {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultComplianceService.class);

    private final ComplianceStore store;
    private final org.lvyue.api.integrity.EvidenceChain evidence;
    private final ComplianceEngine engine;
    private final FactValidator validator;
    private final WorkingCalendar calendar = WorkingCalendar.china();
    private final Map<String, Contract> contracts = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<String, Long> recordedVersions = new ConcurrentHashMap<>();
    /** Why the latest evaluation of a contract failed; absent once one succeeds. */
    private final Map<String, String> failedEvaluations = new ConcurrentHashMap<>();
    /** Contracts whose re-evaluation is queued and not started: a second request adds nothing. */
    private final java.util.Set<String> reevaluationsPending = ConcurrentHashMap.newKeySet();
    private final ExecutorService reevaluator = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lvyue-reevaluate");
        t.setDaemon(true);
        return t;
    });
    private final Clock clock;
    private final LocalDate fixedToday;
    private ServiceRegistration<ContractSwitchListener> listenerRegistration;

    @Activate
    public DefaultComplianceService(@Reference ComplianceStore store, @Reference org.lvyue.api.integrity.EvidenceChain evidence,
                                    @Reference ComplianceEngine engine, CoreConfig config, BundleContext context) {
        this.store = store;
        this.evidence = evidence;
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
                load(c);
            } catch (InvalidInputException e) {
                LOG.error("Stored contract {} v{} is not readable and is not loaded: {} {}", sc.id(), sc.version(),
                        e.getMessage(), e.problems());
            }
        }
        LOG.info("Compliance service ready: {} contract(s), rule set v{}", contracts.size(), engine.ruleSetVersion());
        // the first evaluation builds each memory and records its findings; later swaps are the engine's to tell
        contracts.keySet().forEach(this::requestReevaluation);
        if (config.verifyIntegrityAtStart()) {
            verifyAtStart(List.copyOf(contracts.keySet()));
        }
        // Registered by hand, not as a DS service: the engine binds switch listeners and this
        // component needs the engine, so SCR would see a circular reference.
        listenerRegistration = context == null ? null : context.registerService(ContractSwitchListener.class, this, null);
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

    /**
     * Verifies every contract's evidence chain in the background: a year's chain takes seconds to
     * read and the product answers meanwhile. The outcome is logged and served with the contract.
     */
    private void verifyAtStart(List<String> ids) {
        Thread t = new Thread(() -> {
            for (String id : ids) {
                try {
                    logIntegrity(evidence.verify(id));
                } catch (RuntimeException e) {
                    LOG.error("Contract {}: the evidence chain could not be verified at start: {}", id, e.getMessage());
                }
            }
        }, "lvyue-integrity");
        t.setDaemon(true);
        t.start();
    }

    private static void logIntegrity(org.lvyue.api.integrity.IntegrityReport r) {
        if (r.intact()) {
            LOG.info("Contract {}: evidence chain intact, {} entries, head {}:{} ({}), {} rows verified in {} ms",
                    r.contractId(), r.entries(), r.headPosition(), r.headHash(), String.join("+", r.algorithms()),
                    r.rowsCovered().values().stream().mapToLong(Long::longValue).sum(), r.took().toMillis());
        } else {
            LOG.error("Contract {}: evidence chain BROKEN, {} problem(s); first: {}", r.contractId(), r.problemCount(),
                    r.problems().stream().limit(5).map(p -> "@" + p.position() + " " + p.table() + " " + p.key() + ": "
                            + p.message()).collect(java.util.stream.Collectors.joining("; ")));
        }
    }

    @Override
    public org.lvyue.api.integrity.IntegrityReport verifyIntegrity(String contractId) {
        contract(contractId);
        org.lvyue.api.integrity.IntegrityReport r = evidence.verify(contractId);
        logIntegrity(r);
        return r;
    }

    @Override
    public java.util.Optional<org.lvyue.api.integrity.IntegrityReport> lastIntegrity(String contractId) {
        return evidence.lastVerification(contractId);
    }

    @Override
    public long recordIssuedReport(String contractId, String reportId, String pdfSha256, String factsDigest) {
        contract(contractId);
        return evidence.recordReport(contractId, reportId, pdfSha256, factsDigest);
    }

    /** Has the engine hold the contract: it reads the records from the store when it needs them ({@link #records}). */
    private void load(Contract c) {
        engine.open(c.id(), this::records);
    }

    /** The contract as stored now, for the engine to build its memory from. */
    private ContractRecords records(String contractId) {
        Contract c = contract(contractId);
        List<org.lvyue.api.audit.AuditEvent> auditLog = new ArrayList<>();
        store.forEachAuditEvent(contractId, auditLog::add);
        return new ContractRecords(c, store.facts(contractId), auditLog);
    }

    /** Installs the bundled demo contract, or upgrades it when the bundled definition has a higher version. */
    private void installDemoContract() {
        String json = ContractDefinitionReader.demoDefinition();
        Contract c = ContractDefinitionReader.read(json);
        Optional<StoredContract> stored = store.contract(c.id());
        if (stored.isPresent() && stored.get().version() >= c.version()) {
            return;
        }
        store.saveContract(new StoredContract(c.id(), c.version(), json, Instant.now(), "system"));
        LOG.info("Demo contract {} v{} ({}) installed", c.id(), c.version(), c.name());
    }

    /** The contract's evaluations stand on another rule set: its findings are evaluated and recorded again. */
    @Override
    public void switched(String contractId, long ruleSetVersion) {
        requestReevaluation(contractId);
    }

    /**
     * Queues one re-evaluation of the contract unless one is waiting already: at start-up a dozen
     * domain bundles activate one after another, and only the last rule set needs recording.
     */
    private void requestReevaluation(String contractId) {
        if (reevaluator.isShutdown() || !reevaluationsPending.add(contractId)) {
            return;
        }
        try {
            reevaluator.execute(() -> {
                reevaluationsPending.remove(contractId);
                reevaluate(contractId);
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            reevaluationsPending.remove(contractId);
        }
    }

    private void reevaluate(String contractId) {
        if (!contracts.containsKey(contractId)) {
            return;
        }
        try {
            withLock(contractId, () -> record(evaluateAsOf(contractId, today())));
        } catch (RuntimeException e) {
            failedEvaluations.put(contractId, rootMessage(e));
            LOG.error("Re-evaluation of contract {} failed", contractId, e);
        }
    }

    private FindingChanges record(Evaluation e) {
        FindingChanges changes = store.reconcileFindings(e, Instant.now());
        recordedVersions.put(e.contractId(), e.ruleSetVersion());
        failedEvaluations.remove(e.contractId());
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
    public long findingsRuleSetVersion(String contractId) {
        contract(contractId);
        return recordedVersions.getOrDefault(contractId, 0L);
    }

    @Override
    public String contractDefinition(String id) {
        contract(id);
        return store.contract(id).orElseThrow(() -> new NotFoundException("合同 '" + id + "' 不存在")).definition();
    }

    @Override
    public IngestResult ingest(String contractId, List<Map<String, Object>> raw, String user) {
        Contract contract = contract(contractId);
        List<Fact> facts = validator.validate(contract, raw, user, today(), latest());
        return withLock(contractId, () -> {
            AppendResult appended = store.appendFacts(contractId, facts, user);
            if (!appended.stored().isEmpty()) {
                engine.addFacts(contractId, appended.stored());
            }
            // The facts are on disk and acknowledged from here on: a failing evaluation (a rule that
            // throws, a calendar year missing) is reported beside them, never as a refusal.
            try {
                Evaluation e = evaluateAsOf(contractId, today());
                FindingChanges changes = record(e);
                return new IngestResult(appended.batchId(), raw.size(), appended.stored().size(), appended.duplicates(),
                        changes.opened(), changes.resolved(), changes.open(), e.ruleSetVersion(), null);
            } catch (RuntimeException e) {
                failedEvaluations.put(contractId, rootMessage(e));
                LOG.error("Contract {}: batch {} stored, but its evaluation failed", contractId, appended.batchId(), e);
                return new IngestResult(appended.batchId(), raw.size(), appended.stored().size(), appended.duplicates(),
                        0, 0, -1, engine.ruleSetVersion(), "评估失败（事实已保存）：" + rootMessage(e));
            }
        });
    }

    @Override
    public int append(String contractId, List<Map<String, Object>> raw, String user) {
        Contract c = contract(contractId);
        List<org.lvyue.api.audit.AuditEvent> events = AuditIntake.read(raw,
                c.periodStart().minusDays(FactValidator.DAYS_BEFORE_PERIOD).atStartOfDay(), latest());
        return withLock(contractId, () -> {
            int stored = store.appendAuditEvents(contractId, events);
            engine.addAuditEvents(contractId, events);
            try {
                record(evaluateAsOf(contractId, today()));
            } catch (RuntimeException e) {
                failedEvaluations.put(contractId, rootMessage(e));
                LOG.error("Contract {}: {} audit entries stored, but the evaluation failed", contractId, stored, e);
            }
            return stored;
        });
    }

    @Override
    public List<org.lvyue.api.audit.AuditEvent> query(String contractId, org.lvyue.api.audit.AuditQuery query) {
        contract(contractId);
        return store.auditEvents(contractId, query);
    }

    @Override
    public long count(String contractId, org.lvyue.api.audit.AuditQuery query) {
        contract(contractId);
        return store.auditEventCount(contractId, query);
    }

    @Override
    public List<org.lvyue.api.audit.AuditCount> countBy(String contractId, org.lvyue.api.audit.AuditQuery query,
                                                        org.lvyue.api.audit.AuditLog.GroupBy by, int limit) {
        contract(contractId);
        return store.auditEventCounts(contractId, query, by, limit);
    }

    @Override
    public IngestResult ingestCsv(String contractId, String format, java.io.Reader csv, String user) {
        contract(contractId);
        CsvFacts.Sheet sheet = CsvFacts.read(CsvFacts.Format.of(format), csv, id -> engine.catalogues().stream()
                .flatMap(c -> c.obligations().stream()).filter(o -> o.id().equals(id)).findFirst());
        try {
            return ingest(contractId, sheet.facts(), user);
        } catch (InvalidInputException e) {
            List<FactProblem> atLines = e.problems().stream().map(p -> new FactProblem(
                    p.index() < 0 ? -1 : sheet.lines().get(p.index()).intValue(), p.field(), p.reason())).toList();
            throw new InvalidInputException(e.getMessage() + "（index 为 CSV 行号）", atLines);
        } catch (ConflictingFactException e) {
            throw new ConflictingFactException(e.indexes().stream().map(i -> sheet.lines().get(i).intValue()).toList(), e.ids());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public List<FindingRecord> findings(String contractId, FindingQuery query) {
        contract(contractId);
        return store.findings(contractId, query, today());
    }

    @Override
    public Contract defineContract(String definitionJson, String user) {
        Contract c = ContractDefinitionReader.readSubmitted(definitionJson);
        for (int year = c.periodStart().getYear(); year <= c.periodEnd().getYear() + 1; year++) {
            if (!calendar.years().contains(year)) {
                throw new InvalidInputException("工作日历缺少 " + year + " 年的数据，无法按工作日计算该合同的期限",
                        List.of(new FactProblem(-1, "periodEnd", "服务期（及其后一年）须在工作日历范围内；现有年份："
                                + calendar.years() + "。请先补充国务院当年节假日安排。")));
            }
        }
        return withLock(c.id(), () -> {
            Contract existing = contracts.get(c.id());
            if (existing != null && existing.version() >= c.version()) {
                throw new ConflictException("合同 '" + c.id() + "' 已有版本 " + existing.version() + "；新的定义须使用更高的版本号（收到 "
                        + c.version() + "）");
            }
            store.saveContract(new StoredContract(c.id(), c.version(), definitionJson, Instant.now(), user));
            contracts.put(c.id(), c);
            load(c);
            record(evaluateAsOf(c.id(), today()));
            LOG.info("Contract {} v{} defined by {}", c.id(), c.version(), user);
            return c;
        });
    }

    @Override
    public List<LintItem> lint(String contractId) {
        return new ContractLint(calendar).check(contract(contractId));
    }

    @Override
    public Ledger ledger(String contractId, LocalDate asOf) {
        Contract c = contract(contractId);
        Evaluation e = evaluateAsOf(contractId, asOf);
        return Ledger.of(contractId, asOf, e.ruleSetVersion(), c.interpretations(), e.ledger(), store.waivers(contractId));
    }

    @Override
    public WhatIf whatIf(String contractId, List<Map<String, Object>> raw, LocalDate asOf, String user) {
        Contract c = contract(contractId);
        List<Fact> facts = validator.validate(c, raw, user, asOf);
        List<Waiver> waivers = store.waivers(contractId);
        Evaluation now = evaluateAsOf(contractId, asOf);
        Evaluation then = engine.evaluateWith(contractId, facts, asOf);
        Ledger before = Ledger.of(contractId, asOf, now.ruleSetVersion(), c.interpretations(), now.ledger(), waivers);
        Ledger after = Ledger.of(contractId, asOf, then.ruleSetVersion(), c.interpretations(), then.ledger(), waivers);
        java.util.Set<String> keysBefore = new java.util.TreeSet<>();
        now.findings().forEach(f -> keysBefore.add(f.getKey()));
        java.util.Set<String> keysAfter = new java.util.TreeSet<>();
        then.findings().forEach(f -> keysAfter.add(f.getKey()));
        List<String> added = keysAfter.stream().filter(k -> !keysBefore.contains(k)).toList();
        List<String> removed = keysBefore.stream().filter(k -> !keysAfter.contains(k)).toList();
        return new WhatIf(then.findings(), after, added, removed, before.net(), after.net().subtract(before.net()));
    }

    @Override
    public Waiver waive(String contractId, Waiver.Target target, String key, String justification, LocalDate expiresOn,
                        String user) {
        contract(contractId);
        List<FactProblem> problems = new ArrayList<>();
        if (target == null) {
            problems.add(new FactProblem(-1, "target", "必填：FINDING（发现）或 LEDGER（台账金额）"));
        }
        if (key == null || key.isBlank()) {
            problems.add(new FactProblem(-1, "key", "必填：要豁免的发现或金额的 key"));
        }
        if (justification == null || justification.isBlank()) {
            problems.add(new FactProblem(-1, "justification", "必填：豁免理由"));
        } else if (justification.length() > 2000) {
            problems.add(new FactProblem(-1, "justification", "豁免理由最长 2000 个字符"));
        } else if (Texts.problem(justification) != null) {
            problems.add(new FactProblem(-1, "justification", Texts.problem(justification)));
        }
        if (key != null && key.length() > 1000) {
            problems.add(new FactProblem(-1, "key", "最长 1000 个字符"));
        }
        if (expiresOn != null && expiresOn.isBefore(today())) {
            problems.add(new FactProblem(-1, "expiresOn", "失效日 " + expiresOn + " 早于今天 " + today()));
        }
        if (problems.isEmpty() && !exists(contractId, target, key)) {
            problems.add(new FactProblem(-1, "key", (target == Waiver.Target.FINDING ? "没有这条发现：" : "台账中没有这笔金额：") + key));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("豁免请求有 " + problems.size() + " 处错误，未保存", problems);
        }
        return withLock(contractId, () -> {
            for (Waiver w : store.waivers(contractId)) {
                if (w.target() == target && w.key().equals(key) && w.activeOn(today())) {
                    throw new ConflictException("该" + (target == Waiver.Target.FINDING ? "发现" : "金额") + "已有生效的豁免（编号 "
                            + w.id() + "，" + w.createdBy() + "）；如需修改请先撤回");
                }
            }
            Waiver w = store.addWaiver(contractId, target, key, justification.trim(), expiresOn, user, Instant.now());
            LOG.info("{} waived {} {} of contract {}: {}", user, target, key, contractId, justification);
            return w;
        });
    }

    private boolean exists(String contractId, Waiver.Target target, String key) {
        if (target == Waiver.Target.LEDGER) {
            return evaluateAsOf(contractId, today()).ledger().stream().anyMatch(e -> e.getKey().equals(key));
        }
        return store.findings(contractId, FindingQuery.all(), today()).stream().anyMatch(r -> r.finding().getKey().equals(key));
    }

    @Override
    public Waiver withdrawWaiver(String contractId, long waiverId, String reason, String user) {
        contract(contractId);
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("撤回豁免须说明理由", List.of(new FactProblem(-1, "reason", "必填：撤回理由")));
        }
        String bad = reason.length() > 2000 ? "撤回理由最长 2000 个字符" : Texts.problem(reason);
        if (bad != null) {
            throw new InvalidInputException("撤回理由有误，未撤回", List.of(new FactProblem(-1, "reason", bad)));
        }
        try {
            return store.withdrawWaiver(contractId, waiverId, user, reason.trim(), Instant.now())
                    .orElseThrow(() -> new NotFoundException("合同 '" + contractId + "' 没有编号为 " + waiverId + " 的豁免"));
        } catch (IllegalStateException e) {
            throw new ConflictException("豁免 " + waiverId + " 已被撤回");
        }
    }

    @Override
    public List<Fact> facts(String contractId, String kind, LocalDate from, LocalDate to) {
        contract(contractId);
        return store.facts(contractId, kind, from, to);
    }

    /**
     * The last digest per contract, with the fact count it was made at: facts are append-only, so an
     * unchanged count (whoever appended: intake, collectors, PKI) means unchanged facts.
     */
    private final Map<String, CachedDigest> digests = new java.util.concurrent.ConcurrentHashMap<>();

    private record CachedDigest(long factCount, org.lvyue.api.service.FactsDigest digest) {
    }

    @Override
    public org.lvyue.api.service.FactsDigest factsDigest(String contractId, LocalDate asOf) {
        contract(contractId);
        long count = store.factCount(contractId);
        CachedDigest cached = digests.get(contractId);
        if (cached != null && cached.factCount() == count && cached.digest().asOf().equals(asOf)) {
            return cached.digest();
        }
        var digest = FactsDigests.of(store.facts(contractId), asOf);
        digests.put(contractId, new CachedDigest(count, digest));
        return digest;
    }

    @Override
    public List<BaselineResult> baselines(String contractId, String domain, BaselineResult.Result result) {
        return BaselineResults.compute(engine.catalogues(), store.factCountsByKind(contractId),
                store.findings(contractId, new FindingQuery(domain, null, null, FindingStatus.OPEN, Integer.MAX_VALUE, 0), today()),
                collectorRuns(contractId), notCheckedBecause(contractId), domain, result);
    }

    /** Why the recorded findings may not reflect the facts and rules now, or null when they do. */
    private String notCheckedBecause(String contractId) {
        String failed = failedEvaluations.get(contractId);
        if (failed != null) {
            return "最近一次评估失败，结果未更新：" + failed;
        }
        long recorded = recordedVersions.getOrDefault(contractId, 0L);
        return recorded < engine.ruleSetVersion()
                ? "规则集已更新为 v" + engine.ruleSetVersion() + "，按新规则的评估尚未完成（当前结果来自 v" + recorded + "）" : null;
    }

    @Override
    public QuarterlyAssessment assessment(String contractId, String quarter) {
        Contract c = contract(contractId);
        LocalDate[] range = within(c, QuarterlyAssessor.range(c, quarter), "quarter", "季度", quarter, "yyyy-Qn（如 2022-Q3）");
        LocalDate today = today();
        return QuarterlyAssessor.assess(c, quarter, range[0], range[1], today, engine.catalogues(), findingsIn(contractId, range, today),
                store.facts(contractId, "support.request", range[0], range[1]),
                store.facts(contractId, "assessment.quarterly", range[0], range[1].plusMonths(3)),
                engine.ruleSetVersion());
    }

    @Override
    public org.lvyue.api.assessment.MonthlyAttainment monthlyAttainment(String contractId, String month) {
        Contract c = contract(contractId);
        LocalDate[] range = within(c, QuarterlyAssessor.monthRange(c, month), "month", "月份", month, "yyyy-MM（如 2022-07）");
        LocalDate today = today();
        return QuarterlyAssessor.month(c, month, range[0], range[1], today, engine.catalogues(), findingsIn(contractId, range, today),
                store.facts(contractId, "support.request", range[0], range[1]), engine.ruleSetVersion());
    }

    /** The period's days, or a 400 naming the field when it was malformed or outside the service period (null range). */
    private static LocalDate[] within(Contract c, LocalDate[] range, String field, String what, String value, String format) {
        if (range == null) {
            throw new InvalidInputException(what + "有误：" + value, List.of(new FactProblem(-1, field,
                    "应为 " + format + "，且在服务期 " + c.periodStart() + " 至 " + c.periodEnd() + " 之内")));
        }
        return range;
    }

    private List<FindingRecord> findingsIn(String contractId, LocalDate[] range, LocalDate asOf) {
        return store.findings(contractId, new FindingQuery(null, range[0], range[1], null, Integer.MAX_VALUE, 0), asOf);
    }

    @Override
    public List<Waiver> waivers(String contractId) {
        contract(contractId);
        return store.waivers(contractId);
    }

    @Override
    public Evaluation evaluate(String contractId, LocalDate asOf) {
        contract(contractId);
        return evaluateAsOf(contractId, asOf);
    }

    /**
     * Every evaluation goes through here: as of today, the support clock reads the current time in the
     * configured zone; as of a fixed or another day, the end of that day. After a rule-set change it
     * answers from the previous rule set until the engine has switched the contract to the new one
     * ({@link #switched}).
     */
    private Evaluation evaluateAsOf(String contractId, LocalDate asOf) {
        return engine.evaluate(contractId, asOf, clockFor(asOf));
    }

    private EvaluationClock clockFor(LocalDate asOf) {
        return fixedToday != null ? new EvaluationClock(asOf.plusDays(1).atStartOfDay()) : EvaluationClock.of(asOf, clock);
    }

    /**
     * The latest time a submitted record may carry: now, with five minutes for a collector's clock
     * running ahead; on a fixed day, the end of it.
     */
    private java.time.LocalDateTime latest() {
        return fixedToday != null ? FactValidator.endOf(fixedToday) : java.time.LocalDateTime.now(clock).plusMinutes(5);
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

    // ---------------------------------------------------------------- what the console reads

    /**
     * What a dashboard was built from: the evaluation (the engine hands back the same object while no
     * fact, rule or day changed), the recorded findings (the store hands back the same list while they
     * did not change), the waivers, and the contract definition.
     */
    private record DashboardInputs(Contract contract, Evaluation evaluation, List<FindingRecord> findings,
                                   List<Waiver> waivers, long findingsVersion) {
        boolean same(DashboardInputs o) {
            return contract == o.contract && evaluation == o.evaluation && findings == o.findings
                    && findingsVersion == o.findingsVersion && waivers.equals(o.waivers);
        }
    }

    private record BuiltDashboard(DashboardInputs inputs, org.lvyue.api.dashboard.Dashboard dashboard) {
    }

    /** The last dashboard per contract and day: it reads every fact kind it shows, about half a second for a year. */
    private final Map<String, BuiltDashboard> dashboards = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> dashboardBuilds = new ConcurrentHashMap<>();

    @Override
    public org.lvyue.api.dashboard.Dashboard dashboard(String contractId, LocalDate asOf) {
        Contract c = contract(contractId);
        Evaluation e = evaluateAsOf(contractId, asOf);
        DashboardInputs inputs = new DashboardInputs(c, e, store.findings(contractId, FindingQuery.all(), asOf),
                store.waivers(contractId), findingsRuleSetVersion(contractId));
        String key = contractId + "@" + asOf;
        BuiltDashboard last = dashboards.get(key);
        if (last != null && last.inputs().same(inputs)) {
            return last.dashboard();
        }
        // one build at a time: while facts stream in, requests meanwhile get the one before (a batch old)
        ReentrantLock building = dashboardBuilds.computeIfAbsent(key, k -> new ReentrantLock());
        if (last != null && !building.tryLock()) {
            return last.dashboard();
        }
        if (last == null) {
            building.lock();
        }
        try {
            BuiltDashboard again = dashboards.get(key);
            if (again != null && again.inputs().same(inputs)) {
                return again.dashboard();
            }
            return buildDashboard(key, c, asOf, e, inputs);
        } finally {
            building.unlock();
        }
    }

    private org.lvyue.api.dashboard.Dashboard buildDashboard(String key, Contract c, LocalDate asOf, Evaluation e,
                                                             DashboardInputs inputs) {
        String contractId = c.id();
        Ledger ledger = Ledger.of(contractId, asOf, e.ruleSetVersion(), c.interpretations(), e.ledger(), inputs.waivers());
        Map<String, List<Fact>> byKind = new java.util.HashMap<>();
        org.lvyue.api.dashboard.Dashboard built = Dashboards.build(c, asOf, inputs.findingsVersion(), engine.catalogues(),
                inputs.findings(), ledger,
                kind -> byKind.computeIfAbsent(kind, k -> store.facts(contractId, k, LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31))));
        if (dashboards.size() >= 64) {
            dashboards.clear();
        }
        dashboards.put(key, new BuiltDashboard(inputs, built));
        return built;
    }

    @Override
    public FindingRecord finding(String contractId, String key) {
        contract(contractId);
        return store.finding(contractId, key, today())
                .orElseThrow(() -> new NotFoundException("合同 '" + contractId + "' 没有这条发现：" + key));
    }

    @Override
    public Optional<String> clauseText(String contractId, String clause) {
        contract(contractId);
        return ClauseTexts.of(contractId).text(clause);
    }

    @Override
    public org.lvyue.api.fact.FactPage latestFacts(String contractId, String kind, int limit, int offset) {
        contract(contractId);
        return new org.lvyue.api.fact.FactPage(contractId, kind, store.factCount(contractId, kind),
                store.latestFacts(contractId, kind, limit, offset));
    }

    @Override
    public List<org.lvyue.api.fact.FactKindCount> factKinds(String contractId) {
        contract(contractId);
        return store.factKinds(contractId);
    }

    @Override
    public List<Fact> factsWithIds(String contractId, java.util.Collection<String> ids) {
        contract(contractId);
        return store.factsWithIds(contractId, ids);
    }

    @Override
    public org.lvyue.api.service.ImportCheck checkFacts(String contractId, List<Map<String, Object>> raw, String user) {
        Contract c = contract(contractId);
        return ImportChecks.of(raw.size(), validator.check(c, raw, user, today(), latest()), List.of(), i -> i,
                ids -> store.factsWithIds(contractId, ids));
    }

    @Override
    public org.lvyue.api.service.ImportCheck checkCsv(String contractId, String format, java.io.Reader csv, String user) {
        Contract c = contract(contractId);
        CsvFacts.Parsed parsed = CsvFacts.parse(CsvFacts.Format.of(format), csv, id -> engine.catalogues().stream()
                .flatMap(x -> x.obligations().stream()).filter(o -> o.id().equals(id)).findFirst());
        List<FactProblem> early = new ArrayList<>(parsed.problems());
        if (parsed.rows() == 0) {
            early.add(new FactProblem(-1, "$", "没有数据行：至少需要一行数据"));
        }
        if (parsed.problems().stream().anyMatch(p -> p.index() == 1)) {
            // line 1 is the header: with a column refused, no row is read
            return new org.lvyue.api.service.ImportCheck(parsed.rows(), 0, parsed.rows(), 0, early);
        }
        List<Long> lines = parsed.sheet().lines();
        return ImportChecks.of(parsed.rows(), validator.check(c, parsed.sheet().facts(), user, today(), latest()), early,
                i -> lines.get(i).intValue(), ids -> store.factsWithIds(contractId, ids));
    }
}
