package org.lvyue.notify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.lvyue.notify.internal.NotificationDeliveryTest.CONTRACT;
import static org.lvyue.notify.internal.NotificationDeliveryTest.finding;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.metrics.Figure;
import org.lvyue.api.notify.Channel;
import org.lvyue.api.notify.NotificationKind;
import org.lvyue.api.notify.Subscription;
import org.lvyue.store.JdbcStore;

/**
 * The outbox's figures for the metrics and its purge, against a real store (H2 files) and a real HTTP receiver: failed
 * attempts and given-up messages counted per channel, and old messages deleted in batches while waiting ones stay.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OutboxFiguresTest {
    @TempDir
    Path dir;
    JdbcStore store;
    Receivers http;
    final OutboxFigures figures = new OutboxFigures();
    final List<ChannelWorker> workers = new ArrayList<>();
    final MessageText text = new MessageText("https://lvyue.example.cn/");

    @BeforeEach
    void start() throws Exception {
        store = new JdbcStore("jdbc:h2:file:" + dir.resolve("lvyue").toAbsolutePath());
        http = new Receivers();
    }

    @AfterEach
    void stop() throws Exception {
        workers.forEach(w -> w.stop(Duration.ofSeconds(5)));
        http.close();
        store.close();
    }

    void worker(Channel channel, Backoff backoff) {
        Sender sender = new CountingSender(channel, new WebhookSender(Duration.ofSeconds(1), new WebhookBodies(),
                Clock.systemUTC()), figures);
        workers.add(new ChannelWorker(channel, store, sender, text, backoff, Clock.systemUTC(), Duration.ofMillis(50),
                Duration.ofSeconds(5), 50, ChannelWorker.AfterSend.NONE).start());
    }

    void subscribe(Channel channel, String target) {
        store.addSubscription(new Subscription(0, CONTRACT, "bj-hrss", "值班", channel, target, null,
                Set.of(NotificationKind.FINDING), Severity.HIGH, null, null), "admin", "127.0.0.1");
    }

    void record(Finding... findings) {
        store.reconcileFindings(new Evaluation(CONTRACT, LocalDate.of(2023, 2, 28), 1, List.of(), 0, List.of(findings),
                List.of(), Duration.ZERO), Instant.now());
    }

    /** The value of the family's sample for the channel (lower case), or null when there is none. */
    Double value(String family, String channel) {
        for (Figure f : figures.figures()) {
            if (f.name().equals(family) && (channel == null ? f.labels().isEmpty() : channel.equals(f.labels().get("channel")))) {
                return f.value();
            }
        }
        return null;
    }

    static void await(String what, BooleanSupplier done) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void a_failed_delivery_is_counted_and_its_message_shows_as_retrying_of_its_channel_and_a_given_up_one_as_dead()
            throws Exception {
        subscribe(Channel.WEBHOOK, http.url("/hook"));
        subscribe(Channel.WECOM, Receivers.refused());
        http.failFirst("/hook", 1);
        worker(Channel.WEBHOOK, new Backoff(Duration.ofHours(1), Duration.ofHours(1), 12));
        worker(Channel.WECOM, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1));
        assertEquals(null, value("lvyue_outbox_pending_messages", "webhook"), "no depth before it was read");
        new OutboxUpkeep(store, figures, Clock.systemUTC(), Duration.ofDays(90), 500).readDepth();
        assertEquals(0.0, value("lvyue_outbox_pending_messages", "webhook"));

        record(finding("A", Severity.HIGH));
        await("a failed attempt on each channel", () -> value("lvyue_notification_failures", "webhook") == 1
                && value("lvyue_notification_failures", "wecom") == 1 && store.depth().givenUp() == 1);
        new OutboxUpkeep(store, figures, Clock.systemUTC(), Duration.ofDays(90), 500).readDepth();

        assertEquals(1.0, value("lvyue_outbox_pending_messages", "webhook"));
        assertEquals(1.0, value("lvyue_outbox_retrying_messages", "webhook"), "waiting for its retry in an hour");
        assertEquals(0.0, value("lvyue_outbox_dead_messages", "webhook"));
        assertEquals(0.0, value("lvyue_outbox_pending_messages", "wecom"));
        assertEquals(1.0, value("lvyue_outbox_dead_messages", "wecom"), "given up after its one attempt allowed");
        assertEquals(0.0, value("lvyue_notifications_sent", "webhook"));
        assertEquals(0.0, value("lvyue_outbox_pending_messages", "email"), "every channel has its samples");
        assertEquals(0.0, value("lvyue_notification_failures", "email"));
    }

    @Test
    void the_upkeep_purges_what_was_sent_longer_ago_than_the_age_in_batches_and_keeps_what_waits() throws Exception {
        subscribe(Channel.WEBHOOK, http.url("/hook"));
        worker(Channel.WEBHOOK, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 3));
        record(finding("A", Severity.HIGH), finding("B", Severity.HIGH), finding("C", Severity.CRITICAL));
        for (int i = 0; i < 3; i++) {
            assertNotNull(http.next("/hook", 20));
        }
        await("the three marked sent", () -> store.depth().waiting() == 0);
        assertEquals(3.0, value("lvyue_notifications_sent", "webhook"));
        workers.forEach(w -> w.stop(Duration.ofSeconds(5)));
        record(finding("D", Severity.HIGH)); // no worker: it waits

        Clock now = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        assertEquals(0, new OutboxUpkeep(store, figures, now, Duration.ofDays(90), 2).purge(), "all younger than 90 days");
        Clock later = Clock.offset(now, Duration.ofDays(91));
        OutboxUpkeep upkeep = new OutboxUpkeep(store, figures, later, Duration.ofDays(90), 2);
        assertEquals(3, upkeep.purge(), "two batches: 2, then 1");
        assertEquals(3.0, value("lvyue_outbox_purged_messages", null));
        assertEquals(1, store.messages(CONTRACT, 10).size(), "the waiting message stays");
        upkeep.readDepth();
        assertEquals(1.0, value("lvyue_outbox_pending_messages", "webhook"));
        assertEquals(0, new OutboxUpkeep(store, figures, later, Duration.ZERO, 2).purge(), "0 days: kept for ever");
    }
}
