package org.lvyue.console.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
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
 * The web console: the static files of the single-page app, served from this bundle on Karaf's HTTP
 * whiteboard as the default servlet ({@code /}), so it answers only what no other servlet maps; the
 * REST API keeps {@code /api/*}. The app talks to the API from the browser; this servlet holds no
 * state and needs no login (the data behind it does).
 *
 * <p>Every answer carries a validator (the bundle's last-modified time) and {@code no-cache}, so a
 * browser revalidates and gets a new console right after the bundle is updated; a file that exists
 * as {@code name.gz} too is sent compressed to browsers that accept gzip.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/",
        "osgi.http.whiteboard.servlet.name=lvyue-console"})
public class ConsoleServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /**
     * Scripts and styles only from the console itself; the API on the same origin; charts draw on
     * canvases (blob and data images for downloads and icons); never framed.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            + "form-action 'self'";

    private final transient Function<String, URL> resources;
    private final String etag;

    @Activate
    public ConsoleServlet(BundleContext context) {
        this(context.getBundle()::getEntry, context.getBundle());
    }

    private ConsoleServlet(Function<String, URL> resources, Bundle bundle) {
        this(resources, bundle.getVersion() + "-" + bundle.getLastModified());
    }

    /**
     * @param resources finds a path of the bundle ({@code org/lvyue/console/web/...}), null when absent
     * @param version   changes whenever any file may have changed (the bundle's version and install time)
     */
    ConsoleServlet(Function<String, URL> resources, String version) {
        this.resources = resources;
        this.etag = "\"" + version + "\"";
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        WebResources.strictTransport(request, response);
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        String path = context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
        Optional<String> file = WebResources.fileOf(path);
        URL url = file.map(f -> resources.apply(WebResources.ROOT + f)).orElse(null);
        if (url == null) {
            notFound(response, path);
            return;
        }
        securityHeaders(response);
        WebResources.send(request, response, etag, file.get(), url, resources.apply(WebResources.ROOT + file.get() + ".gz"));
    }

    private static void securityHeaders(HttpServletResponse response) {
        WebResources.securityHeaders(response, CONTENT_SECURITY_POLICY);
    }

    private static void notFound(HttpServletResponse response, String path) throws IOException {
        securityHeaders(response);
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType("text/html;charset=UTF-8");
        byte[] body = ("<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>404</title>"
                + "<p>没有这个页面 (page not found)：" + escape(path) + "</p><p><a href=\"/\">返回控制台 (back to the console)</a></p></html>")
                .getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = response.getOutputStream()) {
            out.write(body);
        }
    }

    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
