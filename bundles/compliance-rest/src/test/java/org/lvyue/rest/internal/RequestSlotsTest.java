package org.lvyue.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The API's requests at once, bounded: past the slots a 503 with Retry-After in the API's error shape. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RequestSlotsTest {

    @Test
    void past_its_slots_a_request_is_refused_after_the_wait_and_a_slot_given_back_is_taken_by_a_waiting_one() throws Exception {
        RequestSlots slots = new RequestSlots(2, Duration.ZERO);
        assertTrue(slots.enter());
        assertTrue(slots.enter());
        assertFalse(slots.enter(), "both slots taken: refused at once with no wait");

        RequestSlots patient = new RequestSlots(1, Duration.ofSeconds(30));
        assertTrue(patient.enter());
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(patient::enter);
        assertFalse(waiting.isDone());
        patient.leave();
        assertTrue(waiting.get(30, TimeUnit.SECONDS), "the slot given back went to the request waiting for it");
        assertEquals(0, patient.free());
    }

    @Test
    void the_refusal_is_503_with_retry_after_and_the_reason_in_chinese_first() throws Exception {
        Map<String, String> headers = new HashMap<>();
        int[] status = new int[1];
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
        // a response that keeps what is set on it: no servlet container runs in these tests
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "setStatus" -> {
                        status[0] = (Integer) args[0];
                        yield null;
                    }
                    case "setHeader" -> {
                        headers.put((String) args[0], (String) args[1]);
                        yield null;
                    }
                    case "setContentType" -> {
                        headers.put("Content-Type", (String) args[0]);
                        yield null;
                    }
                    case "getOutputStream" -> out;
                    default -> null;
                });

        RequestSlots.refuse(response);

        assertEquals(503, status[0]);
        assertEquals("1", headers.get("Retry-After"));
        ApiError e = RestServlet.mapper().readValue(body.toString(StandardCharsets.UTF_8), ApiError.class);
        assertEquals("unavailable", e.error());
        assertTrue(e.message().startsWith("服务繁忙"), e.message());
    }
}
