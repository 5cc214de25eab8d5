package org.lvyue.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.After;
import org.junit.Test;

/**
 * The distribution flooded on one contract by writers that all start at once, its intake queue bounded to
 * two batches ({@code etc/org.lvyue.intake.cfg}): every answer is 200, or 429 (queue full) or 503 (every
 * request slot taken) with Retry-After, never a timeout or another error; a refused batch retried after
 * Retry-After with the same ids is stored whole (so the refusal stored none of it); afterwards every
 * acknowledged fact is in the store, once.
 */
public class OverloadIT {
    private static final int PORT = 8195;
    private static final String FACTS = "/api/contracts/bj-hrss-2022/facts";
    private static final int WRITERS = 24;
    private static final int BATCHES = 6;
    private static final int BATCH = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path dir = Path.of("target", "overload-karaf").toAbsolutePath();
    private KarafProcess karaf;

    @After
    public void stop() throws IOException {
        if (karaf != null) {
            karaf.close();
        }
    }

    private static String batch(String name) {
        StringJoiner json = new StringJoiner(",", "[", "]");
        for (int i = 0; i < BATCH; i++) {
            json.add("{\"id\":\"" + name + "-" + i + "\",\"kind\":\"drill.performed\",\"date\":\"2022-06-15\","
                    + "\"attributes\":{\"scenario\":\"断电演练 " + i + "\"}}");
        }
        return json.toString();
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(karaf.base + FACTS)).timeout(Duration.ofSeconds(60))
                .header("Authorization", Http.authorization(karaf.base + "/api", FACTS.substring(4), "engineer"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    public void a_flooded_contract_answers_200_or_429_with_retry_after_and_keeps_every_acknowledged_fact() throws Exception {
        karaf = KarafProcess.start(dir, PORT, 0, Map.of("org.lvyue.intake.cfg", Map.of("maxQueuedBatches", "2")));
        karaf.awaitUp();
        karaf.awaitFindingsCurrent("bj-hrss-2022");
        long before = karaf.get(FACTS + "?kind=drill.performed&limit=1", "evaluator").json().path("total").asLong();

        Map<String, String> unexpected = new ConcurrentHashMap<>();
        AtomicInteger refusals = new AtomicInteger();
        AtomicInteger acknowledged = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    for (int b = 0; b < BATCHES; b++) {
                        String name = "flood-w" + writer + "-b" + b;
                        String body = batch(name);
                        boolean refusedBefore = false;
                        for (int attempt = 0; attempt < 100; attempt++) {
                            HttpResponse<String> r = post(body);
                            if (r.statusCode() == 200) {
                                JsonNode answer = JSON.readTree(r.body());
                                if (refusedBefore && answer.path("stored").asInt() != BATCH) {
                                    unexpected.put(name, "retried after 429 but not stored whole: " + r.body());
                                }
                                acknowledged.incrementAndGet();
                                break;
                            }
                            if (r.statusCode() != 429 && r.statusCode() != 503) {
                                unexpected.put(name, r.statusCode() + " " + r.body());
                                break;
                            }
                            String retryAfter = r.headers().firstValue("Retry-After").orElse(null);
                            if (retryAfter == null || Long.parseLong(retryAfter) < 1 || !r.body().contains("未")) {
                                unexpected.put(name, r.statusCode() + " without a Retry-After of whole seconds or the reason: "
                                        + r.headers().map() + " " + r.body());
                                break;
                            }
                            refusals.incrementAndGet();
                            refusedBefore = true;
                            // the client's part of the protocol: wait as told, then the same batch, same ids
                            Thread.sleep(Long.parseLong(retryAfter) * 1000);
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    unexpected.put("writer " + writer, e.toString());
                }
            }, "flood-" + w);
            t.start();
            writers.add(t);
        }
        go.countDown();
        for (Thread t : writers) {
            t.join(600_000);
            assertTrue(t.getName() + " finished", !t.isAlive());
        }

        assertTrue("only 200, and 429 or 503 with Retry-After, no timeout or error: " + unexpected, unexpected.isEmpty());
        assertEquals(WRITERS * BATCHES, acknowledged.get());
        assertTrue("a queue of two batches and " + WRITERS + " writers at once: some batches were refused", refusals.get() > 0);
        long after = karaf.get(FACTS + "?kind=drill.performed&limit=1", "evaluator").json().path("total").asLong();
        assertEquals("every acknowledged fact is stored, once", (long) WRITERS * BATCHES * BATCH, after - before);
        JsonNode integrity = karaf.get("/api/contracts/bj-hrss-2022/integrity", "evaluator").json();
        assertTrue(integrity.toString(), integrity.path("intact").asBoolean());
    }
}
