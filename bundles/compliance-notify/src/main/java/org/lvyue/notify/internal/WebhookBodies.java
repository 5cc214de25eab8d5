package org.lvyue.notify.internal;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lvyue.api.notify.OutboxMessage;

/**
 * The JSON a webhook receives: the generic format (every field of the message, its stable {@code id} first), or the
 * {@code markdown} message of the 企业微信 and 钉钉 group robots (which take no id of their own, so the text names it).
 */
final class WebhookBodies {
    /** 企业微信 refuses markdown content over 4096 bytes; 钉钉's limit is larger. */
    static final int ROBOT_MAX_BYTES = 4000;
    private final ObjectMapper json = new ObjectMapper();

    byte[] body(OutboxMessage m, Rendered text) {
        ObjectNode root = json.createObjectNode();
        switch (m.channel()) {
            case WECOM -> {
                root.put("msgtype", "markdown");
                root.putObject("markdown").put("content", fit(text.markdown()));
            }
            case DINGTALK -> {
                root.put("msgtype", "markdown");
                root.putObject("markdown").put("title", text.subject()).put("text", fit(text.markdown()));
            }
            default -> {
                root.put("id", m.messageId());
                root.put("kind", m.kind().name());
                root.put("kindLabel", m.kind().label());
                root.put("contract", m.contract());
                root.put("ref", m.ref());
                root.put("severity", m.severity() == null ? null : m.severity().name());
                root.put("title", m.title());
                root.put("detail", m.detail());
                root.put("clause", m.clause());
                if (m.amount() != null) {
                    root.put("amount", m.amount());
                }
                root.put("createdAt", m.createdAt().toString());
                root.put("link", text.link());
                root.put("subject", text.subject());
                root.put("text", text.text());
            }
        }
        try {
            return json.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always writes", e);
        }
    }

    /** Cut at a character boundary to the robots' limit, saying it was cut. */
    static String fit(String markdown) {
        byte[] bytes = markdown.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= ROBOT_MAX_BYTES) {
            return markdown;
        }
        String cut = new String(bytes, 0, ROBOT_MAX_BYTES - 40, StandardCharsets.UTF_8);
        if (cut.endsWith("\uFFFD")) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "\n\n……（内容过长，已截断）";
    }
}
