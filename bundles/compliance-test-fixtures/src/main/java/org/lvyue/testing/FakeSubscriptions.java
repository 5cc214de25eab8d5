package org.lvyue.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.lvyue.api.notify.NotificationSubscriptions;
import org.lvyue.api.notify.Subscription;

/** Notification subscriptions in memory, numbered from 1; each change as "actor action contract#id" in {@link #changes}. */
public class FakeSubscriptions implements NotificationSubscriptions {
    public final List<Subscription> subscriptions = new ArrayList<>();
    public final List<String> changes = new ArrayList<>();
    public Instant now = Instant.parse("2023-03-01T02:00:00Z");
    private long next = 1;

    @Override
    public List<Subscription> subscriptions(String contract) {
        return subscriptions.stream().filter(s -> s.contract().equals(contract)).toList();
    }

    @Override
    public Optional<Subscription> subscription(String contract, long id) {
        return subscriptions(contract).stream().filter(s -> s.id() == id).findFirst();
    }

    @Override
    public Subscription addSubscription(Subscription s, String actor, String address) {
        Subscription added = new Subscription(next++, s.contract(), s.party(), s.name(), s.channel(), s.target(), s.secret(),
                s.kinds(), s.minSeverity(), actor, now);
        subscriptions.add(added);
        changes.add(actor + " " + SUBSCRIPTION_ADD + " " + s.contract() + "#" + added.id());
        return added;
    }

    @Override
    public boolean removeSubscription(String contract, long id, String actor, String address) {
        boolean removed = subscriptions.removeIf(s -> s.contract().equals(contract) && s.id() == id);
        if (removed) {
            changes.add(actor + " " + SUBSCRIPTION_REMOVE + " " + contract + "#" + id);
        }
        return removed;
    }
}
