package org.lvyue.api.service;

/**
 * Every use case at once, for callers not yet moved to the interfaces they use.
 *
 * @deprecated depend on the use-case interfaces ({@link Contracts}, {@link FactIntake}, {@link FactQueries},
 *             {@link Findings}, {@link Assessments}, {@link Accounts}, {@link Dashboards},
 *             {@link EvidenceIntegrity}); this aggregate goes before the package's 1.0.0.
 */
@Deprecated
@org.osgi.annotation.versioning.ProviderType
public interface ComplianceService extends Contracts, FactIntake, FactQueries, Findings, Assessments, Accounts, Dashboards,
        EvidenceIntegrity {
}
