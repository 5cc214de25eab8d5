package org.lvyue.core.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lvyue.api.calendar.WorkingCalendar;
import org.lvyue.api.cluster.ContractOwners;
import org.lvyue.api.cluster.OwnershipListener;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.ServiceStatus;
import org.lvyue.api.contract.LintItem;
import org.lvyue.api.contract.Renewal;
import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.ConflictException;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.service.NotFoundException;
import org.lvyue.api.store.ComplianceStore;
import org.lvyue.api.store.ContractNotOwnedException;
import org.lvyue.api.store.StoredContract;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contracts the product holds. At start it reads every stored definition (installing or upgrading the
 * bundled demo contract first, if configured), has the engine hold each one, and has each re-evaluated;
 * later it stores and loads a new definition or version. It is where the engine reads a contract's records
 * from when it builds the contract's working memory ({@link StoreContractLoader}).
 */
// immediate: it loads the contracts and has them re-evaluated at start, whether or not anyone asks yet
@Component(service = Contracts.class, configurationPid = "org.lvyue.core", immediate = true)
@Designate(ocd = CoreConfig.class)
public final class ContractRegistry implements Contracts, OwnershipListener {
    private static final Logger LOG = LoggerFactory.getLogger(ContractRegistry.class);

    private final ComplianceStore store;
    private final ComplianceEngine engine;
    private final Reevaluator reevaluator;
    private final LockOrder locks;
    private final BusinessClock days;
    private final WorkingCalendar calendar = WorkingCalendar.china();
    private final Map<String, Contract> contracts = new ConcurrentHashMap<>();
    private final ContractServices services;
    /** The contracts as stored now, for the engine to build their memories from. */
    private final StoreContractLoader loader;
    /** Each contract's clause texts, read from its stored definition. */
    private final Map<String, ClauseTexts> clauseTexts = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Which contracts this node serves: all of them on a single node. */
    private final ContractOwners owners;

    @Activate
    public ContractRegistry(@Reference ComplianceStore store, @Reference ComplianceEngine engine,
                            @Reference Reevaluator reevaluator, @Reference LockOrder locks, @Reference BusinessClock days,
                            @Reference ContractOwners owners, CoreConfig config) {
        this.owners = owners;
        this.store = store;
        this.engine = engine;
        this.reevaluator = reevaluator;
        this.locks = locks;
        this.days = days;
        this.services = new ContractServices(engine);
        this.loader = new StoreContractLoader(store, this::contract);
        if (config.demoContract()) {
            installDemoContract();
        }
        store.contracts().forEach(this::adopt);
        LOG.info("Compliance service ready: {} contract(s), {} served here, rule set v{}", contracts.size(),
                served().size(), engine.ruleSetVersion());
        // the first evaluation builds each memory and records its findings; later swaps are the engine's to tell
        served().forEach(c -> reevaluator.request(c.id()));
        owners.addListener(this);
    }

    /**
     * Reads a stored definition newer than the one held (or the first one), and has the engine hold the contract when
     * this node serves it.
     *
     * @return whether it was new to this node
     */
    private boolean adopt(StoredContract sc) {
        Contract held = contracts.get(sc.id());
        if (held != null && held.version() >= sc.version()) {
            return false;
        }
        try {
            Contract c = ContractDefinitionReader.read(sc.definition());
            clauseTexts.put(c.id(), ClauseTexts.of(tree(sc.definition())));
            contracts.put(c.id(), c);
            if (owners.ownsHere(c.id())) {
                open(c);
            }
            return true;
        } catch (InvalidInputException e) {
            LOG.error("Stored contract {} v{} is not readable and is not loaded: {} {}", sc.id(), sc.version(),
                    e.getMessage(), e.problems());
            return false;
        }
    }

    @Override
    public List<Contract> served() {
        List<Contract> out = new ArrayList<>();
        for (Contract c : contracts()) {
            if (owners.ownsHere(c.id())) {
                out.add(c);
            }
        }
        return out;
    }

    /** A contract of the cluster is this node's now: its memory is built from the store and its findings recorded. */
    @Override
    public void gained(String contractId) {
        // no contract lock here: a node defining a contract holds it while it claims the contract
        store.contract(contractId).ifPresent(sc -> {
            adopt(sc);
            Contract c = contracts.get(contractId);
            if (c != null) {
                if (!engine.isLoaded(contractId)) {
                    open(c);
                }
                reevaluator.request(contractId);
            }
        });
    }

    /** The contract's memory goes; its definition stays known, for the lists and for requests sent to its owner. */
    @Override
    public void lost(String contractId) {
        engine.unload(contractId);
    }

    /** Contracts defined or changed on other nodes. */
    @Override
    public void refreshed() {
        store.contractVersions().forEach((id, version) -> {
            Contract held = contracts.get(id);
            if (held == null || held.version() < version) {
                store.contract(id).filter(this::adopt).filter(sc -> owners.ownsHere(id))
                        .ifPresent(sc -> reevaluator.request(id));
            }
        });
    }

    @Deactivate
    void deactivate() {
        owners.removeListener(this);
        contracts.keySet().forEach(engine::unload);
    }

    /** Has the engine hold the contract: it reads the records from the store when it needs them ({@link #loader}). */
    private void open(Contract c) {
        engine.open(c.id(), loader);
    }

    /** Installs the bundled demo contracts, or upgrades one when its bundled definition has a higher version. */
    private void installDemoContract() {
        for (String json : ContractDefinitionReader.demoDefinitions()) {
            Contract c = ContractDefinitionReader.read(json);
            Optional<StoredContract> stored = store.contract(c.id());
            if (stored.isPresent() && stored.get().version() >= c.version()) {
                continue;
            }
            if (!owners.claim(c.id())) {
                continue; // another node of the cluster owns it and installs it at its own start
            }
            store.saveContract(new StoredContract(c.id(), c.version(), json, Instant.now(), "system"));
            LOG.info("Demo contract {} v{} ({}) installed", c.id(), c.version(), c.name());
        }
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
    public Contract defineContract(String definitionJson, String user) {
        Contract c = ContractDefinitionReader.readSubmitted(definitionJson);
        for (int year = c.periodStart().getYear(); year <= c.periodEnd().getYear() + 1; year++) {
            if (!calendar.years().contains(year)) {
                throw new InvalidInputException("工作日历缺少 " + year + " 年的数据，无法按工作日计算该合同的期限",
                        List.of(new FactProblem(-1, "periodEnd", "服务期（及其后一年）须在工作日历范围内；现有年份："
                                + calendar.years() + "。请先补充国务院当年节假日安排。")));
            }
        }
        // deadlines run from the signing too (五: the bond within 20 working days of it): a year the calendar lacks
        // would make the rules fail on this contract's records
        if (c.signedOn() != null && !calendar.years().contains(c.signedOn().getYear())) {
            throw new InvalidInputException("工作日历缺少 " + c.signedOn().getYear() + " 年的数据，无法计算自签订日起算的期限",
                    List.of(new FactProblem(-1, "signedOn", "签订日须在工作日历范围内；现有年份：" + calendar.years()
                            + "。请先补充国务院当年节假日安排。")));
        }
        List<FactProblem> serviceProblems = services.problems(c);
        if (!serviceProblems.isEmpty()) {
            throw new InvalidInputException("合同所购服务（services）有 " + serviceProblems.size() + " 处错误", serviceProblems);
        }
        return locks.underContract(c.id(), () -> {
            if (!owners.claim(c.id())) {
                LOG.warn("Contract {} v{} not defined here: owned by {}", c.id(), c.version(),
                        owners.owner(c.id()).map(ContractOwners.Owner::nodeId).orElse("no node reachable now"));
                throw new ContractNotOwnedException(c.id(), "合同 '" + c.id() + "' 由集群中另一节点持有，本次定义未保存；请在 "
                        + owners.failoverSeconds() + " 秒后重试 (another node owns the contract; nothing was stored)");
            }
            Contract existing = contracts.get(c.id());
            if (existing != null && existing.version() >= c.version()) {
                throw new ConflictException("合同 '" + c.id() + "' 已有版本 " + existing.version() + "；新的定义须使用更高的版本号（收到 "
                        + c.version() + "）");
            }
            store.saveContract(new StoredContract(c.id(), c.version(), definitionJson, Instant.now(), user));
            clauseTexts.put(c.id(), ClauseTexts.of(tree(definitionJson)));
            contracts.put(c.id(), c);
            open(c);
            reevaluator.evaluateAndRecord(c.id());
            LOG.info("Contract {} v{} defined by {}", c.id(), c.version(), user);
            return c;
        });
    }

    @Override
    public Contract defineClauses(String contractId, Map<String, String> clauses, String user) {
        ObjectNode definition = (ObjectNode) tree(contractDefinition(contractId));
        ObjectNode texts = definition.putObject(ClauseTexts.FIELD);
        clauses.forEach(texts::put);
        definition.put("version", contract(contractId).version() + 1);
        return defineContract(definition.toPrettyString(), user);
    }

    @Override
    public Contract defineClauseText(String contractId, String contractText, String user) {
        contract(contractId);
        Map<String, String> clauses = ContractTextSplitter.split(contractText);
        if (clauses.isEmpty()) {
            throw new InvalidInputException("合同文本中没有找到按编号排列的条款（一、二、… 1. 2. … (1)(2)）",
                    List.of(new FactProblem(-1, "text", "没有可识别的条款编号")));
        }
        return defineClauses(contractId, clauses, user);
    }

    @Override
    public Contract renewContract(String contractId, Renewal renewal, String user) {
        String previous = contractDefinition(contractId);
        if (renewal.id() != null && contracts.containsKey(renewal.id())) {
            throw new ConflictException("合同 '" + renewal.id() + "' 已存在；续签须使用新的合同编号");
        }
        Contract c = defineContract(new ContractRenewal(calendar).renew(previous, renewal), user);
        LOG.info("Contract {} renewed as {} by {}", contractId, c.id(), user);
        return c;
    }

    @Override
    public List<LintItem> lint(String contractId) {
        Contract c = contract(contractId);
        List<LintItem> items = new ArrayList<>(new ContractLint(calendar).check(c));
        items.addAll(ServiceLint.check(c, services.statuses(c), services.problems(c)));
        // the clauses of the services it buys, with the contract's own parameters
        items.addAll(ClauseLint.check(c, texts(contractId), engine.catalogues(c)));
        JsonNode definition = tree(contractDefinition(contractId));
        String from = definition.path(ContractRenewal.RENEWED_FROM).asText(null);
        JsonNode previous = from == null ? null : store.contract(from).map(sc -> tree(sc.definition())).orElse(null);
        items.addAll(RenewalLint.check(definition, previous));
        return items;
    }

    @Override
    public org.lvyue.api.contract.DraftLint lintDraft(String definitionJson) {
        return new DraftCheck(calendar, services).check(definitionJson, id -> Optional.ofNullable(contracts.get(id)));
    }

    @Override
    public List<ServiceStatus> services(String contractId) {
        return services.statuses(contract(contractId));
    }

    @Override
    public Optional<String> clauseText(String contractId, String clause) {
        contract(contractId);
        return texts(contractId).text(clause);
    }

    private ClauseTexts texts(String contractId) {
        return clauseTexts.getOrDefault(contractId, ClauseTexts.NONE);
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored contract definition is not JSON", e);
        }
    }

    @Override
    public LocalDate today() {
        return days.today();
    }
}
