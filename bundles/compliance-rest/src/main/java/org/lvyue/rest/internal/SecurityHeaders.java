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
    /** Those of every answer, whatever it is; besides them {@code Cache-Control} and, over HTTPS, HSTS. */
    static final java.util.Map<String, String> ALWAYS = java.util.Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'",
            "Referrer-Policy", "no-referrer");

    /** The same headers on an answer made outside Jersey ({@link HealthServlet}). */
    static void apply(javax.servlet.http.HttpServletRequest request, javax.servlet.http.HttpServletResponse response) {
        ALWAYS.forEach(response::setHeader);
        response.setHeader("Cache-Control", "no-store");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> h = response.getHeaders();
        ALWAYS.forEach(h::putSingle);
        if (!h.containsKey("Cache-Control")) {
            h.putSingle("Cache-Control", "no-store");
        }
        if ("https".equalsIgnoreCase(request.getUriInfo().getRequestUri().getScheme())) {
            h.putSingle("Strict-Transport-Security", HSTS);
        }
    }
}
