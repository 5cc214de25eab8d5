package org.lvyue.rest.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.annotation.security.RolesAllowed;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.lvyue.api.activity.ActivityLog;
import org.lvyue.api.report.InspectionSubmission;
import org.lvyue.api.report.Report;
import org.lvyue.api.report.ReportService;
import org.lvyue.api.service.Contracts;

/**
 * The formal reports as signed PDFs, for evaluators and administrators. Each report has its
 * detached signature next to it ({@code .pdf.p7s}); both are rendered from the same data, and the
 * PDF is byte-reproducible, so a signature fetched after the PDF verifies against it while the
 * facts and rules are unchanged. Headers name the facts digest and the PDF's SHA-256 (also its ETag).
 */
@Path("contracts/{id}/reports")
public class ReportResource {
    static final String PDF = "application/pdf";
    static final String P7S = "application/pkcs7-signature";

    private final Supplier<ReportService> reports;
    private final WorkSlots slots;
    private final Activity activity;

    private final Contracts contracts;

    /**
     * Rendering takes a slot of {@code slots}: past them the answer is 503 with Retry-After. A submitted report is
     * recorded in {@code activity} like any import of facts; {@code contracts} name the party that submits it.
     */
    ReportResource(Supplier<ReportService> reports, WorkSlots slots, Activity activity, Contracts contracts) {
        this.reports = reports;
        this.slots = slots;
        this.activity = activity;
        this.contracts = contracts;
    }

    @GET
    @Path("quarterly/{quarter: [^/.]+}.pdf")
    @RolesAllowed({Roles.ADMIN, Roles.EVALUATOR})
    public Response quarterly(@PathParam("id") String id, @PathParam("quarter") String quarter) {
        return pdf(s -> s.quarterly(id, quarter));
    }

    @GET
    @Path("quarterly/{quarter: [^/.]+}.pdf.p7s")
    @RolesAllowed({Roles.ADMIN, Roles.EVALUATOR})
    public Response quarterlySignature(@PathParam("id") String id, @PathParam("quarter") String quarter) {
        return signature(s -> s.quarterly(id, quarter));
    }

    @GET
    @Path("monthly/{domain}/{month: [^/.]+}.pdf")
    @RolesAllowed({Roles.ADMIN, Roles.EVALUATOR})
    public Response monthly(@PathParam("id") String id, @PathParam("domain") String domain, @PathParam("month") String month) {
        return pdf(s -> s.monthly(id, domain, month));
    }

    @GET
    @Path("monthly/{domain}/{month: [^/.]+}.pdf.p7s")
    @RolesAllowed({Roles.ADMIN, Roles.EVALUATOR})
    public Response monthlySignature(@PathParam("id") String id, @PathParam("domain") String domain,
                                     @PathParam("month") String month) {
        return signature(s -> s.monthly(id, domain, month));
    }

    @GET
    @Path("ledger.pdf")
    @RolesAllowed({Roles.ADMIN, Roles.EVALUATOR})
    public Response ledger(@PathParam("id") String id, @QueryParam("asOf") String asOf) {
        return pdf(s -> s.ledger(id, Params.date("asOf", asOf, null)));
    }

    @GET
    @Path("ledger.pdf.p7s")
    @RolesAllowed({Roles.ADMIN, Roles.EVALUATOR})
    public Response ledgerSignature(@PathParam("id") String id, @QueryParam("asOf") String asOf) {
        return signature(s -> s.ledger(id, Params.date("asOf", asOf, null)));
    }

    @GET
    @Path("settlement.pdf")
    @RolesAllowed({Roles.ADMIN, Roles.EVALUATOR})
    public Response settlement(@PathParam("id") String id) {
        return pdf(s -> s.settlement(id));
    }

    @GET
    @Path("settlement.pdf.p7s")
    @RolesAllowed({Roles.ADMIN, Roles.EVALUATOR})
    public Response settlementSignature(@PathParam("id") String id) {
        return signature(s -> s.settlement(id));
    }

    // --- the supplier's paper (issue #24): 检查运维单, 记录单, 巡检报告

    @GET
    @Path("daily/{domain}/{day: [^/.]+}.pdf")
    @RolesAllowed({Roles.ADMIN, Roles.EVALUATOR})
    public Response daily(@PathParam("id") String id, @PathParam("domain") String domain, @PathParam("day") String day) {
        return pdf(s -> s.daily(id, domain, day));
    }

    @GET
    @Path("daily/{domain}/{day: [^/.]+}.pdf.p7s")
    @RolesAllowed({Roles.ADMIN, Roles.EVALUATOR})
    public Response dailySignature(@PathParam("id") String id, @PathParam("domain") String domain,
                                   @PathParam("day") String day) {
        return signature(s -> s.daily(id, domain, day));
    }

    @GET
    @Path("weekly/{domain}/{week: [^/.]+}.pdf")
    @RolesAllowed({Roles.ADMIN, Roles.EVALUATOR})
    public Response weekly(@PathParam("id") String id, @PathParam("domain") String domain, @PathParam("week") String week) {
        return pdf(s -> s.weekly(id, domain, week));
    }

    @GET
    @Path("weekly/{domain}/{week: [^/.]+}.pdf.p7s")
    @RolesAllowed({Roles.ADMIN, Roles.EVALUATOR})
    public Response weeklySignature(@PathParam("id") String id, @PathParam("domain") String domain,
                                    @PathParam("week") String week) {
        return signature(s -> s.weekly(id, domain, week));
    }

    @GET
    @Path("records/{domain}/{month: [^/.]+}.pdf")
    @RolesAllowed({Roles.ADMIN, Roles.EVALUATOR})
    public Response records(@PathParam("id") String id, @PathParam("domain") String domain, @PathParam("month") String month) {
        return pdf(s -> s.records(id, domain, month));
    }

    @GET
    @Path("records/{domain}/{month: [^/.]+}.pdf.p7s")
    @RolesAllowed({Roles.ADMIN, Roles.EVALUATOR})
    public Response recordsSignature(@PathParam("id") String id, @PathParam("domain") String domain,
                                     @PathParam("month") String month) {
        return signature(s -> s.records(id, domain, month));
    }

    @GET
    @Path("inspection/{month: [^/.]+}.pdf")
    @RolesAllowed({Roles.ADMIN, Roles.EVALUATOR})
    public Response inspection(@PathParam("id") String id, @PathParam("month") String month) {
        return pdf(s -> s.inspection(id, month));
    }

    @GET
    @Path("inspection/{month: [^/.]+}.pdf.p7s")
    @RolesAllowed({Roles.ADMIN, Roles.EVALUATOR})
    public Response inspectionSignature(@PathParam("id") String id, @PathParam("month") String month) {
        return signature(s -> s.inspection(id, month));
    }

    /** What a submitted 巡检报告 did: the report, the fact that records it and what the intake made of it. */
    public record Submitted(String reportId, String fileName, String pdfSha256, int pages, String factsDigest,
                            String obligationId, String factId, boolean stored, long batchId, int findingsOpened,
                            int findingsResolved, int findingsOpen, String evaluationError) {
        static Submitted of(InspectionSubmission s) {
            Report r = s.report();
            var in = s.intake();
            return new Submitted(r.id(), r.fileName(), r.pdfSha256(), r.pages(), r.factsDigest(), s.obligationId(), s.factId(),
                    in.stored() > 0, in.batchId(), in.findingsOpened(), in.findingsResolved(), in.findingsOpen(),
                    in.evaluationError());
        }
    }

    /**
     * The supplier submits the month's 巡检报告 (一般条款 八.3): the report is rendered and signed, and its submission is
     * recorded as the {@code terms.report} fact the obligation needs, through the normal intake. The supplier's side
     * only ({@link InspectionSubmission#submittedBy}): an engineer or an admin of the contract's supplier organisation;
     * the client's admins and the evaluator receive reports, they do not submit them (403).
     */
    @POST
    @Path("inspection/{month: [^/.]+}/submit")
    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
    public Response submitInspection(@PathParam("id") String id, @PathParam("month") String month,
                                     @Context SecurityContext security, @Context HttpServletRequest request,
                                     @Context javax.ws.rs.container.ContainerRequestContext scoped) {
        PartyScopeFilter.Scoped scope = PartyScopeFilter.scope(scoped);
        org.lvyue.api.contract.Contract contract = contracts.contract(id);
        if (!InspectionSubmission.submittedBy(contract, scope.memberships())) {
            throw new javax.ws.rs.ForbiddenException(ApiError.response(403, "supplier-only",
                    InspectionSubmission.refusal(contract, scope.caller().name()),
                    "Only the supplier's engineers and admins submit the inspection report"));
        }
        ReportService service = reports.get();
        if (service == null) {
            return unavailable();
        }
        InspectionSubmission s = slots.run(WorkSlots.Kind.REPORT,
                () -> service.submitInspection(id, month, security.getUserPrincipal().getName()));
        activity.record(security, request, ActivityLog.FACTS_IMPORT, id, "提交巡检报告 " + s.report().id() + "（事实 "
                + s.factId() + "，批次 " + s.intake().batchId() + "，存储 " + s.intake().stored() + " 条，重复 "
                + s.intake().duplicateIds().size() + " 条）");
        return Response.status(s.intake().stored() > 0 ? 201 : 200).entity(Submitted.of(s)).build();
    }

    private static Response unavailable() {
        return ApiError.response(503, "reports-unavailable", "报告服务未启动（compliance-reports 或签名密钥不可用），请稍后重试",
                "the report service is not running (its bundle or the signing key is unavailable)");
    }

    private Response pdf(Function<ReportService, Report> make) {
        return generate(make, PDF, Report::fileName, Report::pdf);
    }

    private Response signature(Function<ReportService, Report> make) {
        return generate(make, P7S, r -> r.fileName() + ".p7s", Report::signature);
    }

    private Response generate(Function<ReportService, Report> make, String type, Function<Report, String> name,
                              Function<Report, byte[]> body) {
        ReportService service = reports.get();
        if (service == null) {
            return unavailable();
        }
        Report report = slots.run(WorkSlots.Kind.REPORT, () -> make.apply(service));
        String file = name.apply(report);
        return Response.ok(body.apply(report), type)
                .header("Content-Disposition", "attachment; filename=\"" + ascii(file) + "\"; filename*=UTF-8''"
                        + URLEncoder.encode(file, StandardCharsets.UTF_8).replace("+", "%20"))
                .header("ETag", "\"" + report.pdfSha256() + "\"")
                .header("X-Report-Id", report.id())
                .header("X-Report-Pdf-Sha256", report.pdfSha256())
                .header("X-Facts-Digest", report.factsDigest())
                .header("X-Fact-Count", report.factCount())
                .header("X-Report-Pages", report.pages())
                .build();
    }

    /** The file name for clients that ignore {@code filename*}: non-ASCII letters become '_'. */
    private static String ascii(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
