package org.lvyue.rest.internal;

import java.util.List;

import javax.annotation.security.RolesAllowed;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.lvyue.api.security.CertificateLogin;

/**
 * {@code /api/login-certificates}: the security administrator's side of the SM2 login certificates: every account's,
 * and removing one (a lost or leaked key), recorded in the trail. Registering is the holder's own
 * ({@link LoginCertificateResource}), never an administrator's.
 */
@Path("login-certificates")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
@RolesAllowed(Roles.SECADMIN)
public class LoginCertificatesResource {
    private final CertificateLogin certificates;
    private final Activity activity;

    /** @param certificates null only in tests of other things: then this answers 503 */
    LoginCertificatesResource(CertificateLogin certificates, Activity activity) {
        this.certificates = certificates;
        this.activity = activity;
    }

    @GET
    public List<CertificateLogin.Registered> all() {
        return LoginCertificateResource.available(certificates).registered();
    }

    @DELETE
    @Path("{user}")
    public Response remove(@PathParam("user") String user, @Context SecurityContext who, @Context HttpServletRequest request) {
        return LoginCertificateResource.remove(LoginCertificateResource.available(certificates), activity, user, who, request,
                "安全管理员");
    }
}
