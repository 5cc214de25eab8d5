package org.lvyue.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Which file of the console a request path names, and how it is served. Only plain names below the
 * console's folder are accepted (letters, digits, {@code . _ - /}, no {@code ..}, no empty segment,
 * nothing percent-encoded; a file name with an extension, or a licence text),
 * so a request can never reach another resource of the bundle.
 */
final class WebResources {
    /** The console's files inside the bundle. */
    static final String ROOT = "org/lvyue/console/web/";
    static final String INDEX = "index.html";

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html;charset=UTF-8"),
            Map.entry("js", "text/javascript;charset=UTF-8"),
            Map.entry("mjs", "text/javascript;charset=UTF-8"),
            Map.entry("css", "text/css;charset=UTF-8"),
            Map.entry("json", "application/json;charset=UTF-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("txt", "text/plain;charset=UTF-8"));

    private WebResources() {
    }

    /**
     * The file a path names, relative to {@link #ROOT}: {@code /} is the index page; empty when the
     * path is not a plain file name of the console (it is then answered 404 without a lookup).
     *
     * @param path the request path below the servlet's context, starting with {@code /}
     */
    static Optional<String> fileOf(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return Optional.of(INDEX);
        }
        if (path.charAt(0) != '/') {
            return Optional.empty();
        }
        String name = path.substring(1);
        if (!SAFE.matcher(name).matches()) {
            return Optional.empty();
        }
        String last = name.substring(name.lastIndexOf('/') + 1);
        // a file has an extension, or is a licence text; anything else would be a folder
        if (!last.contains(".") && !last.startsWith("LICENSE") && !last.equals("NOTICE")) {
            return Optional.empty();
        }
        return Optional.of(name);
    }

    /** The content type of a file; files without an extension (LICENSE, NOTICE) are plain text. */
    static String contentType(String file) {
        String base = file.substring(file.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        if (dot < 0) {
            return TYPES.get("txt");
        }
        return TYPES.getOrDefault(base.substring(dot + 1).toLowerCase(Locale.ROOT), "application/octet-stream");
    }

    /** The headers every answer of a page carries: its content security policy, no sniffing, no referrer. */
    static void securityHeaders(HttpServletResponse response, String contentSecurityPolicy) {
        response.setHeader("Content-Security-Policy", contentSecurityPolicy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        // for browsers that do not read the policy's frame-ancestors
        response.setHeader("X-Frame-Options", "DENY");
    }

    /**
     * Over HTTPS, that the browser use nothing else for a year (HSTS); over plain HTTP the header would mean nothing
     * (browsers ignore it there), so it is not sent.
     */
    static void strictTransport(HttpServletRequest request, HttpServletResponse response) {
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000");
        }
    }

    /**
     * Answers with a file of the bundle: revalidated at every use against {@code etag} (304 when the browser
     * holds it), of its type, gzip-compressed when {@code gzip} is there and the browser accepts it.
     *
     * @param gzip the file compressed, or null when there is none
     */
    static void send(HttpServletRequest request, HttpServletResponse response, String etag, String file, URL url, URL gzip)
            throws IOException {
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("ETag", etag);
        if (etag.equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(contentType(file));
        URL body = url;
        if (gzip != null) {
            response.setHeader("Vary", "Accept-Encoding");
            String accept = request.getHeader("Accept-Encoding");
            if (accept != null && accept.contains("gzip")) {
                response.setHeader("Content-Encoding", "gzip");
                body = gzip;
            }
        }
        response.setStatus(HttpServletResponse.SC_OK);
        try (InputStream in = body.openStream(); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }
}
