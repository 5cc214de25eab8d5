package org.lvyue.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lvyue.store.TestData.CONTRACT;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.engine.Evaluation;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.notify.Channel;
import org.lvyue.api.notify.NotificationKind;
import org.lvyue.api.notify.NotificationOutbox.Depth;
import org.lvyue.api.notify.OutboxMessage;
import org.lvyue.api.notify.Subscription;

/** The outbox's upkeep on H2 and PostgreSQL: its depth per channel for the metrics, and the purge of old messages. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StoreOutboxUpkeepTest extends StoreTest {
    private static final Instant WRITTEN = Instant.parse("2023-01-10T02:00:00Z");

    private void subscribe(Channel channel, String target) {
        store.addSubscription(new Subscription(0, CONTRACT, "bj-hrss", "值班", channel, target, null,
                Set.of(NotificationKind.FINDING), Severity.HIGH, null, null), "admin", "127.0.0.1");
    }

    /** One message per subscription and finding, written at {@link #WRITTEN}. */
    private void findings(int n) {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            findings.add(Finding.builder().contractId(CONTRACT).domain("inspection").obligation("insp.monthly")
                    .rule("巡检").clause("附件二 5").severity(Severity.HIGH)
                    .period(LocalDate.of(2022, 3, 1), LocalDate.of(2022, 3, 31), "2022-03").discriminator("d" + i)
                    .title("未按期巡检 " + i).detail("应巡检 1 次，实际 0 次").facts(List.of()).build());
        }
        store.reconcileFindings(new Evaluation(CONTRACT, LocalDate.of(2023, 1, 10), 1, List.of(), 0, findings, List.of(),
                Duration.ZERO), WRITTEN);
    }

    private List<OutboxMessage> due(Channel channel) {
        return store.due(channel, WRITTEN.plusSeconds(1), 1000);
    }

    private Set<Long> ids() throws SQLException {
        Set<Long> ids = new TreeSet<>();
        try (Connection c = jdbc(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM notify_outbox")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    @Test
    void the_depth_is_counted_per_channel_waiting_failing_and_given_up() {
        subscribe(Channel.EMAIL, "duty@example.cn");
        subscribe(Channel.WEBHOOK, "http://127.0.0.1:9/hook");
        findings(3);
        List<OutboxMessage> hooks = due(Channel.WEBHOOK);
        store.markSent(hooks.get(0).id(), WRITTEN.plusSeconds(2));
        store.markFailed(hooks.get(1).id(), "HTTP 500", WRITTEN.plusSeconds(60));
        store.markFailed(hooks.get(2).id(), "HTTP 500", null);

        assertEquals(Map.of(Channel.EMAIL, new Depth(3, 0, 0), Channel.WEBHOOK, new Depth(1, 1, 1)), store.depths());
        assertEquals(new Depth(4, 1, 1), store.depth(), "the channels add up to the whole");
    }

    @Test
    void sent_messages_older_than_the_age_go_in_batches_the_oldest_first_and_nothing_unsent_goes() throws SQLException {
        subscribe(Channel.EMAIL, "duty@example.cn");
        subscribe(Channel.WEBHOOK, "http://127.0.0.1:9/hook");
        findings(5);
        List<OutboxMessage> mail = due(Channel.EMAIL);
        List<OutboxMessage> hooks = due(Channel.WEBHOOK);
        Instant day = Instant.parse("2023-01-11T00:00:00Z");
        for (int i = 0; i < 5; i++) {
            store.markSent(mail.get(i).id(), day.plus(Duration.ofDays(i)));
        }
        store.markFailed(hooks.get(0).id(), "HTTP 500", null); // given up, written at WRITTEN
        store.markFailed(hooks.get(1).id(), "HTTP 500", WRITTEN.plusSeconds(60)); // still being tried
        Set<Long> all = ids();

        // sent before the 4th day: the first three mails, two per batch
        Instant sentBefore = day.plus(Duration.ofDays(3));
        Instant givenUpBefore = WRITTEN; // the given-up message is not older than that
        assertEquals(2, store.purge(sentBefore, givenUpBefore, 2));
        Set<Long> left = new TreeSet<>(all);
        left.remove(mail.get(0).id());
        left.remove(mail.get(1).id());
        assertEquals(left, ids(), "the oldest two went first");
        assertEquals(1, store.purge(sentBefore, givenUpBefore, 2), "fewer than a batch: nothing more to do now");
        assertEquals(0, store.purge(sentBefore, givenUpBefore, 2));
        left.remove(mail.get(2).id());
        assertEquals(left, ids());

        // a given-up message goes at the same age; the ones still waiting stay whatever their age
        assertEquals(1, store.purge(sentBefore, WRITTEN.plusSeconds(1), 10));
        left.remove(hooks.get(0).id());
        assertEquals(left, ids());
        assertEquals(2, store.purge(Instant.parse("2100-01-01T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z"), 10));
        assertEquals(Map.of(Channel.WEBHOOK, new Depth(4, 1, 0)), store.depths(), "every message still tried is still there");
        assertEquals(4, ids().size());
    }
}
