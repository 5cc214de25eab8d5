package org.lvyue.rest.internal;

import java.io.InputStream;
import java.util.List;

import javax.annotation.security.RolesAllowed;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.lvyue.api.activity.ActivityLog;
import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.spi.DomainCatalogue;

/**
 * {@code GET /api/domains}: the domain bundles with their catalogues (obligations and fact kinds);
 * {@code POST} a domain bundle jar into the deploy folder and {@code DELETE} one from it (engineers
 * and administrators). File Install and the engine act on the folder afterwards, hence 202: the
 * console follows the bundle's state in {@code GET /api/domains}.
 */
@Path("domains")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
@RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR, Roles.COLLECTOR})
public class DomainResource {
    static final String JAR = "application/java-archive";

    private final ComplianceEngine engine;
    private final DeployFolder deploy;
    private final Activity activity;

    DomainResource(ComplianceEngine engine, DeployFolder deploy, Activity activity) {
        this.engine = engine;
        this.deploy = deploy;
        this.activity = activity;
    }

    public record Domains(long ruleSetVersion, List<DomainStatus> bundles, List<DomainCatalogue> catalogues) {
    }

    @GET
    public Domains domains() {
        return new Domains(engine.ruleSetVersion(), engine.domains(), engine.catalogues());
    }

    /**
     * @param file         the file name it was written under in the deploy folder
     * @param replaced     files of the same bundle and version that it replaced
     * @param uploadedName the name the client gave ({@code ?fileName=}), or null
     */
    public record Uploaded(String symbolicName, String version, String domain, String file, List<String> replaced,
                           String uploadedName) {
    }

    @POST
    @Consumes({JAR, MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER})
    public Response upload(InputStream body, @QueryParam("fileName") String fileName,
                           @Context HttpHeaders headers, @Context SecurityContext security,
                           @Context HttpServletRequest request) {
        String length = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > deploy.maxBytes()) {
            throw new DeployFolder.TooLargeException(deploy.maxBytes());
        }
        fileName = Params.fileName("fileName", fileName);
        DeployFolder.Deployed d = deploy.deploy(body);
        activity.record(security, request, ActivityLog.BUNDLE_UPLOAD, d.symbolicName(),
                "版本 " + d.version() + "，领域 " + d.domain() + "，写入 deploy/" + d.file()
                        + (Params.text(fileName) == null ? "" : "（上传文件 " + fileName.trim() + "）")
                        + (d.replaced().isEmpty() ? "" : "，替换 " + String.join("、", d.replaced())));
        return Response.accepted(new Uploaded(d.symbolicName(), d.version(), d.domain(), d.file(), d.replaced(),
                Params.text(fileName))).build();
    }

    public record Removed(String symbolicName, List<String> removed) {
    }

    @DELETE
    @Path("{symbolicName}")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER})
    public Response remove(@PathParam("symbolicName") String symbolicName, @Context SecurityContext security,
                           @Context HttpServletRequest request) {
        if (!DeployFolder.SYMBOLIC_NAME.matcher(symbolicName).matches()) {
            throw Params.bad("symbolicName", "Bundle-SymbolicName 只能含字母、数字、点、连字符和下划线: '" + symbolicName + "'");
        }
        List<String> removed = deploy.remove(symbolicName);
        activity.record(security, request, ActivityLog.BUNDLE_REMOVE, symbolicName, "从 deploy/ 删除 " + String.join("、", removed));
        return Response.accepted(new Removed(symbolicName, removed)).build();
    }
}
