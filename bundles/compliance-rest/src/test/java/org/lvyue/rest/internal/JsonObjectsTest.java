package org.lvyue.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.service.InvalidInputException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A batch's JSON array as the API reads it: what is not a batch is refused with the reason, and nothing is read of it. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class JsonObjectsTest {
    private final ObjectMapper mapper = RestServlet.mapper(1 << 20);

    private List<Map<String, Object>> read(String body, int max) throws Exception {
        return Params.jsonObjects(mapper, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "事实", max);
    }

    @Test
    void what_is_not_a_batch_is_refused_as_before_with_the_same_reason() {
        assertEquals("请求体必须是事实的 JSON 数组", refused("{\"id\":\"F-1\"}", 10).getMessage());
        assertEquals("请求体必须是事实的 JSON 数组", refused("", 10).getMessage());
        assertEquals("事实数组为空", refused("[]", 10).getMessage());
        InvalidInputException many = refused("[{},{},{},7]", 2);
        assertEquals("一批最多 2 条事实", many.getMessage());
        assertEquals("收到 4 条，请分批提交", many.problems().get(0).reason());
        InvalidInputException notObject = refused("[{}, 7, {}]", 10);
        assertEquals("第 1 条不是 JSON 对象", notObject.getMessage());
        assertEquals(1, notObject.problems().get(0).index());
    }

    @Test
    void malformed_json_duplicate_keys_and_anything_after_the_array_are_refused() {
        for (String body : List.of("[{\"id\":1}", "[{\"id\":1,\"id\":2}]", "[{\"id\":1}] {\"more\":2}", "[{\"id\": }]")) {
            JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> read(body, 10), body);
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), body);
        }
    }

    private InvalidInputException refused(String body, int max) {
        return assertThrows(InvalidInputException.class, () -> read(body, max), body);
    }
}
