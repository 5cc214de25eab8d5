package org.lvyue.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.lvyue.api.activity.ActivityLog;
import org.lvyue.api.security.LoginAttempts;
import org.lvyue.api.security.SecurityAlarms;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed logins per account and per address: {@code lockoutFailures} failures of one account within the window
 * lock it for {@code lockoutMinutes}; an address past {@code addressFreeFailures} failures waits before each next try,
 * twice as long after each further failure. Locks and their release go to the activity trail; a sweep every few
 * seconds releases the locks whose time is up and forgets what the window no longer counts.
 *
 * <p>Kept in memory, on this node: a restart forgets the counts and releases the locks (the trail keeps them). At most
 * {@value #MAX_TRACKED} accounts and addresses are tracked each, so a flood of made-up names cannot fill the heap.
 */
@Component(service = LoginAttempts.class, configurationPid = SecurityPolicy.PID, immediate = true)
public final class LoginLockout implements LoginAttempts {
    static final int MAX_TRACKED = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(LoginLockout.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"));

    private final ActivityLog trail;
    private final Clock clock;
    // the limits, replaced in place by a configuration change (the locks and counts stay)
    private volatile int failuresToLock;
    private volatile Duration window;
    private volatile Duration lockTime;
    private volatile int freeFailures;
    private volatile Duration maxDelay;
    private final ScheduledExecutorService sweeper;
    /** Guarded by this: failure times per account (within the window), and the locks. */
    private final Map<String, Deque<Instant>> accountFailures = new HashMap<>();
    private final Map<String, Lock> locks = new HashMap<>();
    private final Map<String, AddressState> addresses = new HashMap<>();

    private static final class AddressState {
        final Deque<Instant> failures = new ArrayDeque<>();
        Instant waitUntil = Instant.MIN;
    }

    /** Told of each lock; absent while the notifications' store is (the trail has the lock anyway). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile SecurityAlarms alarms;

    @Activate
    public LoginLockout(@Reference ActivityLog trail, SecurityConfig config) {
        this(trail, config, Clock.systemUTC(), true);
    }

    LoginLockout(ActivityLog trail, SecurityConfig config, Clock clock, boolean sweep) {
        this.trail = trail;
        this.clock = clock;
        modified(config);
        if (sweep) {
            sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lvyue-login-lockout");
                t.setDaemon(true);
                return t;
            });
            sweeper.scheduleWithFixedDelay(this::sweep, 5, 5, TimeUnit.SECONDS);
        } else {
            sweeper = null;
        }
    }

    /**
     * New limits apply from the next login on; the locks and failures counted so far stay. In place, so a change of the
     * security configuration does not take this service away from the REST API for a moment.
     */
    @Modified
    void modified(SecurityConfig config) {
        failuresToLock = Math.max(1, config.lockoutFailures());
        window = Duration.ofMinutes(Math.max(1, config.lockoutWindowMinutes()));
        lockTime = Duration.ofMinutes(Math.max(1, config.lockoutMinutes()));
        freeFailures = Math.max(1, config.addressFreeFailures());
        maxDelay = Duration.ofSeconds(Math.max(1, config.addressMaxDelaySeconds()));
    }

    @Deactivate
    void deactivate() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }

    @Override
    public synchronized Wait refusal(String user, String address) {
        Instant now = clock.instant();
        Lock lock = user == null ? null : locks.get(user);
        if (lock != null && now.isBefore(lock.until())) {
            return new Wait("账户 " + user + " 因连续 " + lock.failures() + " 次登录失败已被锁定，将于 " + TIME.format(lock.until())
                    + " 自动解除；如需提前解除，请联系安全管理员（compliance:unlock " + user + "）",
                    "Account " + user + " is locked after " + lock.failures() + " failed logins until " + lock.until()
                            + "; a security administrator can release it earlier", seconds(now, lock.until()));
        }
        AddressState a = address == null ? null : addresses.get(address);
        if (a != null && now.isBefore(a.waitUntil)) {
            return new Wait("来自 " + address + " 的登录失败次数过多，请于 " + seconds(now, a.waitUntil) + " 秒后再试",
                    "Too many failed logins from " + address + "; try again in " + seconds(now, a.waitUntil) + " s",
                    seconds(now, a.waitUntil));
        }
        return null;
    }

    @Override
    public void failed(String user, String address) {
        Lock locked = null;
        synchronized (this) {
            Instant now = clock.instant();
            if (address != null) {
                AddressState a = tracked(addresses, address, AddressState::new);
                if (a != null) {
                    recent(a.failures, now).addLast(now);
                    int beyond = a.failures.size() - freeFailures;
                    if (beyond > 0) {
                        long delay = Math.min(maxDelay.toSeconds(), 1L << Math.min(30, beyond - 1));
                        a.waitUntil = now.plusSeconds(delay);
                    }
                }
            }
            if (user != null && !locks.containsKey(user)) {
                Deque<Instant> failures = tracked(accountFailures, user, ArrayDeque::new);
                if (failures != null) {
                    recent(failures, now).addLast(now);
                    if (failures.size() >= failuresToLock) {
                        locked = new Lock(user, now, now.plus(lockTime), failures.size(), address);
                        locks.put(user, locked);
                        accountFailures.remove(user);
                    }
                }
            }
        }
        if (locked != null) {
            LOG.warn("Account '{}' locked until {} after {} failed logins, the last from {}", user, locked.until(),
                    locked.failures(), address);
            String detail = "连续 " + locked.failures() + " 次登录失败（" + window.toMinutes()
                    + " 分钟内），账户锁定至 " + TIME.format(locked.until()) + "（" + lockTime.toMinutes() + " 分钟）";
            record(user, address, ActivityLog.ACCOUNT_LOCK, detail);
            SecurityAlarms told = alarms;
            if (told != null) {
                told.raise(SecurityAlarms.ACCOUNT_LOCKED, user, address, detail);
            }
        }
    }

    @Override
    public synchronized void succeeded(String user, String address) {
        if (user != null) {
            accountFailures.remove(user);
        }
        if (address != null) {
            addresses.remove(address);
        }
    }

    @Override
    public synchronized List<Lock> locks() {
        Instant now = clock.instant();
        return locks.values().stream().filter(l -> now.isBefore(l.until())).sorted(Comparator.comparing(Lock::until)).toList();
    }

    @Override
    public boolean unlock(String user, String by) {
        Lock released;
        synchronized (this) {
            released = locks.remove(user);
            accountFailures.remove(user);
        }
        if (released == null || !clock.instant().isBefore(released.until())) {
            if (released != null) {
                record(user, null, ActivityLog.ACCOUNT_UNLOCK, "锁定期满自动解除（锁定至 " + TIME.format(released.until()) + "）");
            }
            return false;
        }
        record(by, null, ActivityLog.ACCOUNT_UNLOCK, user, "由 " + by + " 提前解除账户 " + user + " 的锁定（原定锁定至 "
                + TIME.format(released.until()) + "）");
        return true;
    }

    /** Releases the locks whose time is up (each recorded), and forgets failures the window no longer counts. */
    void sweep() {
        List<Lock> ended;
        synchronized (this) {
            Instant now = clock.instant();
            ended = locks.values().stream().filter(l -> !now.isBefore(l.until())).toList();
            ended.forEach(l -> locks.remove(l.user()));
            accountFailures.values().removeIf(d -> recent(d, now).isEmpty());
            addresses.values().removeIf(a -> recent(a.failures, now).isEmpty() && !now.isBefore(a.waitUntil));
        }
        for (Lock l : ended) {
            record(l.user(), null, ActivityLog.ACCOUNT_UNLOCK, "锁定期满自动解除（锁定至 " + TIME.format(l.until()) + "）");
        }
    }

    private Deque<Instant> recent(Deque<Instant> failures, Instant now) {
        Instant from = now.minus(window);
        while (!failures.isEmpty() && failures.peekFirst().isBefore(from)) {
            failures.pollFirst();
        }
        return failures;
    }

    /** The entry of {@code key}, made if there is room; null when {@value #MAX_TRACKED} others are tracked already. */
    private static <T> T tracked(Map<String, T> map, String key, java.util.function.Supplier<T> make) {
        T t = map.get(key);
        if (t == null && map.size() < MAX_TRACKED) {
            t = make.get();
            map.put(key, t);
        }
        return t;
    }

    private static long seconds(Instant now, Instant until) {
        return Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
    }

    private void record(String user, String address, String action, String detail) {
        record(user, address, action, user, detail);
    }

    private void record(String user, String address, String action, String target, String detail) {
        try {
            trail.record(user, address, action, target, detail);
        } catch (RuntimeException e) {
            LOG.error("Activity NOT recorded: user={} address={} action={} detail={}", user, address, action, detail, e);
        }
    }
}
