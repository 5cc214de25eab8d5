package org.lvyue.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.service.IngestResult;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.service.PkiIntake;

/**
 * Certificates and CRLs as files: {@code POST /api/contracts/{id}/certificates?name=certs.zip}, the
 * body one certificate, CRL or PKCS#7 bundle (PEM or DER), or a zip archive of them.
 */
@Path("contracts/{id}/certificates")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class CertificateResource {
    private final PkiIntake intake;
    private final long maxBytes;

    CertificateResource(PkiIntake intake, long maxBytes) {
        this.intake = intake;
        this.maxBytes = maxBytes;
    }

    @POST
    @Consumes({MediaType.APPLICATION_OCTET_STREAM, "application/zip", "application/pkix-cert", "application/pkix-crl",
            "application/x-pem-file", "application/x-x509-ca-cert", "application/x-pkcs7-certificates"})
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.COLLECTOR})
    public IngestResult upload(@PathParam("id") String id, @QueryParam("name") String name,
                               @QueryParam("system") String system, InputStream body,
                               @Context SecurityContext security) throws IOException {
        name = Params.fileName("name", name);
        if (name == null) {
            throw new InvalidInputException("缺少文件名", List.of(new FactProblem(-1, "name",
                    "必填：文件名，如 server.cer、chain.p7b、root.crl 或 certs.zip（用于报告哪个文件有误）")));
        }
        // RequestLimits stops the body at the limit; this holds when the resource is used without it
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw new RequestLimits.TooLargeException(maxBytes);
        }
        return intake.importFiles(id, Map.of(name, bytes), system, security.getUserPrincipal().getName());
    }
}
