package org.lvyue.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.contract.Party;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.notify.Channel;
import org.lvyue.api.notify.NotificationKind;
import org.lvyue.testing.FakeContracts;
import org.lvyue.testing.FakeParties;
import org.lvyue.testing.FakeSubscriptions;

class SubscriptionsCommandTest {
    private final FakeSubscriptions subscriptions = new FakeSubscriptions();
    private final FakeContracts contracts = new FakeContracts(Sample.TODAY, new Contract(Sample.ID, 4, "安全应用维护服务", "",
            "0733-22182237", new Party("甲方", "北京市人力资源和社会保障局", null, "bj-hrss"),
            new Party("乙方", "北京国信博飞科技发展有限公司", null, "gxbf"), new BigDecimal("6085700.00"), LocalDate.of(2022, 1, 1),
            LocalDate.of(2022, 12, 31), LocalDate.of(2022, 12, 13)));

    private SubscriptionsCommand command() {
        SubscriptionsCommand c = new SubscriptionsCommand();
        c.parties = new FakeParties();
        c.contracts = contracts;
        c.subscriptions = subscriptions;
        c.contract = Sample.ID;
        return c;
    }

    @Test
    @DisplayName("a subscription is added for a party of the contract, listed with its kinds, and removed")
    void addedListedRemoved() throws Exception {
        SubscriptionsCommand add = command();
        add.add = "乙方值班群";
        add.party = "gxbf";
        add.channel = "dingtalk";
        add.target = "https://oapi.dingtalk.com/robot/send?access_token=x";
        add.secret = "SECabc";
        add.kinds = "support_warning,SUPPORT_BREACH";
        assertEquals("已新增通知订阅 #1 (subscription added)", Run.output(add).strip());
        var s = subscriptions.subscriptions.get(0);
        assertEquals(Channel.DINGTALK, s.channel());
        assertEquals(Set.of(NotificationKind.SUPPORT_WARNING, NotificationKind.SUPPORT_BREACH), s.kinds());
        assertEquals(Severity.HIGH, s.minSeverity());

        SubscriptionsCommand list = command();
        list.noFormat = true;
        assertTrue(Run.output(list).contains("1\tgxbf\t乙方值班群\tDINGTALK\thttps://oapi.dingtalk.com/robot/send?access_token=x（加签）"
                + "\tSUPPORT_WARNING,SUPPORT_BREACH\tHIGH"), Run.output(list));

        SubscriptionsCommand remove = command();
        remove.remove = "1";
        assertEquals("已删除通知订阅 #1 (subscription removed)", Run.output(remove).strip());
        assertEquals(List.of("shell subscription-add bj-hrss-2022#1", "shell subscription-remove bj-hrss-2022#1"),
                subscriptions.changes);
    }

    @Test
    @DisplayName("a party outside the contract, an unknown channel or kind is refused in one line, nothing stored")
    void badInputIsOneLine() {
        SubscriptionsCommand add = command();
        add.add = "x";
        add.party = "anwang";
        add.channel = "fax";
        add.target = "a@b.cn";
        add.kinds = "FINDING,GOSSIP";
        String refusal = Run.refusal(add);
        assertTrue(refusal.startsWith("通知订阅有误，未保存 (not saved)：--party 应为本合同的参与机构之一 [bj-hrss, gxbf]"), refusal);
        assertTrue(refusal.contains("--channel") && refusal.contains("--kinds"), refusal);
        assertEquals(List.of(), subscriptions.subscriptions);
    }
}
