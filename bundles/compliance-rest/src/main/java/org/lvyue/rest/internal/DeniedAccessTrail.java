package org.lvyue.rest.internal;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.Context;

import org.lvyue.api.activity.ActivityLog;

/**
 * Every request answered 403 goes into the security trail ({@value ActivityLog#ACCESS_DENIED}, refused), whichever part
 * of the API refused it: a role not allowed, a missing CSRF token, HTTPS required, the other party's operation. An
 * attempt beyond one's rights is a security event (GB/T 22239-2019 8.1.4.3 a) as much as a wrong password is.
 */
final class DeniedAccessTrail implements ContainerResponseFilter {
    private final Activity activity;
    @Context
    private HttpServletRequest servletRequest;

    DeniedAccessTrail(Activity activity) {
        this.activity = activity;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() != 403) {
            return;
        }
        java.security.Principal who = request.getSecurityContext() == null ? null : request.getSecurityContext().getUserPrincipal();
        String reason = response.getEntity() instanceof ApiError e ? e.error() : "http-403";
        String target = request.getMethod() + " /api/" + request.getUriInfo().getPath();
        activity.refused(who == null ? "anonymous" : who.getName(), servletRequest, ActivityLog.ACCESS_DENIED, target,
                "拒绝访问（" + reason + "）");
    }
}
