package org.lvyue.rest.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.lvyue.api.integrity.IntegrityProblem;
import org.lvyue.api.integrity.IntegrityReport;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.EvidenceIntegrity;

/**
 * The contract's evidence chain, verified on demand: every entry recomputed, every fact, audit entry,
 * finding, waiver and contract row compared with what the chain recorded. A broken chain is a
 * successful answer ({@code intact: false}) listing what changed and where.
 */
@Path("contracts/{id}/integrity")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class IntegrityResource {
    private final Contracts contracts;
    private final EvidenceIntegrity integrity;

    IntegrityResource(Contracts contracts, EvidenceIntegrity integrity) {
        this.contracts = contracts;
        this.integrity = integrity;
    }

    public record Head(long position, String hash) {
    }

    public record IntegrityView(String contractId, boolean intact, String verdict, long entries, Map<String, Long> entriesByKind,
                                Map<String, Long> rowsVerified, Head head, List<String> algorithms, long problemCount,
                                List<IntegrityProblem> problems, Instant verifiedAt, long tookMillis) {
        static IntegrityView of(IntegrityReport r) {
            return new IntegrityView(r.contractId(), r.intact(), r.intact() ? "证据链完整 (intact)"
                    : "证据链已被改动，共 " + r.problemCount() + " 处 (broken: " + r.problemCount() + " problems)",
                    r.entries(), r.entriesByKind(), r.rowsCovered(), new Head(r.headPosition(), r.headHash()),
                    r.algorithms(), r.problemCount(), r.problems(), r.verifiedAt(), r.took().toMillis());
        }
    }

    /**
     * @param last {@code true}: the last verification (at start or on demand) without verifying again,
     *             204 when none ran yet; a year's chain takes seconds to verify, the console polls this
     */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR})
    public IntegrityView verify(@PathParam("id") String id, @QueryParam("last") @DefaultValue("false") boolean last) {
        if (last) {
            contracts.contract(id);
            return integrity.lastIntegrity(id).map(IntegrityView::of).orElse(null);
        }
        return IntegrityView.of(integrity.verifyIntegrity(id));
    }
}
