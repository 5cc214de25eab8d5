package org.lvyue.api.service;

import java.time.LocalDate;

import org.lvyue.api.dashboard.Dashboard;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a contract stands on a day, in one view.
 */
@ProviderType
public interface Dashboards {

    /**
     * Where the contract stands on {@code asOf}: attainment by domain and by month over the service
     * period up to that day, open findings by severity, the ledger's totals, the support SLA and the
     * deadlines of the following seven days.
     *
     * @throws NotFoundException when there is no such contract
     */
    Dashboard dashboard(String contractId, LocalDate asOf);
}
