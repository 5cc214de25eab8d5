package org.lvyue.rest.internal;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.MultivaluedMap;

/**
 * The headers every API answer carries, errors included (found missing by the penetration pass, PenetrationIT): no
 * content sniffing, never framed, never cached (answers hold contract data and personal information), and over HTTPS
 * that the browser use nothing else (HSTS). An answer that sets its own {@code Cache-Control} (a login's) keeps it.
 */
final class SecurityHeaders implements ContainerResponseFilter {
    static final String HSTS = "max-age=31536000";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> h = response.getHeaders();
        h.putSingle("X-Content-Type-Options", "nosniff");
        h.putSingle("X-Frame-Options", "DENY");
        h.putSingle("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        h.putSingle("Referrer-Policy", "no-referrer");
        if (!h.containsKey("Cache-Control")) {
            h.putSingle("Cache-Control", "no-store");
        }
        if ("https".equalsIgnoreCase(request.getUriInfo().getRequestUri().getScheme())) {
            h.putSingle("Strict-Transport-Security", HSTS);
        }
    }
}
