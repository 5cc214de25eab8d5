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
        assertEquals("请求体超过 32 MB 的上限，未读取也未保存任何内容；请分批提交", body.message());
        assertEquals("最大 32 MB (at most 32 MB)", body.problems().get(0).reason());
        assertEquals("最大 512 KB (at most 512 KB)", ((ApiError) ErrorMappers.tooLarge(512 * 1024).getEntity()).problems().get(0).reason());
    }
}
