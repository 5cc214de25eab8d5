package org.lvyue.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.lvyue.api.contract.DraftLint;
import org.lvyue.api.contract.LintItem;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.Contracts;

/**
 * A contract definition checked without storing it, for the console's forms: what defining it would refuse,
 * field by field, and the lint it would have. Answered 200 either way; only JSON that does not parse is a 400.
 */
@Path("contracts/lint")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class DraftLintResource {
    private final Contracts contracts;
    private final ObjectMapper mapper;

    DraftLintResource(Contracts contracts, ObjectMapper mapper) {
        this.contracts = contracts;
        this.mapper = mapper;
    }

    /**
     * @param valid    whether {@code POST /contracts} would accept the draft now
     * @param problems what would refuse it, each with its field
     * @param count    the number of lint items
     * @param items    the draft's lint when it could be read
     */
    public record DraftLintView(boolean valid, List<FactProblem> problems, int count, List<LintItem> items) {
        static DraftLintView of(DraftLint d) {
            return new DraftLintView(d.valid(), d.problems(), d.items().size(), d.items());
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public DraftLintView lint(InputStream body) throws IOException {
        String json = Params.utf8(body.readAllBytes());
        mapper.readTree(json); // malformed JSON is refused here with line and column, as when defining
        return DraftLintView.of(contracts.lintDraft(json));
    }
}
