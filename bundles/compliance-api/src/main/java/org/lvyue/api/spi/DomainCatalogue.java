package org.lvyue.api.spi;

import java.util.List;

import org.lvyue.api.fact.FactKind;

/**
 * Everything a domain bundle declares as data: its name, the fact kinds it accepts, and the
 * obligations of the contract it enforces.
 *
 * @param domain      domain id (matches the {@code Compliance-Domain} header)
 * @param title       Chinese name, e.g. 应急演练
 * @param titleEn     English name
 * @param clause      where the contract defines the domain, e.g. {@code 附件二 5}
 * @param factKinds   the fact kinds the domain accepts
 * @param auditActions the audit-log actions ({@link org.lvyue.api.audit.AuditEvent#ACTIONS}) its rules read, each
 *                     optionally suffixed {@link #CLASSIFIED_ONLY} when the rules read only classified entries
 *                     of it: the engine inserts only entries some active domain reads
 * @param obligations the obligations it enforces
 * @param assessment  what it declares for the quarterly assessment ({@link AssessmentInputs#NONE} when nothing)
 * @param dashboard   what it declares for the dashboard's deadlines ({@link DashboardItems#NONE} when nothing)
 * @param everyContract whether it applies to every contract whatever services the contract buys (the general terms,
 *                    the standard obligation rules; {@code "everyContract": true} in the catalogue), rather than to the
 *                    contracts that list its domain among their services
 */
public record DomainCatalogue(String domain, String title, String titleEn, String clause, List<FactKind> factKinds,
                              List<Obligation> obligations, java.util.Set<String> auditActions,
                              AssessmentInputs assessment, DashboardItems dashboard, boolean everyContract) {
    /** Suffix of an audit action whose rules read only its classified entries, e.g. {@code file-download:classified}. */
    public static final String CLASSIFIED_ONLY = ":classified";

    public DomainCatalogue {
        factKinds = factKinds == null ? List.of() : List.copyOf(factKinds);
        obligations = obligations == null ? List.of() : List.copyOf(obligations);
        auditActions = auditActions == null ? java.util.Set.of() : java.util.Set.copyOf(auditActions);
        assessment = assessment == null ? AssessmentInputs.NONE : assessment;
        dashboard = dashboard == null ? DashboardItems.NONE : dashboard;
    }

    /** A catalogue of a service a contract buys (it applies to the contracts that list its domain). */
    public DomainCatalogue(String domain, String title, String titleEn, String clause, List<FactKind> factKinds,
                           List<Obligation> obligations, java.util.Set<String> auditActions, AssessmentInputs assessment,
                           DashboardItems dashboard) {
        this(domain, title, titleEn, clause, factKinds, obligations, auditActions, assessment, dashboard, false);
    }

    /** Whether the contract buys this domain's service, or it applies to every contract ({@link #everyContract}). */
    public boolean appliesTo(org.lvyue.api.contract.Contract contract) {
        return everyContract || contract.buys(domain);
    }

    /**
     * This catalogue as a contract buys it: each obligation with the contract's overrides, those it drops left out.
     *
     * @throws IllegalArgumentException for an override of an obligation the catalogue lacks, or a bad value (the
     *                                  message names the obligation and the parameter)
     */
    public DomainCatalogue as(org.lvyue.api.contract.ContractService service) {
        if (service.overrides().isEmpty()) {
            return this;
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        obligations.forEach(o -> ids.add(o.id()));
        for (String id : service.overrides().keySet()) {
            if (!ids.contains(id)) {
                throw new IllegalArgumentException(id + ": 服务领域 " + domain + " 的目录中没有此义务");
            }
        }
        List<Obligation> out = new java.util.ArrayList<>();
        for (Obligation o : obligations) {
            java.util.Map<String, String> change = service.overrides().get(o.id());
            if (change == null) {
                out.add(o);
                continue;
            }
            try {
                Obligation changed = o.overriddenBy(change);
                if (!Obligation.dropped(change)) {
                    out.add(changed);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(o.id() + "." + e.getMessage(), e);
            }
        }
        return new DomainCatalogue(domain, title, titleEn, clause, factKinds, out, auditActions, assessment, dashboard,
                everyContract);
    }

    /** A catalogue that declares nothing for the assessment and the dashboard. */
    public DomainCatalogue(String domain, String title, String titleEn, String clause, List<FactKind> factKinds,
                           List<Obligation> obligations, java.util.Set<String> auditActions) {
        this(domain, title, titleEn, clause, factKinds, obligations, auditActions, null, null);
    }

    /** A catalogue whose rules read no audit-log entries. */
    public DomainCatalogue(String domain, String title, String titleEn, String clause, List<FactKind> factKinds,
                           List<Obligation> obligations) {
        this(domain, title, titleEn, clause, factKinds, obligations, java.util.Set.of(), null, null);
    }
}
