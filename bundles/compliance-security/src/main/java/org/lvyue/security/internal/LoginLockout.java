package org.lvyue.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
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
import org.lvyue.api.store.AccountLocks;
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
 * <p>An account's failures and its lock are kept in the database ({@link AccountLocks}): every node of a cluster counts
 * them together and honours the lock (a lock made on another node within a second: the locks are read once a second for
 * the question every request asks), and a restart releases nothing early. An address's slowing down is this node's
 * own, in memory (a throttle, forgotten at a restart), for at most {@value #MAX_TRACKED} addresses, so that a flood of
 * made-up addresses cannot fill the heap.
 */
@Component(service = LoginAttempts.class, configurationPid = SecurityPolicy.PID, immediate = true)
public final class LoginLockout implements LoginAttempts {
    static final int MAX_TRACKED = 10_000;
    /** The longest account name the database keeps as it is; a longer (made-up) one is counted by its digest. */
    static final int MAX_NAME = 200;
    private static final Logger LOG = LoggerFactory.getLogger(LoginLockout.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"));

    private final ActivityLog trail;
    private final AccountLocks accounts;
    private final Clock clock;
    // the limits, replaced in place by a configuration change (the locks and counts stay)
    private volatile int failuresToLock;
    private volatile Duration window;
    private volatile Duration lockTime;
    private volatile int freeFailures;
    private volatile Duration maxDelay;
    private final ScheduledExecutorService sweeper;
    /** How long the locks read from the database answer {@link #refusal}: a lock made on another node shows within it. */
    static final long LOCKS_FRESH_NANOS = 1_000_000_000L;
    /**
     * The locks as last read, for the question every request asks ({@link #refusal}): one query a second at most, not
     * one per request; null when a change on this node made it stale.
     */
    private volatile LocksRead locksRead;

    private record LocksRead(Map<String, Lock> locks, long atNanos) {
    }

    /** Guarded by itself: the failures and wait of each address. */
    private final Map<String, AddressState> addresses = new HashMap<>();

    private static final class AddressState {
        final Deque<Instant> failures = new ArrayDeque<>();
        Instant waitUntil = Instant.MIN;
    }

    /** Told of each lock; absent while the notifications' store is (the trail has the lock anyway). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile SecurityAlarms alarms;

    @Activate
    public LoginLockout(@Reference ActivityLog trail, @Reference AccountLocks accounts, SecurityConfig config) {
        this(trail, accounts, config, Clock.systemUTC(), true);
    }

    LoginLockout(ActivityLog trail, AccountLocks accounts, SecurityConfig config, Clock clock, boolean sweep) {
        this.trail = trail;
        this.accounts = accounts;
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
    public Wait refusal(String user, String address) {
        Instant now = clock.instant();
        Lock lock = user == null ? null : currentLocks().get(account(user));
        if (lock != null && now.isBefore(lock.until())) {
            return new Wait("账户 " + user + " 因连续 " + lock.failures() + " 次登录失败已被锁定，将于 " + TIME.format(lock.until())
                    + " 自动解除；如需提前解除，请联系安全管理员（compliance:unlock " + user + "）",
                    "Account " + user + " is locked after " + lock.failures() + " failed logins until " + lock.until()
                            + "; a security administrator can release it earlier", seconds(now, lock.until()));
        }
        Instant waitUntil;
        synchronized (addresses) {
            AddressState a = address == null ? null : addresses.get(address);
            waitUntil = a == null ? Instant.MIN : a.waitUntil;
        }
        if (now.isBefore(waitUntil)) {
            return new Wait("来自 " + address + " 的登录失败次数过多，请于 " + seconds(now, waitUntil) + " 秒后再试",
                    "Too many failed logins from " + address + "; try again in " + seconds(now, waitUntil) + " s",
                    seconds(now, waitUntil));
        }
        return null;
    }

    @Override
    public void failed(String user, String address) {
        Instant now = clock.instant();
        if (address != null) {
            slowDown(address, now);
        }
        if (user == null) {
            return;
        }
        String account = account(user);
        Lock held = accounts.lock(account).orElse(null);
        if (held != null && now.isBefore(held.until())) {
            return; // locked: a failure now changes nothing
        }
        if (held != null) {
            released(held); // ended, not yet swept: this failure counts towards a new lock
        }
        int failures = accounts.failed(account, now, now.minus(window));
        if (failures < failuresToLock) {
            return;
        }
        Lock locked = new Lock(account, now, now.plus(lockTime), failures, address);
        boolean lockedHere = accounts.lock(locked);
        locksRead = null; // read again, with this lock, by the next question
        if (!lockedHere) {
            return; // another node's failure locked it a moment ago, and recorded it
        }
        LOG.warn("Account '{}' locked until {} after {} failed logins, the last from {}", account, locked.until(),
                locked.failures(), address);
        String detail = "连续 " + locked.failures() + " 次登录失败（" + window.toMinutes()
                + " 分钟内），账户锁定至 " + TIME.format(locked.until()) + "（" + lockTime.toMinutes() + " 分钟）";
        record(account, address, ActivityLog.ACCOUNT_LOCK, detail);
        SecurityAlarms told = alarms;
        if (told != null) {
            told.raise(SecurityAlarms.ACCOUNT_LOCKED, account, address, detail);
        }
    }

    /** The locks held, as read at most {@link #LOCKS_FRESH_NANOS} ago. */
    private Map<String, Lock> currentLocks() {
        LocksRead read = locksRead;
        long now = System.nanoTime();
        if (read == null || now - read.atNanos() > LOCKS_FRESH_NANOS) {
            Map<String, Lock> locks = new HashMap<>();
            accounts.locks().forEach(l -> locks.put(l.user(), l));
            read = new LocksRead(Map.copyOf(locks), now);
            locksRead = read;
        }
        return read.locks();
    }

    /** Counts a failure against the address, and makes it wait once past its free failures. */
    private void slowDown(String address, Instant now) {
        synchronized (addresses) {
            AddressState a = addresses.get(address);
            if (a == null && addresses.size() < MAX_TRACKED) {
                a = new AddressState();
                addresses.put(address, a);
            }
            if (a == null) {
                return; // no room: not slowed, the heap stays bounded
            }
            recent(a.failures, now).addLast(now);
            int beyond = a.failures.size() - freeFailures;
            if (beyond > 0) {
                long delay = Math.min(maxDelay.toSeconds(), 1L << Math.min(30, beyond - 1));
                a.waitUntil = now.plusSeconds(delay);
            }
        }
    }

    @Override
    public void succeeded(String user, String address) {
        if (user != null) {
            accounts.forgetFailures(account(user));
        }
        if (address != null) {
            synchronized (addresses) {
                addresses.remove(address);
            }
        }
    }

    @Override
    public List<Lock> locks() {
        Instant now = clock.instant();
        return accounts.locks().stream().filter(l -> now.isBefore(l.until())).toList();
    }

    @Override
    public boolean unlock(String user, String by) {
        String account = account(user);
        accounts.forgetFailures(account);
        Lock released = accounts.unlock(account).orElse(null);
        locksRead = null;
        if (released == null || !clock.instant().isBefore(released.until())) {
            if (released != null) {
                recordRelease(released);
            }
            return false;
        }
        record(by, null, ActivityLog.ACCOUNT_UNLOCK, account, "由 " + by + " 提前解除账户 " + account + " 的锁定（原定锁定至 "
                + TIME.format(released.until()) + "）");
        return true;
    }

    /** Releases the locks whose time is up (each recorded once in the cluster), and forgets what the window no longer counts. */
    void sweep() {
        Instant now = clock.instant();
        try {
            accounts.sweep(now, now.minus(window)).forEach(this::recordRelease);
            locksRead = null;
        } catch (RuntimeException e) {
            LOG.warn("Ended account locks not released now: {}", e.toString());
        }
        synchronized (addresses) {
            addresses.values().removeIf(a -> recent(a.failures, now).isEmpty() && !now.isBefore(a.waitUntil));
        }
    }

    /** An ended lock found before the sweep: released here, recorded by whichever node removed it. */
    private void released(Lock ended) {
        accounts.unlock(ended.user()).ifPresent(this::recordRelease);
    }

    private void recordRelease(Lock l) {
        record(l.user(), null, ActivityLog.ACCOUNT_UNLOCK, "锁定期满自动解除（锁定至 " + TIME.format(l.until()) + "）");
    }

    private Deque<Instant> recent(Deque<Instant> failures, Instant now) {
        Instant from = now.minus(window);
        while (!failures.isEmpty() && failures.peekFirst().isBefore(from)) {
            failures.pollFirst();
        }
        return failures;
    }

    /** The account as the database keeps it: a name too long for any real account by its SHA-256. */
    static String account(String user) {
        if (user.length() <= MAX_NAME) {
            return user;
        }
        try {
            return "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(user.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
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
