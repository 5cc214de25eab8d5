package org.lvyue.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.service.InvalidInputException;

/** How malformed bodies and parameters are refused: the status, the field and a reason in Chinese first. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BadInputMappingTest {
    private final ObjectMapper mapper = RestServlet.mapper();

    private ApiError refusal(String json) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> mapper.readTree(json));
        return (ApiError) new ErrorMappers.BadJson().toResponse(e).getEntity();
    }

    @Test
    void a_full_queue_is_429_and_a_busy_node_503_each_with_retry_after_in_whole_seconds() {
        javax.ws.rs.core.Response full = new ErrorMappers.Busy().toResponse(new org.lvyue.api.service.BusyException(
                org.lvyue.api.service.BusyException.Reason.QUEUE_FULL, "合同 x 待评估的批次已满", java.time.Duration.ofMillis(1500)));
        assertEquals(429, full.getStatus());
        assertEquals("2", full.getHeaderString("Retry-After"));
        assertEquals("合同 x 待评估的批次已满", ((ApiError) full.getEntity()).message());
        javax.ws.rs.core.Response busy = new ErrorMappers.Busy().toResponse(new org.lvyue.api.service.BusyException(
                org.lvyue.api.service.BusyException.Reason.NO_CAPACITY, "报告生成繁忙", java.time.Duration.ZERO));
        assertEquals(503, busy.getStatus());
        assertEquals("1", busy.getHeaderString("Retry-After"), "never less than a second");
        assertEquals("unavailable", ((ApiError) busy.getEntity()).error());
    }

    @Test
    void nesting_beyond_32_levels_is_refused_with_the_limit_in_chinese() throws Exception {
        ApiError e = refusal("[".repeat(33) + "]".repeat(33));
        assertEquals(400, e.status());
        assertEquals("json-limit-exceeded", e.error());
        assertEquals("请求体超出 JSON 限制：嵌套超过 32 层", e.message());
        assertEquals(32 + 32, mapper.readTree("[".repeat(32) + "]".repeat(32)).toString().length(), "32 levels still read");
    }

    @Test
    void a_number_of_more_than_100_digits_is_refused() {
        ApiError e = refusal("[" + "9".repeat(101) + "]");
        assertEquals("请求体超出 JSON 限制：数字超过 100 位", e.message());
    }

    @Test
    void invalid_utf8_is_named_as_such_with_line_and_column() {
        byte[] body = "[{\"a\":\"\u00ff\u00fe\"}]".getBytes(StandardCharsets.ISO_8859_1);
        JsonProcessingException ex = assertThrows(JsonProcessingException.class, () -> mapper.readTree(body));
        ApiError e = (ApiError) new ErrorMappers.BadJson().toResponse(ex).getEntity();
        assertTrue(e.message().startsWith("请求体不是合法的 UTF-8 编码：第 1 行第"), e.message());
    }

    @Test
    void an_unknown_field_of_a_typed_body_is_named_with_the_fields_it_accepts() {
        JsonProcessingException ex = assertThrows(JsonProcessingException.class,
                () -> mapper.readValue("{\"document\":\"AA==\",\"signature\":\"AA==\",\"extra\":1}", SignatureResource.VerifyRequest.class));
        ApiError e = (ApiError) new ErrorMappers.BadJson().toResponse(ex).getEntity();
        assertEquals("unknown-field", e.error());
        assertEquals("extra", e.problems().get(0).field());
        assertEquals("未知字段；允许的字段: [document, signature]", e.problems().get(0).reason());
    }

    @Test
    void a_value_of_the_wrong_type_in_a_typed_body_is_named_with_the_type_expected() {
        JsonProcessingException ex = assertThrows(JsonProcessingException.class,
                () -> mapper.readValue("{\"document\":[1],\"signature\":\"AA==\"}", SignatureResource.VerifyRequest.class));
        ApiError e = (ApiError) new ErrorMappers.BadJson().toResponse(ex).getEntity();
        assertEquals("wrong-type", e.error());
        assertEquals("document", e.problems().get(0).field());
        assertTrue(e.problems().get(0).reason().endsWith("应为字符串"), e.problems().get(0).reason());
    }

    @Test
    void a_misspelt_field_of_an_object_body_is_refused_by_name() throws Exception {
        JsonNode body = mapper.readTree("{\"target\":\"FINDING\",\"key\":\"k\",\"justification\":\"j\",\"expires\":\"2023-01-01\"}");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Params.onlyFields(body, Set.of("target", "key", "justification", "expiresOn")));
        assertEquals("expires", e.problems().get(0).field());
        assertEquals("应为字符串，收到 number", assertThrows(InvalidInputException.class,
                () -> Params.string(mapper.readTree("{\"key\":5}"), "key")).problems().get(0).reason());
        assertNull(Params.string(mapper.readTree("{\"key\":null}"), "key"));
    }

    @Test
    void dates_must_exist_and_have_a_four_digit_year() {
        assertEquals(LocalDate.of(2022, 2, 28), Params.date("asOf", "2022-02-28", null));
        for (String bad : new String[] {"2022-02-30", "+99999-01-01", "0000-01-01", "2022-1-1", "tomorrow"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Params.date("asOf", bad, null), bad);
            assertEquals("asOf", e.problems().get(0).field());
        }
    }

    @Test
    void a_body_that_is_not_utf8_is_refused_with_its_line_instead_of_being_stored_garbled() {
        byte[] gbk = "{\n\"name\": \"安全\"\n}".getBytes(java.nio.charset.Charset.forName("GBK"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Params.utf8(gbk));
        assertEquals("第 2 行（第 12 个字节）不是合法的 UTF-8 字节序列", e.problems().get(0).reason());
        assertEquals("安全", Params.utf8("安全".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void a_file_name_is_a_name_never_a_path() {
        assertEquals("certs 2022.zip", Params.fileName("name", " certs 2022.zip "));
        assertEquals("证书😀.pem", Params.fileName("name", "证书😀.pem"));
        for (String bad : new String[] {"../../etc/passwd", "..", "a\\b.jar", "/tmp/x", "a\r\nb", "x\u0000.jar", "half\ud800"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Params.fileName("name", bad), bad);
            assertEquals("name", e.problems().get(0).field());
        }
    }

    @Test
    void a_domain_bundle_naming_a_path_as_its_domain_is_not_deployable() {
        assertTrue(DeployFolder.DOMAIN_ID.matcher("emergency-drill").matches());
        for (String bad : new String[] {"../x", "a/b", "Drill", "x\r\nSet-Cookie: a", ""}) {
            assertTrue(!DeployFolder.DOMAIN_ID.matcher(bad).matches(), bad);
        }
    }
}
