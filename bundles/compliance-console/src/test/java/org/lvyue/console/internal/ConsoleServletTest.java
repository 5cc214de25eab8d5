package org.lvyue.console.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;

/**
 * The servlet on the console's real files (the test class path holds the same resources as the
 * bundle, with the ECharts build the Maven build fetched), through plain request and response
 * stand-ins.
 */
class ConsoleServletTest {
    private final ConsoleServlet servlet = new ConsoleServlet(ConsoleServletTest.class.getClassLoader()::getResource, "1.0.0-42");

    /** What the servlet answered. */
    static final class Answer {
        int status = 200;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private Answer get(String uri, Map<String, String> requestHeaders) throws IOException {
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRequestURI" -> uri;
                    case "getContextPath" -> "";
                    case "getMethod" -> "GET";
                    case "isSecure" -> false; // plain HTTP: no HSTS (PenetrationIT checks it over HTTPS)
                    case "getHeader" -> requestHeaders.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        Answer answer = new Answer();
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }

            @Override
            public void write(int b) {
                answer.body.write(b);
            }
        };
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setStatus" -> answer.status = (int) args[0];
                        case "setHeader" -> answer.headers.put((String) args[0], (String) args[1]);
                        case "setContentType" -> answer.headers.put("Content-Type", (String) args[0]);
                        case "getOutputStream" -> {
                            return out;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });
        servlet.doGet(request, response);
        return answer;
    }

    private Answer get(String uri) throws IOException {
        return get(uri, Map.of());
    }

    @Test
    void servesTheConsoleAtTheRootInChineseFirst() throws IOException {
        Answer a = get("/");
        assertEquals(200, a.status);
        assertEquals("text/html;charset=UTF-8", a.headers.get("Content-Type"));
        assertTrue(a.text().contains("<html lang=\"zh-CN\">"), a.text());
        assertTrue(a.text().contains("js/main.js"));
    }

    @Test
    void everyAnswerForbidsScriptsFromElsewhereAndFraming() throws IOException {
        for (String uri : new String[] {"/", "/js/main.js", "/nothing-here.js"}) {
            String csp = get(uri).headers.get("Content-Security-Policy");
            assertTrue(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), uri + ": " + csp);
        }
        assertEquals("nosniff", get("/css/console.css").headers.get("X-Content-Type-Options"));
    }

    @Test
    void answersNotFoundForPathsOutsideTheConsoleWithoutEchoingMarkup() throws IOException {
        for (String uri : new String[] {"/../org/lvyue/console/internal/ConsoleServlet.class", "/org/lvyue/console/internal/ConsoleServlet.class",
                "/no-such-page.html", "/js"}) {
            assertEquals(404, get(uri).status, uri);
        }
        Answer a = get("/<script>.js");
        assertEquals(404, a.status);
        assertTrue(!a.text().contains("<script>") && a.text().contains("&lt;script&gt;"), a.text());
    }

    @Test
    void aRevalidationWithTheSameVersionIsNotModified() throws IOException {
        Answer first = get("/js/main.js");
        assertEquals("\"1.0.0-42\"", first.headers.get("ETag"));
        assertEquals("no-cache", first.headers.get("Cache-Control"));
        Answer again = get("/js/main.js", Map.of("If-None-Match", "\"1.0.0-42\""));
        assertEquals(304, again.status);
        assertEquals(0, again.body.size());
        assertEquals(200, get("/js/main.js", Map.of("If-None-Match", "\"0.9.0-1\"")).status);
    }

    @Test
    void sendsTheChartLibraryCompressedOnlyToBrowsersThatAcceptGzip() throws IOException {
        byte[] plain = resource("org/lvyue/console/web/vendor/echarts/echarts.min.js");
        Answer gz = get("/vendor/echarts/echarts.min.js", Map.of("Accept-Encoding", "gzip, deflate, br"));
        assertEquals("gzip", gz.headers.get("Content-Encoding"));
        assertEquals("Accept-Encoding", gz.headers.get("Vary"));
        assertEquals("text/javascript;charset=UTF-8", gz.headers.get("Content-Type"));
        assertTrue(gz.body.size() < plain.length / 2, "compressed " + gz.body.size() + " of " + plain.length);
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz.body.toByteArray()))) {
            assertArrayEquals(plain, in.readAllBytes());
        }
        Answer identity = get("/vendor/echarts/echarts.min.js");
        assertNull(identity.headers.get("Content-Encoding"));
        assertArrayEquals(plain, identity.body.toByteArray());
    }

    @Test
    void theChartLibraryShipsWithItsLicences() throws IOException {
        assertTrue(get("/vendor/echarts/LICENSE").text().contains("Apache License"));
        assertTrue(get("/vendor/echarts/NOTICE").text().contains("Apache ECharts"));
        assertTrue(get("/vendor/echarts/LICENSE-zrender").text().contains("BSD 3-Clause"));
        assertTrue(get("/vendor/echarts/LICENSE-d3").status == 200);
    }

    private static byte[] resource(String name) throws IOException {
        URL url = ConsoleServletTest.class.getClassLoader().getResource(name);
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        }
    }
}
