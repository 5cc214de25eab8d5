package org.lvyue.rest.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.ComplianceService;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.rest.internal.MoneyViews.LedgerView;

/** The ledger: every amount owed either way, explained, on a day (today unless {@code asOf} is given). */
@Path("contracts/{id}/ledger")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class LedgerResource {
    private final ComplianceService service;

    LedgerResource(ComplianceService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR})
    public LedgerView ledger(@PathParam("id") String id, @QueryParam("asOf") String asOf) {
        service.contract(id);
        return LedgerView.of(service.ledger(id, day(asOf, service.today())));
    }

    /** A {@code yyyy-MM-dd} query parameter, or {@code fallback} when absent. */
    static LocalDate day(String text, LocalDate fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("查询参数 asOf 有误", List.of(new FactProblem(-1, "asOf",
                    "日期格式应为 yyyy-MM-dd: '" + text + "'")));
        }
    }
}
