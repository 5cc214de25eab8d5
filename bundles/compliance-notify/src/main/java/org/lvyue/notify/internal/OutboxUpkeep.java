package org.lvyue.notify.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.lvyue.api.notify.NotificationOutbox;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the outbox in shape, on one thread of its own ({@code lvyue-notify-upkeep}), whether sending is enabled or
 * not: reads its depth per channel every few seconds for the metrics ({@link OutboxFigures}), and once an hour deletes
 * the messages sent longer ago than {@code purgeAfterDays} (and those given up as long ago), in small batches, each its
 * own transaction, so the engine's writes to the outbox never wait long behind a purge. Configured by
 * {@code etc/org.lvyue.notify.cfg}, beside the workers.
 */
@Component(service = {}, immediate = true, configurationPid = Notifier.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class OutboxUpkeep {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxUpkeep.class);
    static final Duration DEPTH_EVERY = Duration.ofSeconds(5);
    static final Duration PURGE_EVERY = Duration.ofHours(1);

    /** The upkeep's part of {@code org.lvyue.notify} (the rest is {@link Notifier.Config}). */
    public @interface Config {
        /** Sent messages (and given-up ones) older than this many days are deleted; 0 keeps them all. */
        int purgeAfterDays() default 90;

        /** Messages deleted per transaction. */
        int purgeBatch() default 500;
    }

    private final NotificationOutbox outbox;
    private final OutboxFigures figures;
    private final Clock clock;
    private final Duration age;
    private final int batch;
    private final ScheduledExecutorService thread;

    @Activate
    public OutboxUpkeep(@Reference NotificationOutbox outbox, @Reference OutboxFigures figures, Config config) {
        this(outbox, figures, Clock.systemUTC(), Duration.ofDays(Math.max(0, config.purgeAfterDays())), config.purgeBatch());
        thread.scheduleWithFixedDelay(this::readDepth, 0, DEPTH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        if (!age.isZero()) {
            thread.scheduleWithFixedDelay(this::purge, 1, PURGE_EVERY.toMinutes(), TimeUnit.MINUTES);
        }
    }

    OutboxUpkeep(NotificationOutbox outbox, OutboxFigures figures, Clock clock, Duration age, int batch) {
        this.outbox = outbox;
        this.figures = figures;
        this.clock = clock;
        this.age = age;
        this.batch = Math.max(1, batch);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lvyue-notify-upkeep");
            t.setDaemon(true);
            return t;
        });
    }

    @Deactivate
    void stop() {
        thread.shutdownNow();
    }

    /** Reads the outbox's depth per channel into the figures. */
    void readDepth() {
        try {
            figures.depths(outbox.depths());
        } catch (RuntimeException e) {
            // the store is unreachable: the workers say so; the metrics keep the last depth read
            LOG.debug("reading the outbox's depth failed", e);
        }
    }

    /** Deletes what is older than the age, batch after batch until a batch comes back short; returns how many. */
    int purge() {
        if (age.isZero()) {
            return 0;
        }
        Instant before = clock.instant().minus(age);
        int total = 0;
        try {
            int n;
            do {
                n = outbox.purge(before, before, batch);
                total += n;
                figures.purged(n);
            } while (n >= batch && !Thread.currentThread().isInterrupted());
        } catch (RuntimeException e) {
            LOG.warn("清理通知发件箱失败，一小时后重试 (purging the outbox failed, retrying in an hour): {}", e.getMessage());
        }
        if (total > 0) {
            LOG.info("通知发件箱：删除了 {} 条 {} 天前已发送或已放弃的通知 (purged {} messages older than {} days)", total,
                    age.toDays(), total, age.toDays());
        }
        return total;
    }
}
