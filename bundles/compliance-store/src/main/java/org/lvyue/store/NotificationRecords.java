package org.lvyue.store;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.ledger.LedgerEntry;
import org.lvyue.api.security.FieldCipher;
import org.lvyue.api.notify.Channel;
import org.lvyue.api.notify.NotificationKind;
import org.lvyue.api.notify.NotificationOutbox;
import org.lvyue.api.notify.NotificationSubscriptions;
import org.lvyue.api.notify.Notice;
import org.lvyue.api.notify.OutboxMessage;
import org.lvyue.api.notify.Subscription;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.waiver.Waiver;

/**
 * Subscriptions and the outbox over their tables. {@link #enqueue} is called inside the transaction that records a
 * reconciliation, so a message exists exactly when the change that caused it was committed.
 */
final class NotificationRecords implements NotificationOutbox, NotificationSubscriptions {
    /** The key of {@code notify_ledger_seen} asking the next reconciliation to take the ledger as told (see V13). */
    static final String PRIME = "*";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>,;\"]+@[^@\\s<>,;\"]+\\.[^@\\s<>,;\"]+");
    private static final int MAX_NAME = 200;
    private static final int MAX_TARGET = 2000;
    /** Printable ASCII, as 钉钉's secrets are ({@code SEC} and 64 hex digits): its encrypted form fits the column. */
    private static final int MAX_SECRET = 256;

    private final Database database;
    private final Clock clock;
    private final ActivityTable activity;
    private final SubscriptionTable subscriptions;
    private final OutboxTable outbox;

    /** @param cipher encrypts 钉钉's signing secrets; null stores them as they are (a tool's or a test's store) */
    NotificationRecords(Database database, Clock clock, Dialect dialect, ActivityTable activity, FieldCipher cipher) {
        this.database = database;
        this.clock = clock;
        this.activity = activity;
        this.subscriptions = new SubscriptionTable(dialect, new SealedColumn(cipher, "notify_subscription.secret"));
        this.outbox = new OutboxTable(dialect, new SealedColumn(cipher, "notify_outbox.secret"));
    }

    // ------------------------------------------------------------ written with a reconciliation

    /**
     * Writes the messages a reconciliation causes, for the contract's subscriptions that want them: each newly
     * opened finding (support-request warnings and breaches by their own kinds), each ledger amount whose key was
     * never told before. Runs in the caller's transaction.
     *
     * @param opened the findings the reconciliation opened (new, or reopened)
     * @param ledger the evaluation's ledger
     * @return the messages written
     */
    List<OutboxMessage> enqueue(Connection c, String contractId, List<FindingRecord> opened, List<LedgerEntry> ledger,
                                Instant at) throws SQLException {
        List<LedgerEntry> newAmounts = newAmounts(c, contractId, ledger, at);
        if (opened.isEmpty() && newAmounts.isEmpty()) {
            return List.of();
        }
        List<Subscription> subs = subscriptions.ofContract(c, contractId);
        if (subs.isEmpty()) {
            return List.of();
        }
        List<OutboxMessage> messages = new ArrayList<>();
        for (FindingRecord r : opened) {
            Finding f = r.finding();
            NotificationKind kind = kindOf(f);
            for (Subscription s : subs) {
                if (s.wants(kind, f.getSeverity())) {
                    // a support request's warning and breach happen once: whichever evaluation opens it (a batch's, or
                    // the clock's when only time passed, on this node or another) writes the same message, written once
                    String id = kind == NotificationKind.FINDING ? randomId() : stableId(contractId, kind, f.getKey(), s.id());
                    messages.add(message(id, s, kind, f.getKey(), f.getSeverity(), f.getTitle(), f.getDetail(), f.getClause(),
                            null, at));
                }
            }
        }
        for (LedgerEntry e : newAmounts) {
            for (Subscription s : subs) {
                if (s.wants(NotificationKind.LEDGER, null)) {
                    messages.add(message(randomId(), s, NotificationKind.LEDGER, e.getKey(), null, e.getTitle(),
                            e.getKind() + "，由" + e.getPayer().label() + "支付；" + e.getFormula(), e.getClause(), e.getAmount(), at));
                }
            }
        }
        outbox.insert(c, messages);
        return messages;
    }

    /** Support-request findings are warnings (INFO, before the deadline) or breaches; the others are findings. */
    static NotificationKind kindOf(Finding f) {
        String obligation = f.getObligationId();
        if ("support".equals(f.getDomain()) && obligation != null
                && (obligation.equals("support.phone") || obligation.equals("support.onsite"))) {
            return f.getSeverity() == Severity.INFO ? NotificationKind.SUPPORT_WARNING : NotificationKind.SUPPORT_BREACH;
        }
        return NotificationKind.FINDING;
    }

    private static OutboxMessage message(String messageId, Subscription s, NotificationKind kind, String ref, Severity severity,
                                         String title, String detail, String clause, java.math.BigDecimal amount, Instant at) {
        return new OutboxMessage(0, messageId, s.contract(), s.id(), s.channel(), s.target(), s.secret(),
                kind, ref, severity, title, detail, clause, amount, at, 0, at, null, null);
    }

    private static String randomId() {
        return "lvyue-" + UUID.randomUUID();
    }

    /** The same id for the same message to the same recipient, wherever and however often it is written. */
    static String stableId(String contract, NotificationKind kind, String once, long subscription) {
        return "lvyue-" + UUID.nameUUIDFromBytes((contract + "\n" + kind.name() + "\n" + once + "\n" + subscription)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Writes the notice to each subscription wanting it, unless that recipient has it already. Runs in the caller's transaction. */
    int writeNotice(Connection c, Notice n, Instant at) throws SQLException {
        List<OutboxMessage> messages = new ArrayList<>();
        for (Subscription s : subscriptions.ofContract(c, n.contract())) {
            if (s.wants(n.kind(), n.severity())) {
                messages.add(message(stableId(n.contract(), n.kind(), n.once(), s.id()), s, n.kind(), n.ref(), n.severity(),
                        n.title(), n.detail(), n.clause(), null, at));
            }
        }
        return outbox.insert(c, messages);
    }

    /**
     * The message of a waiver granted or withdrawn ({@link NotificationKind#WAIVER}): once per waiver and event.
     *
     * @param severity the waived finding's severity, or null for a ledger amount (the message links to the one or
     *                 the other)
     */
    static Notice waiverNotice(Waiver w, Severity severity, boolean withdrawn) {
        String what = w.target() == Waiver.Target.FINDING ? "违约事项" : "台账金额";
        StringBuilder d = new StringBuilder();
        d.append("豁免对象：").append(what).append(" ").append(w.key()).append('\n');
        d.append("豁免理由：").append(w.justification()).append('\n');
        d.append("批准人：").append(w.createdBy()).append(w.expiresOn() == null ? "，长期有效" : "，有效至 " + w.expiresOn());
        if (withdrawn) {
            d.append('\n').append("撤销人：").append(w.withdrawnBy())
                    .append(w.withdrawReason() == null || w.withdrawReason().isBlank() ? "" : "，理由：" + w.withdrawReason());
        }
        return new Notice(w.contractId(), NotificationKind.WAIVER, "waiver/" + w.id() + (withdrawn ? "/withdrawn" : "/granted"),
                w.key(), severity, (withdrawn ? "豁免 #" + w.id() + " 已撤销：" : "豁免 #" + w.id() + " 已批准：") + what + " " + w.key(),
                d.toString(), null);
    }

    /** The ledger amounts never told for the contract, noted as told; none on the first reconciliation after V13. */
    private static List<LedgerEntry> newAmounts(Connection c, String contractId, List<LedgerEntry> ledger, Instant at)
            throws SQLException {
        Set<String> seen = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT entry_key FROM notify_ledger_seen WHERE contract_id = ?")) {
            ps.setString(1, contractId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seen.add(rs.getString(1));
                }
            }
        }
        List<LedgerEntry> fresh = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (LedgerEntry e : ledger) {
            if (!seen.contains(e.getKey()) && keys.add(e.getKey())) {
                fresh.add(e);
            }
        }
        if (!fresh.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO notify_ledger_seen (contract_id, entry_key, seen_at)"
                    + " VALUES (?, ?, ?)")) {
                for (LedgerEntry e : fresh) {
                    ps.setString(1, contractId);
                    ps.setString(2, e.getKey());
                    // the first reconciliation of a store upgraded from before V13 takes its ledger as told, not as new
                    ps.setObject(3, seen.contains(PRIME) ? null : Sql.timestamp(at));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (seen.contains(PRIME)) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM notify_ledger_seen WHERE contract_id = ? AND entry_key = ?")) {
                ps.setString(1, contractId);
                ps.setString(2, PRIME);
                ps.executeUpdate();
            }
            return List.of();
        }
        return fresh;
    }

    // ------------------------------------------------------------ the outbox

    @Override
    public List<OutboxMessage> due(Channel channel, Instant now, int limit) {
        return database.read("reading the due " + channel + " messages", c -> outbox.due(c, channel, now, limit));
    }

    /** The contract's latest messages, newest first. */
    List<OutboxMessage> messages(String contract, int limit) {
        return database.read("reading the messages of contract " + contract, c -> outbox.ofContract(c, contract, limit));
    }

    @Override
    public int writeNotice(Notice notice, Instant at) {
        return database.transaction("writing the " + notice.kind() + " notice " + notice.once() + " of contract "
                + notice.contract(), c -> writeNotice(c, notice, at));
    }

    @Override
    public int writeAlarm(String once, String ref, String title, String detail, java.util.Collection<String> mailTo,
                          Instant at) {
        List<OutboxMessage> messages = new ArrayList<>();
        for (String to : new java.util.TreeSet<>(mailTo)) {
            String id = stableId(PRODUCT, NotificationKind.SECURITY_ALARM, once + "\n" + to, 0);
            messages.add(new OutboxMessage(0, id, PRODUCT, 0, Channel.EMAIL, to, null, NotificationKind.SECURITY_ALARM, ref,
                    null, title, detail, null, null, at, 0, at, null, null));
        }
        return database.transaction("writing the security alarm " + once, c -> outbox.insert(c, messages));
    }

    @Override
    public boolean lease(String task, String holder, Instant now, Instant until) {
        return database.transaction("taking the lease on " + task, c -> outbox.lease(c, task, holder, now, until));
    }

    @Override
    public List<String> ledgerKeysSince(String contract, Instant since) {
        return database.read("reading the new ledger amounts of contract " + contract, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT entry_key FROM notify_ledger_seen WHERE contract_id = ?"
                    + " AND seen_at >= ? ORDER BY entry_key")) {
                ps.setString(1, contract);
                ps.setObject(2, Sql.timestamp(since));
                List<String> keys = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        keys.add(rs.getString(1));
                    }
                }
                return keys;
            }
        });
    }

    @Override
    public boolean claim(long id, Instant due, Instant until) {
        return database.transaction("claiming message " + id, c -> outbox.claim(c, id, due, until));
    }

    @Override
    public boolean markSent(long id, Instant at) {
        return database.transaction("marking message " + id + " sent", c -> outbox.markSent(c, id, at));
    }

    @Override
    public void markFailed(long id, String error, Instant retryAt) {
        database.transaction("noting a failed attempt of message " + id, c -> {
            outbox.markFailed(c, id, error, retryAt);
            return null;
        });
    }

    @Override
    public void postpone(long id, Instant until) {
        database.transaction("postponing message " + id, c -> {
            outbox.postpone(c, id, until);
            return null;
        });
    }

    @Override
    public Depth depth() {
        return database.read("counting the outbox", outbox::depth);
    }

    @Override
    public java.util.Map<Channel, Depth> depths() {
        return database.read("counting the outbox per channel", outbox::depths);
    }

    @Override
    public int purge(Instant sentBefore, Instant givenUpBefore, int limit) {
        if (limit <= 0) {
            return 0;
        }
        return database.transaction("purging the outbox", c -> outbox.purge(c, sentBefore, givenUpBefore, limit));
    }

    // ------------------------------------------------------------ subscriptions

    @Override
    public List<Subscription> subscriptions(String contract) {
        return database.read("listing the subscriptions of contract " + contract, c -> subscriptions.ofContract(c, contract));
    }

    @Override
    public Optional<Subscription> subscription(String contract, long id) {
        return database.read("reading subscription " + id + " of contract " + contract, c -> subscriptions.find(c, contract, id));
    }

    @Override
    public Subscription addSubscription(Subscription s, String actor, String address) {
        checked(s);
        return database.transaction("adding a subscription to contract " + s.contract(), c -> {
            Subscription added = subscriptions.insert(c, s, actor, clock.instant());
            activity.insert(c, clock.instant(), actor, address, SUBSCRIPTION_ADD, s.contract(), "新增通知订阅 #" + added.id()
                    + "（" + s.party() + "，" + s.channel().label() + "，" + s.name() + "）：" + SubscriptionTable.kinds(s.kinds()));
            return added;
        });
    }

    @Override
    public boolean removeSubscription(String contract, long id, String actor, String address) {
        return database.transaction("removing subscription " + id + " of contract " + contract, c -> {
            boolean removed = subscriptions.remove(c, contract, id);
            if (removed) {
                activity.insert(c, clock.instant(), actor, address, SUBSCRIPTION_REMOVE, contract, "删除通知订阅 #" + id);
            }
            return removed;
        });
    }

    /** Field by field, reasons in Chinese first; nothing is stored when one is wrong. */
    static void checked(Subscription s) {
        List<FactProblem> problems = new ArrayList<>();
        String name = s.name() == null ? "" : s.name();
        if (name.isBlank() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            problems.add(new FactProblem(-1, "name", "订阅名称不能为空，至多 " + MAX_NAME + " 个字符，不含控制字符"
                    + " (the name must not be empty, at most " + MAX_NAME + " characters, no control characters)"));
        }
        String target = s.target();
        if (target.length() > MAX_TARGET || target.chars().anyMatch(Character::isISOControl)) {
            problems.add(new FactProblem(-1, "target", "接收地址至多 " + MAX_TARGET + " 个字符，不含控制字符"
                    + " (the target is at most " + MAX_TARGET + " characters, no control characters)"));
        } else if (s.channel() == Channel.EMAIL && !EMAIL.matcher(target).matches()) {
            problems.add(new FactProblem(-1, "target", "邮件渠道的接收地址应为一个电子邮件地址：'" + target + "'"
                    + " (an e-mail channel's target is one e-mail address)"));
        } else if (s.channel() != Channel.EMAIL && !httpUrl(target)) {
            problems.add(new FactProblem(-1, "target", s.channel().label() + " 渠道的接收地址应为 http 或 https 网址：'" + target + "'"
                    + " (a webhook's target is an http or https URL)"));
        }
        if (s.secret() != null) {
            if (s.channel() != Channel.DINGTALK) {
                problems.add(new FactProblem(-1, "secret", "只有钉钉渠道使用加签密钥 (only the DingTalk channel takes a signing secret)"));
            } else if (s.secret().isBlank() || s.secret().length() > MAX_SECRET || !s.secret().matches("[\\x21-\\x7e]+")) {
                problems.add(new FactProblem(-1, "secret", "加签密钥不能为空，至多 " + MAX_SECRET + " 个可见 ASCII 字符"
                        + " (the signing secret must not be empty: at most " + MAX_SECRET + " printable ASCII characters)"));
            }
        }
        if (s.kinds().isEmpty()) {
            problems.add(new FactProblem(-1, "kinds", "至少订阅一种通知 (at least one kind)"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("通知订阅数据有误，未保存：" + problems.get(0).field() + "：" + problems.get(0).reason(),
                    problems);
        }
    }

    private static boolean httpUrl(String s) {
        try {
            URI u = new URI(s);
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
