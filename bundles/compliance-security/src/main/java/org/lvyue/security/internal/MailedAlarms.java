package org.lvyue.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.lvyue.api.notify.NotificationOutbox;
import org.lvyue.api.security.SecurityAlarms;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The security alarms as e-mails to the addresses of {@code alarmMailTo}, written to the notifications' outbox (sent by
 * its e-mail worker, retried like every message); each one also a WARN line in the log. The same event of the same
 * account and address is told once per {@code alarmQuietMinutes} on this node.
 */
@Component(service = SecurityAlarms.class, configurationPid = SecurityPolicy.PID, immediate = true)
public final class MailedAlarms implements SecurityAlarms {
    private static final Logger LOG = LoggerFactory.getLogger(MailedAlarms.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"));
    /** More distinct events than this in one quiet period: the oldest are forgotten (and may be told again). */
    private static final int MAX_REMEMBERED = 10_000;

    private final NotificationOutbox outbox;
    private final Clock clock;
    private final Map<String, Instant> told = new ConcurrentHashMap<>();
    private volatile List<String> mailTo = List.of();
    private volatile Duration quiet = Duration.ofMinutes(10);

    /** Writes the alarms to the outbox: never on the thread that raised one, which may hold a connection of the store. */
    private final java.util.concurrent.Executor writer;

    @Activate
    public MailedAlarms(@Reference NotificationOutbox outbox, SecurityConfig config) {
        this(outbox, config, Clock.systemUTC(), new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.ArrayBlockingQueue<>(1000), r -> {
                    Thread t = new Thread(r, "lvyue-security-alarms");
                    t.setDaemon(true);
                    return t;
                }, (r, pool) -> LOG.error("Security alarms: 1,000 wait to be written already; one more is in the log only")));
    }

    /** @param writer runs the outbox writes (tests: at once, on the caller) */
    MailedAlarms(NotificationOutbox outbox, SecurityConfig config, Clock clock, java.util.concurrent.Executor writer) {
        this.outbox = outbox;
        this.clock = clock;
        this.writer = writer;
        modified(config);
    }

    @org.osgi.service.component.annotations.Deactivate
    void deactivate() {
        if (writer instanceof java.util.concurrent.ExecutorService pool) {
            pool.shutdown(); // those queued are still written
        }
    }

    @Modified
    void modified(SecurityConfig config) {
        List<String> to = new ArrayList<>();
        for (String a : config.alarmMailTo().split(",")) {
            String address = a.trim();
            if (address.isEmpty()) {
                continue;
            }
            if (!address.matches("[^@\\s]+@[^@\\s]+")) {
                LOG.error("etc/org.lvyue.security.cfg: alarmMailTo 中的 '{}' 不是电子邮件地址，已忽略 (not an e-mail address, left out)", address);
                continue;
            }
            to.add(address);
        }
        mailTo = List.copyOf(to);
        quiet = Duration.ofMinutes(Math.max(1, config.alarmQuietMinutes()));
    }

    @Override
    public void raise(String event, String user, String address, String detail) {
        LOG.warn("Security alarm {}: account '{}' from {}: {}", event, user, address, detail);
        List<String> to = mailTo;
        if (to.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        String key = event + "\n" + user + "\n" + address;
        Instant last = told.get(key);
        if (last != null && now.isBefore(last.plus(quiet))) {
            return;
        }
        if (told.size() >= MAX_REMEMBERED) {
            told.clear();
        }
        told.put(key, now);
        String title = switch (event) {
            case ACCOUNT_LOCKED -> "账户 " + user + " 因连续登录失败被锁定（来自 " + address + "）";
            case TERMINAL_REFUSED -> "管理员账户 " + user + " 从管理网段以外的地址 " + address + " 登录或操作，已拒绝";
            case SEAL_BROKEN -> "访问控制信息完整性校验失败：" + user + " 的记录在产品之外被写入或改动，已不予采用";
            default -> "账户 " + user + "（来自 " + address + "）：" + event;
        };
        String text = detail + "\n账户：" + user + "\n地址：" + address + "\n时间：" + TIME.format(now)
                + "\n同一账户与地址的同类告警 " + quiet.toMinutes() + " 分钟内只发一次；详情见活动记录（审计管理员）。";
        writer.execute(() -> {
            try {
                outbox.writeAlarm(key + "\n" + now, user, title, text, to, now);
            } catch (RuntimeException e) {
                // the path that raised it went on: the trail and the log have the event
                LOG.error("Security alarm {} of '{}' could not be written to the outbox: {}", event, user, e.toString());
            }
        });
    }
}
