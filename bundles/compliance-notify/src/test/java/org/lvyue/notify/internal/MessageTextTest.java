package org.lvyue.notify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.notify.Channel;
import org.lvyue.api.notify.NotificationKind;
import org.lvyue.api.notify.OutboxMessage;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MessageTextTest {
    private final MessageText text = new MessageText("https://lvyue.example.cn/console/");

    private static OutboxMessage message(NotificationKind kind, String ref, Severity severity, BigDecimal amount) {
        return new OutboxMessage(1, "lvyue-1", "bj hrss/2022", 1, Channel.EMAIL, "a@b.cn", null, kind, ref, severity,
                "工单 T-1 须在 11:00 前到场（剩余 15 分）", "报修时间 2023-03-01T09:00", "附件三 x.x.6", amount,
                Instant.parse("2023-03-01T02:45:00Z"), 0, null, null, null);
    }

    @Test
    void a_finding_links_to_its_page_in_the_console_with_contract_and_key_encoded() {
        OutboxMessage m = message(NotificationKind.SUPPORT_WARNING, "support/附件三 x.x.6 上门：即将超时/T-1", Severity.INFO, null);
        assertEquals("https://lvyue.example.cn/console/#/c/bj%20hrss%2F2022/findings/"
                + "support%2F%E9%99%84%E4%BB%B6%E4%B8%89%20x.x.6%20%E4%B8%8A%E9%97%A8%EF%BC%9A%E5%8D%B3%E5%B0%86%E8%B6%85%E6%97%B6%2FT-1",
                text.link(m));
        Rendered r = text.render(m);
        assertEquals("【履约】工单即将超时（提示）：工单 T-1 须在 11:00 前到场（剩余 15 分）", r.subject());
        assertTrue(r.text().contains("记录时间：2023-03-01 10:45:00\n"), r.text());
        assertTrue(r.text().contains("消息编号：lvyue-1"), r.text());
    }

    @Test
    void a_ledger_amount_shows_the_yuan_with_separators_and_links_to_the_ledger() {
        Rendered r = text.render(message(NotificationKind.LEDGER, "七.1/Q1", null, new BigDecimal("182571.00")));
        assertTrue(r.text().contains("金额：¥182,571.00\n"), r.text());
        assertEquals("https://lvyue.example.cn/console/#/c/bj%20hrss%2F2022/ledger", r.link());
        assertTrue(r.subject().startsWith("【履约】新增台账金额："), r.subject());
    }

    @Test
    void markdown_characters_in_a_title_are_shown_as_written() {
        Rendered r = text.render(message(NotificationKind.FINDING, "k", Severity.HIGH, null));
        assertTrue(r.markdown().contains("> [在控制台查看](https://lvyue.example.cn/console/#/c/"), r.markdown());
        Rendered starred = new MessageText("http://x").render(new OutboxMessage(1, "id", "c", 1, Channel.WECOM, "http://x", null,
                NotificationKind.FINDING, "k", Severity.HIGH, "a*b_c", null, null, null, Instant.EPOCH, 0, null, null, null));
        assertTrue(starred.markdown().contains("a\\*b\\_c"), starred.markdown());
    }

    @Test
    void a_digest_links_to_the_dashboard_and_keeps_each_of_its_lines_in_the_robots_markdown() {
        OutboxMessage m = new OutboxMessage(1, "lvyue-2", "bj-hrss-2022", 1, Channel.WECOM, "http://x", null,
                NotificationKind.DIGEST, "2023-03-01", null, "安全应用维护服务 每日摘要 2023-03-01：未关闭 3 项，新增 1 项",
                "未关闭违约事项（不含已豁免）：3 项\n过去一天新增违约事项：1 项\n· [高] 证书*过期", null, null,
                Instant.parse("2023-03-01T00:30:00Z"), 0, null, null, null);
        Rendered r = text.render(m);
        assertEquals("https://lvyue.example.cn/console/#/c/bj-hrss-2022/dashboard", r.link());
        assertEquals("【履约】每日摘要：安全应用维护服务 每日摘要 2023-03-01：未关闭 3 项，新增 1 项", r.subject());
        assertTrue(r.markdown().contains("> 过去一天新增违约事项：1 项\n> · \\[高\\] 证书\\*过期\n"), r.markdown());
        assertTrue(r.text().contains("说明：\n未关闭违约事项（不含已豁免）：3 项\n过去一天新增违约事项：1 项\n"), r.text());
    }
}
