package org.lvyue.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.lvyue.api.calendar.WorkingCalendar;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.finding.FindingQuery;
import org.lvyue.api.finding.FindingRecord;
import org.lvyue.api.notify.NotificationKind;
import org.lvyue.api.notify.NotificationOutbox;
import org.lvyue.api.notify.NotificationSubscriptions;
import org.lvyue.api.notify.Notice;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.spi.AssessmentInputs;
import org.lvyue.api.spi.DomainCatalogue;
import org.lvyue.api.store.ComplianceStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What is told when only the clock passes, checked on one thread of its own ({@code lvyue-notify-clock}) every
 * {@code clockCheckSeconds}, by one node at a time (the lease {@value #TASK} in the store):
 * <ul>
 * <li>support requests whose warning or breach point passed while no fact arrived: a contract with a request of the
 * past two days is evaluated again (on the re-evaluator's thread, as a rule change would have it), and the
 * reconciliation writes the warning or breach as it does after a batch, with the same message id whichever
 * evaluation opened it, so it is sent once;</li>
 * <li>deadlines coming due ({@link DeadlineNotices}), once per deadline, day and lead;</li>
 * <li>the daily digest ({@link DailyDigest}) from {@code digestTime}, once per contract and day.</li>
 * </ul>
 * The outbox writes each notice once per recipient (its id is stable), so a restart, or a second node that took the
 * lease over, tells nothing twice.
 */
@Component(service = NotifyTimer.class, immediate = true, configurationPid = NotifyTimer.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class NotifyTimer {
    /** The notifications' configuration, shared with the sending bundle. */
    static final String PID = "org.lvyue.notify";
    /** The lease's name in the store. */
    static final String TASK = "notify-clock";
    private static final Logger LOG = LoggerFactory.getLogger(NotifyTimer.class);

    /**
     * What one check did.
     *
     * @param held        whether this node held the lease (and so did the rest)
     * @param reevaluated the contracts asked to be evaluated again for their support clock
     * @param deadlines   deadline messages written
     * @param digests     digest messages written
     */
    record Check(boolean held, List<String> reevaluated, int deadlines, int digests) {
    }

    private final ComplianceStore store;
    private final NotificationOutbox outbox;
    private final NotificationSubscriptions subscriptions;
    private final ComplianceEngine engine;
    private final Contracts contracts;
    private final Reevaluator reevaluator;
    private final BusinessClock days;
    private final org.lvyue.api.service.Dashboards dashboards;
    private final DeadlineNotices deadlineNotices;
    private final Duration period;
    private final Duration deadlineLook;
    private final LocalTime digestTime;
    private final ZoneId digestZone;
    private final String node;
    /** Per contract, when its deadlines were last looked at. */
    private final Map<String, Instant> deadlinesLooked = new ConcurrentHashMap<>();
    /** Per contract, the day of its last digest written (or found written). */
    private final Map<String, LocalDate> digested = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private volatile String lastFailure;

    @Activate
    public NotifyTimer(@Reference ComplianceStore store, @Reference NotificationOutbox outbox,
                       @Reference NotificationSubscriptions subscriptions, @Reference ComplianceEngine engine,
                       @Reference Contracts contracts, @Reference Reevaluator reevaluator, @Reference BusinessClock days,
                       @Reference org.lvyue.api.service.Dashboards dashboards, NotifyTimerConfig config) {
        this(store, outbox, subscriptions, engine, contracts, reevaluator, days, dashboards, config, nodeName(), true);
    }

    /** @param schedule false: nothing runs until {@link #check()} is called (tests) */
    NotifyTimer(ComplianceStore store, NotificationOutbox outbox, NotificationSubscriptions subscriptions,
                ComplianceEngine engine, Contracts contracts,
                Reevaluator reevaluator, BusinessClock days, org.lvyue.api.service.Dashboards dashboards,
                NotifyTimerConfig config, String node, boolean schedule) {
        this.store = store;
        this.outbox = outbox;
        this.subscriptions = subscriptions;
        this.engine = engine;
        this.contracts = contracts;
        this.reevaluator = reevaluator;
        this.days = days;
        this.dashboards = dashboards;
        this.node = node;
        this.deadlineNotices = new DeadlineNotices(WorkingCalendar.china(),
                DeadlineNotices.Leads.parse(config.deadlineLeadWorkingDays(), config.deadlineLeads()));
        this.period = Duration.ofSeconds(Math.max(0, config.clockCheckSeconds()));
        this.deadlineLook = Duration.ofMinutes(Math.max(1, config.deadlineCheckMinutes()));
        try {
            this.digestTime = LocalTime.parse(config.digestTime().trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("digestTime 应为 HH:mm 格式的时间：'" + config.digestTime()
                    + "' (digestTime is a local time, HH:mm)", e);
        }
        this.digestZone = ZoneId.of(config.digestZone().trim());
        if (!schedule || period.isZero()) {
            this.scheduler = null;
            if (schedule) {
                LOG.info("通知时钟已关闭 (clockCheckSeconds = 0): deadlines, digests and support warnings wait for an evaluation");
            }
            return;
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lvyue-notify-clock");
            t.setDaemon(true);
            return t;
        });
        // a second past each step: the support clock of an evaluation counts whole minutes
        long periodMillis = period.toMillis();
        long now = days.clock().millis();
        long first = periodMillis - now % periodMillis + 1000;
        scheduler.scheduleAtFixedRate(this::checkQuietly, first, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(15, TimeUnit.SECONDS)) {
                LOG.warn("通知时钟未在 15 秒内停止 (the notifications' clock did not stop within 15 s)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkQuietly() {
        try {
            check();
            lastFailure = null;
        } catch (RuntimeException e) {
            // the store unreachable, a contract being replaced: the next step tries again; said once, not every minute
            String why = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!why.equals(lastFailure)) {
                LOG.warn("通知时钟检查失败，下次重试 (the notifications' clock check failed, retrying at the next step): {}", why);
            }
            lastFailure = why;
        }
    }

    /** One check: takes or keeps the lease, then looks at each contract the engine holds. */
    Check check() {
        Clock clock = days.clock();
        Instant now = clock.instant();
        Duration lease = period.isZero() ? Duration.ofMinutes(3) : period.multipliedBy(3).plusSeconds(30);
        if (!outbox.lease(TASK, node, now, now.plus(lease))) {
            return new Check(false, List.of(), 0, 0);
        }
        if (!engine.preparing().isEmpty()) {
            return new Check(true, List.of(), 0, 0); // the rule set the node starts on is not complete yet
        }
        LocalDate today = days.today();
        List<String> reevaluated = new ArrayList<>();
        int deadlines = 0;
        int digests = 0;
        List<String> failed = new ArrayList<>();
        RuntimeException firstFailure = null;
        for (Contract c : contracts.contracts()) {
            if (!engine.isLoaded(c.id())) {
                continue;
            }
            // one contract that cannot be looked at (being replaced, its evaluation failing) holds up no other
            try {
                List<DomainCatalogue> catalogues = engine.catalogues(c);
                if (!days.fixedDay() && requestsRecently(c.id(), catalogues, today)) {
                    reevaluator.request(c.id());
                    reevaluated.add(c.id());
                }
                AtomicReference<List<FindingRecord>> findings = new AtomicReference<>();
                // nothing is computed for a contract nobody asked to be told of its deadlines or digest
                Set<NotificationKind> wanted = EnumSet.noneOf(NotificationKind.class);
                subscriptions.subscriptions(c.id()).forEach(sub -> wanted.addAll(sub.kinds()));
                Instant looked = deadlinesLooked.get(c.id());
                boolean lookAgain = looked == null || !now.isBefore(looked.plus(deadlineLook))
                        || !LocalDate.ofInstant(looked, clock.getZone()).equals(LocalDate.ofInstant(now, clock.getZone()));
                if (wanted.contains(NotificationKind.DEADLINE) && lookAgain) {
                    deadlines += deadlines(c, today, catalogues, findings);
                    deadlinesLooked.put(c.id(), now);
                }
                if (wanted.contains(NotificationKind.DIGEST) && !today.equals(digested.get(c.id())) && !now.atZone(digestZone).toLocalTime().isBefore(digestTime)) {
                    digests += digest(c, today, now, findings);
                    digested.put(c.id(), today);
                }
            } catch (RuntimeException e) {
                failed.add(c.id() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
                firstFailure = firstFailure == null ? e : firstFailure;
            }
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException("合同未能检查 (contracts not checked) " + failed, firstFailure);
        }
        return new Check(true, reevaluated, deadlines, digests);
    }

    /**
     * Whether a request with response targets (as a catalogue declares them) was made today or yesterday: its
     * warning and breach points are the clock's, and the longest target is hours, not days.
     */
    private boolean requestsRecently(String contractId, List<DomainCatalogue> catalogues, LocalDate today) {
        Set<String> kinds = new HashSet<>();
        for (DomainCatalogue cat : catalogues) {
            AssessmentInputs.Requests r = cat.assessment().requests();
            if (r != null && r.kind() != null) {
                kinds.add(r.kind());
            }
        }
        for (String kind : kinds) {
            if (!store.facts(contractId, kind, today.minusDays(1), today).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private int deadlines(Contract c, LocalDate today, List<DomainCatalogue> catalogues,
                          AtomicReference<List<FindingRecord>> findings) {
        AtomicReference<Map<String, List<Fact>>> byKind = new AtomicReference<>();
        List<Notice> due = deadlineNotices.due(c, today, catalogues, findings(c.id(), today, findings),
                kind -> byKind.updateAndGet(read -> read != null ? read : DashboardBuilder.byKind(store.facts(c.id())))
                        .getOrDefault(kind, List.of()));
        int written = 0;
        for (Notice n : due) {
            written += outbox.writeNotice(n, days.clock().instant());
        }
        return written;
    }

    private int digest(Contract c, LocalDate today, Instant now, AtomicReference<List<FindingRecord>> findings) {
        Instant since = now.minus(Duration.ofDays(1));
        var evaluation = engine.evaluate(c.id(), today, days.evaluationClock(today));
        Notice n = DailyDigest.of(c, today, dashboards.dashboard(c.id(), today), findings(c.id(), today, findings), since,
                Set.copyOf(outbox.ledgerKeysSince(c.id(), since)), evaluation.ledger());
        return outbox.writeNotice(n, days.clock().instant());
    }

    private List<FindingRecord> findings(String contractId, LocalDate today, AtomicReference<List<FindingRecord>> read) {
        return read.updateAndGet(f -> f != null ? f : store.findings(contractId, FindingQuery.all(), today));
    }

    /** Unique per process, and telling the operator which process holds the lease. */
    private static String nodeName() {
        String host = System.getenv("HOSTNAME");
        return (host == null || host.isBlank() ? "node" : host) + "/" + ProcessHandle.current().pid() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
