package org.lvyue.testing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.engine.ContractLoader;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.engine.EvaluationClock;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.fact.FactKind;
import org.lvyue.api.spi.DomainCatalogue;

/**
 * An engine that knows only its domain bundles, their catalogues and the rule-set version: what the shell and
 * the reports ask of it. Working memories and evaluations belong to the engine's own tests.
 */
public class FakeEngine implements ComplianceEngine {
    public final List<DomainStatus> domains = new ArrayList<>();
    public final List<DomainCatalogue> catalogues = new ArrayList<>();
    public long ruleSetVersion = 7;
    /** The digest of the rule set's contents; empty, as an engine without a build stamp gives. */
    public String ruleSetDigest = "";

    @Override
    public List<DomainStatus> domains() {
        return List.copyOf(domains);
    }

    @Override
    public List<DomainCatalogue> catalogues() {
        return List.copyOf(catalogues);
    }

    @Override
    public List<DomainCatalogue> catalogues(org.lvyue.api.contract.Contract contract) {
        return catalogues.stream().filter(c -> c.appliesTo(contract))
                .map(c -> contract.service(c.domain()).map(c::as).orElse(c)).toList();
    }

    @Override
    public Optional<FactKind> factKind(String kind) {
        return catalogues.stream().flatMap(c -> c.factKinds().stream()).filter(k -> k.name().equals(kind)).findFirst();
    }

    @Override
    public long ruleSetVersion() {
        return ruleSetVersion;
    }

    @Override
    public String ruleSetDigest() {
        return ruleSetDigest;
    }

    private static UnsupportedOperationException memory(String method) {
        return Unused.because(method, "working memories and evaluations are tested in compliance-engine");
    }

    @Override
    public void open(String contractId, ContractLoader loader) {
        throw memory("open");
    }

    @Override
    public void load(Contract contract, Collection<Fact> facts) {
        throw memory("load");
    }

    @Override
    public boolean isLoaded(String contractId) {
        throw memory("isLoaded");
    }

    @Override
    public void addFacts(String contractId, Collection<Fact> facts) {
        throw memory("addFacts");
    }

    @Override
    public void addAuditEvents(String contractId, Collection<AuditEvent> events) {
        throw memory("addAuditEvents");
    }

    @Override
    public Evaluation evaluate(String contractId, LocalDate asOf) {
        throw memory("evaluate");
    }

    @Override
    public Evaluation evaluate(String contractId, LocalDate asOf, EvaluationClock clock) {
        throw memory("evaluate");
    }

    @Override
    public Evaluation evaluateWith(String contractId, Collection<Fact> extraFacts, LocalDate asOf) {
        throw memory("evaluateWith");
    }

    @Override
    public void release(String contractId) {
        throw memory("release");
    }

    @Override
    public void unload(String contractId) {
        throw memory("unload");
    }

    /** What {@link #memory()} answers; unset, it is not expected to be asked. */
    public org.lvyue.api.engine.MemoryFigures memory;

    @Override
    public org.lvyue.api.engine.MemoryFigures memory() {
        if (memory == null) {
            throw memory("memory");
        }
        return memory;
    }
}
