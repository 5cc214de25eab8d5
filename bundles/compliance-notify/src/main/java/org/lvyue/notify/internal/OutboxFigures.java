package org.lvyue.notify.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.lvyue.api.metrics.Figure;
import org.lvyue.api.metrics.Figures;
import org.lvyue.api.notify.Channel;
import org.lvyue.api.notify.NotificationOutbox;
import org.osgi.service.component.annotations.Component;

/**
 * The outbox's figures for {@code /metrics}: per channel, the messages waiting, retrying and given up (the outbox's
 * depth as last read by {@link OutboxUpkeep}, a scrape reads no database), and the attempts sent and failed and the
 * messages purged since the start (counted by {@link CountingSender} and the upkeep). A component of its own, so its
 * counts outlive a change of the notifications' configuration, which restarts the workers.
 */
@Component(service = {Figures.class, OutboxFigures.class})
public final class OutboxFigures implements Figures {
    private final Map<Channel, AtomicLong> sent = counters();
    private final Map<Channel, AtomicLong> failed = counters();
    private final AtomicLong purged = new AtomicLong();
    private volatile Map<Channel, NotificationOutbox.Depth> depths;

    private static Map<Channel, AtomicLong> counters() {
        Map<Channel, AtomicLong> m = new EnumMap<>(Channel.class);
        for (Channel c : Channel.values()) {
            m.put(c, new AtomicLong());
        }
        return m;
    }

    void sent(Channel channel) {
        sent.get(channel).incrementAndGet();
    }

    void failed(Channel channel) {
        failed.get(channel).incrementAndGet();
    }

    void purged(int messages) {
        purged.addAndGet(messages);
    }

    /** The outbox's depth per channel as just read (a channel absent has nothing unsent). */
    void depths(Map<Channel, NotificationOutbox.Depth> now) {
        depths = Map.copyOf(now);
    }

    @Override
    public List<Figure> figures() {
        List<Figure> out = new ArrayList<>();
        Map<Channel, NotificationOutbox.Depth> d = depths;
        NotificationOutbox.Depth none = new NotificationOutbox.Depth(0, 0, 0);
        for (Channel c : Channel.values()) {
            Map<String, String> label = Map.of("channel", c.name().toLowerCase(Locale.ROOT));
            if (d != null) {
                NotificationOutbox.Depth depth = d.getOrDefault(c, none);
                out.add(Figure.gauge("lvyue_outbox_pending_messages", "Notifications in the outbox not yet sent and still"
                        + " being tried", label, depth.waiting()));
                out.add(Figure.gauge("lvyue_outbox_retrying_messages", "Of the pending notifications, those whose last"
                        + " attempt failed", label, depth.failing()));
                out.add(Figure.gauge("lvyue_outbox_dead_messages", "Notifications given up after the last attempt allowed,"
                        + " kept in the outbox until purged", label, depth.givenUp()));
            }
            out.add(Figure.counter("lvyue_notifications_sent", "Notifications the receiver accepted", label, sent.get(c).get()));
            out.add(Figure.counter("lvyue_notification_failures", "Attempts to send a notification that failed (each retry"
                    + " counts)", label, failed.get(c).get()));
        }
        out.add(Figure.counter("lvyue_outbox_purged_messages", "Sent or given-up notifications deleted from the outbox"
                + " after the configured age", Map.of(), purged.get()));
        return out;
    }
}
