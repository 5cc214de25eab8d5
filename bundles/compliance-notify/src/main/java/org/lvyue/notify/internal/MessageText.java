package org.lvyue.notify.internal;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.lvyue.api.notify.NotificationKind;
import org.lvyue.api.notify.NotificationOutbox;
import org.lvyue.api.notify.OutboxMessage;

/** Writes an outbox message as people read it: Simplified Chinese, with a link to it in the console. */
final class MessageText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));
    private final String consoleBase;

    /** @param consoleBase the console's address as recipients reach it ({@code https://lvyue.example.cn}) */
    MessageText(String consoleBase) {
        String b = consoleBase == null ? "" : consoleBase.trim();
        this.consoleBase = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    /** The console page of what the message is about: the finding, the contract's ledger, or its dashboard. */
    String link(OutboxMessage m) {
        if (m.kind() == NotificationKind.SECURITY_ALARM) {
            return consoleBase + "/#/activity"; // the trail, where the event and what led to it are
        }
        String contract = encode(m.contract());
        if (m.kind() == NotificationKind.LEDGER || m.kind() == NotificationKind.WAIVER && m.severity() == null) {
            return consoleBase + "/#/c/" + contract + "/ledger"; // an amount, or the waiver of one
        }
        if (m.kind() == NotificationKind.DEADLINE || m.kind() == NotificationKind.DIGEST) {
            // the dashboard lists the coming deadlines and the open findings by severity
            return consoleBase + "/#/c/" + contract + "/dashboard";
        }
        return consoleBase + "/#/c/" + contract + "/findings/" + encode(m.ref());
    }

    Rendered render(OutboxMessage m) {
        String severity = m.severity() == null ? "" : "（" + m.severity().label() + "）";
        String subject = "【履约】" + m.kind().label() + severity + "：" + oneLine(m.title());
        String link = link(m);
        StringBuilder text = new StringBuilder();
        StringBuilder md = new StringBuilder("### " + escape(subject) + "\n");
        line(text, md, "合同", NotificationOutbox.PRODUCT.equals(m.contract()) ? "（本产品自身）" : m.contract());
        line(text, md, "类别", m.kind().label());
        if (m.severity() != null) {
            line(text, md, "严重程度", m.severity().label());
        }
        line(text, md, "事项", m.title());
        if (m.amount() != null) {
            line(text, md, "金额", "¥" + money(m.amount()));
        }
        if (m.clause() != null && !m.clause().isBlank()) {
            line(text, md, "合同条款", m.clause());
        }
        if (m.detail() != null && !m.detail().isBlank()) {
            if (m.detail().contains("\n")) {
                // a notice of several lines (a deadline's count, a digest's parts): each its own line in both forms
                text.append("说明：\n").append(m.detail().strip()).append('\n');
                for (String l : m.detail().strip().split("\\R")) {
                    md.append("> ").append(escape(l.length() > 300 ? l.substring(0, 300) + "…" : l)).append("\n");
                }
            } else {
                line(text, md, "说明", m.detail());
            }
        }
        line(text, md, "记录时间", TIME.format(m.createdAt()));
        text.append("查看：").append(link).append('\n');
        md.append("> [在控制台查看](").append(link).append(")\n");
        text.append("消息编号：").append(m.messageId()).append("（重复收到同一编号的消息时，只处理一次）\n");
        md.append("\n消息编号 ").append(escape(m.messageId())).append("\n");
        return new Rendered(subject, text.toString(), md.toString(), link);
    }

    private static void line(StringBuilder text, StringBuilder md, String label, String value) {
        text.append(label).append("：").append(value).append('\n');
        String v = oneLine(value);
        // the robots cut long messages at their end, where the link and the id are: a long detail is cut here instead
        md.append("> **").append(label).append("**：").append(escape(v.length() > 800 ? v.substring(0, 800) + "…" : v))
                .append("\n");
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    /** Markdown's own characters in a value would format it; the robots show them escaped as written. */
    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("[", "\\[").replace("]", "\\]")
                .replace("<", "&lt;").replace(">", "&gt;");
    }

    static String money(BigDecimal amount) {
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(amount);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
