package org.lvyue.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RequestLimitsTest {
    private final RequestLimits limits = new RequestLimits(1000, 5000, 3000);

    @Test
    void bundles_and_certificates_have_their_own_limits_and_every_other_body_the_general_one() {
        assertEquals(3000, limits.limitOf("domains"));
        assertEquals(5000, limits.limitOf("contracts/bj-hrss-2022/certificates"));
        assertEquals(1000, limits.limitOf("contracts/bj-hrss-2022/facts"));
        assertEquals(1000, limits.limitOf("contracts/bj-hrss-2022/audit-events"));
        assertEquals(1000, limits.limitOf("contracts"));
        assertEquals(1000, limits.limitOf("domains/org.lvyue.x"));
    }

    @Test
    void the_defaults_are_32_mb_for_bodies_256_mb_for_certificates_and_20_mb_for_bundles() {
        RequestLimits d = RequestLimits.defaults();
        assertEquals(32L << 20, d.maxRequestBytes);
        assertEquals(256L << 20, d.maxCertificateBytes);
        assertEquals(20L << 20, d.maxBundleBytes);
    }

    @Test
    void a_body_without_a_length_is_refused_as_soon_as_it_passes_the_limit() throws Exception {
        InputStream in = new RequestLimits.Bounded(new ByteArrayInputStream(new byte[1001]), 1000);
        byte[] buffer = new byte[600];
        assertEquals(600, in.read(buffer));
        RequestLimits.TooLargeException e = assertThrows(RequestLimits.TooLargeException.class, () -> in.read(buffer));
        assertEquals(413, e.getResponse().getStatus());
        assertEquals(1000, e.limit);

        InputStream exact = new RequestLimits.Bounded(new ByteArrayInputStream(new byte[1000]), 1000);
        assertEquals(1000, exact.readAllBytes().length);
    }

    @Test
    void the_refusal_says_the_limit_in_chinese_first() {
        ApiError body = (ApiError) ErrorMappers.tooLarge(32L << 20).getEntity();
        assertEquals(413, body.status());
        assertEquals("payload-too-large", body.error());
        assertEquals("请求体超过 32 MB 的上限，未保存任何内容；请分批提交", body.message());
        assertEquals("最大 32 MB (at most 32 MB)", body.problems().get(0).reason());
        assertEquals("最大 512 KB (at most 512 KB)", ((ApiError) ErrorMappers.tooLarge(512 * 1024).getEntity()).problems().get(0).reason());
    }

    /** A request to {@code path} with these headers and body, as Jersey hands it to the filters. */
    private static javax.ws.rs.container.ContainerRequestContext request(String path, java.util.Map<String, String> headers, byte[] body) {
        java.util.Map<String, Object> properties = new java.util.HashMap<>();
        InputStream[] entity = {new ByteArrayInputStream(body)};
        javax.ws.rs.core.UriInfo uri = (javax.ws.rs.core.UriInfo) java.lang.reflect.Proxy.newProxyInstance(RequestLimitsTest.class.getClassLoader(),
                new Class<?>[] {javax.ws.rs.core.UriInfo.class}, (proxy, m, args) -> m.getName().equals("getPath") ? path : null);
        return (javax.ws.rs.container.ContainerRequestContext) java.lang.reflect.Proxy.newProxyInstance(RequestLimitsTest.class.getClassLoader(),
                new Class<?>[] {javax.ws.rs.container.ContainerRequestContext.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getUriInfo" -> uri;
                    case "getHeaderString" -> headers.get((String) args[0]);
                    case "getEntityStream" -> entity[0];
                    case "setEntityStream" -> {
                        entity[0] = (InputStream) args[0];
                        yield null;
                    }
                    case "getProperty" -> properties.get((String) args[0]);
                    case "setProperty" -> properties.put((String) args[0], args[1]);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static javax.ws.rs.core.MultivaluedMap<String, Object> respond(RequestLimits limits,
                                                                           javax.ws.rs.container.ContainerRequestContext request) {
        javax.ws.rs.core.MultivaluedMap<String, Object> headers = new javax.ws.rs.core.MultivaluedHashMap<>();
        javax.ws.rs.container.ContainerResponseContext response = (javax.ws.rs.container.ContainerResponseContext)
                java.lang.reflect.Proxy.newProxyInstance(RequestLimitsTest.class.getClassLoader(),
                        new Class<?>[] {javax.ws.rs.container.ContainerResponseContext.class},
                        (proxy, m, args) -> m.getName().equals("getHeaders") ? headers : null);
        limits.filter(request, response);
        return headers;
    }

    @Test
    void a_declared_length_beyond_the_limit_is_refused_unread_and_the_connection_closed() {
        var request = request("contracts/x/facts", java.util.Map.of("Content-Length", "1001"), new byte[1001]);
        assertThrows(RequestLimits.TooLargeException.class, () -> limits.filter(request));
        assertEquals("close", respond(limits, request).getFirst("Connection"));
    }

    @Test
    void a_body_read_to_its_end_keeps_the_connection_and_one_left_half_read_closes_it() throws Exception {
        var whole = request("contracts/x/facts", java.util.Map.of("Content-Length", "10"), new byte[10]);
        limits.filter(whole);
        assertEquals(10, whole.getEntityStream().readAllBytes().length);
        assertEquals(null, respond(limits, whole).getFirst("Connection"));

        var half = request("contracts/x/facts", java.util.Map.of("Transfer-Encoding", "chunked"), new byte[10]);
        limits.filter(half);
        assertEquals(5, half.getEntityStream().read(new byte[5]));
        assertEquals("close", respond(limits, half).getFirst("Connection"));

        var none = request("contracts/x/findings", java.util.Map.of(), new byte[0]);
        limits.filter(none);
        assertEquals(null, respond(limits, none).getFirst("Connection"));
    }
}
