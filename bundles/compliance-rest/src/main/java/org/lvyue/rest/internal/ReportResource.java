package org.lvyue.rest.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Response;

import org.lvyue.api.report.Report;
import org.lvyue.api.report.ReportService;

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

    ReportResource(Supplier<ReportService> reports) {
        this(reports, WorkSlots.defaults());
    }

    /** Rendering takes a slot of {@code slots}: past them the answer is 503 with Retry-After. */
    ReportResource(Supplier<ReportService> reports, WorkSlots slots) {
        this.reports = reports;
        this.slots = slots;
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
            return ApiError.response(503, "reports-unavailable", "报告服务未启动（compliance-reports 或签名密钥不可用），请稍后重试",
                    "the report service is not running (its bundle or the signing key is unavailable)");
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
