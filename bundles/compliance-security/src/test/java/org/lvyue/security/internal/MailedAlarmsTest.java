package org.lvyue.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.notify.Channel;
import org.lvyue.api.notify.NotificationKind;
import org.lvyue.api.notify.NotificationOutbox;
import org.lvyue.api.notify.OutboxMessage;
import org.lvyue.api.security.SecurityAlarms;
import org.lvyue.store.JdbcStore;
import org.lvyue.testing.AnnotationConfigs;
import org.lvyue.testing.SettableClock;

/** The alarms written to the real outbox (an H2 file), raised by the real lockout, on a clock the test moves. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MailedAlarmsTest {
    @TempDir
    Path dir;
    private JdbcStore store;
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-07T01:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void open() {
        store = new JdbcStore("jdbc:h2:file:" + dir.resolve("lvyue"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void a_locked_account_is_mailed_to_each_security_administrator_once_in_the_quiet_period() {
        MailedAlarms alarms = new MailedAlarms(store, config("sec@bureau.example, soc@bureau.example, not-an-address", 10), clock,
                Runnable::run);
        LoginLockout lockout = new LoginLockout(store, store, LoginLockoutTest.config(5, 15, 30, 100, 60), clock, false);
        lockout.alarms = alarms;

        for (int i = 0; i < 5; i++) {
            lockout.failed("zhang", "203.0.113.9");
        }
        List<OutboxMessage> mailed = due();
        assertEquals(List.of("sec@bureau.example", "soc@bureau.example"), mailed.stream().map(OutboxMessage::target).sorted().toList());
        OutboxMessage m = mailed.get(0);
        assertEquals(NotificationKind.SECURITY_ALARM, m.kind());
        assertEquals(NotificationOutbox.PRODUCT, m.contract());
        assertEquals("zhang", m.ref());
        assertEquals("账户 zhang 因连续登录失败被锁定（来自 203.0.113.9）", m.title());
        // locked at 01:00 UTC for 30 minutes: until 09:30 Beijing time, as the trail says it
        assertTrue(m.detail().startsWith("连续 5 次登录失败（15 分钟内），账户锁定至 2026-12-07 09:30:00（30 分钟）"), m.detail());
        assertTrue(m.detail().contains("地址：203.0.113.9"), m.detail());

        // the same event again within ten minutes: not told again; from another address, or after the quiet: told
        alarms.raise(SecurityAlarms.ACCOUNT_LOCKED, "zhang", "203.0.113.9", "again");
        assertEquals(2, due().size());
        alarms.raise(SecurityAlarms.ACCOUNT_LOCKED, "zhang", "198.51.100.1", "elsewhere");
        assertEquals(4, due().size());
        clock.advance(Duration.ofMinutes(10));
        alarms.raise(SecurityAlarms.ACCOUNT_LOCKED, "zhang", "203.0.113.9", "later");
        assertEquals(6, due().size());
    }

    @Test
    void without_addresses_an_alarm_is_only_logged() {
        MailedAlarms alarms = new MailedAlarms(store, config("", 10), clock, Runnable::run);

        alarms.raise(SecurityAlarms.TERMINAL_REFUSED, "wang", "203.0.113.9", "控制台 登录被拒绝");

        assertEquals(List.of(), due());
    }

    private List<OutboxMessage> due() {
        return store.due(Channel.EMAIL, clock.instant().plusSeconds(1), 100);
    }

    private static SecurityConfig config(String mailTo, int quietMinutes) {
        return AnnotationConfigs.of(SecurityConfig.class, Map.of("alarmMailTo", mailTo, "alarmQuietMinutes", quietMinutes));
    }
}
