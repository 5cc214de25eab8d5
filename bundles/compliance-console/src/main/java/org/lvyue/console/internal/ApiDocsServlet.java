package org.lvyue.console.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.util.Optional;
import java.util.function.Function;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@code /api/docs}: Swagger UI on the API's own description ({@code /api/openapi.json}), its files from the
 * pinned swagger-ui webjar inside this bundle (nothing from a CDN). Like the description, the page is public; the
 * operations it tries need the login, given with Swagger UI's "Authorize" (HTTP Basic or a collector's token).
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/docs/*",
        "osgi.http.whiteboard.servlet.name=lvyue-api-docs"})
public class ApiDocsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** Swagger UI's and this page's files inside the bundle. */
    static final String ROOT = "org/lvyue/console/apidocs/";
    /**
     * Scripts only from here; Swagger UI sets inline styles and shows data: images (its icons); the API on the same
     * origin; never framed.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            + "form-action 'self'";

    private final transient Function<String, URL> resources;
    private final String etag;

    @Activate
    public ApiDocsServlet(BundleContext context) {
        this(context.getBundle()::getEntry, context.getBundle());
    }

    private ApiDocsServlet(Function<String, URL> resources, Bundle bundle) {
        this(resources, bundle.getVersion() + "-" + bundle.getLastModified());
    }

    ApiDocsServlet(Function<String, URL> resources, String version) {
        this.resources = resources;
        this.etag = "\"" + version + "\"";
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        WebResources.strictTransport(request, response);
        String path = request.getPathInfo();
        if (path == null) {
            // /api/docs: the page's relative links need the trailing slash
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            response.setHeader("Location", request.getRequestURI() + "/");
            return;
        }
        Optional<String> file = WebResources.fileOf(path);
        URL url = file.map(f -> resources.apply(ROOT + f)).orElse(null);
        WebResources.securityHeaders(response, CONTENT_SECURITY_POLICY);
        if (url == null) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("text/plain;charset=UTF-8");
            try (OutputStream out = response.getOutputStream()) {
                out.write("没有这个文件 (no such file)\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return;
        }
        WebResources.send(request, response, etag, file.get(), url, null);
    }
}
