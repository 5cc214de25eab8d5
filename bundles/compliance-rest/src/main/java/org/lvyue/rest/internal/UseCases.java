package org.lvyue.rest.internal;

import org.lvyue.api.access.Parties;
import org.lvyue.api.service.Accounts;
import org.lvyue.api.service.Assessments;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.Dashboards;
import org.lvyue.api.service.EvidenceIntegrity;
import org.lvyue.api.service.FactIntake;
import org.lvyue.api.service.FactQueries;
import org.lvyue.api.service.Findings;

/**
 * The use-case services the REST API is built on, handed to {@link RestServlet#application} as one value so that
 * each resource is given only the ones it uses. Not a service: the servlet references each interface on its own.
 */
record UseCases(Contracts contracts, FactIntake intake, FactQueries queries, Findings findings, Assessments assessments,
                Accounts accounts, Dashboards dashboards, EvidenceIntegrity integrity, Parties parties,
                org.lvyue.api.checklist.Checklists checklists) {

    /** None bound: for tests that only read the resources' annotations. */
    static UseCases none() {
        return new UseCases(null, null, null, null, null, null, null, null, null, null);
    }
}
