package org.lvyue.engine.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.lvyue.api.audit.AuditSelection;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.fact.FactKind;
import org.lvyue.api.spi.DomainCatalogue;
import org.lvyue.api.spi.Obligation;

/**
 * One immutable generation of the rules: the knowledge base built from the active domain modules,
 * their catalogues, and the status of every domain bundle seen. Replaced as a whole on every change,
 * so an evaluation that holds a rule set sees one generation only.
 */
final class RuleSet {
    private final long version;
    private final InternalKnowledgeBase knowledgeBase;
    private final List<DomainModule> active;
    private final List<DomainStatus> statuses;
    private final List<DomainStatus> activeStatuses;
    private final Map<String, FactKind> factKinds;
    private final List<Obligation> obligations;
    private final List<DomainCatalogue> catalogues;
    /** The catalogues as each set of services (with its overrides) buys them, made at their first use. */
    private final Map<List<org.lvyue.api.contract.ContractService>, List<DomainCatalogue>> bought =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Knowledge bases of the subsets of the active modules that contracts buy, built at their first use. */
    private final Map<List<DomainModule>, InternalKnowledgeBase> subsets = new java.util.concurrent.ConcurrentHashMap<>();

    /** The audit-log entries some active domain reads: what a contract's records need of the log. */
    private final AuditSelection auditSelection;
    /** The entries the domains a set of services buys read, made at their first use. */
    private final Map<List<DomainModule>, AuditSelection> auditSelections = new java.util.concurrent.ConcurrentHashMap<>();

    /** Which active module holds a rule ("package.name") and which hold rules of a package: to blame a failure. */
    private final Map<String, DomainModule> ruleOwners = new HashMap<>();
    private final Map<String, List<DomainModule>> packageOwners = new HashMap<>();
    private final Map<String, List<DomainModule>> ruleNameOwners = new HashMap<>();

    private RuleSet(long version, InternalKnowledgeBase knowledgeBase, List<DomainModule> active,
                    List<DomainStatus> statuses) {
        this.version = version;
        this.knowledgeBase = knowledgeBase;
        this.active = List.copyOf(active);
        this.statuses = List.copyOf(statuses);
        // computed once: every evaluation reports them, and a rule set never changes
        this.activeStatuses = active.stream().map(DomainModule::status).toList();
        this.catalogues = active.stream().map(DomainModule::catalogue).toList();
        Map<String, FactKind> kinds = new HashMap<>();
        List<Obligation> obs = new ArrayList<>();
        for (DomainModule m : active) {
            m.catalogue().factKinds().forEach(k -> kinds.put(k.name(), k));
            obs.addAll(m.catalogue().obligations());
        }
        this.factKinds = Map.copyOf(kinds);
        this.obligations = List.copyOf(obs);
        this.auditSelection = auditSelection(active);
        for (DomainModule m : active) {
            for (org.kie.api.definition.KiePackage p : m.packages()) {
                List<DomainModule> owners = packageOwners.computeIfAbsent(p.getName(), n -> new ArrayList<>());
                if (!owners.contains(m)) {
                    owners.add(m);
                }
                for (org.kie.api.definition.rule.Rule r : p.getRules()) {
                    ruleOwners.put(p.getName() + "." + r.getName(), m);
                    List<DomainModule> named = ruleNameOwners.computeIfAbsent(r.getName(), n -> new ArrayList<>());
                    if (!named.contains(m)) {
                        named.add(m);
                    }
                }
            }
        }
    }

    /** The active module holding the rule of that package and name, or null. */
    DomainModule ownerOf(String packageName, String ruleName) {
        return ruleOwners.get(packageName + "." + ruleName);
    }

    /** The active modules with rules in that package (usually one). */
    List<DomainModule> ownersOfPackage(String packageName) {
        return packageOwners.getOrDefault(packageName, List.of());
    }

    /** The active modules with a rule of that name, in any package. */
    List<DomainModule> ownersOfRuleNamed(String ruleName) {
        return ruleNameOwners.getOrDefault(ruleName, List.of());
    }

    /** The audit-log entries some active domain reads. */
    AuditSelection auditSelection() {
        return auditSelection;
    }

    /** The audit-log entries the domains that apply to the contract read: those its session holds. */
    AuditSelection auditSelectionFor(Contract contract) {
        List<DomainModule> modules = modulesFor(contract);
        if (modules.size() == active.size()) {
            return auditSelection;
        }
        return auditSelections.computeIfAbsent(modules, RuleSet::auditSelection);
    }

    /** The entries the modules' catalogues declare: an action, or an action suffixed {@link DomainCatalogue#CLASSIFIED_ONLY}. */
    private static AuditSelection auditSelection(List<DomainModule> modules) {
        java.util.Set<String> selectors = modules.stream().flatMap(m -> m.catalogue().auditActions().stream())
                .collect(java.util.stream.Collectors.toSet());
        return new AuditSelection(selectors.stream().filter(a -> !a.endsWith(DomainCatalogue.CLASSIFIED_ONLY))
                .collect(java.util.stream.Collectors.toSet()),
                selectors.stream().filter(a -> a.endsWith(DomainCatalogue.CLASSIFIED_ONLY))
                        .map(a -> a.substring(0, a.length() - DomainCatalogue.CLASSIFIED_ONLY.length()))
                        .collect(java.util.stream.Collectors.toSet()));
    }

    static RuleSet empty() {
        return build(0, List.of(), List.of());
    }

    /** Builds the knowledge base of the given active modules (already checked to fit together). */
    static RuleSet build(long version, List<DomainModule> active, List<DomainStatus> statuses) {
        return new RuleSet(version, knowledgeBase(active), active, statuses);
    }

    private static InternalKnowledgeBase knowledgeBase(List<DomainModule> modules) {
        return DroolsClassLoading.call(() -> {
            List<ClassLoader> loaders = new ArrayList<>();
            for (DomainModule m : modules) {
                if (m.source().classLoader() != null) {
                    loaders.add(m.source().classLoader());
                }
            }
            ClassLoader loader = new CompositeClassLoader(loaders, DroolsClassLoading.engineClassLoader());
            KieBaseConfiguration conf = KieServices.get().newKieBaseConfiguration(null, loader);
            // No beta-node sharing between rules: with it, Drools 10.2 stopped propagating facts inserted
            // after the first evaluation to an accumulate whose join prefix another domain's rule
            // shared (the standard daily-check rule beside the staffing bundle; StaffingMonthTest).
            conf.setOption(org.kie.internal.conf.ShareBetaNodesOption.NO);
            InternalKnowledgeBase base = KnowledgeBaseFactory.newKnowledgeBase(conf);
            // All packages in one call: one network build instead of one per domain.
            List<org.kie.api.definition.KiePackage> packages = new ArrayList<>();
            for (DomainModule m : modules) {
                packages.addAll(m.packages());
            }
            base.addPackages(packages);
            return base;
        });
    }

    /**
     * The active modules that apply to a contract: those of every contract, and those of the services it buys
     * whose bundle version it accepts; all of them when it does not say which services it buys.
     */
    List<DomainModule> modulesFor(Contract contract) {
        if (contract.services().isEmpty()) {
            return active;
        }
        return active.stream().filter(m -> m.catalogue().everyContract() || contract.service(m.catalogue().domain())
                .map(s -> s.accepts(m.source().version())).orElse(false)).toList();
    }

    /**
     * The knowledge base holding the rules of the modules that apply to the contract: the whole rule set's, or
     * one built for that set of modules at its first use and shared by every contract that buys the same.
     */
    InternalKnowledgeBase knowledgeBaseFor(Contract contract) {
        List<DomainModule> modules = modulesFor(contract);
        if (modules.size() == active.size()) {
            return knowledgeBase;
        }
        return subsets.computeIfAbsent(modules, RuleSet::knowledgeBase);
    }

    /** The catalogues that apply to the contract, each as the contract buys it (its overrides applied). */
    List<DomainCatalogue> cataloguesFor(Contract contract) {
        if (contract.services().isEmpty()) {
            return catalogues;
        }
        // asked for at every dashboard, report, assessment and sheet row: computed once per set of services bought
        return bought.computeIfAbsent(contract.services(), services -> modulesFor(contract).stream().map(DomainModule::catalogue)
                .map(c -> contract.service(c.domain()).map(s -> asBought(c, s)).orElse(c)).toList());
    }

    /**
     * The catalogue with the contract's overrides; the catalogue as it is when they no longer fit it (a newer
     * bundle dropped an obligation they name): the contract's lint says so, and its rules still run.
     */
    private static DomainCatalogue asBought(DomainCatalogue c, org.lvyue.api.contract.ContractService s) {
        try {
            return c.as(s);
        } catch (IllegalArgumentException e) {
            return c;
        }
    }

    /** The obligations held against the contract: its catalogues', with its overrides. */
    List<Obligation> obligationsFor(Contract contract) {
        if (contract.services().isEmpty()) {
            return obligations;
        }
        return cataloguesFor(contract).stream().flatMap(c -> c.obligations().stream()).toList();
    }

    long version() {
        return version;
    }

    InternalKnowledgeBase knowledgeBase() {
        return knowledgeBase;
    }

    List<DomainModule> active() {
        return active;
    }

    List<DomainStatus> statuses() {
        return statuses;
    }

    List<DomainStatus> activeStatuses() {
        return activeStatuses;
    }

    Map<String, FactKind> factKinds() {
        return factKinds;
    }

    List<Obligation> obligations() {
        return obligations;
    }

    List<DomainCatalogue> catalogues() {
        return catalogues;
    }
}
