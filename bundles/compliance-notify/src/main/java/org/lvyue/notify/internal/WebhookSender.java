package org.lvyue.notify.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.lvyue.api.notify.Channel;
import org.lvyue.api.notify.OutboxMessage;

/**
 * Webhooks: a JSON POST in the generic format, or in the 企业微信 or 钉钉 group robot's, a 钉钉 robot's URL signed when
 * the subscription has its secret. Accepted means a 2xx answer, and for the robots an {@code errcode} of 0 too (they
 * answer 200 to a refused message). Connecting and the whole exchange are bounded by the timeout.
 */
final class WebhookSender implements Sender {
    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();
    private final WebhookBodies bodies;
    private final Clock clock;

    WebhookSender(Duration timeout, WebhookBodies bodies, Clock clock) {
        this.timeout = timeout;
        this.bodies = bodies;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void send(OutboxMessage m, Rendered text) throws IOException, InterruptedException {
        String url = m.target();
        if (m.channel() == Channel.DINGTALK && m.secret() != null) {
            url = DingTalkSignature.signedUrl(url, m.secret(), clock.millis());
        }
        byte[] body = bodies.body(m, text);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("X-Lvyue-Message-Id", m.messageId())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw new IOException("HTTP " + response.statusCode() + " " + abbreviated(response.body()));
        }
        if (m.channel() == Channel.WECOM || m.channel() == Channel.DINGTALK) {
            JsonNode answer;
            try {
                answer = json.readTree(response.body());
            } catch (IOException e) {
                throw new IOException("the robot's answer is not JSON: " + abbreviated(response.body()), e);
            }
            if (answer == null || answer.path("errcode").asInt(-1) != 0) {
                throw new IOException("the robot refused the message: " + abbreviated(response.body()));
            }
        }
    }

    private static String abbreviated(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
