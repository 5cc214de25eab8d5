package org.lvyue.shell.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.lvyue.api.audit.AuditEvent;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.engine.EvaluationClock;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.fact.FactKind;
import org.lvyue.api.spi.DomainCatalogue;

/** An engine that only knows its domain bundles: what the shell asks of it. */
class FakeEngine implements ComplianceEngine {
    final List<DomainStatus> domains = new ArrayList<>();
    long ruleSetVersion = 7;

    @Override
    public List<DomainStatus> domains() {
        return List.copyOf(domains);
    }

    @Override
    public long ruleSetVersion() {
        return ruleSetVersion;
    }

    @Override
    public List<DomainCatalogue> catalogues() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<FactKind> factKind(String kind) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void open(String contractId, org.lvyue.api.engine.ContractLoader loader) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void load(Contract contract, Collection<Fact> facts) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void release(String contractId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isLoaded(String contractId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void addFacts(String contractId, Collection<Fact> facts) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void addAuditEvents(String contractId, Collection<AuditEvent> events) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Evaluation evaluate(String contractId, LocalDate asOf) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Evaluation evaluate(String contractId, LocalDate asOf, EvaluationClock clock) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Evaluation evaluateWith(String contractId, Collection<Fact> extraFacts, LocalDate asOf) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void unload(String contractId) {
        throw new UnsupportedOperationException();
    }
}
