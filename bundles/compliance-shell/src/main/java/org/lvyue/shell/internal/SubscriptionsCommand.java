package org.lvyue.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.notify.Channel;
import org.lvyue.api.notify.NotificationKind;
import org.lvyue.api.notify.NotificationSubscriptions;
import org.lvyue.api.notify.Subscription;
import org.lvyue.api.service.Contracts;

/**
 * {@code compliance:subscriptions}: a contract's notification subscriptions (who receives what); {@code --add NAME}
 * with {@code --party --channel --target --kinds} adds one, {@code --remove ID} removes one. The shell's admins act
 * for every party, as the operator does over REST.
 */
@Service
@Command(scope = "compliance", name = "subscriptions", description = "合同的通知订阅：列出；--add 名称 新增（须 --party --channel --target"
        + " --kinds）；--remove 编号 删除 (a contract's notification subscriptions: list, add, remove)")
public class SubscriptionsCommand extends PartiesAction {
    @Reference
    Contracts contracts;

    @Reference
    NotificationSubscriptions subscriptions;

    @Argument(index = 0, name = "contract", required = true, description = "合同编号 (contract id)")
    @Completion(ContractIdCompleter.class)
    String contract;

    @Option(name = "--add", description = "新增订阅，取此名称 (add a subscription of this name)")
    String add;

    @Option(name = "--party", description = "订阅所属的参与机构编号 (the party's organisation)")
    String party;

    @Option(name = "--channel", description = "渠道：EMAIL、WEBHOOK、WECOM 或 DINGTALK (the channel)")
    String channel;

    @Option(name = "--target", description = "邮箱地址或网址 (address or URL)")
    String target;

    @Option(name = "--secret", description = "钉钉加签密钥 (DingTalk signing secret)")
    String secret;

    @Option(name = "--kinds", description = "通知类别，逗号分隔：FINDING,LEDGER,SUPPORT_WARNING,SUPPORT_BREACH,DEADLINE,DIGEST,WAIVER (the kinds, comma-separated)")
    String kinds;

    @Option(name = "--min-severity", description = "新违约事项的最低严重程度，默认 HIGH (least severity of findings)")
    String minSeverity;

    @Option(name = "--remove", description = "删除此编号的订阅 (remove the subscription of this id)")
    String remove;

    @Option(name = "--no-format", description = "不画表格，制表符分隔，便于脚本处理 (plain tab-separated output for scripts)")
    boolean noFormat;

    @Argument(index = 1, name = TRAILING, multiValued = true, description = "选项也可写在参数之后 (options may follow the arguments)")
    List<String> options;

    @Override
    void run(PrintStream out) throws Exception {
        Contract c = contract(contracts, contract);
        if (add != null && remove != null) {
            throw fail("--add 与 --remove 只能选一个 (one of --add and --remove)");
        }
        if (add != null) {
            Subscription s = subscriptions.addSubscription(parsed(c), actor(), ADDRESS);
            out.println("已新增通知订阅 #" + s.id() + " (subscription added)");
            return;
        }
        if (remove != null) {
            long id = idOf("--remove", remove, "订阅编号");
            if (!subscriptions.removeSubscription(contract, id, actor(), ADDRESS)) {
                throw fail("合同 '" + contract + "' 没有编号为 " + id + " 的通知订阅 (no such subscription)");
            }
            out.println("已删除通知订阅 #" + id + " (subscription removed)");
            return;
        }
        Table table = Table.of("编号 (id)", "机构 (party)", "名称 (name)", "渠道 (channel)", "接收 (target)", "类别 (kinds)",
                "最低严重程度 (min)").alignRight(0).emptyText("没有通知订阅 (no subscriptions)");
        for (Subscription s : subscriptions.subscriptions(contract)) {
            table.row(s.id(), s.party(), s.name(), s.channel(), s.target() + (s.secret() != null ? "（加签）" : ""),
                    s.kinds().stream().sorted().map(Enum::name).collect(Collectors.joining(",")), s.minSeverity());
        }
        table.print(out, !noFormat);
    }

    private Subscription parsed(Contract c) throws Exception {
        List<String> problems = new ArrayList<>();
        if (party == null || !c.organisations().contains(party.trim())) {
            problems.add("--party 应为本合同的参与机构之一 " + c.organisations() + " (one of the contract's organisations)");
        }
        Channel ch = null;
        try {
            ch = Channel.valueOf(String.valueOf(channel).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("--channel 应为 " + Arrays.toString(Channel.values()) + " 之一 (the channel)");
        }
        if (target == null || target.isBlank()) {
            problems.add("--target 不能为空 (the address or URL)");
        }
        Set<NotificationKind> ks = EnumSet.noneOf(NotificationKind.class);
        for (String k : String.valueOf(kinds).split(",")) {
            try {
                ks.add(NotificationKind.ofContracts(k));
            } catch (IllegalArgumentException e) {
                problems.add("--kinds 应为 " + NotificationKind.contractKinds() + " 中的一项或多项，逗号分隔：'" + k + "'");
                break;
            }
        }
        Severity min = Severity.HIGH;
        if (minSeverity != null) {
            try {
                min = Severity.valueOf(minSeverity.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("--min-severity 应为 " + Arrays.toString(Severity.values()) + " 之一");
            }
        }
        if (!problems.isEmpty()) {
            throw fail("通知订阅有误，未保存 (not saved)：" + String.join("；", problems));
        }
        return new Subscription(0, c.id(), party.trim(), add.trim(), ch, target.trim(), secret, ks, min, null, null);
    }
}
