package org.lvyue.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Generates the demo year of the 2022 contract (bj-hrss-2022): every domain's records of 2022 and of
 * January-February 2023 (service after expiry, the late payment), the PKI's real certificates and CRL, the
 * audit log, and a list of violations injected on purpose with the rule that should find each. The same
 * options give the same bytes.
 */
public final class DemoYear {
    private DemoYear() {
    }

    public static DemoData generate(DemoOptions options) {
        long t0 = System.nanoTime();
        YearBuilder y = new YearBuilder(options, Catalogues.load(), ContractTerms.load());
        y.roster();
        y.plan();
        y.staffing();
        DemoPki.Result pki = DemoPki.generate(options.seed(), options.scale(), options.from(), options.to(), y.serversIssued());
        y.keys();
        y.devices();
        y.periodicChecksAndTasks();
        y.specialPeriods();
        y.specialPeriodStaff();
        y.periodicDeliverables();
        y.networkEvents();
        y.drill();
        y.planRevisions();
        y.requirementsAndChanges();
        y.support();
        y.generalTerms();
        y.pkiBindings(pki);
        AuditLog audit = new AuditLog(options.seed(), options.scale(), options.from(), options.to(), y::working);
        y.auditAnomalies(audit);
        List<String> approved = audit.approvedRequests();
        y.auditRegisters(audit, approved);
        List<InjectedViolation> violations = new ArrayList<>();
        List<MissingFact> missing = new ArrayList<>();
        y.finish(violations, missing);
        return new DemoData(options, y.facts.sorted(), pki, audit, approved, violations, missing,
                (System.nanoTime() - t0) / 1_000_000);
    }
}
