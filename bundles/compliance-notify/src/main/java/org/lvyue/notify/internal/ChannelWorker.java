package org.lvyue.notify.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.lvyue.api.notify.Channel;
import org.lvyue.api.notify.NotificationOutbox;
import org.lvyue.api.notify.OutboxMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Sends one channel's messages from the outbox, on a thread of its own, each taken first for a lease ({@link
 * NotificationOutbox#claim}) so that of several nodes on one database only one sends it, so that a channel whose server is down holds
 * up no other channel (and never the engine, which only writes the outbox). Each message is sent, then marked sent:
 * a crash between the two sends it once more on restart, with the same id. A failure is counted and the message
 * tried again after {@link Backoff}; the other messages to the same recipient wait with it in that round, so one dead
 * webhook does not spend every round on its time-outs.
 */
final class ChannelWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelWorker.class);
    /** The diagnostic context's key of the contract (as the intake's {@code Intake.CONTRACT_MDC}). */
    static final String CONTRACT_MDC = "contract";

    /** Called after a message was sent and before it is marked: where a crash would leave a duplicate (tests). */
    @FunctionalInterface
    interface AfterSend {
        AfterSend NONE = m -> { };

        void sent(OutboxMessage m);
    }

    private final Channel channel;
    private final NotificationOutbox outbox;
    private final Sender sender;
    private final MessageText text;
    private final Backoff backoff;
    private final Clock clock;
    private final Duration poll;
    private final Duration lease;
    private final int batch;
    private final AfterSend afterSend;
    private final Object wake = new Object();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running = true;
    private volatile Thread thread;

    ChannelWorker(Channel channel, NotificationOutbox outbox, Sender sender, MessageText text, Backoff backoff, Clock clock,
                  Duration poll, Duration lease, int batch, AfterSend afterSend) {
        this.channel = channel;
        this.outbox = outbox;
        this.sender = sender;
        this.text = text;
        this.backoff = backoff;
        this.clock = clock;
        this.poll = poll;
        this.lease = lease;
        this.batch = batch;
        this.afterSend = afterSend;
    }

    /** Starts the worker's thread ({@code lvyue-notify-<channel>}). */
    ChannelWorker start() {
        Thread t = new Thread(this, "lvyue-notify-" + channel.name().toLowerCase(java.util.Locale.ROOT));
        t.setDaemon(true);
        thread = t;
        t.start();
        return this;
    }

    /** Stops after the message being sent, waiting at most {@code bound} for it. */
    void stop(Duration bound) {
        running = false;
        Thread t = thread;
        if (t == null) {
            return;
        }
        synchronized (wake) {
            wake.notifyAll();
        }
        try {
            t.join(bound.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            t.interrupt();
        }
    }

    /** Looks at the outbox now instead of at the next poll. */
    void wake() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    long sent() {
        return sent.get();
    }

    long failed() {
        return failed.get();
    }

    @Override
    public void run() {
        while (running) {
            int done;
            try {
                done = round();
            } catch (RuntimeException e) {
                // the store is unreachable: the messages wait in it, nothing is lost
                LOG.warn("通知渠道 {} 读取发件箱失败，稍后重试 (reading the outbox failed, retrying): {}", channel, e.getMessage());
                done = 0;
            }
            if (done < batch && running) {
                synchronized (wake) {
                    try {
                        wake.wait(Math.max(1, poll.toMillis()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** Sends the messages due now; returns how many it took from the outbox. */
    int round() {
        List<OutboxMessage> due = outbox.due(channel, clock.instant(), batch);
        Map<String, Instant> failing = new HashMap<>();
        for (OutboxMessage m : due) {
            if (!running) {
                break;
            }
            Instant putOff = failing.get(m.target());
            if (putOff != null) {
                outbox.postpone(m.id(), putOff);
                continue;
            }
            if (!outbox.claim(m.id(), m.nextAttemptAt(), clock.instant().plus(lease))) {
                continue; // another node took it
            }
            // the lines about this message (and the senders' own) carry its contract, as the intake's do
            try (MDC.MDCCloseable mdc = MDC.putCloseable(CONTRACT_MDC, m.contract())) {
                if (!deliver(m, failing)) {
                    break;
                }
            }
        }
        return due.size();
    }

    /** Sends one claimed message and marks it; false when the worker was stopped meanwhile. */
    private boolean deliver(OutboxMessage m, Map<String, Instant> failing) {
        try {
            sender.send(m, text.render(m));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        } catch (Exception e) {
            failed.incrementAndGet();
            Instant now = clock.instant();
            Instant retry = backoff.retryAt(m.attempts() + 1, now);
            String why = e.getClass().getSimpleName() + ": " + e.getMessage();
            outbox.markFailed(m.id(), why, retry);
            failing.put(m.target(), retry != null ? retry : now.plus(backoff.first()));
            if (retry == null) {
                LOG.warn("通知 {} 经 {} 次尝试仍未送达 {}，不再重试 (given up): {}", m.messageId(), m.attempts() + 1,
                        m.target(), why);
            } else {
                LOG.warn("通知 {} 送达 {} 失败，{} 重试 (failed, retrying): {}", m.messageId(), m.target(), retry, why);
            }
            return true;
        }
        afterSend.sent(m);
        outbox.markSent(m.id(), clock.instant());
        sent.incrementAndGet();
        return true;
    }
}
