package org.lvyue.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;

/** Swagger UI at /api/docs on the bundle's real files (the webjar's, unpacked by the build, and the page's own). */
class ApiDocsServletTest {
    private final ApiDocsServlet servlet = new ApiDocsServlet(ApiDocsServletTest.class.getClassLoader()::getResource, "1.0.0-42");

    private record Answer(int status, Map<String, String> headers, String body) {
    }

    private Answer get(String pathInfo) throws IOException {
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getPathInfo" -> pathInfo;
                    case "getRequestURI" -> "/api/docs" + (pathInfo == null ? "" : pathInfo);
                    case "getHeader" -> null;
                    case "isSecure" -> false; // plain HTTP: no HSTS (PenetrationIT checks it over HTTPS)
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        int[] status = {200};
        Map<String, String> headers = new HashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
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
                body.write(b);
            }
        };
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setStatus" -> status[0] = (int) args[0];
                        case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                        case "setContentType" -> headers.put("Content-Type", (String) args[0]);
                        case "getOutputStream" -> {
                            return out;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });
        servlet.doGet(request, response);
        return new Answer(status[0], headers, body.toString(StandardCharsets.UTF_8));
    }

    @Test
    void the_page_loads_swagger_ui_from_the_product_on_the_apis_own_description() throws IOException {
        Answer page = get("/");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<script src=\"swagger-ui-bundle.js\">"), page.body());
        Answer init = get("/initializer.js");
        assertTrue(init.body().contains("url: '/api/openapi.json'") && init.body().contains("validatorUrl: null"), init.body());
        Answer bundle = get("/swagger-ui-bundle.js");
        assertEquals(200, bundle.status());
        assertEquals("text/javascript;charset=UTF-8", bundle.headers().get("Content-Type"));
        assertTrue(bundle.body().length() > 500_000, "the webjar's bundle: " + bundle.body().length());
        assertEquals(200, get("/swagger-ui.css").status());
        assertTrue(page.headers().get("Content-Security-Policy").contains("script-src 'self'"));
    }

    @Test
    void the_bare_path_is_sent_to_the_folder_and_nothing_else_of_the_bundle_is_served() throws IOException {
        Answer bare = get(null);
        assertEquals(301, bare.status());
        assertEquals("/api/docs/", bare.headers().get("Location"));
        assertEquals(404, get("/../web/index.html").status());
        assertEquals(404, get("/nothing.js").status());
    }
}
