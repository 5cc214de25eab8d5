package org.lvyue.core.internal;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.dashboard.Dashboard;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.ledger.LedgerEntry;
import org.lvyue.api.notify.NotificationKind;
import org.lvyue.api.notify.Notice;

/**
 * A contract's daily digest (每日摘要), once per contract and day: its open findings by severity (as the dashboard
 * counts them), the findings and ledger amounts recorded in the past day, the deadlines of the coming week (the
 * dashboard's).
 */
final class DailyDigest {
    /** Lines listed per part; the rest is counted. */
    static final int LISTED = 10;

    private DailyDigest() {
    }

    /**
     * @param dashboard the contract's dashboard of the day
     * @param findings  the contract's recorded findings
     * @param since     the start of the past day: findings first seen and amounts first recorded from then on are new
     * @param newKeys   the keys of the ledger amounts first recorded since then
     * @param ledger    the ledger of the day's evaluation, for those amounts' titles and sums
     */
    static Notice of(Contract contract, LocalDate day, Dashboard dashboard, List<FindingRecord> findings, Instant since,
                     Set<String> newKeys, List<LedgerEntry> ledger) {
        StringBuilder d = new StringBuilder();
        d.append("未关闭违约事项（不含已豁免）：");
        int open = 0;
        StringBuilder bySeverity = new StringBuilder();
        for (Severity s : Severity.values()) {
            int n = dashboard.openBySeverity().getOrDefault(s, 0);
            open += n;
            bySeverity.append(bySeverity.isEmpty() ? "" : "、").append(s.label()).append(" ").append(n);
        }
        d.append(open).append(" 项（").append(bySeverity).append("）\n");

        List<FindingRecord> fresh = findings.stream().filter(r -> r.firstSeenAt() != null && !r.firstSeenAt().isBefore(since))
                .sorted(Comparator.comparing((FindingRecord r) -> r.finding().getSeverity()).thenComparing(FindingRecord::firstSeenAt))
                .toList();
        d.append("过去一天新增违约事项：").append(fresh.size()).append(" 项\n");
        fresh.stream().limit(LISTED).forEach(r -> d.append("· [").append(r.finding().getSeverity().label()).append("] ")
                .append(r.finding().getTitle()).append('\n'));
        more(d, fresh.size());

        List<LedgerEntry> amounts = ledger.stream().filter(e -> newKeys.contains(e.getKey())).toList();
        BigDecimal sum = amounts.stream().map(LedgerEntry::getAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        d.append("过去一天新增台账金额：").append(amounts.size()).append(" 笔").append(amounts.isEmpty() ? "" : "，合计 ¥" + money(sum))
                .append('\n');
        amounts.stream().limit(LISTED).forEach(e -> d.append("· ").append(e.getTitle()).append("：¥").append(money(e.getAmount()))
                .append("（").append(e.getPayer().label()).append("支付）\n"));
        more(d, amounts.size());

        List<Dashboard.Deadline> coming = dashboard.deadlines();
        d.append("未来 ").append(Dashboards.DEADLINE_DAYS).append(" 日到期：").append(coming.size()).append(" 项\n");
        coming.stream().limit(LISTED).forEach(x -> d.append("· ").append(x.date()).append("（")
                .append(DeadlineNotices.weekday(x.date())).append("）").append(x.title()).append('\n'));
        more(d, coming.size());

        return new Notice(contract.id(), NotificationKind.DIGEST, "digest/" + day, day.toString(), null,
                contract.name() + " 每日摘要 " + day + "：未关闭 " + open + " 项，新增 " + fresh.size() + " 项",
                d.toString().strip(), null);
    }

    private static void more(StringBuilder d, int size) {
        if (size > LISTED) {
            d.append("· …… 另 ").append(size - LISTED).append(" 项，请在控制台查看\n");
        }
    }

    private static String money(BigDecimal amount) {
        return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(amount);
    }
}
