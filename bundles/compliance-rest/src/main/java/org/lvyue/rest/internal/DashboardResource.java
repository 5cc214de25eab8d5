package org.lvyue.rest.internal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.PathParam;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.lvyue.api.dashboard.Dashboard;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.Dashboards;

/**
 * {@code GET /api/contracts/{id}/dashboard[?asOf=yyyy-MM-dd]}: the console's first page. Amounts are
 * strings with two decimals, exact as the ledger has them.
 */
@Path("contracts/{id}/dashboard")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class DashboardResource {
    private final Contracts contracts;
    private final Dashboards dashboards;

    DashboardResource(Contracts contracts, Dashboards dashboards) {
        this.contracts = contracts;
        this.dashboards = dashboards;
    }

    public record MoneyView(String penalties, String interest, String refunds, String fees, String waived, String net,
                            String newSupplierOwes, String currency) {
        static MoneyView of(Dashboard.Money m) {
            return new MoneyView(MoneyViews.yuan(m.penalties()), MoneyViews.yuan(m.interest()), MoneyViews.yuan(m.refunds()),
                    MoneyViews.yuan(m.fees()), MoneyViews.yuan(m.waived()), MoneyViews.yuan(m.net()),
                    MoneyViews.yuan(m.newSupplierOwes()), m.currency());
        }
    }

    public record DashboardView(String contractId, LocalDate asOf, long ruleSetVersion, List<Dashboard.DomainRate> byDomain,
                                List<Dashboard.MonthRate> byMonth, Map<String, Integer> openBySeverity, MoneyView money,
                                Dashboard.Sla sla, List<Dashboard.Deadline> deadlines) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR, Roles.COLLECTOR})
    public DashboardView dashboard(@PathParam("id") String id, @QueryParam("asOf") String asOf) {
        contracts.contract(id);
        Dashboard d = dashboards.dashboard(id, Params.date("asOf", asOf, contracts.today()));
        Map<String, Integer> open = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            open.put(s.name(), d.openBySeverity().getOrDefault(s, 0));
        }
        return new DashboardView(d.contractId(), d.asOf(), d.ruleSetVersion(), d.byDomain(), d.byMonth(), open,
                MoneyView.of(d.money()), d.sla(), d.deadlines());
    }
}
